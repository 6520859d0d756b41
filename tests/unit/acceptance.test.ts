// Acceptance: the public scenario (inventory + two weeks of webhooks) must give the expected CSVs exactly.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { AlertEvent } from '../../src/domain/events.js';
import { parseInstant } from '../../src/domain/instants.js';
import { parseInventory } from '../../src/domain/inventory.js';
import { computeReport } from '../../src/graph/engine.js';

const dir = new URL('../fixtures/acceptance/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, dir), 'utf8');

interface FaultRow {
  device_id: number;
  port_id?: number;
  status_reason?: string;
}

interface Webhook {
  event: { state: number; timestamp_epoch: number };
  alert: {
    alert_id: number | null;
    log_id: number;
    incident_log_id: number | null;
    rule_id: number;
    rule_name: string;
  };
  device: { device_id: number; hostname: string; status_reason: string };
  faults: FaultRow[] | null;
}

const RECEIVED_AT = parseInstant('2026-10-01T00:00:00Z') ?? 0;

function reasons(text: string | undefined): string[] {
  return (text ?? '')
    .split(',')
    .map((r) => r.trim())
    .filter((r) => r !== '');
}

/** The tiny test-side webhook normaliser: just enough of librenms/ for the engine. */
function toEvent(w: Webhook): AlertEvent {
  const faults = w.faults?.map((f) =>
    f.port_id === undefined ? `device:${f.device_id}` : `port:${f.port_id}`,
  );
  const fromFaults = [...new Set((w.faults ?? []).flatMap((f) => reasons(f.status_reason)))];
  return {
    source: 'librenms',
    logId: w.alert.log_id,
    incidentLogId: w.alert.incident_log_id,
    alertId: w.alert.alert_id,
    ruleId: w.alert.rule_id,
    ruleName: w.alert.rule_name,
    deviceId: w.device.device_id,
    hostname: w.device.hostname,
    state: w.event.state === 6 ? 0 : w.event.state,
    at: w.event.timestamp_epoch,
    receivedAt: RECEIVED_AT,
    faults: faults === undefined ? null : [...new Set(faults)].sort(),
    statusReasons: fromFaults.length > 0 ? fromFaults : reasons(w.device.status_reason),
  };
}

/** Rows of a CSV (no quoted fields in these files), numbers normalised so `99.0` equals `99`. */
function rows(csv: string): string[][] {
  return csv
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) =>
      line.split(',').map((cell) => (/^-?\d+(\.\d+)?$/.test(cell) ? String(Number(cell)) : cell)),
    );
}

describe('acceptance scenario', () => {
  const inventory = parseInventory(JSON.parse(read('inventory.json')));
  const events = (JSON.parse(read('webhooks.json')) as Webhook[]).map(toEvent);
  const report = computeReport(inventory, events, {
    from: parseInstant('2026-09-01T00:00:00Z') ?? 0,
    to: parseInstant('2026-09-15T00:00:00Z') ?? 0,
    now: parseInstant('2026-11-26T00:00:00Z') ?? 0,
  });

  it('answers services.csv as expected', () => {
    expect(rows(report.servicesCsv)).toEqual(rows(read('expected-services.csv')));
  });

  it('answers incidents.csv as expected', () => {
    expect(rows(report.incidentsCsv)).toEqual(rows(read('expected-incidents.csv')));
  });

  it('holds the SNMP-only device alert of agg-13 only under the setting', () => {
    const snmp = computeReport(inventory, events, {
      from: parseInstant('2026-09-01T00:00:00Z') ?? 0,
      to: parseInstant('2026-09-15T00:00:00Z') ?? 0,
      now: parseInstant('2026-11-26T00:00:00Z') ?? 0,
      settings: { snmpOnlyCountsAsDown: true },
    });
    const spans = (r: typeof report) => (r.down.get('device:13') ?? []).length;
    expect(spans(snmp)).toBe(spans(report) + 1);
  });

  it('uses CRLF line ends and a header row', () => {
    expect(report.servicesCsv.startsWith('customer_key,customer_name,service_key,')).toBe(true);
    expect(report.servicesCsv.split('\r\n')).toHaveLength(inventory.services.length + 2);
  });
});
