// Inventory versions by intent: store a version (its model gzip-compressed), read the headers in
// order, and load a version's model or service keys on demand.
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Knex } from '@mikro-orm/knex';
import type { InventoryModel, VersionHead } from '../domain/inventory-versions.js';

const TABLE = 'inventory_versions';
/** The first version's moment (all time), as stored. */
const ALL_TIME = Number.MIN_SAFE_INTEGER;

const fromStored = (v: number | string) => (Number(v) === ALL_TIME ? -Infinity : Number(v));
const toStored = (t: number) => (Number.isFinite(t) ? t : ALL_TIME);

/** The digest a model is compared by. */
export function modelDigest(model: InventoryModel): string {
  return createHash('sha256').update(JSON.stringify(model)).digest('hex');
}

export interface StoredHead extends VersionHead {
  digest: string;
}

/** Every version taken in, in order. */
export async function versionHeads(knex: Knex): Promise<StoredHead[]> {
  const rows = (await knex(TABLE)
    .select('id', 'effective_from', 'effects', 'adds_services', 'model_digest')
    .orderBy('id')) as {
    id: number;
    effective_from: number | string;
    effects: string;
    adds_services: unknown;
    model_digest: string;
  }[];
  return rows.map((r) => ({
    id: Number(r.id),
    from: fromStored(r.effective_from),
    effects: r.effects,
    addsServices: Boolean(Number(r.adds_services)),
    digest: r.model_digest,
  }));
}

/** The model of one version. */
export async function versionModel(knex: Knex, id: number): Promise<InventoryModel> {
  const row = (await knex(TABLE).select('model').where({ id }).first()) as
    { model: string | null } | undefined;
  if (row?.model == null) throw new RangeError(`inventory version ${id} has no model`);
  return JSON.parse(gunzipSync(Buffer.from(row.model, 'base64')).toString('utf8'));
}

/** The service keys of one version. */
export async function versionServices(knex: Knex, id: number): Promise<Set<string>> {
  return new Set((await versionModel(knex, id)).services.map(([key]) => key));
}

export interface NewVersion {
  from: number;
  model: InventoryModel;
  effects: string;
  addsServices: boolean;
  recordedAt: number;
}

/** Stores a version (inside the caller's transaction when given one); returns its id. */
export async function insertVersion(knex: Knex, version: NewVersion): Promise<number> {
  await knex(TABLE).insert({
    effective_from: toStored(version.from),
    recorded_at: version.recordedAt,
    model: gzipSync(JSON.stringify(version.model)).toString('base64'),
    model_digest: modelDigest(version.model),
    effects: version.effects,
    adds_services: version.addsServices,
  });
  const row = (await knex(TABLE).max({ id: 'id' }).first()) as { id: number | string };
  return Number(row.id);
}
