// Inventory versions around the running engine: record a changed model as a version, build the
// newest version's engine over the stored history, and revise earlier versions on demand.
import type { EntityManager, Knex } from '@mikro-orm/knex';
import type { OutageRow } from '../domain/claims.js';
import type { Interval } from '../domain/intervals.js';
import type { Inventory, Window } from '../domain/inventory.js';
import {
  addsServices,
  claimSettingsOf,
  effectsKey,
  modelOf,
  type InventoryModel,
  type Version,
} from '../domain/inventory-versions.js';
import { historyBefore, type TransitionSpan } from '../db/engine-store.js';
import {
  insertVersion,
  modelDigest,
  versionHeads,
  versionModel,
  versionServices,
  type NewVersion,
  type StoredHead,
} from '../db/inventory-versions.js';
import { eventPages } from '../db/event-stream.js';
import { widen } from '../domain/interval-diff.js';
import type { ApplyResult, IncrementalEngine } from '../graph/incremental.js';
import type { Restored } from '../graph/version-merge.js';
import { currentEngine, floorsOf, reviseVersion, versionEngine } from '../graph/versioned.js';
import { inventoryInForce } from './availability.js';
import { applyStored, loadInputs } from './engine-build.js';

/** The versions in force (services loaded for the newest two) and the version to write, if any. */
export interface VersionPlan {
  versions: Version[];
  /** a model no version holds yet, to store (applying from now; the first: for all time) */
  write: NewVersion | null;
}

const keys = (m: { services: [string, unknown][] } | undefined) =>
  new Set(m?.services.map(([key]) => key) ?? []);

/** The new version a changed model makes (null: the newest version holds this model). */
async function newVersion(
  knex: Knex,
  heads: readonly StoredHead[],
  model: InventoryModel,
  from: number,
  now: number,
): Promise<{ version: NewVersion; previous: InventoryModel | undefined } | null> {
  const last = heads.at(-1);
  if (last !== undefined && last.digest === modelDigest(model)) return null;
  const previous = last === undefined ? undefined : await versionModel(knex, last.id);
  const version: NewVersion = {
    from: last === undefined ? -Infinity : from,
    model,
    effects: effectsKey(model),
    addsServices: addsServices(model, previous),
    recordedAt: now,
  };
  return { version, previous };
}

/**
 * Records the stored inventory's model as a version applying from `from` when it differs from
 * the newest version (inside the caller's transaction, after its writes are flushed).
 */
export async function recordVersion(em: EntityManager, from: number, now: number): Promise<void> {
  const knex = em.getTransactionContext<Knex.Transaction>() ?? em.getKnex();
  const model = modelOf(await inventoryInForce(em));
  const made = await newVersion(knex, await versionHeads(knex), model, from, now);
  if (made !== null) await insertVersion(knex, made.version);
}

/**
 * The versions in force for the engine: `heads` as stored, and the inventory's model as a new
 * version from `now` when a change (a reconciliation, say) recorded none.
 */
export async function planVersions(
  knex: Knex,
  heads: readonly StoredHead[],
  inventory: Inventory,
  now: number,
): Promise<VersionPlan> {
  const model = modelOf(inventory);
  const versions: Version[] = heads.map((h) => ({ ...h }));
  const made = await newVersion(knex, heads, model, now, now);
  if (made === null) {
    versions[versions.length - 1]!.services = keys(model);
    const before = versions[versions.length - 2];
    if (before !== undefined) before.services = await versionServices(knex, before.id);
    return { versions, write: null };
  }
  const last = versions[versions.length - 1];
  if (last !== undefined) last.services = keys(made.previous);
  const { from, effects, addsServices: adds } = made.version;
  const id = Number.MAX_SAFE_INTEGER; // until written
  versions.push({ id, from, effects, addsServices: adds, services: keys(model) });
  return { versions, write: made.version };
}

/** Writes the plan's version inside the caller's transaction; it gets its stored id. */
export async function writePlan(trx: Knex.Transaction, plan: VersionPlan): Promise<void> {
  if (plan.write === null) return;
  plan.versions[plan.versions.length - 1]!.id = await insertVersion(trx, plan.write);
  plan.write = null;
}

/** The newest version's engine (its settings: the inventory's) over the history before each floor. */
export async function buildCurrent(
  knex: Knex,
  inventory: Inventory,
  versions: readonly Version[],
): Promise<IncrementalEngine> {
  const history = await historyBefore(knex, floorsOf(inventory, versions));
  return currentEngine(
    inventory,
    versions,
    (key) =>
      (history.get(key) ?? []).map(({ at, down, planned, atRisk, rootCause }) => ({
        ...{ at, down, planned, atRisk, rootCause: [...rootCause] },
      })),
    { settings: claimSettingsOf(inventory) },
  );
}

/** Per service, its span from its floor on (what the current engine computes). */
export function liveSpans(engine: IncrementalEngine): TransitionSpan[] {
  return engine
    .services()
    .map((s) => ({ service: s.key, start: engine.floor(s.key), end: Infinity }));
}

