// ISP-shaped inventories for the engine benchmark: two cores, dual-homed aggregation, access, customers on access ports.
import type { AlertEvent } from '../src/domain/events.js';
import type { Device, Inventory, Port, Service } from '../src/domain/inventory.js';
import type { Role } from '../src/domain/roles.js';
import type { ServiceRule } from '../src/domain/rules.js';
import { mulberry32 } from '../tests/helpers/random.js';

export interface Size {
  name: string;
  devices: number;
  ports: number;
  services: number;
  /** Target number of links (second uplinks of customers fill up to it). */
  links: number;
}

export const SIZES: Record<string, Size> = {
  S: { name: 'S', devices: 1_000, ports: 24_000, services: 5_000, links: 1_250 },
  M: { name: 'M', devices: 5_000, ports: 120_000, services: 25_000, links: 6_250 },
  L: { name: 'L', devices: 20_000, ports: 480_000, services: 100_000, links: 25_000 },
};

export interface Network {
  inventory: Inventory;
  cores: number[];
  aggs: number[];
  access: number[];
  customers: number[];
  /** Free (unlinked) ports of each customer device: the customer-facing LAN ports. */
  lanPorts: Map<number, number[]>;
}

class Rows {
  readonly devices: Device[] = [];
  readonly ports: Port[] = [];
  readonly links: { a: string; b: string }[] = [];
  readonly portsOf = new Map<number, number[]>();
  private nextPort = 1;

  device(id: number, role: Role): number {
    this.devices.push({
      id,
      hostname: `${role}-${id}`,
      role,
      label: null,
      location: null,
      groups: [],
    });
    this.portsOf.set(id, []);
    return id;
  }

  port(deviceId: number): number {
    const id = this.nextPort++;
    this.ports.push({ id, deviceId, ifName: `eth${this.portsOf.get(deviceId)?.length ?? 0}` });
    this.portsOf.get(deviceId)?.push(id);
    return id;
  }

  link(a: number, b: number): void {
    this.links.push({ a: `port:${this.port(a)}`, b: `port:${this.port(b)}` });
  }
}

function devices(rows: Rows, size: Size, rand: () => number) {
  const ids = { next: 1 };
  const make = (n: number, role: Role) =>
    Array.from({ length: n }, () => rows.device(ids.next++, role));
  const cores = make(2, 'core');
  const aggs = make(Math.max(2, 2 * Math.round(size.devices / 200)), 'aggregation');
  const access = make(Math.round(size.devices / 10), 'access');
  const customers = make(size.devices - ids.next + 1, 'customer');
  rows.link(cores[0] ?? 0, cores[1] ?? 0);
  for (let i = 0; i < aggs.length; i++) {
    for (const c of cores) rows.link(aggs[i] ?? 0, c);
    if (i % 2 === 1) rows.link(aggs[i - 1] ?? 0, aggs[i] ?? 0);
  }
  const pairs = aggs.length / 2;
  const pairOf = (i: number) => 2 * (i % pairs);
  access.forEach((a, i) => {
    const p = pairOf(i);
    rows.link(a, aggs[p] ?? 0);
    if (rand() < 0.7) rows.link(a, aggs[p + 1] ?? 0);
  });
  customers.forEach((c, i) => rows.link(c, access[i % access.length] ?? 0));
  for (let i = 0; rows.links.length < size.links && i < size.links; i++) {
    const c = Math.floor(rand() * customers.length);
    const a = c % access.length;
    const b = a + pairs < access.length ? a + pairs : a - pairs;
    if (b >= 0) rows.link(customers[c] ?? 0, access[b] ?? 0);
  }
  return { cores, aggs, access, customers };
}

function services(size: Size, net: Omit<Network, 'inventory'>, rand: () => number): Service[] {
  const to = net.cores.map((c) => `device:${c}`);
  const out: Service[] = [];
  for (let i = 0; i < size.services; i++) {
    const cpe = net.customers[i % net.customers.length] ?? 0;
    const lan = net.lanPorts.get(cpe) ?? [];
    const x = rand();
    const from = x < 0.5 || lan.length === 0 ? `device:${cpe}` : `port:${lan[i % lan.length]}`;
    const path: ServiceRule = { path: { from, to } };
    const aggTo = net.aggs.slice(0, 2).map((a) => `device:${a}`);
    const requires: ServiceRule =
      x < 0.9 ? path : { atLeast: 1, of: [path, { path: { from, to: aggTo } }] };
    out.push({
      key: `svc-${i}`,
      customer: `cust-${cpe}`,
      name: `Service ${i}`,
      slaTarget: '99.9',
      activeFrom: null,
      activeUntil: null,
      requires,
    });
  }
  return out;
}

/** Builds the rows of one size; each device ends with at least ports/devices ports. */
export function network(size: Size, seed = 42): Network {
  const rand = mulberry32(seed);
  const rows = new Rows();
  const roles = devices(rows, size, rand);
  const perDevice = Math.floor(size.ports / size.devices);
  const lanPorts = new Map<number, number[]>();
  for (const d of rows.devices) {
    const own = rows.portsOf.get(d.id) ?? [];
    const lan: number[] = [];
    while (own.length < perDevice) lan.push(rows.port(d.id));
    if (d.role === 'customer') lanPorts.set(d.id, lan);
  }
  const partial = { ...roles, lanPorts };
  const svcs = services(size, partial, rand);
  const customers = [...new Set(svcs.map((s) => s.customer))].map((key) => ({
    key,
    name: key,
    timezone: null,
  }));
  const inventory: Inventory = {
    customers,
    services: svcs,
    devices: rows.devices,
    ports: rows.ports,
    links: rows.links,
    roleRules: [],
    maintenance: [],
    ruleEffects: [],
    alertSources: [],
    effectiveFrom: null,
  };
  return { inventory, ...partial };
}

/** A device alert (state 1) or recovery (state 0) for `deviceId` at `at`. */
export function deviceEvent(logId: number, deviceId: number, state: 0 | 1, at: number): AlertEvent {
  return {
    source: 'librenms',
    logId,
    incidentLogId: null,
    alertId: null,
    ruleId: 1,
    ruleName: 'Devices up/down',
    deviceId,
    hostname: null,
    state,
    at,
    receivedAt: at,
    faults: [`device:${deviceId}`],
    statusReasons: ['icmp'],
  };
}

/** A port alert holding the listed ports down (state 1), or its recovery (state 0). */
export function portEvent(
  logId: number,
  deviceId: number,
  ports: number[],
  state: 0 | 1,
  at: number,
): AlertEvent {
  return {
    ...deviceEvent(logId, deviceId, state, at),
    ruleId: 2,
    ruleName: 'Port status up/down',
    faults: ports.map((p) => `port:${p}`).sort(),
  };
}
