// A topology run: devices, groups, ports, links and rule effects from LibreNMS, checked, then upserted.
import type { Knex } from '@mikro-orm/knex';
import { DeviceSchema, LinkSchema } from '../db/entities/component.js';
import { LinkSightingSchema } from '../db/entities/reconcile.js';
import { readState, writeState } from '../db/reconcile-repo.js';
import {
  readComponents,
  readDevices,
  readPorts,
  type StoredDevice,
  type StoredPort,
} from '../db/topology-read.js';
import { applyTopologyWrites, noWrites, type TopologyWrites } from '../db/topology-write.js';
import { deviceRef } from '../domain/refs.js';
import type { ApiDevice } from '../librenms/api-types.js';
import { ABSENT } from './reconcile-components.js';
import { PartialInventoryError, type RunContext } from './reconcile-context.js';
import { stageDevices, stagePort } from './reconcile-inventory.js';
import { mergeLinks } from './reconcile-links.js';
import { fetchGroups, fetchPorts, type FetchedPorts } from './reconcile-fetch.js';
import { storeInferredEffects } from './reconcile-rules.js';
import { readdedDevices, reresolveHostnames } from './reconcile-reresolve.js';
import { trackLinks } from './reconcile-sightings.js';
import {
  stageAbsent,
  stageDeviceStates,
  stagePortState,
  type CompactStates,
} from './reconcile-states.js';

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
function knownRefs(states: CompactStates, prefix: string, keep: (ref: string) => boolean) {
  const out: string[] = [];
  for (const [ref, s] of states) {
    if (ref.startsWith(prefix) && s.status !== ABSENT && keep(ref)) out.push(ref);
  }
  return out;
}

function missingDevices(states: CompactStates, devices: readonly ApiDevice[]): string[] {
  const listed = new Set(devices.map((d) => deviceRef(d.device_id)));
  return knownRefs(states, 'device:', (ref) => !listed.has(ref));
}

/** What is stored before the run, compact (updated in place as the run stages its writes). */
interface Stored {
  states: CompactStates;
  devices: Map<number, StoredDevice>;
  ports: Map<number, StoredPort>;
}

async function loadStored(knex: Knex): Promise<Stored> {
  return {
    states: await readComponents(knex),
    devices: await readDevices(knex),
    ports: await readPorts(knex),
  };
}

function missingPorts(s: Stored, fetched: FetchedPorts): string[] {
  const read = (ref: string) =>
    fetched.bulk || fetched.devices.has(s.ports.get(Number(ref.slice(5)))?.deviceId ?? -1);
  return knownRefs(
    s.states,
    'port:',
    (ref) => read(ref) && !fetched.listed.has(Number(ref.slice(5))),
  );
}

/** Merges the links and tracks the missing ones; fails when too many would be removed. */
async function writeLinks(ctx: RunContext, s: Stored): Promise<number> {
  const portDevice = new Map<number, number>();
  for (const [id, p] of s.ports) portDevice.set(id, p.deviceId);
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

/** Writes the staged rows and the unit of work in one transaction: all or nothing. */
async function commit(ctx: RunContext, w: TopologyWrites): Promise<void> {
  await ctx.em.begin();
  try {
    await applyTopologyWrites(ctx.em.getTransactionContext<Knex.Transaction>()!, w);
    await ctx.em.commit();
  } catch (err) {
    await ctx.em.rollback();
    throw err;
  }
}

export async function topologyRun(ctx: RunContext): Promise<void> {
  const devices = await ctx.client.devices();
  const known = await ctx.em.count(DeviceSchema, {});
  if (devices.length === 0 && known > 0) {
    throw new PartialInventoryError(`LibreNMS listed no devices while ${known} are known`);
  }
  const s = await loadStored(ctx.em.getKnex());
  const goneDevices = missingDevices(s.states, devices);
  // a device re-added under a new id (same hostname) is not a loss
  const readded = readdedDevices(goneDevices, s.devices, devices).size;
  const knownDevices = knownRefs(s.states, 'device:', () => true).length;
  guardShrink('devices', goneDevices.length - readded, knownDevices);
  const groupsOf = await fetchGroups(ctx);
  const bulk = (await readState(ctx.em, PORTS_BULK_FLAG)) === null;
  const knownPorts = knownRefs(s.states, 'port:', () => true).length;
  const w = noWrites();
  let changed = 0;
  const fetched = await fetchPorts(ctx, devices, s.states, bulk, (p) => {
    if (stagePort(w, s.ports, p)) changed++;
    stagePortState(w, s.states, p);
  });
  const gonePorts = missingPorts(s, fetched);
  guardShrink('ports', gonePorts.length, knownPorts);
  changed += stageDevices(w, s.devices, devices, groupsOf);
  stageDeviceStates(
    w,
    s.states,
    devices,
    fetched.bulk ? new Set(devices.map((d) => d.device_id)) : fetched.devices,
  );
  changed += await writeLinks(ctx, s);
  changed += await storeInferredEffects(ctx.em, await ctx.client.rules());
  stageAbsent(w, s.states, [...goneDevices, ...gonePorts]);
  if (bulk) await writeState(ctx.em, PORTS_BULK_FLAG, String(ctx.now));
  ctx.tally.itemsImported += changed;
  await commit(ctx, w);
  if (changed > 0) ctx.changed.add('inventory');
  if ((await reresolveHostnames(ctx, s)) > 0) ctx.changed.add('inventory');
}
