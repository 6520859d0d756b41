// Who is calling: bearer tokens put a Viewer on the context; guards demand one, or a role.
import type { MiddlewareHandler } from 'hono';
import { ForbiddenError, UnauthorizedError } from '../../domain/errors.js';
import type { UserRole } from '../../domain/viewer.js';
import { authenticateToken } from '../../services/accounts.js';
import type { AppEnv } from '../context.js';

/** Reads `Authorization: Bearer ...`; a present but unknown token is a 401 at once. */
export function bearerAuth(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (header) {
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const viewer = match ? await authenticateToken(c.get('em'), match[1]!) : null;
      if (!viewer) throw new UnauthorizedError('invalid or revoked API token');
      c.set('viewer', viewer);
    }
    await next();
  };
}

/** Requires a known caller, optionally with one of `roles` (403 otherwise). */
export function requireRole(...roles: UserRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const viewer = c.get('viewer');
    if (!viewer) throw new UnauthorizedError();
    if (roles.length > 0 && !roles.includes(viewer.role)) throw new ForbiddenError();
    if (viewer.scope !== 'api') {
      throw new ForbiddenError("this token's scope is events: it may only submit events");
    }
    await next();
  };
}
