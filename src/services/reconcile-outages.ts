// Outage history: devices whose event log shows up/down since the last run get their outages read.
import { DeviceOutageSchema, type DeviceOutageRow } from '../db/entities/reconcile.js';
import { readState, writeState } from '../db/reconcile-repo.js';
import type { ApiEvent, ApiOutage } from '../librenms/api-types.js';
import { logStart, type RunContext } from './reconcile-context.js';

export const EVENT_LOG_CURSOR = 'eventlog.cursor';

/** How far (seconds) an eventlog "down" entry may be from an outage's start to describe it. */
const MATCH_SECONDS = 600;

const isUpDown = (e: ApiEvent) => e.type === 'up' || e.type === 'down';

/** Up/down entries per device since the cursor; moves the cursor (in the unit of work). */
async function upDownSinceCursor(ctx: RunContext): Promise<Map<number, ApiEvent[]>> {
  const cursor = await readState(ctx.em, EVENT_LOG_CURSOR);
  let last = cursor === null ? 0 : Number(cursor);
  const byDevice = new Map<number, ApiEvent[]>();
  const pages = ctx.client.eventlog({
    from: logStart(cursor, ctx),
    sortorder: 'ASC',
    limit: ctx.pageSize,
  });
  for await (const page of pages) {
    for (const e of page.rows) {
      last = Math.max(last, e.event_id);
      if (!isUpDown(e) || e.device_id === null) continue;
      byDevice.set(e.device_id, [...(byDevice.get(e.device_id) ?? []), e]);
    }
  }
  if (last > (cursor === null ? 0 : Number(cursor))) {
    await writeState(ctx.em, EVENT_LOG_CURSOR, String(last));
  }
  return byDevice;
}

/**
 * SNMP-only (availability.md §3): the outage began "Down from snmp check" with no ICMP failure.
 * null when the event log says nothing about this outage's start.
 */
export function snmpOnlyStart(outage: ApiOutage, entries: readonly ApiEvent[]): boolean | null {
  const near = entries.filter(
    (e) =>
      e.type === 'down' &&
      e.datetime !== null &&
      Math.abs(e.datetime - outage.going_down) <= MATCH_SECONDS,
  );
  if (near.length === 0) return null;
  const text = near.map((e) => (e.message ?? '').toLowerCase());
  return text.some((m) => m.includes('snmp')) && !text.some((m) => m.includes('icmp'));
}

/** Upserts one device's outage rows, unique per (device, going_down); counts the changes. */
async function storeOutages(
  ctx: RunContext,
  deviceId: number,
  outages: ApiOutage[],
  entries: ApiEvent[],
): Promise<void> {
  const stored = await ctx.em.find(DeviceOutageSchema, { deviceId });
  const byStart = new Map<number, DeviceOutageRow>(stored.map((o) => [o.goingDown, o]));
  for (const o of outages) {
    const snmp = snmpOnlyStart(o, entries);
    const row = byStart.get(o.going_down);
    if (!row) {
      const created = { deviceId, goingDown: o.going_down, upAgain: o.up_again, snmpOnly: !!snmp };
      byStart.set(o.going_down, ctx.em.create(DeviceOutageSchema, created));
      ctx.tally.itemsImported++;
      ctx.changed.add('outages');
      continue;
    }
    const snmpOnly = snmp ?? row.snmpOnly;
    if (row.upAgain === o.up_again && row.snmpOnly === snmpOnly) continue;
    Object.assign(row, { upAgain: o.up_again, snmpOnly });
    ctx.tally.itemsImported++;
    ctx.changed.add('outages');
  }
}

/** Reads the event log since the last run and the outage history of every device it names. */
export async function fillOutageHistory(ctx: RunContext): Promise<void> {
  const byDevice = await upDownSinceCursor(ctx);
  for (const [deviceId, entries] of byDevice) {
    const outages = await ctx.client.deviceOutages(deviceId);
    await storeOutages(ctx, deviceId, outages, entries);
  }
  await ctx.em.flush();
}
