// Incremental claims: events kept per alert key, down intervals per component, and where each change lands.
import {
  compareKeyEvents,
  KeyReplay,
  type ClaimSettings,
  type DownIntervals,
  type EffectOf,
  type OutageRow,
} from './claims.js';
import { alertKey, type AlertEvent } from './events.js';
import { changedSpan, widen } from './interval-diff.js';
import { intersect, normalize, type Interval } from './intervals.js';
import { deviceRef } from './refs.js';

/** The status reasons of the (many) events that have none. */
const NO_REASONS: string[] = [];

/** Per component ref, the span over which its down or covered intervals changed. */
export type ChangedSpans = Map<string, Interval>;

/** Claims of every source (alert keys, outage rows), their union per component, and window cover. */
export class ClaimStore {
  private readonly events = new Map<string, AlertEvent[]>();
  /** per key, the replay state after its last event (in key order) */
  private readonly replays = new Map<string, KeyReplay>();
  private readonly bySource = new Map<string, DownIntervals>();
  private readonly contrib = new Map<string, Map<string, Interval[]>>();
  /** Union of all sources per component (normalized). */
  readonly down = new Map<string, Interval[]>();
  /** The part of `down` under a component window. */
  readonly covered = new Map<string, Interval[]>();
  private cover = new Map<string, Interval[]>();
  /** every text of a kept event once (rule names, hostnames, fault refs, reasons) */
  private readonly texts = new Map<string, string>();

  constructor(
    private effectOf: EffectOf,
    private readonly settings: ClaimSettings = {},
  ) {}

  /** Stores events (any order, duplicates allowed) and re-derives the claims of their keys only. */
  addEvents(batch: readonly AlertEvent[]): ChangedSpans {
    const added = new Map<string, AlertEvent[]>();
    for (const event of batch) {
      const e = this.kept(event);
      const key = alertKey(e);
      const list = added.get(key) ?? [];
      list.push(e);
      added.set(key, list);
    }
    const changed: ChangedSpans = new Map();
    for (const [key, fresh] of added) this.addToKey(key, fresh, changed);
    return changed;
  }

  /**
   * New events of one key: when they all come after the key's last event (the usual case), the
   * key's replay continues from where it stood; a late event replays the key from its start.
   */
  private addToKey(key: string, fresh: AlertEvent[], changed: ChangedSpans): void {
    fresh.sort(compareKeyEvents);
    let list = this.events.get(key);
    if (list === undefined) this.events.set(key, (list = []));
    const replay = this.replays.get(key);
    const last = replay?.last ?? null;
    list.push(...fresh);
    if (replay === undefined || last === null || compareKeyEvents(fresh[0]!, last) <= 0) {
      this.rederiveKey(key, changed);
      return;
    }
    replay.touched.clear();
    for (const e of fresh) replay.step(e);
    // only the components these events opened or closed a claim on can have changed
    for (const ref of replay.touched)
      this.setSourceRef(key, ref, normalize(replay.claimsOf(ref)), changed);
    replay.touched.clear();
  }

  /**
   * The copy of an event the store keeps for replays: its texts shared with earlier events (one
   * `Port status up/down`, one `port:4201` in memory, not one per event), so that a long event
   * history costs the heap, and the garbage collector that walks it, as little as it can.
   */
  private kept(e: AlertEvent): AlertEvent {
    return {
      source: e.source,
      logId: e.logId,
      incidentLogId: e.incidentLogId,
      alertId: e.alertId,
      ruleId: e.ruleId,
      ruleName: this.text(e.ruleName),
      deviceId: e.deviceId,
      hostname: e.hostname === null ? null : this.text(e.hostname),
      state: e.state,
      at: e.at,
      receivedAt: e.receivedAt,
      faults: e.faults === null ? null : e.faults.map((f) => this.text(f)),
      statusReasons:
        e.statusReasons.length === 0 ? NO_REASONS : e.statusReasons.map((r) => this.text(r)),
    };
  }

  private text(value: string): string {
    const known = this.texts.get(value);
    if (known !== undefined) return known;
    this.texts.set(value, value);
    return value;
  }

  /** Replaces the rule-effect lookup and re-derives every key; only changed components are returned. */
  setEffects(effectOf: EffectOf): ChangedSpans {
    this.effectOf = effectOf;
    const changed: ChangedSpans = new Map();
    for (const key of this.events.keys()) this.rederiveKey(key, changed);
    return changed;
  }

