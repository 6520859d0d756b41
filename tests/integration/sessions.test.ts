// Browser sign-in through app.request(): cookie flags, fixation, expiry and renewal, CSRF,
// throttling without a hint whether an e-mail exists, logout, password change, disable, setup.
import type { EntityManager } from '@mikro-orm/knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_TTL_MS } from '../../src/auth/sessions.js';
import { SessionSchema } from '../../src/db/entities/session.js';
import { UserSchema } from '../../src/db/entities/user.js';
import { createUser } from '../../src/services/accounts.js';
import { setupLinkIfNoAdmin } from '../../src/services/one-time-links.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
const em = () => t.orm.em.fork() as EntityManager;
const ORIGIN = { Origin: 'http://localhost' };
const PASSWORD = 'correct horse battery';

function form(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return t.app.request(path, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Accept: 'text/html',
      ...ORIGIN,
      ...headers,
    },
    body: new URLSearchParams(fields).toString(),
  });
}

const cookieOf = (res: Response) =>
  /pu_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
const page = (path: string, cookie?: string) =>
  t.app.request(path, {
    headers: { Accept: 'text/html', ...(cookie ? { Cookie: `pu_session=${cookie}` } : {}) },
  });

beforeAll(async () => {
  t = await createTestApp();
  await createUser(em(), { email: 'noc@isp.example', role: 'admin', password: PASSWORD });
});
afterAll(async () => t.close());

