// Inventory versions: what the engine computes with (topology, roles, rule effects, service rules),
// the moment each version takes effect, and the span of time each version decides for a service.
import type { ClaimSettings } from './claims.js';
import type { Interval } from './intervals.js';
import type { Device, Inventory, Service } from './inventory.js';
import type { Role } from './roles.js';
import type { RuleEffectMapping } from './rule-effects.js';
import type { ServiceRule } from './rules.js';

/** The parts of an inventory that change computed timelines (windows and names do not). */
export interface InventoryModel {
  devices: [id: number, role: Role | null][];
  ports: [id: number, deviceId: number][];
  links: [a: string, b: string][];
  services: [key: string, requires: ServiceRule][];
  ruleEffects: RuleEffectMapping[];
  /** the SNMP-only switch, present only when on (so models stored before it keep their digest) */
  snmpOnlyCountsAsDown?: true;
}

/** A recorded model's header: the instant it applies from (-Infinity: the first, for all time). */
export interface VersionHead {
  id: number;
  from: number;
  /** the model's rule effects as canonical JSON (`effectsKey`) */
  effects: string;
  /** whether it holds a service its predecessor did not */
  addsServices: boolean;
}

/** A version; `services` (its service keys) is needed from the version before the one asked about on. */
export interface Version extends VersionHead {
  services?: ReadonlySet<string>;
}

function servicesOf(versions: readonly Version[], j: number): ReadonlySet<string> {
  const set = versions[j]?.services;
  if (set === undefined) throw new RangeError(`services of version ${j} not loaded`);
  return set;
}

const byFirst = <T extends [number | string, ...unknown[]]>(a: T, b: T) =>
  a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;

/** The model of an inventory, in a canonical order (equal inventories give equal JSON). */
export function modelOf(inventory: Inventory): InventoryModel {
  return {
    devices: inventory.devices.map((d): [number, Role | null] => [d.id, d.role]).sort(byFirst),
    ports: inventory.ports.map((p): [number, number] => [p.id, p.deviceId]).sort(byFirst),
    links: inventory.links
      .map((l): [string, string] => (l.a < l.b ? [l.a, l.b] : [l.b, l.a]))
      .sort((x, y) => byFirst([`${x[0]} ${x[1]}`], [`${y[0]} ${y[1]}`])),
    services: inventory.services
      .map((s): [string, ServiceRule] => [s.key, s.requires])
      .sort(byFirst),
    ruleEffects: inventory.ruleEffects
      .map((m): [string, RuleEffectMapping] => [JSON.stringify(m), m])
      .sort(byFirst)
      .map(([, m]) => m),
    ...(inventory.snmpOnlyCountsAsDown === true ? { snmpOnlyCountsAsDown: true as const } : {}),
  };
}

/** The claim settings a model computes with. */
export function claimSettingsOf(model: { snmpOnlyCountsAsDown?: true }): ClaimSettings {
  return { snmpOnlyCountsAsDown: model.snmpOnlyCountsAsDown === true };
}

/** The rule effects of a model (with the SNMP-only switch, when on) as one comparable text. */
export function effectsKey(model: InventoryModel): string {
  const { ruleEffects, snmpOnlyCountsAsDown } = model;
  return JSON.stringify(snmpOnlyCountsAsDown ? { ruleEffects, snmpOnlyCountsAsDown } : ruleEffects);
}

/** Whether `model` holds a service that `previous` does not. */
export function addsServices(model: InventoryModel, previous: InventoryModel | undefined): boolean {
  const before = new Set(previous?.services.map(([key]) => key) ?? []);
  return model.services.some(([key]) => !before.has(key));
}

/** Whether two models compute the same timelines (their canonical JSON is equal). */
export function sameModel(a: InventoryModel, b: InventoryModel): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The inventory an engine of an earlier model runs on: that model's topology, roles, rule
 * effects and service rules, with today's windows, customers and service details.
 */
export function inventoryUnder(model: InventoryModel, current: Inventory): Inventory {
  const devices = new Map(current.devices.map((d) => [d.id, d]));
  const services = new Map(current.services.map((s) => [s.key, s]));
  const device = ([id, role]: [number, Role | null]): Device => {
    const known = devices.get(id);
    const base = { hostname: `device:${id}`, label: null, location: null, groups: [] };
    return { ...(known ?? base), id, role };
  };
  const service = ([key, requires]: [string, ServiceRule]): Service => {
    const known = services.get(key);
    const base = { customer: '', name: key, slaTarget: '100', activeFrom: null, activeUntil: null };
    return { ...(known ?? base), key, requires };
  };
  const { snmpOnlyCountsAsDown: _now, ...today } = current;
  return {
    ...today,
    ...(model.snmpOnlyCountsAsDown ? { snmpOnlyCountsAsDown: true as const } : {}),
    devices: model.devices.map(device),
    ports: model.ports.map(([id, deviceId]) => ({ id, deviceId, ifName: `port${id}` })),
    links: model.links.map(([a, b]) => ({ a, b })),
    services: model.services.map(service),
    ruleEffects: model.ruleEffects,
    effectiveFrom: null,
  };
}

/** Until when version `k` is in force: the earliest moment of any later version. */
function until(versions: readonly VersionHead[], k: number): number {
  let end = Infinity;
  for (let j = k + 1; j < versions.length; j++) end = Math.min(end, versions[j]!.from);
  return end;
}

/**
 * The span version `k` decides for service `key`, or null. A service decides nothing in a
 * version unless every later version still holds it; in the version that added it (the first
 * of its unbroken run) its span starts at -Infinity: a new service is computed over all time.
 */
export function spanOf(versions: readonly Version[], k: number, key: string): Interval | null {
  for (let j = k; j < versions.length; j++) if (!servicesOf(versions, j).has(key)) return null;
  const added = k === 0 || !servicesOf(versions, k - 1).has(key);
  const start = added ? -Infinity : versions[k]!.from;
  const end = until(versions, k);
  return end > start ? { start, end } : null;
}

/** The instant from which the newest version computes `key` (before it: kept history). */
export function floorOf(versions: readonly Version[], key: string): number {
  const k = versions.length - 1;
  return k < 0 ? -Infinity : (spanOf(versions, k, key)?.start ?? -Infinity);
}

/** The time version `k` may decide for some service: from -Infinity when it added services. */
export function reachOf(versions: readonly VersionHead[], k: number): Interval | null {
  const v = versions[k];
  if (v === undefined) return null;
  const start = k === 0 || v.addsServices ? -Infinity : v.from;
  const end = until(versions, k);
  return end > start ? { start, end } : null;
}

/**
 * Indices of the versions before the newest that new events may change: those whose decided
 * time meets the hull of the claims the events changed under the newest version's rule effects,
 * and, for versions with other rule effects (their claims differ), any time from the earliest event.
 */
export function versionsTouching(
  versions: readonly VersionHead[],
  claims: Interval | null,
  earliestEvent: number | null = null,
): number[] {
  const out: number[] = [];
  const effects = versions[versions.length - 1]?.effects;
  for (let k = 0; k < versions.length - 1; k++) {
    const own = versions[k]!.effects === effects;
    const window = own
      ? claims
      : earliestEvent === null
        ? null
        : { start: earliestEvent, end: Infinity };
    const reach = window === null ? null : reachOf(versions, k);
    if (reach !== null && reach.start < window!.end && window!.start < reach.end) out.push(k);
  }
  return out;
}
