// Property: the incremental engine, fed events in random arrival order and batches, equals batch recomputation.
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../helpers/random.js';
import type { OutageRow } from '../../src/domain/claims.js';
import type { AlertEvent } from '../../src/domain/events.js';
import { incidentsOf } from '../../src/domain/incidents.js';
import { parseInventory, type Inventory } from '../../src/domain/inventory.js';
import type { ServiceRule } from '../../src/domain/rules.js';
import { computeReport, type Report } from '../../src/graph/engine.js';
import { IncrementalEngine } from '../../src/graph/incremental.js';
import { claimSettingsOf, inventoryUnder, spanOf } from '../../src/domain/inventory-versions.js';
import { ROLES } from '../../src/domain/roles.js';
import { VersionedDriver } from '../helpers/versioned-driver.js';

type Rand = () => number;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const pick = <T>(r: Rand, list: readonly T[]): T => list[Math.floor(r() * list.length)] as T;
const T0 = 1_800_000_000;

interface Net {
  doc: Record<string, unknown[]>;
  cpes: number[];
  portsOf: Map<number, number[]>;
  devices: number[];
}

/** Rows of a random network: devices (roles or not), ports, port-port and device-device links. */
function rows(r: Rand) {
  const roles = r() < 0.7;
  const devices: { id: number; hostname: string; role?: string }[] = [];
  const ports: { id: number; device: number; ifName: string }[] = [];
  const links: { a: string; b: string }[] = [];
  const portsOf = new Map<number, number[]>();
  const add = (id: number, role: string) => {
    devices.push({ id, hostname: `d${id}`, ...(roles || r() < 0.2 ? { role } : {}) });
    portsOf.set(id, []);
  };
  const port = (device: number) => {
    const id = 1000 + ports.length;
    ports.push({ id, device, ifName: `p${id}` });
    portsOf.get(device)?.push(id);
    return `port:${id}`;
  };
  /** A new port, or now and then one already linked (a port with two links). */
  const end = (d: number) => {
    const own = portsOf.get(d) ?? [];
    return own.length > 0 && r() < 0.2 ? `port:${pick(r, own)}` : port(d);
  };
  const link = (a: number, b: number) =>
    links.push(r() < 0.15 ? { a: `device:${a}`, b: `device:${b}` } : { a: end(a), b: end(b) });
  return { doc: { devices, ports, links }, portsOf, add, port, link };
}

/** Cores, dual-homed aggregation, dual- or single-homed access, customers on access ports. */
function network(r: Rand): Net {
  const { doc, portsOf, add, port, link } = rows(r);
  add(1, 'core');
  add(2, 'core');
  link(1, 2);
  const aggs = Array.from({ length: int(r, 2, 4) }, (_, i) => 10 + i);
  for (const a of aggs) {
    add(a, 'aggregation');
    link(a, 1);
    if (r() < 0.8) link(a, 2);
  }
  const accs = Array.from({ length: int(r, 2, 4) }, (_, i) => 20 + i);
  for (const a of accs) {
    add(a, 'access');
    link(a, pick(r, aggs));
    if (r() < 0.6) link(a, pick(r, aggs));
    if (r() < 0.2) link(a, pick(r, accs));
  }
  const cpes = Array.from({ length: int(r, 2, 5) }, (_, i) => 100 + i);
  for (const c of cpes) {
    add(c, 'customer');
    port(c);
    link(c, pick(r, accs));
    if (r() < 0.15) link(c, pick(r, accs));
  }
  return { doc, cpes, portsOf, devices: [1, 2, ...aggs, ...accs, ...cpes] };
}

function pathRule(r: Rand, n: Net): ServiceRule {
  const cpe = pick(r, n.cpes);
  const from = r() < 0.7 ? `device:${cpe}` : `port:${pick(r, n.portsOf.get(cpe) ?? [])}`;
  const corePort = `port:${(n.portsOf.get(1) ?? [])[0] ?? 1}`;
  const to = pick(r, [
    ['device:1', 'device:2'],
    ['device:1'],
    ['device:10', 'device:11'],
    [corePort, 'device:2'],
  ]);
  return { path: { from, to } };
}

