// Engines over inventory versions: the newest version's engine computes each service from its
// floor on and keeps the earlier history; an earlier version's engine is built only to revise it.
import { widen } from '../domain/interval-diff.js';
import type { Interval } from '../domain/intervals.js';
import type { Inventory } from '../domain/inventory.js';
import {
  floorOf,
  inventoryUnder,
  spanOf,
  type InventoryModel,
  type Version,
} from '../domain/inventory-versions.js';
import {
  IncrementalEngine,
  type ApplyResult,
  type EngineOptions,
  type Transition,
} from './incremental.js';
import { restoreFrom, type Restored } from './version-merge.js';

/** Stored history of a service before `floor` (sorted, the first at -Infinity); [] when none. */
export type HistoryOf = (key: string, floor: number) => readonly Transition[];

/** Per service of `inventory`, the instant the newest version computes it from. */
export function floorsOf(inventory: Inventory, versions: readonly Version[]): Map<string, number> {
  return new Map(inventory.services.map((s) => [s.key, floorOf(versions, s.key)]));
}

/**
 * The engine of the newest version (its model is `inventory`'s): every service computed from
 * its floor on, with the history before the floor taken from `history`. No events applied yet.
 */
export function currentEngine(
  inventory: Inventory,
  versions: readonly Version[],
  history: HistoryOf,
  options: Omit<EngineOptions, 'floors'> = {},
): IncrementalEngine {
  const floors = floorsOf(inventory, versions);
  const engine = new IncrementalEngine(inventory, { ...options, floors });
  for (const [key, floor] of floors) {
    if (floor === -Infinity) continue;
    const kept = history(key, floor);
    if (kept.length > 0) engine.restoreHistory(key, -Infinity, floor, kept);
  }
  return engine;
}

/** An engine of an earlier version's model over today's windows (no events applied yet). */
export function versionEngine(
  model: InventoryModel,
  inventory: Inventory,
  options: Omit<EngineOptions, 'floors'> = {},
): IncrementalEngine {
  return new IncrementalEngine(inventoryUnder(model, inventory), options);
}

/** Copies what version `k`'s engine decides into the current engine; returns what changed. */
export function reviseVersion(
  current: IncrementalEngine,
  old: IncrementalEngine,
  versions: readonly Version[],
  k: number,
): Restored {
  const spans = new Map<string, Interval>();
  for (const { key } of current.services()) {
    const span = spanOf(versions, k, key);
    if (span !== null) spans.set(key, span);
  }
  return restoreFrom(current, old, spans);
}

/**
 * Copies what one apply on version `k`'s engine (kept alive meanwhile) recomputed into the current
 * engine: only the spans it reports, cut to the span the version decides for each service.
 */
export function reviseApplied(
  current: IncrementalEngine,
  old: IncrementalEngine,
  versions: readonly Version[],
  k: number,
  result: ApplyResult,
): Restored {
  const spans = new Map<string, Interval>();
  for (const s of result.spans) {
    const own = spanOf(versions, k, s.service);
    if (own === null) continue;
    const start = Math.max(s.start, own.start);
    // the transition at a recomputed span's end may merge away: include it
    const end = Math.min(Number.isFinite(s.end) ? s.end + 1 : s.end, own.end);
    if (end > start) spans.set(s.service, widen(spans.get(s.service), { start, end })!);
  }
  return restoreFrom(current, old, spans);
}

/** The version deciding `now` when it is not the newest (the newest applies from later), else null. */
export function inForceBefore(versions: readonly Version[], now: number): number | null {
  for (let j = versions.length - 1; j >= 0; j--) {
    if (versions[j]!.from <= now) return j === versions.length - 1 ? null : j;
  }
  return null;
}