  /** Replaces the LibreNMS outage history (an independent claim source per row). */
  setOutages(rows: readonly OutageRow[]): ChangedSpans {
    const changed: ChangedSpans = new Map();
    const next = new Map<string, DownIntervals>();
    for (const r of rows) {
      if (r.snmpOnly === true && this.settings.snmpOnlyCountsAsDown !== true) continue;
      const span = { start: r.goingDown, end: r.upAgain ?? Infinity };
      const list = span.end > span.start ? [span] : [];
      next.set(`outage:${r.deviceId}:${r.goingDown}`, new Map([[deviceRef(r.deviceId), list]]));
    }
    for (const source of [...this.bySource.keys()]) {
      if (source.startsWith('outage:') && !next.has(source))
        this.setSource(source, new Map(), changed);
    }
    for (const [source, claims] of next) this.setSource(source, claims, changed);
    return changed;
  }

  /** Replaces the component-window cover (ref -> spans under a window). */
  setCover(cover: Map<string, Interval[]>): ChangedSpans {
    const changed: ChangedSpans = new Map();
    const refs = new Set([...this.cover.keys(), ...cover.keys()]);
    this.cover = cover;
    for (const ref of refs) this.refreshCovered(ref, changed);
    return changed;
  }

  private rederiveKey(key: string, changed: ChangedSpans): void {
    const list = this.events.get(key) ?? [];
    list.sort(compareKeyEvents);
    const replay = new KeyReplay(this.effectOf, this.settings);
    for (const e of list) replay.step(e);
    this.replays.set(key, replay);
    this.publishKey(key, replay, changed);
  }

  private publishKey(key: string, replay: KeyReplay, changed: ChangedSpans): void {
    const claims: DownIntervals = new Map();
    replay.claimsInto(claims);
    for (const [ref, spans] of claims) claims.set(ref, normalize(spans));
    this.setSource(key, claims, changed);
  }

  private setSource(source: string, claims: DownIntervals, changed: ChangedSpans): void {
    const before = this.bySource.get(source) ?? new Map<string, Interval[]>();
    const refs = new Set([...before.keys(), ...claims.keys()]);
    if (claims.size > 0) this.bySource.set(source, claims);
    else this.bySource.delete(source);
    for (const ref of refs) this.setContribution(source, ref, claims.get(ref) ?? [], changed);
  }

  /** One component's claims from one source (the rest of the source's claims stay). */
  private setSourceRef(
    source: string,
    ref: string,
    spans: Interval[],
    changed: ChangedSpans,
  ): void {
    let claims = this.bySource.get(source);
    if (spans.length > 0) {
      if (claims === undefined) this.bySource.set(source, (claims = new Map()));
      claims.set(ref, spans);
    } else if (claims !== undefined) {
      claims.delete(ref);
      if (claims.size === 0) this.bySource.delete(source);
    }
    this.setContribution(source, ref, spans, changed);
  }

  private setContribution(
    source: string,
    ref: string,
    spans: Interval[],
    changed: ChangedSpans,
  ): void {
    let per = this.contrib.get(ref);
    if (spans.length > 0) {
      if (per === undefined) this.contrib.set(ref, (per = new Map()));
      per.set(source, spans);
    } else if (per !== undefined && per.delete(source) && per.size === 0) {
      this.contrib.delete(ref);
    }
    this.refreshDown(ref, changed);
  }

  private refreshDown(ref: string, changed: ChangedSpans): void {
    const before = this.down.get(ref) ?? [];
    const after = normalize(contributions(this.contrib.get(ref)));
    if (after.length === 0) this.down.delete(ref);
    else this.down.set(ref, after);
    note(changed, ref, changedSpan(before, after));
    this.refreshCovered(ref, changed);
  }

  private refreshCovered(ref: string, changed: ChangedSpans): void {
    const cover = this.cover.get(ref);
    // no window covers the component (the usual case) and nothing was covered: nothing changes
    if (cover === undefined && !this.covered.has(ref)) return;
    const before = this.covered.get(ref) ?? [];
    const after = intersect(this.down.get(ref) ?? [], cover ?? []);
    if (after.length === 0) this.covered.delete(ref);
    else this.covered.set(ref, after);
    note(changed, ref, changedSpan(before, after));
  }
}

/** Every source's claims on one component in one list (the one source's own list when alone). */
function contributions(per: Map<string, Interval[]> | undefined): readonly Interval[] {
  if (per === undefined) return [];
  if (per.size === 1) return per.values().next().value!;
  const all: Interval[] = [];
  for (const spans of per.values()) for (const span of spans) all.push(span);
  return all;
}

function note(changed: ChangedSpans, ref: string, span: Interval | null): void {
  const next = widen(changed.get(ref), span);
  if (next !== null) changed.set(ref, next);
}
