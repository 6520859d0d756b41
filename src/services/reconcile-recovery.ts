// Inferred recoveries (availability.md §3): keys PathUptime holds open that LibreNMS no longer lists.
import { openAlertKeys, type OpenKey } from '../db/reconcile-repo.js';
import { inferredRecovery } from '../domain/claims.js';
import { alertKey } from '../domain/events.js';
import type { RunContext } from './reconcile-context.js';

/** Log ids of inferred recoveries: far above any LibreNMS alert_log id, unique per run and key. */
export const INFERRED_LOG_ID_BASE = 4_000_000_000_000_000;
const PER_RUN = 1_000_000;

export function inferredLogId(runId: number, index: number): number {
  return INFERRED_LOG_ID_BASE + runId * PER_RUN + index;
}

function body(key: OpenKey, runId: number): string {
  return JSON.stringify({
    inferred: true,
    reason: 'LibreNMS no longer lists this alert as open and its alert log has no recovery',
    run: runId,
    device_id: key.deviceId,
    rule_id: key.ruleId,
  });
}

/**
 * Compares LibreNMS's open alerts with the keys PathUptime holds open (after the alert log was
 * read, so a logged recovery is already stored) and closes the difference at the run's instant.
 */
export async function inferRecoveries(ctx: RunContext): Promise<void> {
  const alerts = await ctx.client.alerts();
  const open = new Set(alerts.map((a) => alertKey({ deviceId: a.device_id, ruleId: a.rule_id })));
  const held = await openAlertKeys(ctx.em.getKnex());
  const lost = held.filter((k) => !open.has(alertKey(k)));
  const results = await Promise.all(
    lost.map((key, i) => {
      const event = {
        ...inferredRecovery(key, ctx.now),
        logId: inferredLogId(ctx.runId, i),
        hostname: key.hostname,
      };
      return ctx.writer.store(event, body(key, ctx.runId));
    }),
  );
  ctx.tally.inferredRecoveries += results.filter((r) => !r.duplicate).length;
  if (lost.length > 0) {
    ctx.logger.info(
      { keys: lost.map(alertKey) },
      'closed %d alerts as inferred recoveries',
      lost.length,
    );
  }
}