function rule(r: Rand, n: Net): ServiceRule {
  const x = r();
  if (x < 0.6) return pathRule(r, n);
  if (x < 0.7) return `device:${pick(r, n.devices)}`;
  const parts = [pathRule(r, n), pathRule(r, n), `device:${pick(r, n.devices)}`];
  if (x < 0.8) return { any: parts };
  if (x < 0.9) return { all: parts.slice(0, 2) };
  return { atLeast: 2, of: parts };
}

function inventory(r: Rand, n: Net): Inventory {
  const services = Array.from({ length: int(r, 2, 6) }, (_, i) => ({
    key: `s${i}`,
    customer: 'c',
    name: `S${i}`,
    slaTarget: 99.9,
    ...(r() < 0.2 ? { activeFrom: new Date((T0 + 30_000) * 1000).toISOString() } : {}),
    ...(r() < 0.2 ? { activeUntil: new Date((T0 + 200_000) * 1000).toISOString() } : {}),
    requires: rule(r, n),
  }));
  const window = (scope: unknown) => ({
    key: `w${r()}`,
    start: new Date((T0 + int(r, 0, 100) * 1500) * 1000).toISOString(),
    end: new Date((T0 + int(r, 101, 200) * 1500) * 1000).toISOString(),
    scope,
  });
  const maintenance = r() < 0.4 ? [window({ components: [`device:${pick(r, n.devices)}`] })] : [];
  if (r() < 0.2) maintenance.push(window({ services: ['s0'] }));
  return parseInventory({ customers: [{ key: 'c', name: 'C' }], services, ...n.doc, maintenance });
}

const RULES = [
  [1, 'Devices up/down'],
  [2, 'Port status up/down'],
  [3, 'Custom ping'],
] as const;

function events(r: Rand, n: Net): AlertEvent[] {
  const out: AlertEvent[] = [];
  for (let i = 0; i < int(r, 5, 40); i++) {
    const [ruleId, ruleName] = pick(r, RULES);
    const deviceId = pick(r, n.devices);
    const own = n.portsOf.get(deviceId) ?? [];
    const faults =
      ruleId === 2 ? own.filter(() => r() < 0.5).map((p) => `port:${p}`) : [`device:${deviceId}`];
    const at = T0 + int(r, 0, 200) * 1500;
    const e: AlertEvent = {
      source: 'librenms',
      logId: i + 1,
      incidentLogId: null,
      alertId: null,
      ruleId,
      ruleName,
      deviceId,
      hostname: null,
      state: pick(r, [0, 0, 1, 1, 1, 2, 3, 4, 5, 9]),
      at,
      receivedAt: r() < 0.05 ? at - 1000 : at,
      faults: r() < 0.1 ? null : faults.sort(),
      statusReasons: r() < 0.1 ? ['snmp'] : ['icmp'],
    };
    out.push(e);
    if (r() < 0.15) out.push({ ...e });
  }
  return out;
}

interface Options {
  from: number;
  to: number;
  now: number;
}

/** A report period of one to a few days, "now" after, inside or before its end. */
function period(r: Rand): Options {
  const from = T0 + int(r, -40, 200) * 1500 + int(r, 0, 1);
  const to = from + int(r, 1, 250) * 1500;
  return { from, to, now: pick(r, [to + 7, from + Math.floor((to - from) / 3), T0 + 400_000]) };
}

/** Every service of the batch report against the engine: segments, incidents, at risk, figures. */
function compare(engine: IncrementalEngine, report: Report, OPTIONS: Options): void {
  let horizon = OPTIONS.from;
  for (const list of report.down.values()) horizon = Math.min(horizon, list[0]?.start ?? horizon);
  for (const s of report.services) {
    const key = s.service.key;
    const start = s.service.activeFrom ?? horizon;
    const end = Math.min(s.service.activeUntil ?? Infinity, OPTIONS.now);
    expect(engine.segments(key, start, end), key).toEqual(s.segments);
    expect(engine.incidents(key, start, end, true)).toEqual(incidentsOf(s.segments, true));
    expect(engine.dependencies(key)).toEqual(s.model.dependencies);
    expect(engine.figures(key, OPTIONS)).toEqual(s.figures);
    for (const t of engine.timeline(key).transitions) {
      if (!Number.isFinite(t.at)) continue;
      const down = [...report.down].filter(([, l]) =>
        l.some((i) => i.start <= t.at && t.at < i.end),
      );
      expect(t.atRisk, `${key} at risk at ${t.at}`).toBe(
        s.model.atRisk(new Set(down.map(([d]) => d))),
      );
    }
  }
}

