// CSV formatting (interfaces.md "CSV") and customer calendar periods across DST changes.
import { describe, expect, it } from 'vitest';
import { dayBuckets, monthOf } from '../../src/domain/calendar.js';
import { csvField, incidentsCsv, refList, servicesCsv } from '../../src/domain/csv.js';
import { formatInstant, parseInstant } from '../../src/domain/instants.js';

describe('csv', () => {
  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\r\nlines', '"two\r\nlines"'],
    [null, ''],
    [true, 'true'],
  ])('field %j -> %j', (value, text) => {
    expect(csvField(value)).toBe(text);
  });

  it('sorts refs by code unit and joins with ;', () => {
    expect(refList(['port:9', 'device:12', 'device:2', 'port:10'])).toBe(
      'device:12;device:2;port:10;port:9',
    );
  });

  it('writes services.csv rows sorted by customer then service, empty cells for undefined', () => {
    const row = {
      customerName: 'Name, Inc.',
      serviceName: 'S',
      periodFrom: 0,
      periodTo: 86_400,
      eligibleSeconds: 0,
      downtimeSeconds: 0,
      uptimePercent: null,
      incidents: 0,
      slaTarget: '99.9',
      slaMet: null,
      errorBudgetSeconds: 0,
      mttrSeconds: null,
    };
    const csv = servicesCsv([
      { ...row, customerKey: 'b', serviceKey: 'a' },
      { ...row, customerKey: 'a', serviceKey: 'z' },
      { ...row, customerKey: 'a', serviceKey: 'B' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'customer_key,customer_name,service_key,service_name,period_from,period_to,eligible_seconds,downtime_seconds,uptime_percent,incidents,sla_target_percent,sla_met,error_budget_seconds,mttr_seconds',
      'a,"Name, Inc.",B,S,1970-01-01T00:00:00Z,1970-01-02T00:00:00Z,0,0,,0,99.9,,0,',
      'a,"Name, Inc.",z,S,1970-01-01T00:00:00Z,1970-01-02T00:00:00Z,0,0,,0,99.9,,0,',
      'b,"Name, Inc.",a,S,1970-01-01T00:00:00Z,1970-01-02T00:00:00Z,0,0,,0,99.9,,0,',
      '',
    ]);
  });

  it('writes incidents.csv with open incidents empty and rows ordered by start', () => {
    const base = {
      customerKey: 'c',
      serviceKey: 's',
      serviceName: 'S',
      inPeriodSeconds: 60,
      counted: true,
    };
    const csv = incidentsCsv([
      {
        ...base,
        startedAt: 200,
        endedAt: null,
        rootCause: ['device:2'],
        rootCausesDuring: ['port:1', 'device:2'],
      },
      {
        ...base,
        startedAt: 100,
        endedAt: 160,
        rootCause: ['device:1'],
        rootCausesDuring: ['device:1'],
      },
    ]);
    expect(csv.split('\r\n').slice(1)).toEqual([
      'c,s,S,1970-01-01T00:01:40Z,1970-01-01T00:02:40Z,60,60,true,device:1,device:1',
      'c,s,S,1970-01-01T00:03:20Z,,,60,true,device:2,device:2;port:1',
      '',
    ]);
  });
});

describe('instants', () => {
  it.each([
    ['2026-09-01T00:00:00Z', 1788220800],
    ['2026-09-01T02:00:00+02:00', 1788220800],
    ['2026-09-01T00:00:00.900Z', 1788220800],
  ])('%s is %i', (text, t) => {
    expect(parseInstant(text)).toBe(t);
    expect(formatInstant(t)).toBe('2026-09-01T00:00:00Z');
  });

  it.each(['2026-09-01', '2026-09-01T00:00:00', '2026-02-30T00:00:00Z', 'yesterday'])(
    'refuses %s',
    (text) => {
      expect(parseInstant(text)).toBeNull();
    },
  );
});

describe('calendar', () => {
  const hours = (zone: string, from: string, to: string) =>
    dayBuckets(zone, parseInstant(from) ?? 0, parseInstant(to) ?? 0).map(
      (d) => (d.end - d.start) / 3600,
    );

  it('has days of 23 and 25 hours at DST changes in Europe/Amsterdam', () => {
    expect(hours('Europe/Amsterdam', '2026-03-28T12:00:00Z', '2026-03-30T12:00:00Z')).toEqual([
      24, 23, 24,
    ]);
    expect(hours('Europe/Amsterdam', '2026-10-24T12:00:00Z', '2026-10-26T12:00:00Z')).toEqual([
      24, 25, 24,
    ]);
  });

  it('starts a local day at local midnight', () => {
    const [first] = dayBuckets(
      'Europe/Amsterdam',
      parseInstant('2026-03-29T12:00:00Z') ?? 0,
      parseInstant('2026-03-29T13:00:00Z') ?? 0,
    );
    expect(formatInstant(first?.start ?? 0)).toBe('2026-03-28T23:00:00Z');
    expect(formatInstant(first?.end ?? 0)).toBe('2026-03-29T22:00:00Z');
  });

  it('gives the local calendar month', () => {
    const m = monthOf('Europe/Amsterdam', parseInstant('2026-10-31T23:30:00Z') ?? 0);
    expect([formatInstant(m.start), formatInstant(m.end)]).toEqual([
      '2026-10-31T23:00:00Z',
      '2026-11-30T23:00:00Z',
    ]);
  });
});
