// Reconcile benchmark: a synthetic LibreNMS of a given size (devices, generated ports, links both ways).
import type { FakeDataset, Row } from '../tests/helpers/fake-librenms.js';
import { emptyDataset } from '../tests/helpers/fake-librenms.js';
import { alertLogRow, eventRow, network } from '../tests/helpers/reconcile-world.js';
import type { Size } from './engine-network.js';

/** Epoch seconds of the benchmark's clock; the history lies in the days before it. */
export const BENCH_NOW = 1_773_964_800;

const device = (id: number): Row => ({
  device_id: id,
  hostname: `dev-${id}.bench.example`,
  sysName: `dev-${id}`,
  os: 'ios',
  hardware: 'X',
  status: 1,
  status_reason: '',
  ignore: 0,
  disabled: 0,
  last_polled: '2026-03-19 23:55:00',
  last_poll_attempted: null,
  last_ping: '2026-03-19 23:59:00',
  last_discovered: '2026-03-13 10:00:00',
  location: `site-${id % 50}`,
  dependency_parent_id: id > 1 ? String(Math.ceil(id / 2)) : null,
  dependency_parent_hostname: id > 1 ? `dev-${Math.ceil(id / 2)}.bench.example` : null,
});

/** Port i: device floor(i / perDevice) + 1, id i + 1. */
function portMaker(perDevice: number) {
  return (i: number): Row => ({
    port_id: i + 1,
    device_id: Math.floor(i / perDevice) + 1,
    ifIndex: i % perDevice,
    ifName: `Gi1/0/${i % perDevice}`,
    ifDescr: `GigabitEthernet1/0/${i % perDevice}`,
    ifAlias: '',
    ifType: 'ethernetCsmacd',
    ifOperStatus: 'up',
    ifAdminStatus: 'up',
    ifSpeed: 1_000_000_000,
    ifLastChange: 0,
    disabled: 0,
    ignore: 0,
  });
}

/** `size.links` physical links, each reported from both ends; every port used at most once. */
function links(size: Size, perDevice: number): Row[] {
  const rows: Row[] = [];
  const portId = (d: number, idx: number) => (d - 1) * perDevice + idx + 1;
  for (let k = 0; k < size.links; k++) {
    const layer = Math.floor(k / size.devices);
    const a = (k % size.devices) + 1;
    const b = (a % size.devices) + 1;
    const [pa, pb] = [portId(a, perDevice - 1 - 2 * layer), portId(b, perDevice - 2 - 2 * layer)];
    const base = { active: 1, protocol: 'lldp', remote_port: 'x' };
    rows.push({
      ...base,
      id: 2 * k + 1,
      local_port_id: pa,
      local_device_id: a,
      remote_port_id: pb,
      remote_device_id: b,
      remote_hostname: `dev-${b}`,
    });
    rows.push({
      ...base,
      id: 2 * k + 2,
      local_port_id: pb,
      local_device_id: b,
      remote_port_id: pa,
      remote_device_id: a,
      remote_hostname: `dev-${a}`,
    });
  }
  return rows;
}

/** Alert-log rows (down then up) and event-log up/down entries with outages, for `n` devices. */
function history(n: number, devices: number) {
  const alertLog: Row[] = [];
  const eventlog: Row[] = [];
  const outages: Record<number, Row[]> = {};
  for (let i = 0; i < n; i++) {
    const id = 1 + ((i * 7919) % devices);
    const down = BENCH_NOW - 86_400 * (1 + (i % 20)) - i * 60;
    alertLog.push(alertLogRow(2 * i + 1, 1, down, id), alertLogRow(2 * i + 2, 0, down + 600, id));
    eventlog.push(eventRow(2 * i + 1, id, down, 'Device status changed to Down from icmp check.'));
    eventlog.push(
      eventRow(2 * i + 2, id, down + 600, 'Device status changed to Up from icmp check.'),
    );
    outages[id] = [{ id: i + 1, device_id: id, going_down: down, up_again: down + 600 }];
  }
  return { alertLog, eventlog, outages };
}

export function benchDataset(size: Size): FakeDataset {
  const perDevice = Math.round(size.ports / size.devices);
  const { rules } = network();
  return {
    ...emptyDataset(),
    devices: Array.from({ length: size.devices }, (_, i) => device(i + 1)),
    ports: { count: size.ports, make: portMaker(perDevice) },
    links: links(size, perDevice),
    rules,
    ...history(Math.min(500, size.devices / 10), size.devices),
  };
}