/** Applies the log in random order and batch sizes; returns every change reported, as text. */
function arrive(r: Rand, engine: IncrementalEngine, log: AlertEvent[]): Set<string> {
  const reported = new Set<string>();
  const shuffled = [...log].sort(() => r() - 0.5);
  for (let i = 0; i < shuffled.length;) {
    const size = int(r, 1, 8);
    for (const c of engine.apply(shuffled.slice(i, i + size)).changes)
      reported.add(JSON.stringify(c));
    i += size;
  }
  return reported;
}

/** Every stored transition was reported as a change when it appeared. */
function allReported(engine: IncrementalEngine, reported: Set<string>): void {
  for (const s of engine.services()) {
    for (const t of engine.timeline(s.key).transitions.slice(1)) {
      expect(reported.has(JSON.stringify({ service: s.key, ...t })), `${s.key}@${t.at}`).toBe(true);
    }
  }
}

/** LibreNMS outage history rows, some still open, some SNMP-only. */
function outageRows(r: Rand, n: Net): OutageRow[] {
  return Array.from({ length: int(r, 0, 3) }, () => {
    const goingDown = T0 + int(r, 0, 200) * 1500;
    const upAgain = r() < 0.2 ? null : goingDown + int(r, 1, 20) * 1500;
    return { deviceId: pick(r, n.devices), goingDown, upAgain, snmpOnly: r() < 0.2 };
  });
}

function runCase(seed: number): void {
  const r = mulberry32(seed);
  const n = network(r);
  const inv = inventory(r, n);
  const log = events(r, n);
  const engine = new IncrementalEngine(inv);
  allReported(engine, arrive(r, engine, log));
  const p = period(r);
  compare(engine, computeReport(inv, log, p), p);
  const later = { ...inv, ruleEffects: [{ ruleId: 3, effect: 'device' as const }] };
  engine.setRuleEffects(later.ruleEffects);
  const added = {
    ...inv.services[0],
    key: 'late',
    requires: rule(r, n),
  } as Inventory['services'][0];
  engine.upsertService(added);
  const more = inventory(r, n).maintenance.map((w) => ({ ...w, key: `late-${w.key}` }));
  engine.setWindows([...inv.maintenance, ...more]);
  const maintenance = [...inv.maintenance, ...more];
  const outages = outageRows(r, n);
  engine.setOutages(outages);
  const q = { ...period(r), outages };
  compare(
    engine,
    computeReport({ ...later, services: [...inv.services, added], maintenance }, log, q),
    q,
  );
}

const SEEDS = Array.from({ length: 200 }, (_, i) => 1000 + i * 7919);

