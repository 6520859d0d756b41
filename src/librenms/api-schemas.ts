// Zod schemas of the LibreNMS API v0 answers PathUptime reads; values normalised, keys as in
// LibreNMS (so they match its docs), datetimes as epoch seconds in the LibreNMS time zone.
import { z } from 'zod';
import {
  bool,
  dateTime,
  decimal,
  idList,
  idOrNone,
  int,
  jsonText,
  maybe,
  maybeText,
  text,
  textList,
} from './api-fields.js';

const row = z.record(z.string(), z.unknown());

function build(timeZone: string) {
  const when = dateTime(timeZone);
  const device = z.object({
    device_id: int,
    hostname: text,
    sysName: maybeText,
    display: maybeText,
    ip: maybeText,
    os: maybeText,
    type: maybeText,
    hardware: maybeText,
    status: bool,
    status_reason: maybe(text).transform((v) => v ?? ''),
    ignore: maybe(bool).transform((v) => v ?? false),
    disabled: maybe(bool).transform((v) => v ?? false),
    disable_notify: maybe(bool).transform((v) => v ?? false),
    ignore_status: maybe(bool).transform((v) => v ?? false),
    uptime: maybe(int),
    last_polled: when,
    last_poll_attempted: when,
    last_ping: when,
    last_discovered: when,
    location_id: idOrNone,
    location: maybeText,
    purpose: maybeText,
    notes: maybeText,
    /** Dependency parents (list_devices only; get_device has none). */
    dependency_parent_id: idList,
    dependency_parent_hostname: textList,
  });
  const port = z.object({
    port_id: int,
    device_id: maybe(int),
    ifIndex: maybe(int),
    ifName: maybeText,
    ifDescr: maybeText,
    ifAlias: maybeText,
    ifType: maybeText,
    ifOperStatus: maybeText,
    ifAdminStatus: maybeText,
    ifSpeed: maybe(int),
    /** sysUpTime-relative TimeTicks, 0 = unknown; not an epoch. */
    ifLastChange: maybe(int),
    deleted: maybe(bool),
    disabled: maybe(bool),
    ignore: maybe(bool),
  });
  const link = z.object({
    id: int,
    local_port_id: idOrNone,
    local_device_id: int,
    /** null or 0 in LibreNMS when unresolved → null. */
    remote_port_id: idOrNone,
    /** 0 in LibreNMS for a neighbour that is not a monitored device → null. */
    remote_device_id: idOrNone,
    active: maybe(bool).transform((v) => v ?? true),
    protocol: maybeText,
    remote_hostname: maybeText,
    remote_port: maybeText,
    remote_platform: maybeText,
    remote_version: maybeText,
  });
  const outage = z.object({ going_down: int, up_again: maybe(int).transform((v) => v || null) });
  const alert = z.object({
    id: int,
    device_id: int,
    rule_id: int,
    state: int,
    alerted: maybe(int),
    open: maybe(bool),
    note: maybeText,
    timestamp: when,
    info: jsonText.optional(),
    hostname: maybeText,
    severity: maybeText,
    name: maybeText,
    proc: maybeText,
    notes: maybeText,
  });
  const details = z
    .looseObject({
      rule: z.array(row).optional(),
      diff: z
        .looseObject({ added: z.array(row).optional(), resolved: z.array(row).optional() })
        .optional(),
    })
    .nullable()
    .optional()
    .transform((v) => v ?? null);
  const alertLog = z.object({
    id: int,
    device_id: int,
    rule_id: maybe(int),
    state: int,
    time_logged: when,
    details,
    hostname: maybeText,
    sysName: maybeText,
  });
  const event = z.object({
    event_id: int,
    device_id: idOrNone,
    datetime: when,
    message: maybeText,
    type: maybeText,
    reference: maybeText,
    username: maybeText,
    severity: maybe(int),
    hostname: maybeText,
    sysName: maybeText,
  });
  const rule = z.object({
    id: int,
    name: text,
    severity: maybeText,
    disabled: maybe(bool),
    extra: jsonText.optional(),
    builder: jsonText.optional(),
    query: maybeText,
    proc: maybeText,
    notes: maybeText,
    invert_map: maybe(bool),
    devices: z.array(int).optional(),
    groups: z.array(int).optional(),
    locations: z.array(int).optional(),
  });
  const group = z.object({ id: int, name: text, desc: maybeText, type: maybeText });
  const groupDevice = z.object({ device_id: int });
  const location = z.object({
    id: int,
    location: text,
    lat: maybe(decimal),
    lng: maybe(decimal),
    timestamp: when,
  });
  const service = z.object({
    service_id: int,
    device_id: int,
    service_type: maybeText,
    service_desc: maybeText,
    service_name: maybeText,
    service_status: maybe(int),
    /** Epoch seconds. */
    service_changed: maybe(int),
    service_message: maybeText,
    service_disabled: maybe(bool),
    service_ignore: maybe(bool),
  });
  const system = z.object({
    local_ver: text,
    local_sha: maybeText,
    local_date: maybeText,
    local_branch: maybeText,
    db_schema: maybeText,
    php_ver: maybeText,
    database_ver: maybeText,
  });
  return {
    device,
    port,
    link,
    outage,
    alert,
    alertLog,
    event,
    rule,
    group,
    groupDevice,
    location,
    service,
    system,
  };
}

export type ApiSchemas = ReturnType<typeof build>;

const cache = new Map<string, ApiSchemas>();

/** The row schemas, reading naive datetimes in `timeZone` (an IANA zone). */
export function apiSchemas(timeZone: string): ApiSchemas {
  let s = cache.get(timeZone);
  if (!s) cache.set(timeZone, (s = build(timeZone)));
  return s;
}

/** `{"status":"ok", key: [rows], count?, total?, message?}`. */
export function listEnvelope<T extends z.ZodTypeAny>(key: string, item: T) {
  return z.object({
    status: z.literal('ok'),
    [key]: z.array(item),
    count: maybe(int),
    total: maybe(int),
    message: maybeText,
  });
}

/** `services` is double-nested (`[[rows]]`) for backward compatibility; flattened here. */
export function servicesEnvelope<T extends z.ZodTypeAny>(item: T) {
  return z.object({ status: z.literal('ok'), services: z.array(z.array(item)) });
}

/** Error bodies: LibreNMS's `{"status":"error","message"}` or Laravel's `{"message"}`. */
export const errorBody = z.object({
  status: z.string().optional(),
  message: z.unknown().optional(),
});
