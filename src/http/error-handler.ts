// The one error handler: domain errors to their status, everything else a logged, generic 500.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../domain/errors.js';
import type { AppEnv } from './context.js';
import type { Logger } from '../config/logger.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }> };
}

export function errorHandler(fallbackLog: Logger) {
  return (err: Error, c: Context<AppEnv>) => {
    const log = c.get('log') ?? fallbackLog;
    if (err instanceof AppError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message } };
      if (err.details.length > 0) body.error.details = err.details;
      if (err.status >= 500) log.warn({ code: err.code }, err.message);
      return c.json(body, err.status as 400);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code = status === 413 ? 'too_large' : status === 401 ? 'unauthorized' : 'http_error';
      return c.json({ error: { code, message: err.message || 'request failed' } }, status);
    }
    log.error({ err }, 'unhandled error');
    return c.json(
      { error: { code: 'internal', message: 'internal error; see the server log' } },
      500,
    );
  };
}
