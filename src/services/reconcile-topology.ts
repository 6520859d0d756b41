// A topology run: devices, groups, ports, links and rule effects from LibreNMS, checked, then upserted.
import {
  DeviceSchema,
  LinkSchema,
  PortSchema,
  type DeviceRow,
  type PortRow,
} from '../db/entities/component.js';
import { LinkSightingSchema } from '../db/entities/reconcile.js';
import { readState, writeState } from '../db/reconcile-repo.js';
import { deviceRef, portRef } from '../domain/refs.js';
import type { ApiDevice } from '../librenms/api-types.js';
import {
  ABSENT,
  loadComponentStates,
  markAbsent,
  setDeviceStates,
  setPortState,
  type ComponentStates,
} from './reconcile-components.js';
import { PartialInventoryError, type RunContext } from './reconcile-context.js';
import { upsertDevices, upsertPorts } from './reconcile-inventory.js';
import { mergeLinks } from './reconcile-links.js';
import { fetchGroups, fetchPorts, type FetchedPorts } from './reconcile-fetch.js';
import { storeInferredEffects } from './reconcile-rules.js';
import { trackLinks } from './reconcile-sightings.js';

/** A run may not remove more than this share of devices, ports or links. */
export const MAX_SHRINK = 0.1;
export const PORTS_BULK_FLAG = 'ports.bulk';

/** Throws when more than 10 % of what is known would go. */
function guardShrink(what: string, missing: number, known: number): void {
  if (known > 0 && missing / known > MAX_SHRINK) {
    throw new PartialInventoryError(`${missing} of ${known} ${what} would be removed`);
  }
}

/** Refs LibreNMS listed before (not yet absent) with `prefix`, that `keep` selects. */
function knownRefs(states: ComponentStates, prefix: string, keep: (ref: string) => boolean) {
  return [...states.values()]
    .filter((s) => s.ref.startsWith(prefix) && s.status !== ABSENT && keep(s.ref))
    .map((s) => s.ref);
}

function missingDevices(states: ComponentStates, devices: readonly ApiDevice[]): string[] {
  const listed = new Set(devices.map((d) => deviceRef(d.device_id)));
  return knownRefs(states, 'device:', (ref) => !listed.has(ref));
}

/** What is stored before the run: LibreNMS states, devices and ports (updated in place). */
interface Stored {
  states: ComponentStates;
  devices: Map<number, DeviceRow>;
  ports: Map<number, PortRow>;
}

async function loadStored(ctx: RunContext): Promise<Stored> {
  return {
    states: await loadComponentStates(ctx.em),
    devices: new Map((await ctx.em.find(DeviceSchema, {})).map((d) => [d.id, d])),
    ports: new Map((await ctx.em.find(PortSchema, {})).map((p) => [p.id, p])),
  };
}

function missingPorts(s: Stored, fetched: FetchedPorts): string[] {
  const listed = new Set(fetched.ports.map((p) => portRef(p.port_id)));
  const read = (ref: string) =>
    fetched.bulk || fetched.devices.has(s.ports.get(Number(ref.slice(5)))?.deviceId ?? -1);
  return knownRefs(s.states, 'port:', (ref) => read(ref) && !listed.has(ref));
}

/** Upserts devices and ports and their states; returns the number of changes. */
function writeComponents(
  ctx: RunContext,
  s: Stored,
  devices: readonly ApiDevice[],
  fetched: FetchedPorts,
  groupsOf: Map<number, string[]>,
): number {
  const { em } = ctx;
  let changed = upsertDevices(em, s.devices, devices, groupsOf);
  changed += upsertPorts(em, s.ports, fetched.ports);
  const refreshed = fetched.bulk ? new Set(devices.map((d) => d.device_id)) : fetched.devices;
  setDeviceStates(em, s.states, devices, refreshed);
  for (const p of fetched.ports) setPortState(em, s.states, p);
  return changed;
}

/** Merges the links and tracks the missing ones; fails when too many would be removed. */
async function writeLinks(ctx: RunContext, s: Stored): Promise<number> {
  const portDevice = new Map([...s.ports.values()].map((p) => [p.id, p.deviceId]));
  const devices = new Set(s.devices.keys());
  const pairs = mergeLinks(await ctx.client.links(), { devices, portDevice });
  const stored = await ctx.em.find(LinkSchema, {});
  const isUp = (ref: string) => {
    const own = ref.startsWith('port:') ? portDevice.get(Number(ref.slice(5))) : undefined;
    const ownerUp = own === undefined || s.states.get(deviceRef(own))?.status === 'up';
    return ownerUp && s.states.get(ref)?.status === 'up';
  };
  const changes = trackLinks(
    { em: ctx.em, now: new Date(ctx.now * 1000), isUp },
    pairs,
    stored,
    await ctx.em.find(LinkSightingSchema, {}),
  );
  const imported = stored.filter((l) => l.source === 'librenms').length;
  guardShrink('links', changes.removed, imported);
  return changes.created + changes.removed;
}

export async function topologyRun(ctx: RunContext): Promise<void> {
  const devices = await ctx.client.devices();
  const known = await ctx.em.count(DeviceSchema, {});
  if (devices.length === 0 && known > 0) {
    throw new PartialInventoryError(`LibreNMS listed no devices while ${known} are known`);
  }
  const s = await loadStored(ctx);
  const goneDevices = missingDevices(s.states, devices);
  guardShrink('devices', goneDevices.length, knownRefs(s.states, 'device:', () => true).length);
  const groupsOf = await fetchGroups(ctx);
  const bulk = (await readState(ctx.em, PORTS_BULK_FLAG)) === null;
  const fetched = await fetchPorts(ctx, devices, s.states, bulk);
  const gonePorts = missingPorts(s, fetched);
  guardShrink('ports', gonePorts.length, knownRefs(s.states, 'port:', () => true).length);
  let changed = writeComponents(ctx, s, devices, fetched, groupsOf);
  changed += await writeLinks(ctx, s);
  changed += await storeInferredEffects(ctx.em, await ctx.client.rules());
  markAbsent(s.states, [...goneDevices, ...gonePorts]);
  if (bulk) await writeState(ctx.em, PORTS_BULK_FLAG, String(ctx.now));
  ctx.tally.itemsImported += changed;
  await ctx.em.flush();
  if (changed > 0) ctx.changed.add('inventory');
}
