// What one reconciliation run works with: its unit of work, the client, the clock and its tallies.
import type { EntityManager } from '@mikro-orm/knex';
import type { Logger } from '../config/logger.js';
import type { EventWriter } from '../db/event-writer.js';
import { AppError, ConflictError } from '../domain/errors.js';
import { zoneOffsetSeconds } from '../domain/local-time.js';
import type { LibreNmsCalls } from '../librenms/api-client.js';

export interface RunTally {
  itemsImported: number;
  eventsFilled: number;
  inferredRecoveries: number;
}

export interface RunContext {
  runId: number;
  /** this run's own unit of work (forked) */
  em: EntityManager;
  /** this run's own session of the client: its counters are the run's requests alone */
  client: LibreNmsCalls;
  writer: EventWriter;
  /** the run's instant, epoch seconds */
  now: number;
  /** IANA zone of the LibreNMS server */
  timezone: string;
  /** how far back the first run reads history, seconds */
  backfillSeconds: number;
  /** rows per page of the log endpoints */
  pageSize: number;
  logger: Logger;
  tally: RunTally;
  /** what the run committed that others hold in memory (published when the run ends) */
  changed: Set<'outages' | 'inventory'>;
}

/** The message a run fails with when LibreNMS answers with less than it should. */
export const PARTIAL_INVENTORY = 'partial inventory from LibreNMS (check API permissions)';

/** LibreNMS gave a list that would shrink the network: the run writes nothing. */
export class PartialInventoryError extends AppError {
  constructor(detail: string) {
    super(502, 'partial_inventory', `${PARTIAL_INVENTORY}: ${detail}`);
  }
}

/** Reconciliation was asked for while no LibreNMS API is configured. */
export class ReconcileDisabledError extends ConflictError {
  constructor() {
    super(
      'reconcile_disabled',
      'reconciliation is disabled: set LIBRENMS_API_URL and LIBRENMS_API_TOKEN',
    );
  }
}

/** An epoch as LibreNMS's naive local `Y-m-d H:i:s` in `timeZone` (for log `from` bounds). */
export function librenmsLocalTime(epoch: number, timeZone: string): string {
  const local = epoch + zoneOffsetSeconds(epoch, timeZone);
  return new Date(local * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Where a log cursor starts: after the stored id, else the backfill horizon as local time. */
export function logStart(cursor: string | null, ctx: RunContext): number | string {
  if (cursor !== null) return Number(cursor) + 1;
  return librenmsLocalTime(ctx.now - ctx.backfillSeconds, ctx.timezone);
}
