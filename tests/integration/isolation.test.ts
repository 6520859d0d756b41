// Isolation, generated from the app's route table so that a new route cannot be forgotten:
// every route, called as anonymous, a customer of A, a customer of B, an account manager of A
// and an admin, through the browser session and through a bearer token.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { buildWorld, MARKERS, type Persona, type World } from '../helpers/two-customers.js';

let t: TestApp;
let world: World;

beforeAll(async () => {
  t = await createTestApp({}, 'sqlite', { now: () => 1_790_100_000 });
  world = await buildWorld(t);
});
afterAll(async () => t.close());

/** Routes that answer without a signed-in user (each authenticated its own way, or public). */
const PUBLIC = new Set([
  'GET /healthz',
  'GET /readyz',
  'POST /hooks/librenms', // its own X-Webhook-Token
  'GET /static/*',
  'GET /login',
  'POST /login',
  'POST /logout',
  'GET /setup/:token', // one-time secret in the path
  'POST /setup/:token',
  'GET /reset/:token',
  'POST /reset/:token',
]);

const ADMIN_ONLY = (method: string, path: string) =>
  path.startsWith('/admin') || path.startsWith('/api/v1/inventory');

function routeTable(): Array<{ method: string; path: string }> {
  const seen = new Map<string, { method: string; path: string }>();
  for (const r of [...t.app.routes, ...t.site.routes]) {
    if (r.method === 'ALL') continue; // middleware
    seen.set(`${r.method} ${r.path}`, { method: r.method, path: r.path });
  }
  return [...seen.values()];
}

/** A concrete URL aimed at customer B's things wherever the route takes a parameter. */
function urlFor(path: string): string {
  return path
    .replace('/static/*', '/static/css/app.css')
    .replace(':section/:key', 'services/b-inet')
    .replace('/api/v1/services/:key', '/api/v1/services/b-inet')
    .replace('/admin/users/:id', `/admin/users/${world.ids.userB}`)
    .replace('/admin/tokens/:id', `/admin/tokens/${world.ids.tokenB}`)
    .replace(':token', 'not-a-live-token')
    .concat(path === '/api/v1/impact' ? '?components=device:1' : '');
}

async function call(method: string, path: string, who: Persona, via: 'session' | 'token') {
  const headers: Record<string, string> = { Accept: 'text/html', Origin: 'http://localhost' };
  const cookie = world.cookie[who];
  const bearer = world.bearer[who];
  if (via === 'session' && cookie) headers.Cookie = cookie;
  if (via === 'token' && bearer) headers.Authorization = bearer;
  const init: RequestInit = { method, headers };
  if (method === 'PUT') {
    headers['Content-Type'] = 'application/json';
    init.body = '{}';
  } else if (method === 'POST') {
    headers['Content-Type'] = 'application/x-www-form-urlencoded';
    init.body = '';
  }
  const res = await t.app.request(urlFor(path), init);
  return {
    status: res.status,
    location: res.headers.get('location'),
    body: (await res.text()).toLowerCase(),
  };
}

const personas: Persona[] = ['anonymous', 'customerA', 'customerB', 'managerA'];
/** Routes that end the caller's session or delete things run last. */
const last = (r: { method: string; path: string }) =>
  Number(r.path === '/logout' || r.method === 'DELETE');
const cases = () =>
  [...routeTable()]
    .sort((x, y) => last(x) - last(y))
    .flatMap((r) =>
      personas.flatMap((who) => (['session', 'token'] as const).map((via) => ({ ...r, who, via }))),
    );

describe('every route, every persona (destructive routes last, admin in its own pass)', () => {
  it('is table-driven from app.routes and covers the routes we know', () => {
    const keys = routeTable().map((r) => `${r.method} ${r.path}`);
    expect(keys).toContain('GET /api/v1/services/:key');
    expect(keys).toContain('POST /admin/users/:id');
    expect(keys.length).toBeGreaterThan(30);
  });

  it("shows each customer its own service, and account managers their portfolio's", async () => {
    const a = await call('GET', '/api/v1/services', 'customerA', 'session');
    expect(a.body).toContain('a-inet');
    const b = await call('GET', '/api/v1/services/:key', 'customerB', 'token');
    expect(b.status).toBe(200);
    expect(b.body).toContain('globex internet');
    const m = await call('GET', '/', 'managerA', 'session');
    expect(m.body).toContain('acme internet');
  });

  it('keeps anonymous callers out, customers apart and account managers out of administration', async () => {
    const problems: string[] = [];
    for (const c of cases()) {
      const key = `${c.method} ${c.path}`;
      const r = await call(c.method, c.path, c.who, c.via);
      const tag = `${c.who}/${c.via} ${c.method} ${urlFor(c.path)} -> ${r.status}`;
      if (r.status >= 500) problems.push(`${tag}: server error`);
      if (c.who === 'anonymous' && !PUBLIC.has(key)) {
        const toLogin = r.status === 303 && (r.location ?? '').startsWith('/login');
        if (r.status !== 401 && !toLogin) problems.push(`${tag}: anonymous not refused`);
      }
      if (c.who !== 'anonymous' && ADMIN_ONLY(c.method, c.path)) {
        // 403 for a signed-in non-admin; 401 or the sign-in page where this way of signing in
        // does not apply (bearer tokens on pages, the cookie on the API's writes)
        const refused =
          r.status === 403 || r.status === 401 || (r.location ?? '').startsWith('/login');
        if (!refused) problems.push(`${tag}: administration reachable`);
      }
      const foreign =
        c.who === 'customerB'
          ? MARKERS.acme
          : ['customerA', 'managerA'].includes(c.who)
            ? MARKERS.globex
            : [];
      // a 404 may repeat what the caller typed in the URL, nothing more
      const typed = r.status === 404 ? urlFor(c.path).toLowerCase() : '';
      const leaked = foreign.filter((m) => r.body.includes(m) && !typed.includes(m));
      if (leaked.length > 0 && !PUBLIC.has(key))
        problems.push(`${tag}: shows ${leaked.join(', ')}`);
      if (c.path === '/api/v1/services/:key' && c.who !== 'customerB' && c.who !== 'anonymous') {
        if (r.status !== 404) problems.push(`${tag}: another customer's service is not 404`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('lets an admin reach every route without a server error', async () => {
    const problems: string[] = [];
    const order = routeTable().sort(
      (x, y) => Number(x.method === 'DELETE') - Number(y.method === 'DELETE'),
    );
    for (const r of order) {
      for (const via of ['session', 'token'] as const) {
        const res = await call(r.method, r.path, 'admin', via);
        if (res.status >= 500) problems.push(`admin/${via} ${r.method} ${r.path} -> ${res.status}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
