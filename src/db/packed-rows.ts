// Rows held until they are written, packed as UTF-8 JSON lines in ~1 MiB buffers: a fraction of
// the memory of one object per row, and nothing for the garbage collector to trace.

/** Characters of text gathered before they are encoded into one buffer. */
const CHUNK_CHARS = 1 << 20;
const NEWLINE = 10;

/** An append-only list of fixed-shape rows (tuples), read back in batches in insertion order. */
export class PackedRows<R extends readonly unknown[]> {
  private readonly sealed: Buffer[] = [];
  private pending: string[] = [];
  private pendingChars = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(row: R): void {
    const line = JSON.stringify(row);
    this.pending.push(line);
    this.pendingChars += line.length + 1;
    this.count++;
    if (this.pendingChars >= CHUNK_CHARS) this.seal();
  }

  /** The rows in order, `size` at a time (JSON escapes newlines: a raw one ends a row). */
  *batches(size: number): Generator<R[], void, undefined> {
    if (!(size >= 1)) throw new RangeError('batch size must be at least 1');
    this.seal();
    let batch: R[] = [];
    for (const buf of this.sealed) {
      for (let from = 0; from < buf.length;) {
        const to = buf.indexOf(NEWLINE, from);
        batch.push(JSON.parse(buf.toString('utf8', from, to)) as R);
        from = to + 1;
        if (batch.length === size) {
          yield batch;
          batch = [];
        }
      }
    }
    if (batch.length > 0) yield batch;
  }

  /** Encodes the gathered lines into one buffer. */
  private seal(): void {
    if (this.pending.length === 0) return;
    this.sealed.push(Buffer.from(`${this.pending.join('\n')}\n`, 'utf8'));
    this.pending = [];
    this.pendingChars = 0;
  }
}
