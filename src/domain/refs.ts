// Component references: `device:42`, `port:1043`, and the human forms `device:<hostname>`, `port:<hostname>/<ifName>`.

export type ComponentKind = 'device' | 'port';

/** A reference as written: by LibreNMS id, or by name (to be resolved). */
export type ParsedRef =
  | { kind: ComponentKind; id: number }
  | { kind: 'device'; hostname: string }
  | { kind: 'port'; hostname: string; ifName: string };

export interface CatalogueDevice {
  id: number;
  hostname: string;
  /** LibreNMS stopped listing it (a hostname it shares with a listed device names that one) */
  gone?: boolean;
}

export interface CataloguePort {
  id: number;
  deviceId: number;
  ifName: string;
}

/** The components a reference may resolve to. */
export interface ComponentCatalogue {
  devices: readonly CatalogueDevice[];
  ports: readonly CataloguePort[];
}

export type Resolution = { ok: true; ref: string } | { ok: false; message: string };

const ID = /^[0-9]+$/;

export function deviceRef(id: number): string {
  return `device:${id}`;
}

export function portRef(id: number): string {
  return `port:${id}`;
}

/** Parses a reference; `null` when it is not of a known shape. */
export function parseRef(text: string): ParsedRef | null {
  const colon = text.indexOf(':');
  if (colon < 0) return null;
  const kind = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if ((kind !== 'device' && kind !== 'port') || rest === '') return null;
  if (ID.test(rest)) return { kind, id: Number(rest) };
  if (kind === 'device') return { kind, hostname: rest };
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return null;
  return { kind, hostname: rest.slice(0, slash), ifName: rest.slice(slash + 1) };
}

/** Canonical id ref (`device:42`) of a parsed id reference, else `null`. */
export function idRefOf(parsed: ParsedRef): string | null {
  return 'id' in parsed ? `${parsed.kind}:${parsed.id}` : null;
}

/** Numeric id and kind of a canonical ref, or `null` when it is not one. */
export function splitIdRef(ref: string): { kind: ComponentKind; id: number } | null {
  const parsed = parseRef(ref);
  return parsed !== null && 'id' in parsed ? parsed : null;
}

function plural(n: number, what: string): string {
  return n === 0 ? `no ${what} matches` : `${n} ${what}s match`;
}

/**
 * A resolver over a catalogue: id refs resolve to themselves (components may be known before
 * LibreNMS reports them); name refs must match exactly one component, gone devices counting only
 * when no listed device holds the hostname.
 */
export function createResolver(catalogue: ComponentCatalogue): (text: string) => Resolution {
  const byHost = new Map<string, number[]>();
  const gone = new Set<number>();
  for (const d of catalogue.devices) {
    const key = d.hostname.toLowerCase();
    const ids = byHost.get(key) ?? [];
    if (!ids.includes(d.id)) ids.push(d.id);
    byHost.set(key, ids);
    if (d.gone) gone.add(d.id);
  }
  // a device LibreNMS re-added under a new id: the hostname names the listed one
  for (const [key, ids] of byHost) {
    const listed = ids.filter((id) => !gone.has(id));
    if (listed.length > 0 && listed.length < ids.length) byHost.set(key, listed);
  }
  return (text) => {
    const parsed = parseRef(text);
    if (parsed === null) {
      return { ok: false, message: `"${text}" is not a component reference` };
    }
    const idRef = idRefOf(parsed);
    if (idRef !== null) return { ok: true, ref: idRef };
    const hostname = 'hostname' in parsed ? parsed.hostname : '';
    const devices = byHost.get(hostname.toLowerCase()) ?? [];
    if (parsed.kind === 'device') {
      const [only] = devices;
      if (devices.length === 1 && only !== undefined) return { ok: true, ref: deviceRef(only) };
      return { ok: false, message: `"${text}": ${plural(devices.length, 'device')}` };
    }
    const ifName = 'ifName' in parsed ? parsed.ifName : '';
    const ids = new Set<number>();
    for (const p of catalogue.ports) {
      if (p.ifName === ifName && devices.includes(p.deviceId)) ids.add(p.id);
    }
    const [only] = [...ids];
    if (ids.size === 1 && only !== undefined) return { ok: true, ref: portRef(only) };
    return { ok: false, message: `"${text}": ${plural(ids.size, 'port')}` };
  };
}
