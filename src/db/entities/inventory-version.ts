// Inventory versions: each change of the model the engine computes with, and the moment it applies from.
import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { LongTextType } from '../long-text.js';

/**
 * One version (ordered by id). A row without a model is a pending change: recorded with the
 * change itself, taken in (given its model) by the engine, or dropped when the model is unchanged.
 */
export interface InventoryVersionRow {
  id: number;
  /** epoch seconds; the first version's is Number.MIN_SAFE_INTEGER (all time) */
  effectiveFrom: number;
  recordedAt: number;
  /** gzip + base64 of the model's JSON; null while pending */
  model: string | null;
  /** sha-256 of the model's JSON */
  modelDigest: string | null;
  /** the model's rule effects as JSON */
  effects: string | null;
  /** whether the version holds a service its predecessor did not */
  addsServices: boolean;
}

export const InventoryVersionSchema = new EntitySchema<InventoryVersionRow>({
  name: 'InventoryVersion',
  tableName: 'inventory_versions',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    effectiveFrom: { type: new BigIntType('number') },
    recordedAt: { type: new BigIntType('number') },
    model: { type: LongTextType, nullable: true },
    modelDigest: { type: 'string', length: 64, nullable: true },
    effects: { type: 'text', nullable: true },
    addsServices: { type: 'boolean', default: false },
  },
});
