// Zod schemas for cleaned webhook bodies (v1 and lite) -> one normalised field set.

import { z } from 'zod';

/** What the two body schemas have in common once validated; times are resolved later. */
export interface WebhookFields {
  state: number;
  logId: number;
  incidentLogId: number | null;
  alertId: number | null;
  ruleId: number;
  ruleName: string;
  deviceId: number;
  hostname: string | null;
  times: { epoch: unknown; iso: unknown; raw: unknown };
  /** null when the body carried no fault list. */
  faults: FaultRow[] | null;
  deviceStatusReason: string | null;
}

export interface FaultRow {
  deviceId: number | null;
  portId: number | null;
  statusReason: string | null;
}

/** A non-negative safe integer from a JSON number or a numeric string; null otherwise. */
export function toInteger(v: unknown): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v >= 0 ? v : null;
  if (typeof v !== 'string' || !/^\s*\d+\s*$/.test(v)) return null;
  const n = Number(v);
  return Number.isSafeInteger(n) ? n : null;
}

/** Any value, the key possibly absent: each field's transform decides (zod v4 needs the optional). */
const field = z.unknown().optional();

const requiredId = field.transform((v, ctx) => {
  const n = toInteger(v);
  if (n !== null && n > 0) return n;
  ctx.addIssue({
    code: 'custom',
    message:
      v === undefined ? 'is required' : 'must be a positive integer (number or numeric string)',
  });
  return z.NEVER;
});

/** Absent, null, empty or 0 (PHP's `(int) null`) mean "not known". */
const optionalId = field.transform((v, ctx) => {
  if (v === undefined || v === null || v === '') return null;
  const n = toInteger(v);
  if (n !== null) return n === 0 ? null : n;
  ctx.addIssue({
    code: 'custom',
    message: 'must be a non-negative integer (number or numeric string)',
  });
  return z.NEVER;
});

const state = field.transform((v, ctx) => {
  const n = toInteger(v);
  if (n !== null) return n === 6 ? 0 : n; // 6 = newer LibreNMS "recovered"
  ctx.addIssue({
    code: 'custom',
    message: v === undefined ? 'is required' : 'must be a state code (0-5, 6 = recovered)',
  });
  return z.NEVER;
});

const requiredText = field.transform((v, ctx) => {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  ctx.addIssue({ code: 'custom', message: v === undefined ? 'is required' : 'must be a string' });
  return z.NEVER;
});

/** Text that may be missing; empty text counts as missing. */
const optionalText = field.transform((v) =>
  (typeof v === 'string' || typeof v === 'number') && v !== '' ? String(v) : null,
);

const objectOf = <T extends z.core.$ZodLooseShape>(shape: T) =>
  z.object(shape, { error: 'must be an object' });

const faultRow = objectOf({
  device_id: optionalId,
  port_id: optionalId,
  status_reason: optionalText,
}).transform((r): FaultRow => ({
  deviceId: r.device_id,
  portId: r.port_id,
  statusReason: r.status_reason,
}));

/** A cleaned `librenms.alert.v1` body. */
export const v1Body = z
  .object({
    event: objectOf({
      state,
      timestamp_epoch: field,
      timestamp: field,
      timestamp_raw: field,
    }),
    alert: objectOf({
      alert_id: optionalId,
      log_id: requiredId,
      incident_log_id: optionalId,
      rule_id: requiredId,
      rule_name: requiredText,
    }),
    device: objectOf({
      device_id: requiredId,
      hostname: optionalText,
      status_reason: optionalText,
    }),
    faults: z.array(faultRow).nullable(),
  })
  .transform(({ event, alert, device, faults }): WebhookFields => ({
    state: event.state,
    logId: alert.log_id,
    incidentLogId: alert.incident_log_id,
    alertId: alert.alert_id,
    ruleId: alert.rule_id,
    ruleName: alert.rule_name,
    deviceId: device.device_id,
    hostname: device.hostname,
    times: { epoch: event.timestamp_epoch, iso: event.timestamp, raw: event.timestamp_raw },
    faults,
    deviceStatusReason: device.status_reason,
  }));

/** A cleaned `librenms.alert.v1-lite` body (flat; no faults, no status reason). */
export const liteBody = z
  .object({
    state,
    alert_id: optionalId,
    log_id: requiredId,
    incident_log_id: optionalId,
    rule_id: requiredId,
    rule_name: requiredText,
    device_id: requiredId,
    hostname: optionalText,
    timestamp_epoch: field,
    timestamp_raw: field,
  })
  .transform((b): WebhookFields => ({
    state: b.state,
    logId: b.log_id,
    incidentLogId: b.incident_log_id,
    alertId: b.alert_id,
    ruleId: b.rule_id,
    ruleName: b.rule_name,
    deviceId: b.device_id,
    hostname: b.hostname,
    times: { epoch: b.timestamp_epoch, iso: undefined, raw: b.timestamp_raw },
    faults: null,
    deviceStatusReason: null,
  }));

/** `alert.log_id`, `faults[1].port_id`: a zod issue path as people write it. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`))
    .join('');
}

/** One line naming every failing field: `alert.log_id: is required; device: must be an object`. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((i) => `${formatPath(i.path) || '(body)'}: ${i.message}`).join('; ');
}
