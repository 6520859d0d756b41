// The engine's persisted output: service state transitions and the "applied through event id" mark.
import { BigIntType, EntitySchema } from '@mikro-orm/core';

/** From `at` (epoch seconds) on, the service is in this state (until its next transition). */
export interface ServiceTransitionRow {
  id: number;
  serviceKey: string;
  at: number;
  down: boolean;
  planned: boolean;
  atRisk: boolean;
  /** root-cause refs joined by ';' (empty while up) */
  rootCause: string;
}

export const ServiceTransitionSchema = new EntitySchema<ServiceTransitionRow>({
  name: 'ServiceTransition',
  tableName: 'service_transitions',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    serviceKey: { type: 'string', length: 191 },
    at: { type: new BigIntType('number') },
    down: { type: 'boolean' },
    planned: { type: 'boolean' },
    atRisk: { type: 'boolean' },
    rootCause: { type: 'text' },
  },
  uniques: [{ name: 'service_transitions_service_at_unique', properties: ['serviceKey', 'at'] }],
});

/** One row (id 1): the last event id whose transitions are committed, and the inputs they used. */
export interface EngineStateRow {
  id: number;
  appliedThroughEventId: number;
  /** digest of the inventory, outages and settings the stored transitions were computed with */
  inputsDigest: string;
}

export const EngineStateSchema = new EntitySchema<EngineStateRow>({
  name: 'EngineState',
  tableName: 'engine_state',
  properties: {
    id: { type: 'integer', primary: true },
    appliedThroughEventId: { type: 'integer', default: 0 },
    inputsDigest: { type: 'string', length: 64, default: '' },
  },
});
