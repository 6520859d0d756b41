// Deterministic plans of realistic `librenms.alert.v1` webhook bodies for the ingest benchmark.
import { mulberry32 } from '../tests/helpers/random.js';

export interface PlanItem {
  logId: number;
  state: 0 | 1;
  body: string;
  /** a resend of an earlier item (same log_id and state, same body) */
  duplicate: boolean;
}

export interface PlanOptions {
  firstLogId: number;
  count: number;
  seed: number;
  /** one item in `duplicateEvery` resends an earlier one (50 -> 2 %); 0 for none */
  duplicateEvery: number;
}

const BASE_EPOCH = 1773476109;
const CUSTOMERS = ['ACME-HQ', 'GLOBEX-DC', 'INITECH', 'UMBRELLA "lab"', 'HOOLI-WEST', 'Café Noël'];

function iso(epoch: number): string {
  return new Date(epoch * 1000).toISOString().replace('.000Z', '+00:00');
}

function fault(n: number, deviceId: number, hostname: string, portId: number, state: number) {
  const ifIndex = (portId % 48) + 1;
  return {
    n,
    device_id: deviceId,
    hostname,
    status: 1,
    status_reason: '',
    port_id: portId,
    ifIndex,
    ifName: `Gi1/0/${ifIndex}`,
    ifDescr: `GigabitEthernet1/0/${ifIndex}`,
    ifAlias: `CUST:${CUSTOMERS[portId % CUSTOMERS.length]} ckt ${4000 + portId}`,
    ifOperStatus: state === 1 ? 'down' : 'up',
    ifAdminStatus: 'up',
    ifSpeed: 1000000000,
  };
}

function webhook(logId: number, state: 0 | 1, rnd: () => number): string {
  const deviceId = 1 + Math.floor(rnd() * 400);
  const hostname = `agg-sw-${String(deviceId).padStart(3, '0')}.example.net`;
  const epoch = BASE_EPOCH + Math.floor(logId / 4);
  const ports = 1 + Math.floor(rnd() * 3);
  const firstPort = deviceId * 100 + Math.floor(rnd() * 40);
  const faults = Array.from({ length: ports }, (_, i) =>
    fault(i + 1, deviceId, hostname, firstPort + i, state),
  );
  return JSON.stringify({
    schema: 'librenms.alert.v1',
    event: {
      state,
      state_name: state === 1 ? 'alert' : 'ok',
      severity: 'warning',
      title: `${state === 1 ? 'Alert' : 'Recovery'} for device ${hostname} - Port status up/down`,
      timestamp: iso(epoch),
      timestamp_epoch: epoch,
      timestamp_raw: iso(epoch).slice(0, 19).replace('T', ' '),
      elapsed: state === 1 ? null : '3m 12s',
      sent_at: iso(epoch + 2),
      transport: 'api',
      transport_name: 'uptime-webhook',
    },
    alert: {
      alert_id: 700 + (deviceId % 90),
      log_id: logId,
      incident_log_id: state === 1 ? logId : logId - 1,
      incident_started_at: null,
      rule_id: 4,
      rule_name: 'Port status up/down',
      alerted: state === 1 ? 0 : 1,
      ack_notes: '',
      proc: 'https://wiki.example.net/runbooks/port-down',
    },
    device: {
      device_id: deviceId,
      hostname,
      sysName: hostname.split('.')[0],
      display: hostname,
      ip: `10.20.${deviceId >> 8}.${deviceId & 255}`,
      os: 'iosxe',
      type: 'network',
      hardware: 'C9300-48P',
      location: 'POP-North, Zaandam',
      status: true,
      status_reason: '',
      uptime: 10385422 + logId,
      groups: { '2': 'aggregation' },
    },
    faults,
    diff: null,
  });
}

/**
 * `count` bodies with unique log ids from `firstLogId` (alerts and recoveries alternate in
 * pairs), except every `duplicateEvery`-th item, which resends an earlier body: half of them a
 * recent one (likely still in flight or in the same batch), half any earlier one.
 */
export function makePlan(opts: PlanOptions): PlanItem[] {
  const rnd = mulberry32(opts.seed);
  const items: PlanItem[] = [];
  let logId = opts.firstLogId;
  for (let i = 0; i < opts.count; i++) {
    const resend = opts.duplicateEvery > 0 && i > 0 && i % opts.duplicateEvery === 0;
    if (resend) {
      const near = (i / opts.duplicateEvery) % 2 === 0;
      const j = near ? Math.max(0, i - 1 - Math.floor(rnd() * 60)) : Math.floor(rnd() * i);
      const original = items[j]!;
      items.push({ ...original, duplicate: true });
      continue;
    }
    const state: 0 | 1 = logId % 2 === 0 ? 1 : 0;
    items.push({ logId, state, body: webhook(logId, state, rnd), duplicate: false });
    logId++;
  }
  return items;
}

/** `log_id|state`: the identity the server must store exactly once. */
export const keyOf = (logId: number, state: number): string => `${logId}|${state}`;
