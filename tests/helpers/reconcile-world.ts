// A small LibreNMS network for reconciliation tests, served by the fake, and an app wired to it.
import { librenmsLocalTime } from '../../src/services/reconcile-context.js';
import { bearerFor, createTestApp, json, type TestApp } from './app.js';
import { FAKE_TOKEN, startFakeLibreNms, type FakeLibreNms, type Row } from './fake-librenms.js';

export const ZONE = 'Europe/Amsterdam';
/** 2026-03-20T00:00:00Z */
export const NOW = 1773964800;
/** 2026-03-14T08:12:04Z: device 43 goes down (as in the webhook samples) */
export const DOWN_AT = 1773475924;
/** 2026-03-14T08:47:33Z: device 43 is back */
export const UP_AT = 1773478053;

export const local = (epoch: number) => librenmsLocalTime(epoch, ZONE);

const device = (id: number, hostname: string, status = 1): Row => ({
  device_id: id,
  hostname,
  sysName: hostname.split('.')[0],
  os: 'ios',
  hardware: 'X',
  status,
  status_reason: status ? '' : 'icmp',
  ignore: 0,
  disabled: 0,
  last_polled: '2026-03-19 23:55:00',
  last_poll_attempted: null,
  last_ping: '2026-03-19 23:59:00',
  last_discovered: '2026-03-13 10:00:00',
  location: 'Haarlem',
  dependency_parent_id: id === 43 ? '27' : null,
  dependency_parent_hostname: id === 43 ? 'agg-27.example.net' : null,
  community: 'never-stored',
});

const port = (id: number, deviceId: number, ifName: string): Row => ({
  port_id: id,
  device_id: deviceId,
  ifIndex: id % 100,
  ifName,
  ifDescr: ifName,
  ifAlias: '',
  ifType: 'ethernetCsmacd',
  ifOperStatus: 'up',
  ifAdminStatus: 'up',
  ifSpeed: 1_000_000_000,
  ifLastChange: 0,
  disabled: 0,
  ignore: 0,
});

let linkId = 500;
export const link = (
  lp: number,
  ld: number,
  rp: number | null,
  rd: number,
  remote = `dev-${rd}`,
): Row => ({
  id: ++linkId,
  local_port_id: lp,
  local_device_id: ld,
  remote_port_id: rp,
  remote_device_id: rd,
  active: 1,
  protocol: 'lldp',
  remote_hostname: remote,
  remote_port: 'x',
});

/** core-12 — agg-27 — cpe-43, agg-27 — cpe-50; core-12 also sees an external ISP router. */
export function network() {
  return {
    devices: [
      device(12, 'core-12.example.net'),
      device(27, 'agg-27.example.net'),
      device(43, 'cpe-43.example.net'),
      device(50, 'cpe-50.example.net'),
    ],
    ports: [
      port(1201, 12, 'Te0/1'),
      port(1202, 12, 'Te0/2'),
      port(2701, 27, 'Gi0/1'),
      port(2702, 27, 'Gi0/2'),
      port(2703, 27, 'Gi0/3'),
      port(4301, 43, 'Gi0/0'),
      port(5001, 50, 'Gi0/0'),
    ],
    links: [
      link(1201, 12, 2701, 27),
      link(2701, 27, 1201, 12),
      link(2702, 27, 4301, 43),
      link(4301, 43, 2702, 27),
      link(2703, 27, null, 50),
      link(5001, 50, 2703, 27),
      link(1202, 12, 0, 0, 'isp-router'),
    ],
    rules: [
      rule(1, 'Devices up/down', 'macros.device_down'),
      rule(4, 'Port status up/down', 'macros.port_down'),
      rule(9, 'Core unreachable', 'macros.device_down'),
      rule(11, 'High CPU', 'processors.processor_usage'),
    ],
    groups: [{ id: 3, name: 'aggregation', desc: null, type: 'static', members: [27] }],
  };
}

