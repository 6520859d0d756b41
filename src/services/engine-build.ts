// Builds an incremental engine from the database and turns its recomputed spans into stored transitions.
import { createHash } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/knex';
import type { OutageRow } from '../domain/claims.js';
import type { Inventory } from '../domain/inventory.js';
import { claimSettingsOf } from '../domain/inventory-versions.js';
import type { StoredTransition, TransitionSpan } from '../db/engine-store.js';
import { eventPages } from '../db/event-stream.js';
import { allOutages } from '../db/reconcile-repo.js';
import {
  IncrementalEngine,
  type ApplyResult,
  type ServiceChange,
  type Transition,
} from '../graph/incremental.js';
import { inventoryInForce } from './availability.js';

/** What an engine is computed from, besides the event log. */
export interface EngineInputs {
  inventory: Inventory;
  outages: OutageRow[];
  /** changes whenever the inventory (with the settings in force) or the outage history change */
  digest: string;
}

/** Stored values for an instant: the head of a timeline (-Infinity) as the smallest safe integer. */
const storedAt = (t: number) => (Number.isFinite(t) ? t : Number.MIN_SAFE_INTEGER);

export async function loadInputs(em: EntityManager): Promise<EngineInputs> {
  const inventory = await inventoryInForce(em);
  const outages = await allOutages(em);
  const digest = createHash('sha256').update(JSON.stringify({ inventory, outages })).digest('hex');
  return { inventory, outages, digest };
}

/** A fresh engine over the inputs (no events yet), with the settings its inventory holds. */
export function engineOf(inputs: EngineInputs): IncrementalEngine {
  const settings = claimSettingsOf(inputs.inventory);
  const engine = new IncrementalEngine(inputs.inventory, { settings });
  if (inputs.outages.length > 0) engine.setOutages(inputs.outages);
  return engine;
}

/** Applies the stored events with afterId < id <= throughId, page by page; returns the spans touched. */
export async function applyStored(
  em: EntityManager,
  engine: IncrementalEngine,
  afterId: number,
  throughId: number,
): Promise<ApplyResult['spans']> {
  const spans: ApplyResult['spans'] = [];
  for await (const page of eventPages(em.getKnex(), afterId, throughId))
    spans.push(...engine.apply(page.map((p) => p.event)).spans);
  return spans;
}

/** Per service, the hull of its spans; the end is inclusive (a transition at `end` may merge away). */
export function hulls(spans: ApplyResult['spans']): TransitionSpan[] {
  const out = new Map<string, TransitionSpan>();
  for (const s of spans) {
    const h = out.get(s.service);
    if (h === undefined) out.set(s.service, { ...s });
    else
      out.set(s.service, { ...h, start: Math.min(h.start, s.start), end: Math.max(h.end, s.end) });
  }
  return [...out.values()].map((h) => ({
    service: h.service,
    start: h.start,
    end: Number.isFinite(h.end) ? h.end + 1 : h.end,
  }));
}

/** The engine's transitions of each span (start <= at < end), as rows to store. */
export function transitionsIn(
  engine: IncrementalEngine,
  spans: readonly TransitionSpan[],
): StoredTransition[] {
  const out: StoredTransition[] = [];
  for (const s of spans) {
    const list = engine.timeline(s.service).transitions;
    for (let k = engine.timeline(s.service).indexAt(s.start); k < list.length; k++) {
      const t = list[k]!;
      if (t.at >= s.end) break;
      if (t.at < s.start) continue;
      const { down, planned, atRisk, rootCause } = t;
      out.push({ service: s.service, at: storedAt(t.at), down, planned, atRisk, rootCause });
    }
  }
  return out;
}

/** Every service over all time (for a full rewrite). */
export function everySpan(engine: IncrementalEngine): TransitionSpan[] {
  return engine.services().map((s) => ({ service: s.key, start: -Infinity, end: Infinity }));
}

const signature = (t: Transition) =>
  `${t.at}|${t.down}|${t.planned}|${t.atRisk}|${t.rootCause.join(';')}`;

/** Transitions of `fresh` that `old` did not hold (what a rebuild changed), per service. */
export function changesBetween(old: IncrementalEngine, fresh: IncrementalEngine): ServiceChange[] {
  const known = new Set(old.services().map((s) => s.key));
  const out: ServiceChange[] = [];
  for (const { key } of fresh.services()) {
    const before = new Set(known.has(key) ? old.timeline(key).transitions.map(signature) : []);
    for (const t of fresh.timeline(key).transitions) {
      if (!Number.isFinite(t.at) || before.has(signature(t))) continue;
      const { at, down, planned, atRisk, rootCause } = t;
      out.push({ service: key, at, down, planned, atRisk, rootCause });
    }
  }
  return out;
}
