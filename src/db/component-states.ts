// LibreNMS component states by ref, compact: ids as number keys, the values in typed arrays,
// statuses interned and the details as a 53-bit digest (about a third of a Map of objects).
/** A LibreNMS component state; `digest` stands for its details text. */
export interface StoredComponent {
  status: string;
  lastDiscovered: number | null;
  digest: number;
}

/**
 * A 53-bit digest of a component's details (cyrb53), compared instead of the text: a run
 * compares one ref's stored and new details, so a chance match is 1 in 2^53 per change. Pure
 * JavaScript: several times faster than a crypto hash, and no native object per call.
 */
export function detailsDigest(details: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < details.length; i++) {
    const ch = details.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** `kind:id` with a canonical non-negative integer id, else null (kept by its text). */
function idRef(ref: string): { kind: string; id: number } | null {
  const colon = ref.indexOf(':');
  if (colon <= 0) return null;
  const text = ref.slice(colon + 1);
  const id = Number(text);
  return Number.isSafeInteger(id) && id >= 0 && String(id) === text
    ? { kind: ref.slice(0, colon), id }
    : null;
}

/** Ref → state; `get` answers a fresh object, so a change is made with `set`. */
export class ComponentStates implements Iterable<[string, StoredComponent]> {
  /** `device:N`, `port:N` (any `kind:N`) by kind and id; any other ref by its text */
  private readonly byId = new Map<string, Map<number, number>>();
  private readonly byText = new Map<string, number>();
  private readonly statuses: string[] = [];
  private readonly statusCode = new Map<string, number>();
  private status = new Uint32Array(1024);
  private discovered = new Float64Array(1024);
  private digests = new Float64Array(1024);
  private rows = 0;

  get size(): number {
    return this.rows;
  }

  get(ref: string): StoredComponent | undefined {
    const row = this.rowOf(ref);
    return row === undefined ? undefined : this.at(row);
  }

  has(ref: string): boolean {
    return this.rowOf(ref) !== undefined;
  }

  set(ref: string, value: StoredComponent): this {
    let row = this.rowOf(ref);
    if (row === undefined) {
      row = this.addRow();
      const r = idRef(ref);
      if (r) this.kindMap(r.kind).set(r.id, row);
      else this.byText.set(ref, row);
    }
    this.status[row] = this.codeOf(value.status);
    this.discovered[row] = value.lastDiscovered ?? NaN;
    this.digests[row] = value.digest;
    return this;
  }

  *[Symbol.iterator](): Generator<[string, StoredComponent]> {
    for (const [kind, ids] of this.byId) {
      for (const [id, row] of ids) yield [`${kind}:${id}`, this.at(row)];
    }
    for (const [ref, row] of this.byText) yield [ref, this.at(row)];
  }

  private at(row: number): StoredComponent {
    const d = this.discovered[row]!;
    return {
      status: this.statuses[this.status[row]!]!,
      lastDiscovered: Number.isNaN(d) ? null : d,
      digest: this.digests[row]!,
    };
  }

  private rowOf(ref: string): number | undefined {
    const r = idRef(ref);
    return r ? this.byId.get(r.kind)?.get(r.id) : this.byText.get(ref);
  }

  private kindMap(kind: string): Map<number, number> {
    let ids = this.byId.get(kind);
    if (!ids) this.byId.set(kind, (ids = new Map()));
    return ids;
  }

  private codeOf(status: string): number {
    let code = this.statusCode.get(status);
    if (code === undefined) {
      code = this.statuses.push(status) - 1;
      this.statusCode.set(status, code);
    }
    return code;
  }

  private addRow(): number {
    if (this.rows === this.status.length) {
      const grow = <T extends Uint32Array | Float64Array>(a: T, make: (n: number) => T): T => {
        const b = make(a.length * 2);
        b.set(a);
        return b;
      };
      this.status = grow(this.status, (n) => new Uint32Array(n));
      this.discovered = grow(this.discovered, (n) => new Float64Array(n));
      this.digests = grow(this.digests, (n) => new Float64Array(n));
    }
    return this.rows++;
  }
}
