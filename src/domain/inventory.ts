// Inventory validation: schema, rules and references, every error with its JSON path; result is canonical.
import { ValidationError, type ErrorDetail } from './errors.js';
import { inventorySchema, type ParsedInventory, type WindowCategory } from './inventory-schema.js';
import { jsonPath, type PathSegment } from './json-path.js';
import { createResolver, type ComponentCatalogue, type CatalogueDevice } from './refs.js';
import type { RuleEffectMapping } from './rule-effects.js';
import { roleOf, type Role, type RoleRule } from './roles.js';
import type { ServiceRule } from './rules.js';
import { parseRule } from './rule-parse.js';
import type { WindowScope } from './windows.js';

export type { WindowScope };

export interface Customer {
  key: string;
  name: string;
  timezone: string | null;
}

export interface Service {
  key: string;
  customer: string;
  name: string;
  /** Exact decimal text, e.g. `99.95`. */
  slaTarget: string;
  activeFrom: number | null;
  activeUntil: number | null;
  requires: ServiceRule;
}

export interface Device {
  id: number;
  hostname: string;
  /** The effective role: explicit, else from roleRules, else neutral (`null`). */
  role: Role | null;
  label: string | null;
  location: string | null;
  groups: string[];
}

export interface Port {
  id: number;
  deviceId: number;
  ifName: string;
}

export interface Window {
  key: string;
  start: number;
  end: number;
  category: WindowCategory;
  scope: WindowScope;
  reason: string | null;
}

/** A validated inventory: refs canonical (`device:42`), instants in epoch seconds, links unique. */
export interface Inventory {
  customers: Customer[];
  services: Service[];
  devices: Device[];
  ports: Port[];
  links: { a: string; b: string }[];
  roleRules: RoleRule[];
  maintenance: Window[];
  ruleEffects: RuleEffectMapping[];
  alertSources: { alertname: string; component: string }[];
  effectiveFrom: number | null;
  /** the SNMP-only switch in force (an admin setting, not part of the document); absent: off */
  snmpOnlyCountsAsDown?: true;
}

/** What the document may refer to besides itself (the stored inventory and LibreNMS import). */
export interface InventoryContext {
  catalogue?: ComponentCatalogue & {
    devices: readonly (CatalogueDevice & { groups?: string[] })[];
  };
  customerKeys?: Iterable<string>;
  serviceKeys?: Iterable<string>;
}

export type InventoryResult =
  { ok: true; inventory: Inventory } | { ok: false; errors: ErrorDetail[] };

type Resolve = (ref: string, path: PathSegment[]) => string;

function makeResolve(doc: ParsedInventory, ctx: InventoryContext, errors: ErrorDetail[]): Resolve {
  const resolver = createResolver({
    devices: [...doc.devices, ...(ctx.catalogue?.devices ?? [])],
    ports: [
      ...doc.ports.map((p) => ({ id: p.id, deviceId: p.device, ifName: p.ifName })),
      ...(ctx.catalogue?.ports ?? []),
    ],
  });
  return (ref, path) => {
    const r = resolver(ref);
    if (r.ok) return r.ref;
    errors.push({ path: jsonPath(path), message: r.message });
    return ref;
  };
}

function checkKnown(
  keys: readonly string[],
  known: Set<string>,
  path: PathSegment[],
  what: string,
  errors: ErrorDetail[],
): void {
  keys.forEach((k, i) => {
    if (!known.has(k))
      errors.push({ path: jsonPath([...path, i]), message: `unknown ${what} "${k}"` });
  });
}

function services(
  doc: ParsedInventory,
  ctx: InventoryContext,
  resolve: Resolve,
  errors: ErrorDetail[],
) {
  const customers = new Set([...doc.customers.map((c) => c.key), ...(ctx.customerKeys ?? [])]);
  return doc.services.map((s, i): Service => {
    const at = ['services', i];
    if (!customers.has(s.customer)) {
      errors.push({
        path: jsonPath([...at, 'customer']),
        message: `unknown customer "${s.customer}"`,
      });
    }
    const bounds = s.activeFrom != null && s.activeUntil != null && s.activeFrom >= s.activeUntil;
    if (bounds)
      errors.push({ path: jsonPath([...at, 'activeUntil']), message: 'must be after activeFrom' });
    const rule = parseRule(s.requires, [...at, 'requires'], errors);
    const requires = rule === null ? rule : resolveRule(rule, [...at, 'requires'], resolve);
    return {
      key: s.key,
      customer: s.customer,
      name: s.name,
      slaTarget: s.slaTarget,
      activeFrom: s.activeFrom ?? null,
      activeUntil: s.activeUntil ?? null,
      requires: requires ?? '',
    };
  });
}