function rule(id: number, name: string, field: string): Row {
  return {
    id,
    name,
    severity: 'critical',
    disabled: 0,
    extra: '{"mute":false,"count":-1,"delay":300}',
    builder: JSON.stringify({ condition: 'AND', rules: [{ id: field, field, operator: 'equal' }] }),
    query: `SELECT * FROM devices WHERE (${field} = 1)`,
  };
}

/** An alert-log row of device 43 / rule 1 as `/logs/alertlog` returns it. */
export function alertLogRow(id: number, state: number, at: number, deviceId = 43, ruleId = 1): Row {
  return {
    hostname: `cpe-${deviceId}.example.net`,
    sysName: `cpe-${deviceId}`,
    id,
    rule_id: ruleId,
    device_id: deviceId,
    state,
    details: { rule: [{ device_id: deviceId, status_reason: 'icmp', community: 'x' }] },
    time_logged: local(at),
  };
}

export function eventRow(id: number, deviceId: number, at: number, message: string): Row {
  const status = /^Device status changed to (Down|Up)/.exec(message)?.[1];
  const type = status ? status.toLowerCase() : 'interface';
  return {
    hostname: `dev-${deviceId}`,
    host: deviceId,
    event_id: id,
    device_id: deviceId,
    datetime: local(at),
    message,
    type,
    reference: null,
    username: '',
    severity: 2,
  };
}

export interface World {
  fake: FakeLibreNms;
  t: TestApp;
  admin: Record<string, string>;
  clock: { now: number };
  close(): Promise<void>;
}

const FAST = { timeoutMs: 400, retries: 2, retry: { baseDelayMs: 5, maxDelayMs: 20 } };

/** The app of a test, wired to `fake` (a fresh one unless given), on its own database. */
export async function startWorld(opts: { fake?: FakeLibreNms; url?: string } = {}): Promise<World> {
  const fake = opts.fake ?? (await startFakeLibreNms(network()));
  const clock = { now: NOW };
  const t = await createTestApp(
    {
      LIBRENMS_API_URL: fake.url,
      LIBRENMS_API_TOKEN: FAKE_TOKEN,
      LIBRENMS_TIMEZONE: ZONE,
      LIBRENMS_MAX_RPS: '200',
      LIBRENMS_MAX_CONCURRENCY: '4',
    },
    'sqlite',
    { now: () => clock.now, librenms: FAST, reconcilePageSize: 2 },
  );
  const admin = await bearerFor(t, { email: 'admin@isp.example', role: 'admin' });
  return {
    fake,
    t,
    admin,
    clock,
    async close() {
      await t.services.reconcile.close();
      await t.close();
      if (!opts.fake) await fake.close();
    },
  };
}
export { json };

/** Imports the topology and declares customer `acme` with a service on cpe-43. */
export async function withService(w: World): Promise<void> {
  const run = await w.t.services.reconcile.run('topology');
  if (run.status !== 'succeeded') throw new Error(`topology run failed: ${run.error}`);
  const res = await w.t.app.request('/api/v1/inventory', {
    method: 'PUT',
    headers: w.admin,
    body: JSON.stringify({
      customers: [{ key: 'acme', name: 'ACME', timezone: 'UTC' }],
      services: [
        { key: 'acme-hq', customer: 'acme', name: 'HQ', slaTarget: 99.9, requires: 'device:43' },
      ],
    }),
  });
  if (res.status !== 200) throw new Error(`inventory: ${res.status} ${await res.text()}`);
}

/** The service's downtime over 2026-03-14 (UTC) through the API. */
export async function downtimeOn14th(w: World): Promise<number> {
  const q = 'from=2026-03-14T00:00:00Z&to=2026-03-15T00:00:00Z';
  const res = await w.t.app.request(`/api/v1/services?${q}`, { headers: w.admin });
  const body = await json(res);
  if (res.status !== 200) throw new Error(`services: ${res.status} ${JSON.stringify(body)}`);
  return body.services[0].downtime_seconds as number;
}
