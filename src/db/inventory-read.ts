// Reads the stored inventory: entity rows as canonical entries, and what a new document may refer to.
import type { EntityManager } from '@mikro-orm/knex';
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
import {
  DeviceSchema,
  LinkSchema,
  PortSchema,
  type DeviceRow,
  type PortRow,
} from './entities/component.js';
import { CustomerSchema, type Customer } from './entities/customer.js';
import {
  AlertSourceSchema,
  RoleRuleSchema,
  RuleEffectSchema,
  type RoleRuleRow,
  type RuleEffectRow,
} from './entities/inventory-rules.js';
import {
  MaintenanceWindowSchema,
  type MaintenanceWindowRow,
} from './entities/maintenance-window.js';
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

const declaredLink = (l: { source: string }) => l.source !== 'librenms';

/**
 * The stored inventory as entries: visible services only; with `declaredOnly`, only the
 * components and links that documents and admins entered (not LibreNMS imports).
 */
export async function storedEntries(
  em: EntityManager,
  opts: { declaredOnly: boolean },
): Promise<Entries> {
  const only = opts.declaredOnly ? { declared: true } : {};
  const customers = await em.find(CustomerSchema, {});
  const services = await em.find(ServiceSchema, { hidden: false }, { populate: ['customer'] });
  const devices = await em.find(DeviceSchema, only);
  const ports = await em.find(PortSchema, only);
  const links = await em.find(LinkSchema, {});
  const windows = await em.find(MaintenanceWindowSchema, {});
  const effects = await em.find(RuleEffectSchema, {});
  const roles = await em.find(RoleRuleSchema, {}, { orderBy: { position: 'asc' } });
  const sources = await em.find(AlertSourceSchema, {}, { orderBy: { position: 'asc' } });
  return {
    customers: new Map(customers.map((c) => [c.key, customerEntry(c)])),
    services: new Map(services.map((s) => [s.key, serviceEntry(s)])),
    devices: new Map(devices.map((d) => [d.id, deviceEntry(d)])),
    ports: new Map(ports.map((p) => [p.id, portEntry(p)])),
    links: new Map(
      links
        .filter((l) => !opts.declaredOnly || declaredLink(l))
        .map((l): [string, LinkEntry] => [linkKey(l.a, l.b), { a: l.a, b: l.b }]),
    ),
    maintenance: new Map(windows.map((w) => [w.key, windowEntry(w)])),
    ruleEffects: new Map(effects.map((r) => [r.matchKey, ruleEffectEntry(r)])),
    roleRules: roles.map(roleRuleEntry),
    alertSources: sources.map((s) => JSON.parse(s.definition) as AlertSourceEntry),
  };
}

/** What a document may refer to besides itself: every stored component, customer and service key. */
export async function inventoryContext(em: EntityManager): Promise<Required<InventoryContext>> {
  const devices = await em.find(DeviceSchema, {});
  const ports = await em.find(PortSchema, {});
  const customers = await em.find(CustomerSchema, {});
  const services = await em.find(ServiceSchema, {});
  return {
    catalogue: {
      devices: devices.map((d) => ({
        id: d.id,
        hostname: d.hostname,
        groups: JSON.parse(d.groups),
      })),
      ports: ports.map((p) => ({ id: p.id, deviceId: p.deviceId, ifName: p.ifName })),
    },
    customerKeys: customers.map((c) => c.key),
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
