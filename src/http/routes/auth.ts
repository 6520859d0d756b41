// Browser sign-in: /login, /logout, /account/password, /setup/:token (first admin), /reset/:token.
import { Hono, type Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { z } from 'zod';
import type { LoginThrottle } from '../../auth/login-throttle.js';
import { SESSION_COOKIE } from '../../auth/sessions.js';
import type { Config } from '../../config/config.js';
import { ValidationError } from '../../domain/errors.js';
import { createUser } from '../../services/accounts.js';
import { findLink, hasAdmin, LinkError, markUsed } from '../../services/one-time-links.js';
import { changePassword, createSession, endSession, signIn } from '../../services/sessions.js';
import { clientAddress } from '../client-address.js';
import type { AppEnv } from '../context.js';
import { clearSessionCookie, setSessionCookie } from '../middleware/session.js';
import { attempt, render } from '../render.js';

const loginForm = z.object({
  email: z.string().default(''),
  password: z.string().default(''),
  next: z.string().default(''),
});
const passwordForm = z.object({
  email: z.string().default(''),
  current: z.string().default(''),
  password: z.string().default(''),
  confirm: z.string().default(''),
});

/** Only local paths: never redirect a signed-in user to another site. */
const safeNext = (next: string) => (/^\/(?!\/)[^\s\\]*$/.test(next) ? next : '/');

async function form<T extends z.ZodTypeAny>(c: Context<AppEnv>, schema: T): Promise<z.infer<T>> {
  const body = await c.req.parseBody();
  return schema.parse(Object.fromEntries(Object.entries(body).map(([k, v]) => [k, String(v)])));
}

function passwordPage(action: string, heading: string, extra: Record<string, unknown> = {}) {
  return { title: heading, heading, action, submit: 'Save password', ...extra };
}

export function authRoutes(deps: { config: Config; throttle: LoginThrottle }) {
  const { config, throttle } = deps;
  const app = new Hono<AppEnv>();
  const secure = config.secureCookies;

  app.get('/login', (c) => {
    if (c.get('viewer')) return c.redirect('/', 303);
    return render(c, 'pages/auth/login', { title: 'Sign in', next: c.req.query('next') ?? '' });
  });

  app.post('/login', async (c) => {
    const f = await form(c, loginForm);
    const address = clientAddress(c, config.trustProxy) ?? 'unknown';
    const r = await attempt(() => signIn(c.get('em'), throttle, { ...f, address }));
    if (!r.ok) {
      const page = { title: 'Sign in', error: r.error.message, email: f.email, next: f.next };
      return render(c, 'pages/auth/login', page, r.error.status);
    }
    setSessionCookie(c, r.value.token, r.value.expiresAt, secure);
    return c.redirect(safeNext(f.next), 303);
  });

  app.post('/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await endSession(c.get('em'), token);
    clearSessionCookie(c, secure);
    return c.redirect('/login', 303);
  });

  const changePage = (extra: Record<string, unknown> = {}) =>
    passwordPage('/account/password', 'Change password', { askCurrent: true, ...extra });

  app.get('/account/password', (c) => {
    if (!c.get('viewer')) return c.redirect('/login?next=/account/password', 303);
    return render(c, 'pages/auth/password', changePage());
  });

  app.post('/account/password', async (c) => {
    const viewer = c.get('viewer');
    if (!viewer) return c.redirect('/login', 303);
    const f = await form(c, passwordForm);
    const r = await attempt(() => changePassword(c.get('em'), viewer.userId, f));
    if (!r.ok)
      return render(
        c,
        'pages/auth/password',
        changePage({ error: r.error.message }),
        r.error.status,
      );
    setSessionCookie(c, r.value.token, r.value.expiresAt, secure);
    const notice = 'Password changed. Your other sessions were signed out.';
    return render(c, 'pages/auth/password', changePage({ notice }));
  });

  const setupPage = (path: string, extra: Record<string, unknown> = {}) =>
    passwordPage(path, 'Create the first admin', {
      askEmail: true,
      submit: 'Create admin',
      ...extra,
    });

  app.get('/setup/:token', async (c) => {
    await findLink(c.get('em'), c.req.param('token'), 'setup');
    return render(c, 'pages/auth/password', setupPage(c.req.path));
  });

  app.post('/setup/:token', async (c) => {
    const em = c.get('em');
    const link = await findLink(em, c.req.param('token'), 'setup');
    if (await hasAdmin(em)) throw new LinkError();
    const f = await form(c, passwordForm);
    const r = await attempt(async () => {
      if (f.password !== f.confirm) throw new ValidationError('The two passwords differ.');
      const { user } = await createUser(em, {
        email: f.email,
        role: 'admin',
        password: f.password,
      });
      await markUsed(em, link);
      return createSession(em, user);
    });
    if (!r.ok) {
      const page = setupPage(c.req.path, { email: f.email, error: r.error.message });
      return render(c, 'pages/auth/password', page, r.error.status);
    }
    setSessionCookie(c, r.value.token, r.value.expiresAt, secure);
    return c.redirect('/', 303);
  });

  app.get('/reset/:token', async (c) => {
    const link = await findLink(c.get('em'), c.req.param('token'), 'reset');
    return render(
      c,
      'pages/auth/password',
      passwordPage(c.req.path, `New password for ${link.user!.email}`),
    );
  });

  app.post('/reset/:token', async (c) => {
    const em = c.get('em');
    const link = await findLink(em, c.req.param('token'), 'reset');
    const f = await form(c, passwordForm);
    const r = await attempt(async () => {
      await changePassword(em, link.user!.id, {
        current: null,
        password: f.password,
        confirm: f.confirm,
      });
      await markUsed(em, link);
    });
    if (!r.ok) {
      const page = passwordPage(c.req.path, `New password for ${link.user!.email}`, {
        error: r.error.message,
      });
      return render(c, 'pages/auth/password', page, r.error.status);
    }
    const notice = 'Password set. Sign in with it.';
    return render(c, 'pages/auth/login', { title: 'Sign in', notice, email: link.user!.email });
  });

  return app;
}
