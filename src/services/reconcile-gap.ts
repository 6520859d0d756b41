// A gap-filling run: alert log, inferred recoveries, device status and outage history.
import { deviceRef } from '../domain/refs.js';
import { fillFromAlertLog } from './reconcile-alertlog.js';
import { loadDeviceStates, setDeviceStates } from './reconcile-components.js';
import type { RunContext } from './reconcile-context.js';
import { fillOutageHistory } from './reconcile-outages.js';
import { inferRecoveries } from './reconcile-recovery.js';

/** Rule id → name, for alert-log rows (which carry only the rule id). */
async function ruleNames(ctx: RunContext): Promise<Map<number, string>> {
  return new Map((await ctx.client.rules()).map((r) => [r.id, r.name]));
}

/** Status of the devices the topology import knows (it alone adds devices, so runs never clash). */
async function deviceStatus(ctx: RunContext): Promise<void> {
  const devices = await ctx.client.devices();
  const states = await loadDeviceStates(ctx.em);
  const known = devices.filter((d) => states.has(deviceRef(d.device_id)));
  setDeviceStates(ctx.em, states, known);
  await ctx.em.flush();
}

export async function gapRun(ctx: RunContext): Promise<void> {
  await fillFromAlertLog(ctx, await ruleNames(ctx));
  await inferRecoveries(ctx);
  await deviceStatus(ctx);
  await fillOutageHistory(ctx);
}
