// Incremental reader of `{"status":..., "<key>": [ item, item, ... ], ...}`: yields the items of
// one top-level array as they arrive, holding only the current item's text, never the body.

const QUOTE = 34;
const BACKSLASH = 92;
const COMMA = 44;
const COLON = 58;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

export class JsonStreamError extends Error {}

/**
 * Push text chunks in, get completed array items out. Other top-level values (status, count,
 * message) are parsed whole into `extras`. Items and values go through `parse` (JSON.parse with
 * a reviver, typically). `end()` checks that the document was complete.
 */
export class JsonArrayScanner {
  readonly extras: Record<string, unknown> = {};
  seenArray = false;
  private buf = '';
  private i = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private expectKey = false;
  private awaitValue = false;
  private awaitItem = false;
  private inTarget = false;
  private key: string | null = null;
  private start = -1; // start in buf of the key, top-level value or item being read
  private finished = false;

  constructor(
    private readonly target: string,
    private readonly parse: (text: string) => unknown = JSON.parse,
  ) {}

  /** Scans `chunk`; returns the items completed by it, in order. */
  push(chunk: string): unknown[] {
    this.buf += chunk;
    const out: unknown[] = [];
    for (; this.i < this.buf.length; this.i++) {
      const c = this.buf.charCodeAt(this.i);
      if (this.inString) this.stringChar(c);
      else this.structuralChar(c, out);
    }
    const keepFrom = this.start >= 0 ? this.start : this.i;
    this.buf = this.buf.slice(keepFrom);
    this.i -= keepFrom;
    if (this.start >= 0) this.start = 0;
    return out;
  }

  /** Characters held for the item or value not yet complete (the memory this reader uses). */
  get buffered(): number {
    return this.buf.length;
  }

  end(): void {
    if (!this.finished) throw new JsonStreamError('the JSON document ended early');
  }

  private stringChar(c: number): void {
    if (this.escaped) this.escaped = false;
    else if (c === BACKSLASH) this.escaped = true;
    else if (c === QUOTE) {
      this.inString = false;
      if (this.depth === 1 && this.expectKey) {
        this.key = String(this.parse(this.buf.slice(this.start, this.i + 1)));
        this.start = -1;
        this.expectKey = false;
      }
    }
  }

  private structuralChar(c: number, out: unknown[]): void {
    if (isSpace(c)) return;
    if (this.finished) throw new JsonStreamError('text after the end of the JSON document');
    if (this.depth === 0) {
      if (c !== OPEN_OBJECT) throw new JsonStreamError('the answer is not a JSON object');
      this.depth = 1;
      this.expectKey = true;
      return;
    }
    if (this.awaitValue) this.beginValue(c);
    else if (this.awaitItem && c !== CLOSE_ARRAY) this.beginItem();
    if (c === QUOTE) {
      this.inString = true;
      if (this.depth === 1 && this.expectKey) this.start = this.i;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) this.depth++;
    else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) this.close(out);
    else if (c === COMMA) this.comma(out);
    else if (c === COLON && this.depth === 1) this.awaitValue = true;
  }

  private beginValue(c: number): void {
    this.awaitValue = false;
    if (this.key === this.target && c === OPEN_ARRAY) {
      this.inTarget = true;
      this.seenArray = true;
      this.awaitItem = true;
    } else this.start = this.i;
  }

  private beginItem(): void {
    this.awaitItem = false;
    this.start = this.i;
  }

  private close(out: unknown[]): void {
    this.depth--;
    if (this.inTarget && this.depth === 1) {
      if (this.start >= 0) this.emitItem(out);
      this.inTarget = false;
      this.awaitItem = false;
    } else if (this.depth === 0) {
      if (this.start >= 0) this.keepValue(this.i);
      this.finished = true;
    } else if (this.depth < 0) throw new JsonStreamError('unbalanced brackets');
  }

  private comma(out: unknown[]): void {
    if (this.inTarget && this.depth === 2) {
      this.emitItem(out);
      this.awaitItem = true;
    } else if (this.depth === 1) {
      if (this.start >= 0) this.keepValue(this.i);
      this.expectKey = true;
    }
  }

  private emitItem(out: unknown[]): void {
    out.push(this.parse(this.buf.slice(this.start, this.i)));
    this.start = -1;
  }

  private keepValue(endAt: number): void {
    if (this.key !== null) this.extras[this.key] = this.parse(this.buf.slice(this.start, endAt));
    this.start = -1;
  }
}

/** Items of the top-level array `key` of a UTF-8 JSON byte stream, one at a time. */
export async function* streamJsonArray(
  chunks: AsyncIterable<Uint8Array>,
  scanner: JsonArrayScanner,
): AsyncGenerator<unknown, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    yield* scanner.push(decoder.decode(chunk, { stream: true }));
  }
  yield* scanner.push(decoder.decode());
  scanner.end();
}
