// Timers: gap filling every RECONCILE_INTERVAL, topology every TOPOLOGY_INTERVAL (0 disables one).
import type { Logger } from '../config/logger.js';
import type { ReconcileKind, ReconcileService } from '../services/reconcile.js';

export interface ReconcileIntervals {
  gapMs: number;
  topologyMs: number;
}

/**
 * Starts both timers (a first run of each right away); a tick while a run of its kind is going
 * joins that run instead of starting another. Returns a function that stops the timers.
 */
export function startReconcileTimers(
  reconcile: ReconcileService,
  intervals: ReconcileIntervals,
  logger: Logger,
): () => void {
  const log = logger.child({ module: 'jobs.reconcile' });
  if (!reconcile.enabled) {
    log.warn('LIBRENMS_API_URL is not set: reconciliation with LibreNMS is disabled');
    return () => undefined;
  }
  const timers: NodeJS.Timeout[] = [];
  const every = (kind: ReconcileKind, ms: number) => {
    if (ms <= 0) return;
    const tick = () => {
      reconcile.start(kind).catch((err: unknown) => log.error({ err, kind }, 'run not started'));
    };
    const timer = setInterval(tick, ms);
    timer.unref();
    timers.push(timer);
    setImmediate(tick);
  };
  every('topology', intervals.topologyMs);
  every('gap', intervals.gapMs);
  return () => timers.forEach((t) => clearInterval(t));
}
