// Gap filling from the LibreNMS alert log: a cursor on its ids, each row stored like a webhook.
import type { StoreResult } from '../db/event-writer.js';
import {
  readState,
  recordTimezoneMismatch,
  storedEventTimes,
  writeState,
} from '../db/reconcile-repo.js';
import type { AlertEvent } from '../domain/events.js';
import type { ApiAlertLogRow } from '../librenms/api-types.js';
import { ALERT_LOG_TRANSPORT, alertLogBody } from '../librenms/webhook-event.js';
import { parseWebhook } from '../librenms/webhook.js';
import { logStart, type RunContext } from './reconcile-context.js';

export const ALERT_LOG_CURSOR = 'alertlog.cursor';

/** A webhook and its alert-log row this far apart (seconds) point at a wrong LIBRENMS_TIMEZONE. */
export const TIMEZONE_TOLERANCE_SECONDS = 60;

interface Filled {
  event: AlertEvent;
  body: string;
}

/** The row as an event through the webhook normalisation; null when it cannot be one. */
function toEvent(row: ApiAlertLogRow, ruleNames: Map<number, string>, ctx: RunContext) {
  const name = row.rule_id === null ? '' : (ruleNames.get(row.rule_id) ?? `rule ${row.rule_id}`);
  const raw = JSON.stringify(alertLogBody(row, name));
  const result = parseWebhook(raw, { timezone: ctx.timezone, receivedAt: ctx.now });
  if (result.kind !== 'event') {
    const reason = result.kind === 'rejected' ? result.message : 'test alert';
    ctx.logger.warn({ logId: row.id, reason }, 'alert-log row skipped');
    return null;
  }
  return { event: result.event, body: JSON.stringify(result.body) };
}

/** Duplicates first stored from a webhook whose time differs from the alert log's. */
async function checkTimezones(ctx: RunContext, filled: Filled[], results: StoreResult[]) {
  const dupes = results
    .map((r, i) => ({ r, f: filled[i]! }))
    .filter(({ r }) => r.duplicate && !r.enriched);
  if (dupes.length === 0) return;
  const stored = await storedEventTimes(ctx.em.getKnex(), [...new Set(dupes.map((d) => d.r.id))]);
  for (const { r, f } of dupes) {
    const s = stored.get(r.id);
    if (!s || s.body.includes(ALERT_LOG_TRANSPORT)) continue;
    if (Math.abs(s.at - f.event.at) < TIMEZONE_TOLERANCE_SECONDS) continue;
    await recordTimezoneMismatch(ctx.em, {
      logId: s.logId,
      webhookAt: s.at,
      alertLogAt: f.event.at,
      now: ctx.now,
    });
  }
}

/** Stores one page of rows (one group commit); returns the highest id read. */
async function storePage(
  ctx: RunContext,
  rows: ApiAlertLogRow[],
  ruleNames: Map<number, string>,
): Promise<number> {
  const filled = rows.flatMap((row) => toEvent(row, ruleNames, ctx) ?? []);
  const results = await Promise.all(filled.map((f) => ctx.writer.store(f.event, f.body)));
  ctx.tally.eventsFilled += results.filter((r) => !r.duplicate || r.enriched).length;
  await checkTimezones(ctx, filled, results);
  return rows.reduce((max, r) => Math.max(max, r.id), 0);
}

/** Reads the alert log after the cursor (first run: the backfill), page by page, saving the cursor. */
export async function fillFromAlertLog(
  ctx: RunContext,
  ruleNames: Map<number, string>,
): Promise<void> {
  const cursor = await readState(ctx.em, ALERT_LOG_CURSOR);
  let last = cursor === null ? 0 : Number(cursor);
  const pages = ctx.client.alertLog({
    from: logStart(cursor, ctx),
    sortorder: 'ASC',
    limit: ctx.pageSize,
  });
  for await (const page of pages) {
    const max = await storePage(ctx, page.rows, ruleNames);
    if (max > last) {
      last = max;
      await writeState(ctx.em, ALERT_LOG_CURSOR, String(last));
    }
    await ctx.em.flush();
  }
}
