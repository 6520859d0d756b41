// Component state on a compiled topology: a port is down while it or its device is held down.
import type { CompiledTopology } from './compiled.js';

/** Raw down flags (held down by a claim) per node index, from a set of refs. Unknown refs are ignored. */
export function rawDownOf(c: CompiledTopology, refs: Iterable<string>): Uint8Array {
  const raw = new Uint8Array(c.keys.length);
  for (const ref of refs) {
    const i = c.index.get(ref);
    if (i !== undefined) raw[i] = 1;
  }
  return raw;
}

/** Effective down flags: raw, or a port whose device is raw down. */
export function effectiveDown(c: CompiledTopology, raw: Uint8Array): Uint8Array {
  const down = new Uint8Array(raw);
  for (let i = 0; i < down.length; i++) {
    const d = c.deviceOf[i] ?? -1;
    if (d >= 0 && raw[d] === 1) down[i] = 1;
  }
  return down;
}

/** The node a down component is reported as: its device when it is down only because of it. */
export function reportedAs(c: CompiledTopology, raw: Uint8Array, v: number): number {
  const d = c.deviceOf[v] ?? -1;
  return raw[v] === 0 && d >= 0 && raw[d] === 1 ? d : v;
}
