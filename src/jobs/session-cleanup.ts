// Timer: hourly removal of expired sessions and spent one-time links.
import type { EntityManager } from '@mikro-orm/knex';
import type { Logger } from '../config/logger.js';
import { purgeExpired } from '../services/sessions.js';

export const CLEANUP_INTERVAL_MS = 60 * 60 * 1000;

/** Starts the timer; returns a function that stops it. */
export function startSessionCleanup(fork: () => EntityManager, logger: Logger): () => void {
  const log = logger.child({ module: 'jobs.session-cleanup' });
  const tick = async () => {
    try {
      const removed = await purgeExpired(fork());
      if (removed > 0) log.info({ removed }, 'expired sessions and links removed');
    } catch (err) {
      log.error({ err }, 'session clean-up failed');
    }
  };
  const timer = setInterval(() => void tick(), CLEANUP_INTERVAL_MS);
  timer.unref();
  void tick();
  return () => clearInterval(timer);
}
