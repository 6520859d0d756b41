// Stages what LibreNMS says about each component against a compact map of the stored states.
import { detailsDigest, type ComponentStates } from '../db/topology-read.js';
import type { TopologyWrites } from '../db/topology-write.js';
import { deviceRef, portRef } from '../domain/refs.js';
import type { ApiDevice, ApiPort } from '../librenms/api-types.js';
import { ABSENT, deviceDetails, portDetails } from './reconcile-components.js';

/** Ref → stored status, last discovery and details digest (updated as the run stages). */
export type CompactStates = ComponentStates;

interface StateValue {
  ref: string;
  status: string;
  lastDiscovered: number | null;
  details: string;
}

/** Stages a component's state when it differs from the stored one; true when it did. */
function stageState(w: TopologyWrites, states: CompactStates, v: StateValue): boolean {
  const row = states.get(v.ref);
  const digest = detailsDigest(v.details);
  if (
    row &&
    row.status === v.status &&
    row.lastDiscovered === v.lastDiscovered &&
    row.digest === digest
  ) {
    return false;
  }
  states.set(v.ref, { status: v.status, lastDiscovered: v.lastDiscovered, digest });
  w.components.push([v.ref, v.status, v.lastDiscovered, v.details]);
  return true;
}

/** Device status and details; the last discovery is taken only for the `refreshed` devices. */
export function stageDeviceStates(
  w: TopologyWrites,
  states: CompactStates,
  devices: readonly ApiDevice[],
  refreshed: ReadonlySet<number>,
): void {
  for (const d of devices) {
    const ref = deviceRef(d.device_id);
    const kept = states.get(ref)?.lastDiscovered ?? null;
    stageState(w, states, {
      ref,
      status: d.status ? 'up' : 'down',
      lastDiscovered: refreshed.has(d.device_id) ? d.last_discovered : kept,
      details: deviceDetails(d),
    });
  }
}

export function stagePortState(w: TopologyWrites, states: CompactStates, p: ApiPort): void {
  stageState(w, states, {
    ref: portRef(p.port_id),
    status: p.ifOperStatus ?? 'unknown',
    lastDiscovered: null,
    details: portDetails(p),
  });
}

/** Stages known components LibreNMS no longer lists as `absent` (kept, never deleted). */
export function stageAbsent(
  w: TopologyWrites,
  states: CompactStates,
  refs: Iterable<string>,
): void {
  for (const ref of refs) {
    const row = states.get(ref);
    if (row && row.status !== ABSENT) {
      states.set(ref, { ...row, status: ABSENT });
      w.absent.push(ref);
    }
  }
}
