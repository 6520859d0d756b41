// Drives the versioned engine as the engine host does, with memory for storage: inventory changes
// recorded as versions at their moment, events applied, earlier versions revised on demand.
import type { AlertEvent } from '../../src/domain/events.js';
import type { Inventory } from '../../src/domain/inventory.js';
import {
  addsServices,
  claimSettingsOf,
  effectsKey,
  modelOf,
  sameModel,
  versionsTouching,
  type InventoryModel,
  type Version,
} from '../../src/domain/inventory-versions.js';
import type { IncrementalEngine } from '../../src/graph/incremental.js';
import { transitionsOver } from '../../src/graph/version-merge.js';
import {
  currentEngine,
  inForceBefore,
  reviseApplied,
  reviseVersion,
  versionEngine,
} from '../../src/graph/versioned.js';

export class VersionedDriver {
  readonly versions: Version[] = [];
  readonly models: InventoryModel[] = [];
  readonly events: AlertEvent[] = [];
  engine!: IncrementalEngine;
  inventory!: Inventory;
  /** how many earlier-version engines were built */
  rebuilds = 0;
  /** the engine of the version in force at `now` while a newer one applies later (as the host) */
  private standby: { k: number; engine: IncrementalEngine } | null = null;

  /** `now`: with it, the version in force then is kept alive while the newest applies later. */
  constructor(private readonly now: number | null = null) {}

  /** The inventory from `from` on (the first one: for all time); a same model records nothing. */
  change(inventory: Inventory, from: number): void {
    const model = modelOf(inventory);
    const last = this.models[this.models.length - 1];
    const prev = this.engine as IncrementalEngine | undefined;
    this.inventory = inventory;
    this.standby = null;
    if (last === undefined || !sameModel(last, model)) {
      const first = this.versions.length === 0;
      const services = new Set(model.services.map(([key]) => key));
      this.versions.push({
        id: this.versions.length + 1,
        from: first ? -Infinity : from,
        services,
        effects: effectsKey(model),
        addsServices: addsServices(model, last),
      });
      this.models.push(model);
    }
    this.engine = currentEngine(
      inventory,
      this.versions,
      (key, floor) =>
        prev === undefined ? [] : transitionsOver(prev, key, { start: -Infinity, end: floor }),
      { settings: claimSettingsOf(inventory) },
    );
    this.engine.apply(this.events);
  }

  /** Applies a batch; late events before the newest version revise the versions they touch. */
  apply(batch: readonly AlertEvent[]): void {
    this.events.push(...batch);
    const { claims } = this.engine.apply(batch);
    const earliest = batch.length === 0 ? null : Math.min(...batch.map((e) => e.at));
    const keep = this.now === null ? null : inForceBefore(this.versions, this.now);
    if (this.standby !== null) {
      const { k, engine } = this.standby;
      reviseApplied(this.engine, engine, this.versions, k, engine.apply(batch));
    }
    for (const k of versionsTouching(this.versions, claims, earliest)) {
      if (k === this.standby?.k) continue;
      const model = this.models[k]!;
      const old = versionEngine(model, this.inventory, { settings: claimSettingsOf(model) });
      old.apply(this.events);
      this.rebuilds++;
      reviseVersion(this.engine, old, this.versions, k);
      if (k === keep) this.standby = { k, engine: old };
    }
  }
}
