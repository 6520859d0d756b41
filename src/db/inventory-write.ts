// Upserts inventory entries into the unit of work (the caller flushes once) and counts what changed.
import type { EntityManager } from '@mikro-orm/knex';
import {
  linkKey,
  ruleEffectKey,
  stableJson,
  type AlertSourceEntry,
  type Entries,
  type Section,
} from '../domain/inventory-entries.js';
import { DeviceSchema, LinkSchema, PortSchema } from './entities/component.js';
import { CustomerSchema, type Customer } from './entities/customer.js';
import { AlertSourceSchema, RoleRuleSchema, RuleEffectSchema } from './entities/inventory-rules.js';
import { MaintenanceWindowSchema } from './entities/maintenance-window.js';
import { ServiceSchema } from './entities/service.js';
import {
  customerEntry,
  deviceEntry,
  portEntry,
  roleRuleEntry,
  ruleEffectEntry,
  serviceEntry,
  windowEntry,
} from './inventory-read.js';

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
}

export type SectionCounts = Record<Section, Counts>;

const date = (t: number | null) => (t === null ? null : new Date(t * 1000));

/** Compares each incoming entry with the stored one (`null`: not declared) and writes the changes. */
function upsert<K, E, V>(
  existing: Map<K, E>,
  incoming: Map<K, V>,
  current: (e: E) => V | null,
  write: (e: E | undefined, v: V) => void,
): Counts {
  const counts: Counts = { created: 0, updated: 0, unchanged: 0 };
  for (const [key, value] of incoming) {
    const row = existing.get(key);
    const stored = row === undefined ? null : current(row);
    if (stored === null) counts.created++;
    else if (stableJson(stored) === stableJson(value)) {
      counts.unchanged++;
      continue;
    } else counts.updated++;
    write(row, value);
  }
  return counts;
}

const index = <K, E>(rows: E[], key: (e: E) => K) => new Map(rows.map((r) => [key(r), r]));

export interface WriteOptions {
  defaultTimezone: string;
  now: Date;
}

async function customers(em: EntityManager, e: Entries, o: WriteOptions) {
  const rows = index(await em.find(CustomerSchema, {}), (c) => c.key);
  for (const [key, c] of e.customers) {
    c.timezone ??= rows.get(key)?.timezone ?? o.defaultTimezone;
  }
  const counts = upsert(rows, e.customers, customerEntry, (row, c) => {
    if (row) Object.assign(row, { name: c.name, timezone: c.timezone });
    else
      rows.set(c.key, em.create(CustomerSchema, { ...c, timezone: c.timezone!, createdAt: o.now }));
  });
  return { counts, byKey: rows };
}

async function services(em: EntityManager, e: Entries, customersByKey: Map<string, Customer>) {
  const rows = index(await em.find(ServiceSchema, {}, { populate: ['customer'] }), (s) => s.key);
  return upsert(
    rows,
    e.services,
    (s) => (s.hidden ? null : serviceEntry(s)),
    (row, s) => {
      const fields = {
        key: s.key,
        customer: customersByKey.get(s.customer)!,
        name: s.name,
        slaTarget: s.slaTarget,
        activeFrom: date(s.activeFrom),
        activeUntil: date(s.activeUntil),
        requires: JSON.stringify(s.requires),
        hidden: false,
      };
      if (row) Object.assign(row, fields);
      else em.create(ServiceSchema, fields);
    },
  );
}

async function devices(em: EntityManager, e: Entries): Promise<Counts> {
  const rows = index(await em.find(DeviceSchema, {}), (d) => d.id);
  return upsert(
    rows,
    e.devices,
    (d) => (d.declared ? deviceEntry(d) : null),
    (row, d) => {
      const fields = { ...d, groups: JSON.stringify(d.groups), declared: true };
      if (row) Object.assign(row, fields);
      else em.create(DeviceSchema, fields);
    },
  );
}