describe('sign-in', () => {
  it('sets an HttpOnly, SameSite=Lax session cookie and redirects', async () => {
    const res = await form('/login', {
      email: 'NOC@isp.example',
      password: PASSWORD,
      next: '/admin/users',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/users');
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    expect((await page('/admin/users', cookieOf(res))).status).toBe(200);
  });

  it('marks the cookie Secure when PUBLIC_URL is https', async () => {
    const secure = await createTestApp({ PUBLIC_URL: 'https://uptime.example.net' });
    await createUser(secure.orm.em.fork() as EntityManager, {
      email: 'a@isp.example',
      role: 'admin',
      password: PASSWORD,
    });
    const res = await secure.app.request('/login', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'https://uptime.example.net',
      },
      body: 'email=a@isp.example&password=correct+horse+battery',
    });
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
    await secure.close();
  });

  it('never redirects to another site', async () => {
    const res = await form('/login', {
      email: 'noc@isp.example',
      password: PASSWORD,
      next: '//evil.example/x',
    });
    expect(res.headers.get('location')).toBe('/');
  });

  it('issues a new session token at sign-in, whatever cookie came with the request (no fixation)', async () => {
    const planted = 'attackerchosenvalue0000000000000';
    const res = await form(
      '/login',
      { email: 'noc@isp.example', password: PASSWORD },
      { Cookie: `pu_session=${planted}` },
    );
    const issued = cookieOf(res)!;
    expect(issued).not.toBe(planted);
    expect((await page('/admin/users', planted)).status).toBe(303);
    expect((await page('/admin/users', issued)).status).toBe(200);
  });

  it('stores only the SHA-256 of the token', async () => {
    const token = cookieOf(await form('/login', { email: 'noc@isp.example', password: PASSWORD }))!;
    const ids = (await em().find(SessionSchema, {})).map((s) => s.id);
    expect(ids).not.toContain(token);
    expect(ids.every((id) => /^[0-9a-f]{64}$/.test(id))).toBe(true);
  });

  it('answers a wrong password and an unknown e-mail with the same words', async () => {
    const wrong = await form('/login', { email: 'noc@isp.example', password: 'nope' });
    const unknown = await form('/login', { email: 'nobody@isp.example', password: 'nope' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const text = (r: string) => /alert-danger[^>]*>([^<]*)</.exec(r)?.[1];
    expect(text(await wrong.text())).toBe('Wrong e-mail address or password.');
    expect(text(await unknown.text())).toBe('Wrong e-mail address or password.');
  });

  it('throttles an account after 5 failures with a clear message, even for the right password', async () => {
    await createUser(em(), {
      email: 'target@isp.example',
      role: 'customer',
      password: PASSWORD,
      customer: undefined,
    } as never).catch(() => undefined);
    await createUser(em(), { email: 'victim@isp.example', role: 'admin', password: PASSWORD });
    for (let i = 0; i < 5; i++)
      await form('/login', { email: 'victim@isp.example', password: `guess ${i}` });
    const res = await form('/login', { email: 'victim@isp.example', password: PASSWORD });
    expect(res.status).toBe(429);
    expect(await res.text()).toMatch(
      /Too many failed sign-in attempts\. Try again in 15 minutes\./,
    );
  });
});

describe('sessions', () => {
  it('end at logout', async () => {
    const token = cookieOf(await form('/login', { email: 'noc@isp.example', password: PASSWORD }))!;
    const out = await form('/logout', {}, { Cookie: `pu_session=${token}` });
    expect(out.status).toBe(303);
    expect(out.headers.get('set-cookie')).toMatch(/pu_session=;/);
    expect((await page('/', token)).status).toBe(303);
  });

  it('expire, and slide when less than half their life is left', async () => {
    const token = cookieOf(await form('/login', { email: 'noc@isp.example', password: PASSWORD }))!;
    const e = em();
    const sessions = await e.find(SessionSchema, {});
    const mine = sessions.at(-1)!;
    mine.expiresAt = new Date(Date.now() + SESSION_TTL_MS / 4);
    await e.flush();
    const renewed = await page('/', token);
    expect(renewed.status).toBe(200);
    expect(renewed.headers.get('set-cookie')).toMatch(/pu_session=/);
    const after = await em().findOneOrFail(SessionSchema, { id: mine.id });
    expect(after.expiresAt.getTime()).toBeGreaterThan(Date.now() + SESSION_TTL_MS * 0.9);

    const e2 = em();
    const row = await e2.findOneOrFail(SessionSchema, { id: mine.id });
    row.expiresAt = new Date(Date.now() - 1000);
    await e2.flush();
    const expired = await page('/', token);
    expect(expired.status).toBe(303);
    expect(expired.headers.get('set-cookie')).toMatch(/^pu_session=; Max-Age=0/);
    expect(await em().findOne(SessionSchema, { id: mine.id })).toBeNull();
  });

  it('all end when the password changes, except the new one', async () => {
    await createUser(em(), { email: 'changer@isp.example', role: 'admin', password: PASSWORD });
    const first = cookieOf(
      await form('/login', { email: 'changer@isp.example', password: PASSWORD }),
    )!;
    const second = cookieOf(
      await form('/login', { email: 'changer@isp.example', password: PASSWORD }),
    )!;
    const res = await form(
      '/account/password',
      { current: PASSWORD, password: 'a brand new password', confirm: 'a brand new password' },
      { Cookie: `pu_session=${first}` },
    );
    expect(res.status).toBe(200);
    const fresh = cookieOf(res)!;
    expect((await page('/', second)).status).toBe(303);
    expect((await page('/', first)).status).toBe(303);
    expect((await page('/', fresh)).status).toBe(200);
  });

  it('all end when the user is disabled', async () => {
    await createUser(em(), { email: 'leaver@isp.example', role: 'admin', password: PASSWORD });
    const admin = cookieOf(await form('/login', { email: 'noc@isp.example', password: PASSWORD }))!;
    const leaver = cookieOf(
      await form('/login', { email: 'leaver@isp.example', password: PASSWORD }),
    )!;
    const user = await em().findOneOrFail(UserSchema, { email: 'leaver@isp.example' });
    const res = await form(
      `/admin/users/${user.id}`,
      { role: 'admin', disabled: 'on' },
      { Cookie: `pu_session=${admin}` },
    );
    expect(res.status).toBe(200);
    expect((await page('/', leaver)).status).toBe(303);
  });
});

describe('CSRF', () => {
  it('refuses a cross-site form post, accepts a same-origin one', async () => {
    const token = cookieOf(await form('/login', { email: 'noc@isp.example', password: PASSWORD }))!;
    const evil = await form(
      '/logout',
      {},
      { Cookie: `pu_session=${token}`, Origin: 'https://evil.example' },
    );
    expect(evil.status).toBe(403);
    expect((await page('/', token)).status).toBe(200);
    const ok = await form('/logout', {}, { Cookie: `pu_session=${token}` });
    expect(ok.status).toBe(303);
  });

  it('does not let the session cookie write through the JSON API', async () => {
    const token = cookieOf(await form('/login', { email: 'noc@isp.example', password: PASSWORD }))!;
    const res = await t.app.request('/api/v1/inventory', {
      method: 'PUT',
      headers: { Cookie: `pu_session=${token}`, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(401);
    const get = await t.app.request('/api/v1/inventory', {
      headers: { Cookie: `pu_session=${token}` },
    });
    expect(get.status).toBe(200);
  });

  it('leaves the webhook to its own token', async () => {
    const res = await t.app.request('/hooks/librenms', {
      method: 'POST',
      headers: { 'Content-Type': 'text/plain', Origin: 'https://librenms.example.net' },
      body: 'This is a test alert',
    });
    expect(res.status).toBe(401);
  });
});

describe('first admin', () => {
  it('is created through the one-time setup link, which then stops working', async () => {
    const fresh = await createTestApp();
    const link = await setupLinkIfNoAdmin(fresh.orm.em.fork() as EntityManager, 'http://localhost');
    const path = new URL(link!).pathname;
    expect((await fresh.app.request(path, { headers: { Accept: 'text/html' } })).status).toBe(200);
    const res = await fresh.app.request(path, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        Origin: 'http://localhost',
        Accept: 'text/html',
      },
      body: new URLSearchParams({
        email: 'first@isp.example',
        password: PASSWORD,
        confirm: PASSWORD,
      }).toString(),
    });
    expect(res.status).toBe(303);
    expect(cookieOf(res)).toBeTruthy();
    expect((await fresh.app.request(path, { headers: { Accept: 'text/html' } })).status).toBe(410);
    expect(
      await setupLinkIfNoAdmin(fresh.orm.em.fork() as EntityManager, 'http://localhost'),
    ).toBeNull();
    await fresh.close();
  });
});
