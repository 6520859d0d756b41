// Reads the stored inventory with plain SQL as canonical entries (the API's GET and the engine's start-up),
// what a new document may refer to, and entity rows as entries (for the writes' comparisons).
import type { EntityManager, Knex } from '@mikro-orm/knex';
import type { InventoryContext } from '../domain/inventory.js';
import type { WindowCategory, RuleEffect } from '../domain/inventory-schema.js';
import type { Role, RoleRule } from '../domain/roles.js';
import type { RuleEffectMapping } from '../domain/rule-effects.js';
import type {
  AlertSourceEntry,
  CustomerEntry,
  DeviceEntry,
  Entries,
  LinkEntry,
  PortEntry,
  ServiceEntry,
  WindowEntry,
} from '../domain/inventory-entries.js';
import { linkKey } from '../domain/inventory-entries.js';
import { eachRow } from './keyset.js';
import { fromSqlInstant } from './sql-instant.js';
import type { DeviceRow, PortRow } from './entities/component.js';
import type { Customer } from './entities/customer.js';
import type { RoleRuleRow, RuleEffectRow } from './entities/inventory-rules.js';
import type { MaintenanceWindowRow } from './entities/maintenance-window.js';
import { ServiceSchema, type ServiceRow } from './entities/service.js';

const seconds = (d: Date | null) => (d === null ? null : Math.floor(d.getTime() / 1000));

export const customerEntry = (c: Customer): CustomerEntry => ({
  key: c.key,
  name: c.name,
  timezone: c.timezone,
});

export const serviceEntry = (s: ServiceRow): ServiceEntry => ({
  key: s.key,
  customer: s.customer.key,
  name: s.name,
  slaTarget: s.slaTarget,
  activeFrom: seconds(s.activeFrom),
  activeUntil: seconds(s.activeUntil),
  requires: JSON.parse(s.requires),
});

export const deviceEntry = (d: DeviceRow): DeviceEntry => ({
  id: d.id,
  hostname: d.hostname,
  role: d.role as Role | null,
  label: d.label,
  location: d.location,
  groups: JSON.parse(d.groups),
});

export const portEntry = (p: PortRow): PortEntry => ({
  id: p.id,
  device: p.deviceId,
  ifName: p.ifName,
});

export const windowEntry = (w: MaintenanceWindowRow): WindowEntry => ({
  key: w.key,
  start: seconds(w.startsAt) ?? 0,
  end: seconds(w.endsAt) ?? 0,
  category: w.category as WindowCategory,
  scope: JSON.parse(w.scope),
  reason: w.reason,
});

export const ruleEffectEntry = (r: RuleEffectRow): RuleEffectMapping => ({
  ...(r.ruleId !== null ? { ruleId: r.ruleId } : {}),
  ...(r.ruleName !== null ? { rule: r.ruleName } : {}),
  effect: r.effect as RuleEffect,
});

export const roleRuleEntry = (r: RoleRuleRow): RoleRule =>
  r.hostnamePattern !== null
    ? { hostname: r.hostnamePattern, role: r.role as Role }
    : { group: r.deviceGroup ?? '', role: r.role as Role };

type Raw = Record<string, unknown>;
const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
/** Plain SQL inside the EntityManager's transaction when it has one (the PUT validates in it). */
const knexOf = (em: EntityManager): Knex =>
  em.getTransactionContext<Knex.Transaction>() ?? em.getKnex();
const rawSeconds = (v: unknown) =>
  v === null || v === undefined ? null : Math.floor(fromSqlInstant(v).getTime() / 1000);

/** Customers in id order, with the key of each id (services name their customer by id). */
async function readCustomers(knex: Knex) {
  const entries = new Map<string, CustomerEntry>();
  const keyOf = new Map<number, string>();
  await eachRow<Raw>(knex, 'customers', 'id', ['id', 'key', 'name', 'timezone'], (r) => {
    const key = String(r.key);
    keyOf.set(Number(r.id), key);
    entries.set(key, { key, name: String(r.name), timezone: text(r.timezone) });
  });
  return { entries, keyOf };
}

const SERVICE_COLUMNS = ['id', 'key', 'customer_id', 'name', 'sla_target', 'active_from'];

async function readServices(knex: Knex, keyOf: ReadonlyMap<number, string>) {
  const out = new Map<string, ServiceEntry>();
  const columns = [...SERVICE_COLUMNS, 'active_until', 'requires'];
  const visible = { hidden: 0 };
  await eachRow<Raw>(
    knex,
    'services',
    'id',
    columns,
    (r) => {
      const key = String(r.key);
      out.set(key, {
        key,
        customer: keyOf.get(Number(r.customer_id)) ?? '',
        name: String(r.name),
        slaTarget: String(r.sla_target),
        activeFrom: rawSeconds(r.active_from),
        activeUntil: rawSeconds(r.active_until),
        requires: JSON.parse(String(r.requires)),
      });
    },
    visible,
  );
  return out;
}

async function readDevices(knex: Knex, only: Record<string, number>) {
  const out = new Map<number, DeviceEntry>();
  const columns = ['id', 'hostname', 'role', 'label', 'location', 'groups'];
  await eachRow<Raw>(
    knex,
    'devices',
    'id',
    columns,
    (r) => {
      const id = Number(r.id);
      out.set(id, {
        id,
        hostname: String(r.hostname),
        role: text(r.role) as Role | null,
        label: text(r.label),
        location: text(r.location),
        groups: JSON.parse(String(r.groups)),
      });
    },
    only,
  );
  return out;
}

