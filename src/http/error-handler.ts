// The one error handler: domain errors to their status, everything else a logged, generic 500.
// The JSON API and the webhook get `{"error": {...}}`; browser pages get an HTML page (or, for
// htmx, the fragment), and an anonymous browser is sent to the sign-in page.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../domain/errors.js';
import type { AppEnv } from './context.js';
import type { Logger } from '../config/logger.js';
import { render, wantsHtml } from './render.js';

export interface ErrorBody {
  error: { code: string; message: string; details?: Array<{ path: string; message: string }> };
}

interface Mapped {
  status: number;
  body: ErrorBody;
}

function mapError(err: Error, log: Logger): Mapped {
  if (err instanceof AppError) {
    const body: ErrorBody = { error: { code: err.code, message: err.message } };
    if (err.details.length > 0) body.error.details = err.details;
    if (err.status >= 500) log.warn({ code: err.code }, err.message);
    return { status: err.status, body };
  }
  if (err instanceof HTTPException) {
    const status = err.status;
    const code =
      status === 413
        ? 'too_large'
        : status === 403
          ? 'forbidden'
          : status === 401
            ? 'unauthorized'
            : 'http_error';
    return { status, body: { error: { code, message: err.message || 'request refused' } } };
  }
  log.error({ err }, 'unhandled error');
  return {
    status: 500,
    body: { error: { code: 'internal', message: 'internal error; see the server log' } },
  };
}

export function errorHandler(fallbackLog: Logger) {
  return (err: Error, c: Context<AppEnv>) => {
    const { status, body } = mapError(err, c.get('log') ?? fallbackLog);
    // the webhook keeps its id off Hono's response headers (it writes them itself): echo it here
    const requestId = c.get('requestId');
    if (requestId !== undefined) c.header('X-Request-Id', requestId);
    if (!wantsHtml(c)) return c.json(body, status as 400);
    if (status === 401 && !c.get('viewer')) {
      return c.redirect(`/login?next=${encodeURIComponent(c.req.path)}`, 303);
    }
    const title =
      status === 404 ? 'Not found' : status === 403 ? 'Not allowed' : 'Something went wrong';
    return render(c, 'pages/error', { title, message: body.error.message }, status);
  };
}
