// Two customers with one service each, users of every role, sessions and tokens: the world
// the isolation tests move through.
import type { EntityManager } from '@mikro-orm/knex';
import { ApiTokenSchema } from '../../src/db/entities/api-token.js';
import { UserSchema } from '../../src/db/entities/user.js';
import { createToken, createUser } from '../../src/services/accounts.js';
import { createSession } from '../../src/services/sessions.js';
import { postHook, type TestApp } from './app.js';

export const INVENTORY = {
  customers: [
    { key: 'acme', name: 'ACME Corp', timezone: 'Europe/Amsterdam' },
    { key: 'globex', name: 'Globex Inc', timezone: 'UTC' },
  ],
  devices: [
    { id: 1, hostname: 'core-1.example.net', role: 'core' },
    { id: 10, hostname: 'cpe-acme.example.net', role: 'customer' },
    { id: 20, hostname: 'cpe-globex.example.net', role: 'customer' },
  ],
  links: [
    { a: 'device:10', b: 'device:1' },
    { a: 'device:20', b: 'device:1' },
  ],
  services: [
    {
      key: 'a-inet',
      customer: 'acme',
      name: 'Acme Internet',
      slaTarget: 99.9,
      requires: { path: { from: 'device:10', to: ['device:1'] } },
    },
    {
      key: 'b-inet',
      customer: 'globex',
      name: 'Globex Internet',
      slaTarget: 99.5,
      requires: { path: { from: 'device:20', to: ['device:1'] } },
    },
  ],
};

/** Words that must never reach the other customer. */
export const MARKERS = {
  acme: ['acme', 'a-inet'],
  globex: ['globex', 'b-inet'],
};

export type Persona = 'anonymous' | 'customerA' | 'customerB' | 'managerA' | 'admin';

export interface World {
  cookie: Record<Persona, string | null>;
  bearer: Record<Persona, string | null>;
  ids: { userB: number; tokenB: number };
}

async function person(
  em: EntityManager,
  email: string,
  role: 'admin' | 'account_manager' | 'customer',
  links: object,
) {
  await createUser(em, { email, role, password: 'a long enough password', ...links });
  const user = await em.findOneOrFail(UserSchema, { email });
  const { token } = await createSession(em, user);
  const { secret, token: apiToken } = await createToken(em, { email, name: 'isolation' });
  return {
    cookie: `pu_session=${token}`,
    bearer: `Bearer ${secret}`,
    userId: user.id,
    tokenId: apiToken.id,
  };
}

export async function buildWorld(t: TestApp): Promise<World> {
  const em = () => t.orm.em.fork() as EntityManager;
  const admin = await person(em(), 'admin@isp.example', 'admin', {});
  const put = await t.app.request('/api/v1/inventory', {
    method: 'PUT',
    headers: { Authorization: admin.bearer, 'Content-Type': 'application/json' },
    body: JSON.stringify(INVENTORY),
  });
  if (put.status !== 200) throw new Error(`inventory: ${put.status} ${await put.text()}`);
  const a = await person(em(), 'ops@acme.example', 'customer', { customer: 'acme' });
  const b = await person(em(), 'ops@globex.example', 'customer', { customer: 'globex' });
  const m = await person(em(), 'am@isp.example', 'account_manager', { customers: ['acme'] });
  // something for Globex's numbers: its router went down and came back
  for (const [state, logId, at] of [
    [1, 900, 1_790_000_000],
    [0, 901, 1_790_000_600],
  ] as const) {
    await postHook(t, {
      schema: 'librenms.alert.v1',
      event: { state, timestamp_epoch: at },
      alert: {
        alert_id: 5,
        log_id: logId,
        incident_log_id: 900,
        rule_id: 1,
        rule_name: 'Devices up/down',
      },
      device: { device_id: 20, hostname: 'cpe-globex.example.net', status_reason: 'icmp' },
      faults: [{ n: 1, device_id: 20, status_reason: 'icmp' }],
    });
  }
  const tokenB = await em().findOneOrFail(ApiTokenSchema, { user: b.userId });
  return {
    cookie: {
      anonymous: null,
      customerA: a.cookie,
      customerB: b.cookie,
      managerA: m.cookie,
      admin: admin.cookie,
    },
    bearer: {
      anonymous: null,
      customerA: a.bearer,
      customerB: b.bearer,
      managerA: m.bearer,
      admin: admin.bearer,
    },
    ids: { userB: b.userId, tokenB: tokenB.id },
  };
}
