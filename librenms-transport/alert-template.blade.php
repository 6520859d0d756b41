{{-- PathUptime alert template: JSON "librenms.alert.v1" for the API transport named "pathuptime", plain text for every other transport. See SETUP.md. --}}
@if (strtolower(trim((string) $alert->get('transport_name'))) === 'pathuptime')
@php
    $tz    = config('app.timezone');
    $state = (int) $alert->get('state');
    if ($state === 6) {
        $state = 0; // newer LibreNMS logs "recovered" as 6
    }
    $names = [0 => 'recovered', 1 => 'alert', 2 => 'acknowledged', 3 => 'worse', 4 => 'better', 5 => 'changed'];
    $toTime = function ($value) use ($tz) {
        if ($value === null || $value === '') {
            return null;
        }
        try {
            return $value instanceof \DateTimeInterface
                ? \Carbon\Carbon::instance($value)
                : \Carbon\Carbon::parse((string) $value, $tz);
        } catch (\Throwable $e) {
            return null;
        }
    };
    $ts = $toTime($alert->get('timestamp'));
    // whitelist: fault rows carry every devices.* column, SNMP communities and v3 passwords included
    $keep = ['device_id', 'hostname', 'status', 'status_reason',
             'port_id', 'ifIndex', 'ifName', 'ifDescr', 'ifAlias', 'ifType', 'ifOperStatus', 'ifAdminStatus', 'ifSpeed',
             'service_id', 'service_type', 'service_desc', 'service_status', 'service_message',
             'bgpPeer_id', 'bgpPeerIdentifier', 'bgpPeerRemoteAs', 'bgpPeerState',
             'sensor_id', 'sensor_class', 'sensor_descr', 'sensor_current'];
    $slim = function ($rows) use ($keep) {
        $out = [];
        foreach ((is_array($rows) ? $rows : []) as $n => $row) {
            $item = ['n' => is_numeric($n) ? (int) $n : $n];
            foreach ($keep as $k) {
                if (is_array($row) && array_key_exists($k, $row) && (is_scalar($row[$k]) || $row[$k] === null)) {
                    $item[$k] = $row[$k];
                }
            }
            $out[] = $item;
        }
        return $out;
    };
    $diff = $alert->get('diff');
    $opened = null;
    if ($state === 0 && $alert->get('id')) {
        try {
            $opened = $toTime(\App\Models\AlertLog::find((int) $alert->get('id'))?->time_logged);
        } catch (\Throwable $e) {
            $opened = null;
        }
    }
    $groups = $alert->get('device_groups');
    $payload = [
        'schema' => 'librenms.alert.v1',
        'event'  => [
            'state'           => $state,
            'state_name'      => $names[$state] ?? 'unknown',
            'severity'        => $alert->get('severity'),
            'title'           => $alert->get('title'),
            'timestamp'       => $ts?->toIso8601String(),
            'timestamp_epoch' => $ts?->getTimestamp(),
            'timestamp_raw'   => (string) $alert->get('timestamp'),
            'elapsed'         => $state === 0 ? $alert->get('elapsed') : null,
            'sent_at'         => now()->toIso8601String(),
            'transport'       => $alert->get('transport'),
            'transport_name'  => $alert->get('transport_name'),
        ],
        'alert'  => [
            'alert_id'            => (int) $alert->get('alert_id'),
            'log_id'              => (int) $alert->get('uid'),
            'incident_log_id'     => (int) $alert->get('id'),
            'incident_started_at' => $opened?->toIso8601String(),
            'rule_id'             => (int) $alert->get('rule_id'),
            'rule_name'           => $alert->get('name'),
            'alerted'             => (int) $alert->get('alerted'),
            'ack_notes'           => (string) $alert->get('alert_notes'),
            'proc'                => $alert->get('proc'),
        ],
        'device' => [
            'device_id'     => (int) $alert->get('device_id'),
            'hostname'      => $alert->get('hostname'),
            'sysName'       => $alert->get('sysName'),
            'display'       => $alert->get('display'),
            'ip'            => $alert->get('ip'),
            'os'            => $alert->get('os'),
            'type'          => $alert->get('type'),
            'hardware'      => $alert->get('hardware'),
            'location'      => $alert->get('location'),
            'status'        => (bool) $alert->get('status'),
            'status_reason' => (string) $alert->get('status_reason'),
            'uptime'        => $alert->get('uptime') === null ? null : (int) $alert->get('uptime'),
            'groups'        => (object) (is_array($groups) ? $groups : []),
        ],
        'faults' => $slim($alert->get('faults')),
        'diff'   => is_array($diff)
            ? ['added' => $slim($diff['added'] ?? []), 'resolved' => $slim($diff['resolved'] ?? [])]
            : null,
    ];
@endphp
{!! json_encode($payload, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_INVALID_UTF8_SUBSTITUTE) !!}
@else
{{ $alert->title }}
Severity: {{ $alert->severity }}
@if ($alert->state == 0) Time elapsed: {{ $alert->elapsed }} @endif
Timestamp: {{ $alert->timestamp }}
Unique-ID: {{ $alert->uid }}
Rule: {{ $alert->name }}
@foreach ((is_array($alert->get('faults')) ? $alert->get('faults') : []) as $key => $value)
  #{{ $key }}: {{ $value['string'] ?? '' }}
@endforeach
@endif
