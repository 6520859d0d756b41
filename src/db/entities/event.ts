// Append-only event log: one row per LibreNMS alert event, idempotent on (source, log id, state).
import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { LongTextType } from '../long-text.js';

export interface StoredEvent {
  id: number;
  source: string;
  logId: number;
  state: number;
  incidentLogId: number | null;
  alertId: number | null;
  ruleId: number;
  ruleName: string;
  deviceId: number;
  hostname: string | null;
  /** component refs joined by ';' (sorted); null when the body carried none */
  faults: string | null;
  statusReasons: string;
  eventAt: Date;
  receivedAt: Date;
  /** when faults were attached later to an event stored without them */
  enrichedAt: Date | null;
  body: string;
}

export const StoredEventSchema = new EntitySchema<StoredEvent>({
  name: 'StoredEvent',
  tableName: 'events',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    source: { type: 'string', length: 32 },
    logId: { type: new BigIntType('number') },
    state: { type: 'integer' },
    incidentLogId: { type: new BigIntType('number'), nullable: true },
    alertId: { type: new BigIntType('number'), nullable: true },
    ruleId: { type: 'integer' },
    ruleName: { type: 'string', length: 255 },
    deviceId: { type: 'integer' },
    hostname: { type: 'string', length: 255, nullable: true },
    faults: { type: LongTextType, nullable: true },
    statusReasons: { type: 'string', length: 64 },
    eventAt: { type: 'datetime', length: 0 },
    receivedAt: { type: 'datetime', length: 0 },
    enrichedAt: { type: 'datetime', length: 0, nullable: true },
    body: { type: LongTextType },
  },
  uniques: [{ name: 'events_source_log_state_unique', properties: ['source', 'logId', 'state'] }],
  indexes: [{ name: 'events_event_at_index', properties: ['eventAt'] }],
});