async function ports(em: EntityManager, e: Entries): Promise<Counts> {
  const rows = index(await em.find(PortSchema, {}), (p) => p.id);
  return upsert(
    rows,
    e.ports,
    (p) => (p.declared ? portEntry(p) : null),
    (row, p) => {
      const fields = { id: p.id, deviceId: p.device, ifName: p.ifName, declared: true };
      if (row) Object.assign(row, fields);
      else em.create(PortSchema, fields);
    },
  );
}

/** A link LibreNMS also reports becomes declared (and stays when LibreNMS forgets it). */
async function links(em: EntityManager, e: Entries): Promise<Counts> {
  const rows = index(await em.find(LinkSchema, {}), (l) => linkKey(l.a, l.b));
  return upsert(
    rows,
    e.links,
    (l) => (l.source === 'librenms' ? null : { a: l.a, b: l.b }),
    (row, l) => {
      if (row) row.source = 'inventory';
      else em.create(LinkSchema, { a: l.a, b: l.b, source: 'inventory' });
    },
  );
}

async function windowsAndEffects(em: EntityManager, e: Entries) {
  const windows = index(await em.find(MaintenanceWindowSchema, {}), (w) => w.key);
  const maintenance = upsert(windows, e.maintenance, windowEntry, (row, w) => {
    const fields = {
      key: w.key,
      startsAt: date(w.start)!,
      endsAt: date(w.end)!,
      category: w.category,
      scope: JSON.stringify(w.scope),
      reason: w.reason,
    };
    if (row) Object.assign(row, fields);
    else em.create(MaintenanceWindowSchema, fields);
  });
  const effects = index(await em.find(RuleEffectSchema, {}), (r) => r.matchKey);
  const ruleEffects = upsert(effects, e.ruleEffects, ruleEffectEntry, (row, m) => {
    const fields = {
      matchKey: ruleEffectKey(m),
      ruleId: m.ruleId ?? null,
      ruleName: m.rule ?? null,
      effect: m.effect,
    };
    if (row) Object.assign(row, fields);
    else em.create(RuleEffectSchema, fields);
  });
  return { maintenance, ruleEffects };
}

const NONE: Counts = { created: 0, updated: 0, unchanged: 0 };

/** Ordered lists are replaced as a whole when given; each counts as one entry. */
function replaceList<R extends object, V>(
  em: EntityManager,
  rows: R[],
  current: V[],
  next: V[] | null,
  make: (v: V, position: number) => void,
): Counts {
  if (next === null) return NONE;
  if (stableJson(current) === stableJson(next)) return { ...NONE, unchanged: 1 };
  rows.forEach((r) => em.remove(r));
  next.forEach(make);
  return rows.length === 0 ? { ...NONE, created: 1 } : { ...NONE, updated: 1 };
}

async function lists(em: EntityManager, e: Entries) {
  const roles = await em.find(RoleRuleSchema, {}, { orderBy: { position: 'asc' } });
  const sources = await em.find(AlertSourceSchema, {}, { orderBy: { position: 'asc' } });
  const definitions = sources.map((s) => JSON.parse(s.definition) as AlertSourceEntry);
  return {
    roleRules: replaceList(em, roles, roles.map(roleRuleEntry), e.roleRules, (r, position) =>
      em.create(RoleRuleSchema, {
        position,
        hostnamePattern: 'hostname' in r ? r.hostname : null,
        deviceGroup: 'group' in r ? r.group : null,
        role: r.role,
      }),
    ),
    alertSources: replaceList(em, sources, definitions, e.alertSources, (a, position) =>
      em.create(AlertSourceSchema, {
        position,
        alertname: a.alertname,
        definition: JSON.stringify(a),
      }),
    ),
  };
}

/** Applies every section of `entries` to the unit of work; nothing is flushed here. */
export async function upsertEntries(
  em: EntityManager,
  entries: Entries,
  opts: WriteOptions,
): Promise<SectionCounts> {
  const c = await customers(em, entries, opts);
  return {
    customers: c.counts,
    services: await services(em, entries, c.byKey),
    devices: await devices(em, entries),
    ports: await ports(em, entries),
    links: await links(em, entries),
    ...(await windowsAndEffects(em, entries)),
    ...(await lists(em, entries)),
  };
}
