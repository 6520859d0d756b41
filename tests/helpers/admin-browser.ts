// Browser-like request headers of a signed-in admin (session cookie, same origin) for app.request().
import type { EntityManager } from '@mikro-orm/knex';
import { UserSchema } from '../../src/db/entities/user.js';
import { createUser } from '../../src/services/accounts.js';
import { createSession } from '../../src/services/sessions.js';
import type { TestApp } from './app.js';

export async function browserAs(
  t: TestApp,
  email = 'noc@isp.example',
  role: 'admin' | 'account_manager' = 'admin',
): Promise<Record<string, string>> {
  const em = t.orm.em.fork() as EntityManager;
  if (!(await em.findOne(UserSchema, { email }))) {
    await createUser(em, { email, role, password: 'a long enough password' });
  }
  const { token } = await createSession(em, await em.findOneOrFail(UserSchema, { email }));
  return { Cookie: `pu_session=${token}`, Accept: 'text/html', Origin: 'http://localhost' };
}