/** Resolves refs in a rule, reporting each failure at its own path. */
function resolveRule(rule: ServiceRule, path: PathSegment[], resolve: Resolve): ServiceRule {
  if (typeof rule === 'string') return resolve(rule, path);
  if ('path' in rule) {
    const at = [...path, 'path'];
    return {
      path: {
        from: resolve(rule.path.from, [...at, 'from']),
        to: rule.path.to.map((t, i) => resolve(t, [...at, 'to', i])),
      },
    };
  }
  const list = 'all' in rule ? 'all' : 'any' in rule ? 'any' : 'of';
  const parts = 'all' in rule ? rule.all : 'any' in rule ? rule.any : rule.of;
  const resolved = parts.map((p, i) => resolveRule(p, [...path, list, i], resolve));
  if ('all' in rule) return { all: resolved };
  if ('any' in rule) return { any: resolved };
  return { atLeast: rule.atLeast, of: resolved };
}

function windows(
  doc: ParsedInventory,
  ctx: InventoryContext,
  resolve: Resolve,
  errors: ErrorDetail[],
) {
  const customers = new Set([...doc.customers.map((c) => c.key), ...(ctx.customerKeys ?? [])]);
  const svcs = new Set([...doc.services.map((s) => s.key), ...(ctx.serviceKeys ?? [])]);
  return doc.maintenance.map((w, i): Window => {
    const at: PathSegment[] = ['maintenance', i, 'scope'];
    let scope: WindowScope = w.scope;
    if ('customers' in w.scope)
      checkKnown(w.scope.customers, customers, [...at, 'customers'], 'customer', errors);
    if ('services' in w.scope)
      checkKnown(w.scope.services, svcs, [...at, 'services'], 'service', errors);
    if ('components' in w.scope) {
      scope = {
        components: w.scope.components.map((c, j) => resolve(c, [...at, 'components', j])),
      };
    }
    return {
      key: w.key,
      start: w.start,
      end: w.end,
      category: w.category,
      scope,
      reason: w.reason ?? null,
    };
  });
}

function devicesAndPorts(doc: ParsedInventory, ctx: InventoryContext, errors: ErrorDetail[]) {
  const deviceIds = new Set([...doc.devices, ...(ctx.catalogue?.devices ?? [])].map((d) => d.id));
  const devices = doc.devices.map((d): Device => {
    const groups = [...(d.groups ?? []), ...(d.group != null ? [d.group] : [])];
    return {
      id: d.id,
      hostname: d.hostname,
      role: roleOf({ hostname: d.hostname, groups, role: d.role ?? null }, doc.roleRules),
      label: d.label ?? null,
      location: d.location ?? null,
      groups,
    };
  });
  const ports = doc.ports.map((p, i): Port => {
    if (!deviceIds.has(p.device)) {
      errors.push({
        path: jsonPath(['ports', i, 'device']),
        message: `unknown device ${p.device}`,
      });
    }
    return { id: p.id, deviceId: p.device, ifName: p.ifName };
  });
  return { devices, ports };
}

function links(doc: ParsedInventory, resolve: Resolve) {
  const seen = new Map<string, { a: string; b: string }>();
  doc.links.forEach((l, i) => {
    const a = resolve(l.a, ['links', i, 'a']);
    const b = resolve(l.b, ['links', i, 'b']);
    const pair = a < b ? `${a}|${b}` : `${b}|${a}`;
    if (!seen.has(pair) && a !== b) seen.set(pair, { a, b });
  });
  return [...seen.values()];
}

/** Validates an inventory document; returns every error (JSON path + message) or the canonical inventory. */
export function validateInventory(input: unknown, ctx: InventoryContext = {}): InventoryResult {
  const parsed = inventorySchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message }));
    const doc = input as { services?: unknown[] } | null;
    (Array.isArray(doc?.services) ? doc.services : []).forEach((s, i) => {
      const requires = (s as { requires?: unknown } | null)?.requires;
      parseRule(requires, ['services', i, 'requires'], errors);
    });
    return { ok: false, errors };
  }
  const doc = parsed.data;
  const errors: ErrorDetail[] = [];
  const resolve = makeResolve(doc, ctx, errors);
  const inventory: Inventory = {
    customers: doc.customers.map((c) => ({
      key: c.key,
      name: c.name,
      timezone: c.timezone ?? null,
    })),
    services: services(doc, ctx, resolve, errors),
    ...devicesAndPorts(doc, ctx, errors),
    links: links(doc, resolve),
    roleRules: doc.roleRules,
    maintenance: windows(doc, ctx, resolve, errors),
    ruleEffects: doc.ruleEffects,
    alertSources: doc.alertSources.map((a) => ({ ...a })),
    effectiveFrom: doc.effectiveFrom ?? null,
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, inventory };
}

/** Like validateInventory, but throws a 422 ValidationError carrying every error. */
export function parseInventory(input: unknown, ctx: InventoryContext = {}): Inventory {
  const result = validateInventory(input, ctx);
  if (!result.ok) throw new ValidationError('invalid inventory', result.errors);
  return result.inventory;
}
