// Typed errors of the LibreNMS API client: each names the endpoint; auth refusals end a run.
import { AppError } from '../domain/errors.js';

export type LibreNmsErrorKind =
  'auth' | 'permission' | 'http' | 'network' | 'timeout' | 'malformed' | 'schema' | 'api';

/** Base class: `endpoint` is "GET /path" (never the token), `httpStatus` the upstream status. */
export class LibreNmsError extends AppError {
  constructor(
    readonly kind: LibreNmsErrorKind,
    readonly endpoint: string,
    message: string,
    readonly httpStatus: number | null = null,
    cause?: unknown,
  ) {
    super(502, `librenms_${kind}`, message);
    if (cause !== undefined) this.cause = cause;
  }

  /** Retrying cannot help: the token or its permissions are wrong. */
  get fatal(): boolean {
    return this.kind === 'auth' || this.kind === 'permission';
  }
}

/** 401 or 403: the run stops at once, without retries. */
export class LibreNmsAuthError extends LibreNmsError {
  constructor(endpoint: string, status: 401 | 403) {
    super(
      status === 401 ? 'auth' : 'permission',
      endpoint,
      status === 401
        ? `LibreNMS refused the API token (401): check LIBRENMS_API_TOKEN (${endpoint})`
        : `The LibreNMS API user lacks permission (403): use a global-read user (${endpoint})`,
      status,
    );
  }
}

/** Network failure, timeout, 429 or 5xx: worth another attempt (after `retryAfterMs` if given). */
export class LibreNmsRetryableError extends LibreNmsError {
  constructor(
    kind: 'http' | 'network' | 'timeout',
    endpoint: string,
    message: string,
    httpStatus: number | null = null,
    readonly retryAfterMs: number | null = null,
    cause?: unknown,
  ) {
    super(kind, endpoint, message, httpStatus, cause);
  }
}

/** The answer could not be read: not JSON, cut short, or not the documented shape. */
export class LibreNmsResponseError extends LibreNmsError {
  constructor(
    kind: 'malformed' | 'schema',
    endpoint: string,
    detail: string,
    httpStatus: number | null = null,
    cause?: unknown,
  ) {
    const what = kind === 'malformed' ? 'malformed JSON' : 'an unexpected shape';
    super(
      kind,
      endpoint,
      `LibreNMS answered ${endpoint} with ${what}: ${detail}`,
      httpStatus,
      cause,
    );
  }
}
