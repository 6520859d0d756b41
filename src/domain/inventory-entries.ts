// The declared inventory as canonical entries per section: what is stored, compared and returned.
import { inventorySchema } from './inventory-schema.js';
import type { Customer, Device, Inventory, Service, Window } from './inventory.js';
import { roleOf, type RoleRule } from './roles.js';
import type { RuleEffectMapping } from './rule-effects.js';

/** timezone null in a document: DEFAULT_TIMEZONE on create, kept on update */
export type CustomerEntry = Customer;

export type ServiceEntry = Service;

/** `role` is the explicit role only (rules are applied when the inventory is used). */
export type DeviceEntry = Device;

export interface PortEntry {
  id: number;
  device: number;
  ifName: string;
}

export interface LinkEntry {
  a: string;
  b: string;
}

export type WindowEntry = Window;

export type AlertSourceEntry = { alertname: string; component: string } & Record<string, unknown>;

/** Keyed sections map their upsert key to the entry; list sections are null when not given. */
export interface Entries {
  customers: Map<string, CustomerEntry>;
  services: Map<string, ServiceEntry>;
  devices: Map<number, DeviceEntry>;
  ports: Map<number, PortEntry>;
  links: Map<string, LinkEntry>;
  maintenance: Map<string, WindowEntry>;
  ruleEffects: Map<string, RuleEffectMapping>;
  roleRules: RoleRule[] | null;
  alertSources: AlertSourceEntry[] | null;
}

export const KEYED_SECTIONS = [
  'customers',
  'services',
  'devices',
  'ports',
  'links',
  'maintenance',
  'ruleEffects',
] as const;
export const LIST_SECTIONS = ['roleRules', 'alertSources'] as const;
export const SECTIONS = [...KEYED_SECTIONS, ...LIST_SECTIONS] as const;
export type Section = (typeof SECTIONS)[number];

/** JSON with object keys sorted, so that equal values compare equal as text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

export const linkKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Upsert key of a rule-effect mapping: the rule id wins, else the rule name (case-insensitive). */
export function ruleEffectKey(m: { ruleId?: number | null; rule?: string | null }): string {
  return m.ruleId != null ? `id:${m.ruleId}` : `name:${(m.rule ?? '').trim().toLowerCase()}`;
}

const byKey = <K, V>(items: readonly V[], key: (v: V) => K) =>
  new Map(items.map((v) => [key(v), v] as const));

/**
 * The entries of a validated document. `raw` is the document as sent: explicit device roles and
 * which list sections were given are read from it (the validated inventory holds derived roles).
 */
export function entriesOfDocument(raw: unknown, inventory: Inventory): Entries {
  const parsed = inventorySchema.parse(raw);
  const given = (s: string) => Array.isArray((raw as Record<string, unknown>)[s]);
  const explicitRole = new Map(parsed.devices.map((d) => [d.id, d.role ?? null]));
  return {
    customers: byKey(inventory.customers, (c) => c.key),
    services: byKey(inventory.services, (s) => s.key),
    devices: byKey(
      inventory.devices.map((d) => ({
        id: d.id,
        hostname: d.hostname,
        role: explicitRole.get(d.id) ?? null,
        label: d.label,
        location: d.location,
        groups: [...new Set(d.groups)],
      })),
      (d) => d.id,
    ),
    ports: byKey(
      inventory.ports.map((p) => ({ id: p.id, device: p.deviceId, ifName: p.ifName })),
      (p) => p.id,
    ),
    links: byKey(
      inventory.links.map((l) => (l.a < l.b ? l : { a: l.b, b: l.a })),
      (l) => linkKey(l.a, l.b),
    ),
    maintenance: byKey(inventory.maintenance, (w) => w.key),
    ruleEffects: byKey(
      inventory.ruleEffects.map(({ ruleId, rule, effect }) => ({
        ...(ruleId !== undefined ? { ruleId } : {}),
        ...(rule !== undefined ? { rule } : {}),
        effect,
      })),
      ruleEffectKey,
    ),
    roleRules: given('roleRules') ? inventory.roleRules : null,
    alertSources: given('alertSources') ? (parsed.alertSources as AlertSourceEntry[]) : null,
  };
}

/**
 * The inventory in force from stored entries, without validating again what was validated before
 * it was stored (refs canonical, links unique, ports of known devices): only the roles that
 * `roleRules` give are derived, as validation derives them. `documentOf` → `parseInventory`
 * yields the same inventory (a database test holds them equal).
 */
export function inventoryOfEntries(e: Entries): Inventory {
  const roleRules = e.roleRules ?? [];
  const devices: Device[] = [];
  for (const d of e.devices.values()) devices.push({ ...d, role: roleOf(d, roleRules) });
  const ports: Inventory['ports'] = [];
  for (const p of e.ports.values()) ports.push({ id: p.id, deviceId: p.device, ifName: p.ifName });
  return {
    customers: [...e.customers.values()],
    services: [...e.services.values()],
    devices,
    ports,
    links: [...e.links.values()],
    roleRules,
    maintenance: [...e.maintenance.values()],
    ruleEffects: [...e.ruleEffects.values()],
    alertSources: (e.alertSources ?? []).map((a) => ({ ...a })),
    effectiveFrom: null,
  };
}
