// Browser sessions: the cookie puts a Viewer on the context (bearer tokens win), renews the
// cookie when its expiry slid, and clears a cookie that no longer names a live session.
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { SESSION_COOKIE } from '../../auth/sessions.js';
import { validateSession } from '../../services/sessions.js';
import type { AppEnv } from '../context.js';

export function setSessionCookie(
  c: Context<AppEnv>,
  token: string,
  expiresAt: Date,
  secure: boolean,
): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    expires: expiresAt,
  });
}

export function clearSessionCookie(c: Context<AppEnv>, secure: boolean): void {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Lax' });
}

/** `onlySafeMethods`: on the JSON API a cookie authenticates GET/HEAD only (no CSRF surface). */
export function sessionAuth(opts: {
  secure: boolean;
  onlySafeMethods?: boolean;
}): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const token = getCookie(c, SESSION_COOKIE);
    const safe = c.req.method === 'GET' || c.req.method === 'HEAD';
    let stale = false;
    if (token && !c.get('viewer') && (safe || !opts.onlySafeMethods)) {
      const found = await validateSession(c.get('em'), token);
      if (found) {
        c.set('viewer', found.viewer);
        if (found.renewed) setSessionCookie(c, token, found.expiresAt, opts.secure);
      } else {
        stale = true;
      }
    }
    await next();
    // a dead cookie is cleared, unless the route has just issued a new one (sign-in)
    const issued = c.res.headers.getSetCookie().some((h) => h.startsWith(`${SESSION_COOKIE}=`));
    if (stale && !issued) clearSessionCookie(c, opts.secure);
  };
}
