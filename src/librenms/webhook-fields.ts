// The webhook whitelist: the only keys of a LibreNMS body that are read or stored.
// Kept in step with librenms-transport/alert-template.blade.php and fallback-body.txt
// by tests/unit/transport-kit.test.ts.

export const SCHEMA_V1 = 'librenms.alert.v1';
export const SCHEMA_LITE = 'librenms.alert.v1-lite';

/** Top-level keys of a `librenms.alert.v1` body. */
export const V1_KEYS = ['schema', 'event', 'alert', 'device', 'faults', 'diff'] as const;

/** `event` keys of a v1 body (the template's `$payload['event']`). */
export const V1_EVENT_KEYS = [
  'state',
  'state_name',
  'severity',
  'title',
  'timestamp',
  'timestamp_epoch',
  'timestamp_raw',
  'elapsed',
  'sent_at',
  'transport',
  'transport_name',
] as const;

/** `alert` keys of a v1 body (the template's `$payload['alert']`). */
export const V1_ALERT_KEYS = [
  'alert_id',
  'log_id',
  'incident_log_id',
  'incident_started_at',
  'rule_id',
  'rule_name',
  'alerted',
  'ack_notes',
  'proc',
] as const;

/** `device` keys of a v1 body; `groups` is the one map (group id -> name), the rest scalars. */
export const V1_DEVICE_KEYS = [
  'device_id',
  'hostname',
  'sysName',
  'display',
  'ip',
  'os',
  'type',
  'hardware',
  'location',
  'status',
  'status_reason',
  'uptime',
  'groups',
] as const;

/** Columns kept from a fault or diff row (the template's `$keep`); never device credentials. */
export const FAULT_KEYS = [
  'device_id',
  'hostname',
  'status',
  'status_reason',
  'port_id',
  'ifIndex',
  'ifName',
  'ifDescr',
  'ifAlias',
  'ifType',
  'ifOperStatus',
  'ifAdminStatus',
  'ifSpeed',
  'service_id',
  'service_type',
  'service_desc',
  'service_status',
  'service_message',
  'bgpPeer_id',
  'bgpPeerIdentifier',
  'bgpPeerRemoteAs',
  'bgpPeerState',
  'sensor_id',
  'sensor_class',
  'sensor_descr',
  'sensor_current',
] as const;

/** A fault row as the template emits it: its 1-based position `n`, then the kept columns. */
export const FAULT_ROW_KEYS = ['n', ...FAULT_KEYS] as const;

/** `diff` keys of a v1 body (states 3/4/5). */
export const DIFF_KEYS = ['added', 'resolved'] as const;

/** Keys of a `librenms.alert.v1-lite` body (flat, every value a string). */
export const LITE_KEYS = [
  'schema',
  'state',
  'severity',
  'device_id',
  'hostname',
  'sysName',
  'rule_id',
  'rule_name',
  'alert_id',
  'log_id',
  'incident_log_id',
  'timestamp_raw',
  'timestamp_epoch',
  'elapsed',
  'title',
] as const;