/** An earlier version's engine kept alive: the version in force now while the newest applies later. */
export interface Standby {
  k: number;
  engine: IncrementalEngine;
}

/**
 * Rebuilds each earlier version in `touched` over every stored event through `through`, copies
 * what it decides into the current engine's history, and returns what changed; the engine of
 * version `keep` is returned as well instead of dropped.
 */
export async function reviseVersions(
  em: EntityManager,
  current: IncrementalEngine,
  versions: Version[],
  touched: readonly number[],
  inputs: { inventory: Inventory; outages: readonly OutageRow[] },
  through: number,
  keep: number | null = null,
): Promise<Restored & { kept: Standby | null }> {
  const knex = em.getKnex();
  const out: Restored & { kept: Standby | null } = { spans: [], changes: [], kept: null };
  for (const k of touched) {
    for (let j = Math.max(0, k - 1); j < versions.length; j++)
      versions[j]!.services ??= await versionServices(knex, versions[j]!.id);
    const model = await versionModel(knex, versions[k]!.id);
    const old = versionEngine(model, inputs.inventory, { settings: claimSettingsOf(model) });
    if (inputs.outages.length > 0) old.setOutages(inputs.outages);
    await applyStored(em, old, 0, through);
    const r = reviseVersion(current, old, versions, k);
    out.spans.push(...r.spans);
    out.changes.push(...r.changes);
    if (k === keep) out.kept = { k, engine: old };
  }
  // keep service keys in memory only from the version before the one kept alive on
  const from = (keep ?? versions.length - 1) - 1;
  for (let j = 0; j < from; j++) delete versions[j]!.services;
  return out;
}

/** What applying stored events did: the spans recomputed, the claims hull, the earliest instant. */
export interface Applied {
  spans: ApplyResult['spans'];
  claims: Interval | null;
  earliest: number | null;
}

/** Applies the stored events with afterId < id <= throughId, page by page. */
export async function applyNew(
  em: EntityManager,
  engine: IncrementalEngine,
  afterId: number,
  throughId: number,
): Promise<Applied> {
  const out: Applied = { spans: [], claims: null, earliest: null };
  for await (const page of eventPages(em.getKnex(), afterId, throughId)) {
    const events = page.map((p) => p.event);
    const r = engine.apply(events);
    out.spans.push(...r.spans);
    out.claims = widen(out.claims, r.claims);
    for (const e of events) out.earliest = Math.min(out.earliest ?? Infinity, e.at);
  }
  return out;
}

/** Only windows on components change transitions (planned); the others change figures only. */
const componentWindows = (list: readonly Window[]) => list.filter((w) => 'components' in w.scope);
const spanOfWindow = (w: Window): Interval => ({ start: w.start, end: w.end });
const spanOfOutage = (o: OutageRow): Interval => ({
  start: o.goingDown,
  end: o.upAgain ?? Infinity,
});

/** The hull of the entries present in only one of the two lists (compared as JSON). */
function changedHull<T>(a: readonly T[], b: readonly T[], span: (x: T) => Interval) {
  const inA = new Set(a.map((x) => JSON.stringify(x)));
  const inB = new Set(b.map((x) => JSON.stringify(x)));
  let out: Interval | null = null;
  for (const [list, other] of [
    [a, inB],
    [b, inA],
  ] as const) {
    for (const x of list) {
      if (other.has(JSON.stringify(x))) continue;
      const s = span(x);
      out =
        out === null ? s : { start: Math.min(out.start, s.start), end: Math.max(out.end, s.end) };
    }
  }
  return out;
}

/** Where windows or outage rows changed between two sets of inputs (null: nowhere). */
export function inputsChanged(
  before: { windows: readonly Window[]; outages: readonly OutageRow[] },
  after: { windows: readonly Window[]; outages: readonly OutageRow[] },
): Interval | null {
  const w = changedHull(
    componentWindows(before.windows),
    componentWindows(after.windows),
    spanOfWindow,
  );
  const o = changedHull(before.outages, after.outages, spanOfOutage);
  if (w === null) return o;
  if (o === null) return w;
  return { start: Math.min(w.start, o.start), end: Math.max(w.end, o.end) };
}

/** One span per service: the hull of its spans (the engine's timeline is right over all of it). */
export function mergeSpans(spans: readonly TransitionSpan[]): TransitionSpan[] {
  const out = new Map<string, TransitionSpan>();
  for (const s of spans) {
    const h = out.get(s.service);
    out.set(
      s.service,
      h === undefined
        ? { ...s }
        : { service: s.service, start: Math.min(h.start, s.start), end: Math.max(h.end, s.end) },
    );
  }
  return [...out.values()];
}

/** The inputs and the stored versions, read again when a version was stored while reading. */
export async function consistentInputs(em: EntityManager) {
  const knex = em.getKnex();
  for (;;) {
    const heads = await versionHeads(knex);
    const inputs = await loadInputs(em);
    const again = await versionHeads(knex);
    if (again.length === heads.length && again.at(-1)?.id === heads.at(-1)?.id)
      return { inputs, heads };
  }
}
