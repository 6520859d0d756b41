// Routes of the fake LibreNMS API v0, answering from an in-memory dataset with LibreNMS's quirks.
import { Readable } from 'node:stream';

export type Row = Record<string, unknown>;

export interface FakeDataset {
  token: string;
  system: Row;
  devices: Row[];
  /** Port rows, or a generator for big synthetic lists (streamed, never held). */
  ports: Row[] | { count: number; make: (i: number) => Row };
  links: Row[];
  /** device_id → outages. */
  outages: Record<number, Row[]>;
  alerts: Row[];
  alertLog: Row[];
  eventlog: Row[];
  rules: Row[];
  groups: Array<Row & { members: number[] }>;
  locations: Row[];
  services: Row[];
}

export interface Answer {
  status: number;
  /** A value to serialise (pretty, like LibreNMS), or a ready stream of JSON text. */
  body: unknown;
  stream?: Readable;
}

const ok = (key: string, rows: unknown, extra: Row = {}): Answer => ({
  status: 200,
  body: { status: 'ok', [key]: rows, ...extra },
});
const error = (status: number, message: string): Answer => ({
  status,
  body: { status: 'error', message },
});
const withCount = (key: string, rows: unknown[]) => ok(key, rows, { count: rows.length });

function deviceOf(data: FakeDataset, ref: string): Row | undefined {
  return data.devices.find((d) => String(d.device_id) === ref || d.hostname === ref);
}

function pick(row: Row, columns: string[]): Row {
  return Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
}

function portRows(data: FakeDataset): Row[] {
  const p = data.ports;
  return Array.isArray(p) ? p : Array.from({ length: p.count }, (_, i) => p.make(i));
}

/** `{"status":"ok","ports":[ ... ]}` written item by item, pretty-printed like LibreNMS. */
function portStream(data: FakeDataset, columns: string[]): Readable {
  const p = data.ports;
  const count = Array.isArray(p) ? p.length : p.count;
  const at = (i: number) => (Array.isArray(p) ? p[i]! : p.make(i));
  function* text(): Generator<string> {
    yield '{\n    "status": "ok",\n    "ports": [';
    for (let from = 0; from < count; from += 500) {
      const parts: string[] = [];
      for (let i = from; i < Math.min(count, from + 500); i++) {
        parts.push((i ? ',' : '') + '\n        ' + JSON.stringify(pick(at(i), columns), null, 4));
      }
      yield parts.join('');
    }
    yield '\n    ]\n}';
  }
  return Readable.from(text(), { objectMode: false });
}

type Handler = (data: FakeDataset, q: URLSearchParams, m: string[]) => Answer;

function logs(rows: Row[], idField: string, timeField: string, q: URLSearchParams): Answer {
  const cmp = (v: string) => (/^\d+$/.test(v) ? idField : timeField);
  const value = (r: Row, f: string) => (f === idField ? Number(r[f]) : String(r[f]));
  const bound = (v: string, f: string) => (f === idField ? Number(v) : v);
  let sel = rows;
  const from = q.get('from');
  const to = q.get('to');
  if (from) sel = sel.filter((r) => value(r, cmp(from)) >= bound(from, cmp(from)));
  if (to) sel = sel.filter((r) => value(r, cmp(to)) <= bound(to, cmp(to)));
  const desc = (q.get('sortorder') ?? 'ASC').toUpperCase() === 'DESC';
  sel = [...sel].sort(
    (a, b) => String(a[timeField]).localeCompare(String(b[timeField])) * (desc ? -1 : 1),
  );
  const start = Number(q.get('start') ?? 0);
  const limit = Number(q.get('limit') ?? 50);
  const page = sel.slice(start, start + limit);
  return ok('logs', page, { count: page.length, total: sel.length });
}

const PORT_DEFAULT = 'port_id,ifName';

export const routes: Array<[RegExp, Handler]> = [
  [/^\/system$/, (d) => withCount('system', [d.system])],
  [/^\/devices$/, (d) => withCount('devices', d.devices)],
  [
    /^\/devices\/([^/]+)\/ports$/,
    (d, q, [, ref]) => {
      const dev = deviceOf(d, ref!);
      if (!dev) return error(404, `Device ${ref} does not exist`);
      const cols = (q.get('columns') ?? 'ifName').split(',');
      const rows = portRows(d).filter((p) => p.device_id === dev.device_id && !p.deleted);
      return rows.length
        ? ok(
            'ports',
            rows.map((r) => pick(r, cols)),
          )
        : error(404, 'No ports found');
    },
  ],
  [
    /^\/ports$/,
    (d, q) => {
      const cols = (q.get('columns') ?? PORT_DEFAULT).split(',').map((c) => c.trim());
      const bad = cols.filter((c) => !/^[A-Za-z_]+$/.test(c));
      if (bad.length) return error(400, `Invalid columns: ${bad.join(',')}`);
      return { status: 200, body: null, stream: portStream(d, cols) };
    },
  ],
  [
    /^\/resources\/links$/,
    (d) => (d.links.length ? withCount('links', d.links) : error(404, 'Links do not exist')),
  ],
  [
    /^\/devices\/([^/]+)\/outages$/,
    (d, _q, [, ref]) => {
      const dev = deviceOf(d, ref!);
      if (!dev) return error(404, `Device ${ref} does not exist`);
      return ok('outages', d.outages[Number(dev.device_id)] ?? []);
    },
  ],
  [
    /^\/alerts$/,
    (d, q) => {
      const states = (q.get('state') ?? '1').split(',').map(Number);
      return withCount(
        'alerts',
        d.alerts.filter((a) => states.includes(Number(a.state))),
      );
    },
  ],
  [/^\/logs\/alertlog$/, (d, q) => logs(d.alertLog, 'id', 'time_logged', q)],
  [/^\/logs\/eventlog$/, (d, q) => logs(d.eventlog, 'event_id', 'datetime', q)],
  [/^\/rules$/, (d) => withCount('rules', d.rules)],
  [
    /^\/devicegroups$/,
    (d) => {
      if (!d.groups.length) return error(404, 'No device groups found');
      const groups = d.groups.map(({ members: _m, ...g }) => g);
      return ok('groups', groups, {
        message: `Found ${groups.length} device groups`,
        count: groups.length,
      });
    },
  ],
  [
    /^\/devicegroups\/([^/]+)$/,
    (d, _q, [, ref]) => {
      const g = d.groups.find((x) => String(x.id) === ref || x.name === ref);
      if (!g) return error(404, 'Device group not found');
      if (!g.members.length) return error(404, `No devices found in group ${ref}`);
      return ok(
        'devices',
        g.members.map((id) => ({ device_id: id })),
      );
    },
  ],
  [
    /^\/resources\/locations$/,
    (d) =>
      d.locations.length
        ? withCount('locations', d.locations)
        : error(404, 'Locations do not exist'),
  ],
  [/^\/services$/, (d) => ok('services', [d.services], { count: 1 })],
];

export function route(data: FakeDataset, path: string, q: URLSearchParams): Answer {
  for (const [re, handler] of routes) {
    const m = re.exec(path);
    if (m) return handler(data, q, [...m]);
  }
  return error(404, "This API route doesn't exist.");
}