describe('incremental engine equals batch recomputation', () => {
  it('holds for 200 seeded random networks, services and event arrival orders', () => {
    for (const seed of SEEDS) {
      try {
        runCase(seed);
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).message}`, { cause: e });
      }
    }
  });
});

/**
 * A changed copy of the inventory: a link added or removed, a role, a rule effect or the SNMP-only
 * switch, a service.
 */
function mutate(r: Rand, n: Net, inv: Inventory): Inventory {
  const x = r();
  if (x < 0.2) {
    const [a, b] = [pick(r, n.devices), pick(r, n.devices)];
    return a === b
      ? inv
      : { ...inv, links: [...inv.links, { a: `device:${a}`, b: `device:${b}` }] };
  }
  if (x < 0.35 && inv.links.length > 1) {
    const drop = pick(r, inv.links);
    return { ...inv, links: inv.links.filter((l) => l !== drop) };
  }
  if (x < 0.55) {
    const id = pick(r, n.devices);
    const role = r() < 0.2 ? null : pick(r, ROLES);
    return { ...inv, devices: inv.devices.map((d) => (d.id === id ? { ...d, role } : d)) };
  }
  if (x < 0.7 && r() < 0.3) return flipped(inv);
  if (x < 0.7) {
    const effect = pick(r, ['device', 'port', 'ignore'] as const);
    return { ...inv, ruleEffects: [{ ruleId: pick(r, [1, 2, 3]), effect }] };
  }
  if (x < 0.85 && inv.services.length > 0) {
    const key = pick(r, inv.services).key;
    const requires = rule(r, n);
    return { ...inv, services: inv.services.map((s) => (s.key === key ? { ...s, requires } : s)) };
  }
  if (x < 0.93 || inv.services.length < 2) {
    const added = { ...inv.services[0]!, key: `v${Math.floor(r() * 1e6)}`, requires: rule(r, n) };
    return { ...inv, services: [...inv.services, added] };
  }
  const drop = pick(r, inv.services).key;
  return { ...inv, services: inv.services.filter((s) => s.key !== drop) };
}

/** Segments clipped to [a, b). */
const clip = (list: Report['services'][0]['segments'], a: number, b: number) =>
  list
    .map((s) => ({ ...s, start: Math.max(s.start, a), end: Math.min(s.end, b) }))
    .filter((s) => s.end > s.start);

/** Per service and version, the engine's timeline over the version's span equals that version's batch result. */
function compareVersions(d: VersionedDriver, log: AlertEvent[], p: Options): void {
  const batches = d.models.map((m) =>
    computeReport(inventoryUnder(m, d.inventory), log, { ...p, settings: claimSettingsOf(m) }),
  );
  for (const s of d.inventory.services) {
    d.versions.forEach((_, k) => {
      const span = spanOf(d.versions, k, s.key);
      const batch = batches[k]!.services.find((x) => x.service.key === s.key);
      if (span === null || batch === undefined) return;
      const first = batch.segments[0]?.start ?? p.from;
      const a = Math.max(span.start, first);
      const b = Math.min(span.end, s.activeUntil ?? Infinity, p.now);
      if (b <= a) return;
      expect(
        d.engine.segments(s.key, a, b),
        `${s.key} in version ${k} of ${d.versions.length}`,
      ).toEqual(clip(batch.segments, a, b));
    });
  }
}

/** Events arrive in random batches while the inventory changes at random moments. */
/** The inventory with the SNMP-only switch flipped. */
function flipped(inv: Inventory): Inventory {
  const { snmpOnlyCountsAsDown, ...rest } = inv;
  return snmpOnlyCountsAsDown ? rest : { ...rest, snmpOnlyCountsAsDown: true };
}

/** `flips`: every other change (on average) flips the SNMP-only switch. */
function runVersionsCase(seed: number, standby = false, flips = false): number {
  const r = mulberry32(seed);
  const n = network(r);
  let inv = inventory(r, n);
  // with flips, every third event says only "snmp", so that the switch matters often
  const log = events(r, n).map((e) =>
    flips && e.logId % 3 === 0 ? { ...e, statusReasons: ['snmp'] } : e,
  );
  const d = new VersionedDriver(standby ? T0 + int(r, 0, 200) * 1500 : null);
  d.change(inv, T0);
  const shuffled = [...log].sort(() => r() - 0.5);
  for (let i = 0; i < shuffled.length;) {
    const size = int(r, 1, 8);
    d.apply(shuffled.slice(i, i + size));
    i += size;
    if (r() < 0.3) {
      inv = flips && r() < 0.5 ? flipped(inv) : mutate(r, n, inv);
      d.change(inv, T0 + int(r, 0, 200) * 1500 + int(r, 0, 1));
    }
  }
  if (r() < 0.5) d.change(mutate(r, n, inv), T0 + int(r, 0, 200) * 1500);
  compareVersions(d, log, { from: T0 - 60_000, to: T0 + 400_000, now: T0 + 400_000 });
  return d.versions.length;
}

describe('versioned engine equals recomputation from the stored versions and events', () => {
  it('holds for 120 seeded networks with links, roles, rule effects, the SNMP-only switch and services changing at random moments', () => {
    let versions = 0;
    for (const seed of SEEDS.slice(0, 120)) {
      try {
        versions += runVersionsCase(seed);
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).message}`, { cause: e });
      }
    }
    expect(versions).toBeGreaterThan(240); // most cases change the inventory more than once
  });

  it('holds when the SNMP-only switch flips at random moments (each version computes with its own)', () => {
    for (const seed of SEEDS.slice(0, 80)) {
      try {
        runVersionsCase(seed, seed % 2 === 0, true);
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).message}`, { cause: e });
      }
    }
  });

  it('holds when the engine of the version in force now stays alive while a newer one applies later', () => {
    for (const seed of SEEDS.slice(120, 200)) {
      try {
        runVersionsCase(seed, true);
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).message}`, { cause: e });
      }
    }
  });
});
