// Removes one declared inventory entry (a service is hidden, its history kept); returns what it was.
import type { EntitySchema } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/knex';
import { linkKey, ruleEffectKey, type Section } from '../domain/inventory-entries.js';
import { ConflictError, NotFoundError } from '../domain/errors.js';
import { DeviceSchema, LinkSchema, PortSchema } from './entities/component.js';
import { CustomerSchema } from './entities/customer.js';
import { AlertSourceSchema, RoleRuleSchema, RuleEffectSchema } from './entities/inventory-rules.js';
import { MaintenanceWindowSchema } from './entities/maintenance-window.js';
import { ServiceSchema } from './entities/service.js';
import { UserSchema } from './entities/user.js';
import {
  customerEntry,
  deviceEntry,
  portEntry,
  roleRuleEntry,
  ruleEffectEntry,
  serviceEntry,
  windowEntry,
} from './inventory-read.js';

type Remover = (em: EntityManager, key: string) => Promise<unknown>;

function found<T>(row: T | null, section: Section, key: string): T {
  if (row === null) throw new NotFoundError(`no ${section} entry "${key}"`);
  return row;
}

const numeric = (key: string) => (/^\d+$/.test(key) ? Number(key) : -1);

async function removeListEntry<R extends { position: number }>(
  em: EntityManager,
  schema: EntitySchema<R>,
  key: string,
  entry: (r: R) => unknown,
): Promise<unknown> {
  const rows = (await em.find(schema, {})).sort((x, y) => x.position - y.position);
  const row = rows[numeric(key)];
  if (row === undefined) throw new NotFoundError(`no entry at position ${key}`);
  em.remove(row);
  rows.filter((r) => r !== row).forEach((r, i) => (r.position = i));
  return entry(row);
}

const removers: Record<Section, Remover> = {
  async customers(em, key) {
    const c = found(await em.findOne(CustomerSchema, { key }), 'customers', key);
    const services = await em.count(ServiceSchema, { customer: c });
    const users = await em.count(UserSchema, { customer: c });
    if (services + users > 0) {
      throw new ConflictError(
        'in_use',
        `customer "${key}" still has ${services} services (removed ones keep their history) and ${users} users`,
      );
    }
    em.remove(c);
    return customerEntry(c);
  },
  async services(em, key) {
    const s = await em.findOne(ServiceSchema, { key, hidden: false }, { populate: ['customer'] });
    found(s, 'services', key).hidden = true;
    return serviceEntry(s!);
  },
  async devices(em, key) {
    const d = found(
      await em.findOne(DeviceSchema, { id: numeric(key), declared: true }),
      'devices',
      key,
    );
    const ports = await em.count(PortSchema, { deviceId: d.id });
    if (ports > 0) throw new ConflictError('in_use', `device ${key} still has ${ports} ports`);
    em.remove(d);
    return deviceEntry(d);
  },
  async ports(em, key) {
    const p = found(
      await em.findOne(PortSchema, { id: numeric(key), declared: true }),
      'ports',
      key,
    );
    em.remove(p);
    return portEntry(p);
  },
  async links(em, key) {
    const [a = '', b = ''] = key.split(',').map((r) => r.trim());
    const [lo, hi] = linkKey(a, b).split('|');
    const l = await em.findOne(LinkSchema, { a: lo, b: hi, source: { $ne: 'librenms' } });
    em.remove(found(l, 'links', key));
    return { a: l!.a, b: l!.b };
  },
  async maintenance(em, key) {
    const w = found(await em.findOne(MaintenanceWindowSchema, { key }), 'maintenance', key);
    em.remove(w);
    return windowEntry(w);
  },
  async ruleEffects(em, key) {
    const matchKey = ruleEffectKey(/^\d+$/.test(key) ? { ruleId: Number(key) } : { rule: key });
    const r = found(await em.findOne(RuleEffectSchema, { matchKey }), 'ruleEffects', key);
    em.remove(r);
    return ruleEffectEntry(r);
  },
  roleRules: (em, key) => removeListEntry(em, RoleRuleSchema, key, roleRuleEntry),
  alertSources: (em, key) =>
    removeListEntry(em, AlertSourceSchema, key, (r) => JSON.parse(r.definition) as unknown),
};

/** Marks one entry removed in the unit of work; NotFoundError or ConflictError when it cannot be. */
export function removeEntry(em: EntityManager, section: Section, key: string): Promise<unknown> {
  return removers[section](em, key);
}
