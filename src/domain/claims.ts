// Down claims (availability.md §2-3): alert events per alert key and outage rows become per-component down intervals.
import { ALERT_STATE, alertKey, type AlertEvent } from './events.js';
import { normalize, type Interval } from './intervals.js';
import { deviceRef } from './refs.js';
import type { RuleEffect } from './rule-effects.js';

/** Seconds an event may be stamped after its arrival before it is applied at its arrival. */
export const FUTURE_TOLERANCE_SECONDS = 300;

export interface ClaimSettings {
  /** A `device` alert whose reason is only `snmp` holds the device down (default: no). */
  snmpOnlyCountsAsDown?: boolean;
}

/** One row of LibreNMS outage history (`device_outages`). */
export interface OutageRow {
  deviceId: number;
  goingDown: number;
  upAgain: number | null;
  /** The event log shows it began "Down from snmp check" with no ICMP failure. */
  snmpOnly?: boolean;
}

/** Down intervals per component ref; open claims end at Infinity. */
export type DownIntervals = Map<string, Interval[]>;

export type EffectOf = (rule: { ruleId: number; ruleName: string }) => RuleEffect;

/** Whether an event is stamped more than 5 minutes after it arrived (flagged, applied at arrival). */
export function isFutureStamped(e: Pick<AlertEvent, 'at' | 'receivedAt'>): boolean {
  return e.at - e.receivedAt > FUTURE_TOLERANCE_SECONDS;
}

/** The instant an event is applied at. */
export function appliedAt(e: Pick<AlertEvent, 'at' | 'receivedAt'>): number {
  return isFutureStamped(e) ? e.receivedAt : e.at;
}

function isSnmpOnly(e: AlertEvent): boolean {
  const reasons = new Set(e.statusReasons.map((r) => r.trim().toLowerCase()).filter((r) => r));
  return reasons.size === 1 && reasons.has('snmp');
}

/** The components an alert/worse/better/changed event claims; `null` when it says nothing. */
function claimTargets(e: AlertEvent, effect: RuleEffect, settings: ClaimSettings): string[] | null {
  if (effect === 'device') {
    return isSnmpOnly(e) && settings.snmpOnlyCountsAsDown !== true ? [] : [deviceRef(e.deviceId)];
  }
  if (e.faults === null) return null;
  return e.faults.filter((f) => f.startsWith('port:'));
}

const SETS_CLAIMS: ReadonlySet<number> = new Set([
  ALERT_STATE.alert,
  ALERT_STATE.worse,
  ALERT_STATE.better,
  ALERT_STATE.changed,
]);

function push(out: DownIntervals, ref: string, start: number, end: number): void {
  if (end <= start) return;
  const list = out.get(ref) ?? [];
  list.push({ start, end });
  out.set(ref, list);
}

/** Order of events within one alert key: applied instant, then LibreNMS log id. */
export function compareKeyEvents(x: AlertEvent, y: AlertEvent): number {
  return appliedAt(x) - appliedAt(y) || x.logId - y.logId;
}

/** Exact as a number while the log id stays below 2^47 and the state below 32 (every real case). */
function seenKey(e: AlertEvent): number | string {
  return e.logId < 2 ** 47 && e.state >= 0 && e.state < 32 && Number.isInteger(e.state)
    ? e.logId * 32 + e.state
    : `${e.logId}/${e.state}`;
}

/**
 * The running state of one alert key: claims closed so far, claims still open, events seen.
 * Stepping events in order and then reading `claims()` gives what `applyKey` gives; an event
 * appended after the last one continues from here instead of replaying the key's history.
 */
export class KeyReplay {
  readonly closed: DownIntervals = new Map();
  private readonly open = new Map<string, number>();
  /** (log id, state) pairs applied so far: a number where it fits exactly, else text */
  private readonly seen = new Set<number | string>();
  last: AlertEvent | null = null;
  /** refs whose claims this key opened or closed since the caller last cleared the set */
  readonly touched = new Set<string>();

  constructor(
    private readonly effectOf: EffectOf,
    private readonly s: ClaimSettings,
  ) {}

