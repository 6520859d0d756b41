// The Hono environment: what middleware puts on the context for the routes.
import type { EntityManager } from '@mikro-orm/knex';
import type { Logger } from '../config/logger.js';
import type { Viewer } from '../domain/viewer.js';

export interface AppEnv {
  Variables: {
    requestId: string;
    log: Logger;
    /** forked per request */
    em: EntityManager;
    /** set by the authentication middleware when the caller is known */
    viewer?: Viewer;
  };
}
