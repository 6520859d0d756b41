// Rows held until they are written, packed as UTF-8 JSON lines in 1 MiB buffers: a fraction of
// the memory of one object per row, and nothing for the garbage collector to trace.

const CHUNK = 1 << 20;
const NEWLINE = 10;

/** An append-only list of fixed-shape rows (tuples), read back in batches in insertion order. */
export class PackedRows<R extends readonly unknown[]> {
  private readonly sealed: Buffer[] = [];
  private current: Buffer | null = null;
  private used = 0;
  private count = 0;

  get length(): number {
    return this.count;
  }

  push(row: R): void {
    const line = `${JSON.stringify(row)}\n`;
    const bytes = Buffer.byteLength(line);
    if (this.current === null || bytes > this.current.length - this.used) {
      this.seal();
      this.current = Buffer.allocUnsafe(Math.max(CHUNK, bytes));
    }
    this.used += this.current.write(line, this.used);
    this.count++;
  }

  /** The rows in order, `size` at a time (JSON escapes newlines: a raw one ends a row). */
  *batches(size: number): Generator<R[], void, undefined> {
    if (!(size >= 1)) throw new RangeError('batch size must be at least 1');
    let batch: R[] = [];
    for (const buf of this.buffers()) {
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

  private *buffers(): Generator<Buffer> {
    yield* this.sealed;
    if (this.current !== null) yield this.current.subarray(0, this.used);
  }

  private seal(): void {
    // the unused tail kept with it is shorter than the row that did not fit
    if (this.current !== null && this.used > 0)
      this.sealed.push(this.current.subarray(0, this.used));
    this.current = null;
    this.used = 0;
  }
}
