// Inventory versions: each change of the model the engine computes with, and the moment it applies from.
import { BigIntType, EntitySchema } from '@mikro-orm/core';
import { LongTextType } from '../long-text.js';

/** One version; versions are ordered by id. */
export interface InventoryVersionRow {
  id: number;
  /** epoch seconds; the first version's is Number.MIN_SAFE_INTEGER (all time) */
  effectiveFrom: number;
  recordedAt: number;
  /** gzip + base64 of the model's JSON */
  model: string;
  /** sha-256 of the model's JSON */
  modelDigest: string;
  /** the model's rule effects as JSON */
  effects: string;
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
    model: { type: LongTextType },
    modelDigest: { type: 'string', length: 64 },
    effects: { type: 'text' },
    addsServices: { type: 'boolean', default: false },
  },
});
