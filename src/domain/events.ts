// Alert events as the engine sees them: one LibreNMS alert-log row, normalised and in UTC.

/** LibreNMS alert states (AlertState.php). State 6 (newer "recovered") is stored as 0. */
export const ALERT_STATE = {
  ok: 0,
  alert: 1,
  acknowledged: 2,
  worse: 3,
  better: 4,
  changed: 5,
} as const;

export type EventSource = 'librenms';

/** One alert event, normalised. Instants are epoch seconds (UTC, truncated to the second). */
export interface AlertEvent {
  source: EventSource;
  /** LibreNMS alert_log id of this event (`uid`); with `state` the idempotency key. */
  logId: number;
  /** alert_log id of the row that opened the incident (`id`), when known. */
  incidentLogId: number | null;
  /** alerts.id: stable per (device, rule), reused across incidents. */
  alertId: number | null;
  ruleId: number;
  ruleName: string;
  deviceId: number;
  hostname: string | null;
  /** 0..5 are known; any other code is kept and has no effect. 6 is normalised to 0. */
  state: number;
  /** When it happened (the alert's own time), epoch seconds. */
  at: number;
  /** When PathUptime received it, epoch seconds. */
  receivedAt: number;
  /**
   * Component refs of the fault rows, e.g. `device:43`, `port:3107`, sorted and unique;
   * `null` when the body carried no fault list (the lite body).
   */
  faults: string[] | null;
  /** The device's status reasons as a set (`icmp`, `snmp`), from fault rows, else the device. */
  statusReasons: string[];
}

/** Key of one LibreNMS alert (device + rule): claims are grouped by it. */
export function alertKey(e: Pick<AlertEvent, 'deviceId' | 'ruleId'>): string {
  return `${e.deviceId}/${e.ruleId}`;
}
