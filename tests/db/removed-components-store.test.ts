// "Services pointing at removed components" reads on SQLite and MariaDB.
import type { EntityManager } from '@mikro-orm/knex';
import { describe, expect, it } from 'vitest';
import { componentPresence, visibleServiceRules } from '../../src/db/removed-components-repo.js';
import { sqlInstant } from '../../src/db/sql-instant.js';
import { targetDialect } from '../helpers/databases.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();
const knex = () => (t.orm.em as EntityManager).getKnex();

describe(`removed components on ${targetDialect()}`, () => {
  it('reads visible service rules and tells gone, device-gone and unknown components', async () => {
    const k = knex();
    const now = sqlInstant(t.database.db.dialect, new Date(1773475200_000));
    await k('customers').insert([
      { id: 1, key: 'zeta', name: 'Zeta', timezone: 'UTC', created_at: now },
      { id: 2, key: 'acme', name: 'ACME', timezone: 'UTC', created_at: now },
    ]);
    const service = (id: number, key: string, customer: number, requires: unknown, hidden = 0) => ({
      id,
      key,
      customer_id: customer,
      name: key.toUpperCase(),
      sla_target: '99.9',
      requires: JSON.stringify(requires),
      hidden,
    });
    await k('services').insert([
      service(1, 'z1', 1, 'device:1'),
      service(2, 'a2', 2, { any: ['port:11', 'port:21'] }),
      service(3, 'a1', 2, 'device:2', 1),
    ]);
    const device = (id: number) => ({ id, hostname: `d${id}`, groups: '[]', declared: 0 });
    await k('devices').insert([device(1), device(2), device(3)]);
    await k('ports').insert([
      { id: 11, device_id: 1, if_name: 'a', declared: 0 },
      { id: 21, device_id: 2, if_name: 'b', declared: 0 },
      { id: 31, device_id: 3, if_name: 'c', declared: 0 },
    ]);
    const state = (ref: string, status: string) => ({ ref, status, details: '{}' });
    await k('librenms_components').insert([
      state('device:1', 'up'),
      state('device:2', 'absent'),
      state('device:3', 'up'),
      state('port:11', 'up'),
      state('port:21', 'up'),
      state('port:31', 'absent'),
    ]);

    expect(await visibleServiceRules(k)).toEqual([
      { key: 'a2', name: 'A2', customerKey: 'acme', requires: '{"any":["port:11","port:21"]}' },
      { key: 'z1', name: 'Z1', customerKey: 'zeta', requires: '"device:1"' },
    ]);
    const refs = ['device:1', 'device:2', 'device:9', 'port:11', 'port:21', 'port:31', 'port:99'];
    expect(Object.fromEntries(await componentPresence(k, refs))).toEqual({
      'device:1': null,
      'device:2': 'gone',
      'device:9': 'unknown',
      'port:11': null,
      'port:21': 'device gone',
      'port:31': 'gone',
      'port:99': 'unknown',
    });
  });
});