  /** Applies the next event (callers keep the order of `compareKeyEvents`). */
  step(e: AlertEvent): void {
    this.last = e;
    const id = seenKey(e);
    if (this.seen.has(id)) return;
    this.seen.add(id);
    const t = appliedAt(e);
    if (e.state === ALERT_STATE.ok) {
      for (const [ref, since] of this.open) {
        push(this.closed, ref, since, t);
        this.touched.add(ref);
      }
      this.open.clear();
      return;
    }
    if (!SETS_CLAIMS.has(e.state)) return;
    const effect = this.effectOf(e);
    const targets = effect === 'ignore' ? [] : claimTargets(e, effect, this.s);
    if (targets === null) return;
    for (const [ref, since] of this.open) {
      if (!targets.includes(ref)) {
        push(this.closed, ref, since, t);
        this.open.delete(ref);
        this.touched.add(ref);
      }
    }
    for (const ref of targets) {
      if (this.open.has(ref)) continue;
      this.open.set(ref, t);
      this.touched.add(ref);
    }
  }

  /** This key's claims on one component: its closed spans, then the open one (to infinity). */
  claimsOf(ref: string): Interval[] {
    const out = [...(this.closed.get(ref) ?? [])];
    const since = this.open.get(ref);
    if (since !== undefined) out.push({ start: since, end: Infinity });
    return out;
  }

  /** Closed claims plus the open ones extended to infinity, appended to `out`. */
  claimsInto(out: DownIntervals): void {
    for (const [ref, spans] of this.closed)
      for (const sp of spans) push(out, ref, sp.start, sp.end);
    for (const [ref, since] of this.open) push(out, ref, since, Infinity);
  }
}

/** Applies one key's events (already in order) and appends its claims to `out`. */
export function applyKey(
  events: readonly AlertEvent[],
  effectOf: EffectOf,
  s: ClaimSettings,
  out: DownIntervals,
): void {
  const replay = new KeyReplay(effectOf, s);
  for (const e of events) replay.step(e);
  replay.claimsInto(out);
}

/** Down intervals held by alert claims, from events in any arrival order (duplicates allowed). */
export function alertClaims(
  events: readonly AlertEvent[],
  effectOf: EffectOf,
  settings: ClaimSettings = {},
): DownIntervals {
  const byKey = new Map<string, AlertEvent[]>();
  for (const e of events) {
    const list = byKey.get(alertKey(e)) ?? [];
    list.push(e);
    byKey.set(alertKey(e), list);
  }
  const out: DownIntervals = new Map();
  for (const list of byKey.values()) {
    list.sort(compareKeyEvents);
    applyKey(list, effectOf, settings, out);
  }
  return normalizeAll(out);
}

/** Down intervals held by LibreNMS outage history rows. */
export function outageClaims(
  rows: readonly OutageRow[],
  settings: ClaimSettings = {},
): DownIntervals {
  const out: DownIntervals = new Map();
  for (const r of rows) {
    if (r.snmpOnly === true && settings.snmpOnlyCountsAsDown !== true) continue;
    push(out, deviceRef(r.deviceId), r.goingDown, r.upAgain ?? Infinity);
  }
  return normalizeAll(out);
}

/** A component is down while at least one source holds it down: the union per component. */
export function mergeClaims(...sources: readonly DownIntervals[]): DownIntervals {
  const out: DownIntervals = new Map();
  for (const source of sources) {
    for (const [ref, list] of source) out.set(ref, [...(out.get(ref) ?? []), ...list]);
  }
  return normalizeAll(out);
}

export function normalizeAll(map: DownIntervals): DownIntervals {
  for (const [ref, list] of map) map.set(ref, normalize(list));
  return map;
}

/**
 * An inferred recovery (a key LibreNMS no longer lists as open, with no recovery in its log) as a
 * synthetic state-0 event at the reconciliation instant; it sorts after real events of that second.
 */
export function inferredRecovery(
  key: Pick<AlertEvent, 'deviceId' | 'ruleId' | 'ruleName'>,
  at: number,
): AlertEvent {
  return {
    source: 'librenms',
    logId: Number.MAX_SAFE_INTEGER,
    incidentLogId: null,
    alertId: null,
    ruleId: key.ruleId,
    ruleName: key.ruleName,
    deviceId: key.deviceId,
    hostname: null,
    state: ALERT_STATE.ok,
    at,
    receivedAt: at,
    faults: null,
    statusReasons: [],
  };
}
