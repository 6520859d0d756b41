// The reconciliation timers: both kinds on their intervals, `0` disables one, nothing when disabled.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { createLogger } from '../../src/config/logger.js';
import { startReconcileTimers } from '../../src/jobs/reconcile-timers.js';
import type { ReconcileService } from '../../src/services/reconcile.js';

const logger = createLogger('error', pino.destination({ fd: 2, sync: true }));

function fakeService(enabled = true) {
  const started: string[] = [];
  const service = { enabled, start: async (kind: string) => (started.push(kind), 1) };
  return { service: service as unknown as ReconcileService, started };
}

afterEach(() => vi.useRealTimers());

describe('startReconcileTimers', () => {
  it('starts each kind at once and then on its interval; 0 disables a timer', async () => {
    vi.useFakeTimers();
    const { service, started } = fakeService();
    const stop = startReconcileTimers(service, { gapMs: 1000, topologyMs: 0 }, logger);
    await vi.advanceTimersByTimeAsync(3500);
    expect(started).toEqual(['gap', 'gap', 'gap', 'gap']);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(started).toHaveLength(4);
  });

  it('does nothing when LibreNMS is not configured', async () => {
    vi.useFakeTimers();
    const { service, started } = fakeService(false);
    startReconcileTimers(service, { gapMs: 1000, topologyMs: 1000 }, logger)();
    await vi.advanceTimersByTimeAsync(3000);
    expect(started).toEqual([]);
  });
});