async function readPorts(knex: Knex, only: Record<string, number>) {
  const out = new Map<number, PortEntry>();
  await eachRow<Raw>(
    knex,
    'ports',
    'id',
    ['id', 'device_id', 'if_name'],
    (r) => {
      const id = Number(r.id);
      out.set(id, { id, device: Number(r.device_id), ifName: String(r.if_name) });
    },
    only,
  );
  return out;
}

async function readLinks(knex: Knex, declaredOnly: boolean) {
  const out = new Map<string, LinkEntry>();
  await eachRow<Raw>(knex, 'links', 'id', ['id', 'a', 'b', 'source'], (r) => {
    if (declaredOnly && r.source === 'librenms') return;
    const a = String(r.a);
    const b = String(r.b);
    out.set(linkKey(a, b), { a, b });
  });
  return out;
}

async function readWindows(knex: Knex) {
  const out = new Map<string, WindowEntry>();
  const columns = ['id', 'key', 'starts_at', 'ends_at', 'category', 'scope', 'reason'];
  await eachRow<Raw>(knex, 'maintenance_windows', 'id', columns, (r) => {
    const key = String(r.key);
    out.set(key, {
      key,
      start: rawSeconds(r.starts_at) ?? 0,
      end: rawSeconds(r.ends_at) ?? 0,
      category: String(r.category) as WindowCategory,
      scope: JSON.parse(String(r.scope)),
      reason: text(r.reason),
    });
  });
  return out;
}

async function readRuleEffects(knex: Knex) {
  const out = new Map<string, RuleEffectMapping>();
  const columns = ['id', 'match_key', 'rule_id', 'rule_name', 'effect'];
  await eachRow<Raw>(knex, 'rule_effects', 'id', columns, (r) => {
    out.set(String(r.match_key), {
      ...(r.rule_id !== null ? { ruleId: Number(r.rule_id) } : {}),
      ...(r.rule_name !== null ? { rule: String(r.rule_name) } : {}),
      effect: String(r.effect) as RuleEffect,
    });
  });
  return out;
}

async function readRoleRules(knex: Knex): Promise<RoleRule[]> {
  const rows = (await knex('role_rules')
    .select('hostname_pattern', 'device_group', 'role')
    .orderBy([{ column: 'position' }, { column: 'id' }])) as Raw[];
  return rows.map((r) =>
    r.hostname_pattern !== null
      ? { hostname: String(r.hostname_pattern), role: String(r.role) as Role }
      : { group: text(r.device_group) ?? '', role: String(r.role) as Role },
  );
}

async function readAlertSources(knex: Knex): Promise<AlertSourceEntry[]> {
  const rows = (await knex('alert_sources')
    .select('definition')
    .orderBy([{ column: 'position' }, { column: 'id' }])) as Raw[];
  return rows.map((r) => JSON.parse(String(r.definition)) as AlertSourceEntry);
}

/**
 * The stored inventory as entries, read with plain SQL in key order (no entity hydration): visible
 * services only; with `declaredOnly`, only the components and links that documents and admins
 * entered (not LibreNMS imports). Both the inventory API and the engine's start-up read it here.
 */
export async function storedEntries(
  em: EntityManager,
  opts: { declaredOnly: boolean },
): Promise<Entries> {
  const knex = knexOf(em);
  const only: Record<string, number> = opts.declaredOnly ? { declared: 1 } : {};
  const customers = await readCustomers(knex);
  return {
    customers: customers.entries,
    services: await readServices(knex, customers.keyOf),
    devices: await readDevices(knex, only),
    ports: await readPorts(knex, only),
    links: await readLinks(knex, opts.declaredOnly),
    maintenance: await readWindows(knex),
    ruleEffects: await readRuleEffects(knex),
    roleRules: await readRoleRules(knex),
    alertSources: await readAlertSources(knex),
  };
}

/** What a document may refer to besides itself: every stored component, customer and service key. */
export async function inventoryContext(em: EntityManager): Promise<Required<InventoryContext>> {
  const knex = knexOf(em);
  const devices = await readDevices(knex, {});
  const ports = await readPorts(knex, {});
  const customers = await readCustomers(knex);
  const services = (await knex('services').select('key')) as { key: string }[];
  return {
    catalogue: {
      devices: [...devices.values()].map((d) => ({
        id: d.id,
        hostname: d.hostname,
        groups: d.groups,
      })),
      ports: [...ports.values()].map((p) => ({ id: p.id, deviceId: p.device, ifName: p.ifName })),
    },
    customerKeys: customers.entries.keys(),
    serviceKeys: services.map((s) => s.key),
  };
}

/** The customer (key, time zone) of a service that has not been removed; null when there is none. */
export async function customerOfService(
  em: EntityManager,
  key: string,
): Promise<{ key: string; timezone: string } | null> {
  const s = await em.findOne(ServiceSchema, { key, hidden: false }, { populate: ['customer'] });
  return s === null ? null : { key: s.customer.key, timezone: s.customer.timezone };
}
