// A gap-filling run: alert log, inferred recoveries, device status and outage history.
import type { Knex } from '@mikro-orm/knex';
import { readComponents } from '../db/topology-read.js';
import { applyTopologyWrites, noWrites } from '../db/topology-write.js';
import { deviceRef } from '../domain/refs.js';
import { fillFromAlertLog } from './reconcile-alertlog.js';
import type { RunContext } from './reconcile-context.js';
import { fillOutageHistory } from './reconcile-outages.js';
import { inferRecoveries } from './reconcile-recovery.js';
import { stageDeviceStates } from './reconcile-states.js';

/** Rule id → name, for alert-log rows (which carry only the rule id). */
async function ruleNames(ctx: RunContext): Promise<Map<number, string>> {
  return new Map((await ctx.client.rules()).map((r) => [r.id, r.name]));
}

/**
 * Status of the devices the topology import knows (it alone adds devices, so runs never clash),
 * compared against compact stored states; only the changed ones are written (the last discovery
 * is kept: it is the topology run's).
 */
async function deviceStatus(ctx: RunContext): Promise<void> {
  const devices = await ctx.client.devices();
  const states = await readComponents(ctx.em.getKnex(), 'device:');
  const known = devices.filter((d) => states.has(deviceRef(d.device_id)));
  const w = noWrites();
  stageDeviceStates(w, states, known, new Set());
  if (w.components.length === 0) return;
  await ctx.em.transactional((em) =>
    applyTopologyWrites(em.getTransactionContext<Knex.Transaction>()!, w),
  );
}

export async function gapRun(ctx: RunContext): Promise<void> {
  await fillFromAlertLog(ctx, await ruleNames(ctx));
  await inferRecoveries(ctx);
  await deviceStatus(ctx);
  await fillOutageHistory(ctx);
}
