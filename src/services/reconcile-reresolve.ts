// A device LibreNMS re-added under a new id (same hostname): references follow it, audited.
import type { EntityManager } from '@mikro-orm/knex';
import { recordAudit } from '../db/audit-repo.js';
import { repointReferences } from '../db/ref-repoint.js';
import type { StoredDevice, StoredPort } from '../db/topology-read.js';
import { deviceRef } from '../domain/refs.js';
import {
  reidentifiedDevices,
  reidentifiedRefs,
  type NamedPort,
  type Reidentification,
} from '../domain/reidentify.js';
import type { ApiDevice } from '../librenms/api-types.js';
import { ABSENT } from './reconcile-components.js';
import type { RunContext } from './reconcile-context.js';
import type { CompactStates } from './reconcile-states.js';

/** The audit action of a re-resolution. */
export const RERESOLVE_ACTION = 'reconcile.reresolve';

/** Gone device refs whose hostname LibreNMS now lists under another id (not a shrink). */
export function readdedDevices(
  gone: readonly string[],
  stored: ReadonlyMap<number, StoredDevice>,
  listed: readonly ApiDevice[],
): Set<string> {
  const hosts = new Map(listed.map((d) => [d.hostname.toLowerCase(), d.device_id]));
  return new Set(
    gone.filter((ref) => {
      const id = Number(ref.slice('device:'.length));
      const to = hosts.get(stored.get(id)?.hostname.toLowerCase() ?? '');
      return to !== undefined && to !== id;
    }),
  );
}

/** What a committed topology run stored: devices, ports and LibreNMS states (compact). */
export interface StoredTopology {
  devices: ReadonlyMap<number, StoredDevice>;
  ports: ReadonlyMap<number, StoredPort>;
  states: CompactStates;
}

function pairsOf(s: StoredTopology): Reidentification[] {
  const known = [];
  for (const [id, d] of s.devices) {
    const state = s.states.get(deviceRef(id));
    const gone = state?.status === ABSENT;
    known.push({ id, hostname: d.hostname, gone, listed: state !== undefined && !gone });
  }
  return reidentifiedDevices(known);
}

function portsOf(s: StoredTopology, ids: ReadonlySet<number>): Map<number, NamedPort[]> {
  const out = new Map<number, NamedPort[]>();
  for (const [id, p] of s.ports) {
    if (ids.has(p.deviceId)) out.set(p.deviceId, [...(out.get(p.deviceId) ?? []), { id, ...p }]);
  }
  return out;
}

/**
 * Re-points the references to every device LibreNMS stopped listing whose hostname one listed
 * device now holds (with its ports, by ifName), one audit entry per device that had any. Cheap
 * when nothing was re-added; idempotent (a reference moved once is not found again). Returns the
 * number of devices whose references moved.
 */
export async function reresolveHostnames(ctx: RunContext, s: StoredTopology): Promise<number> {
  const pairs = pairsOf(s);
  if (pairs.length === 0) return 0;
  const ports = portsOf(s, new Set(pairs.flatMap((p) => [p.from, p.to])));
  const em = ctx.em.fork() as EntityManager;
  const maps = pairs.map((r) =>
    reidentifiedRefs(r, ports.get(r.from) ?? [], ports.get(r.to) ?? []),
  );
  return em.transactional(async (tx) => {
    const results = await repointReferences(tx, maps);
    let moved = 0;
    pairs.forEach((r, i) => {
      const repointed = results[i]!;
      const total = repointed.services.length + repointed.windows.length + repointed.links.length;
      if (total === 0) return;
      moved++;
      const [, ...portMoves] = [...maps[i]!];
      recordAudit(tx, {
        at: new Date(ctx.now * 1000),
        userId: null,
        action: RERESOLVE_ACTION,
        subject: deviceRef(r.from),
        detail: {
          hostname: r.hostname,
          from: deviceRef(r.from),
          to: deviceRef(r.to),
          ports: Object.fromEntries(portMoves),
          ...repointed,
          run: ctx.runId,
        },
      });
      ctx.logger.info(
        { from: r.from, to: r.to, ...repointed },
        're-resolved %s: device %d is now %d',
        r.hostname,
        r.from,
        r.to,
      );
    });
    return moved;
  });
}
