// Gap filling against the fake LibreNMS: lost webhooks, inferred recoveries, outage history, halves.
import type { EntityManager } from '@mikro-orm/knex';
import { afterEach, describe, expect, it } from 'vitest';
import {
  DeviceOutageSchema,
  ReconcileStateSchema,
  TimezoneMismatchSchema,
} from '../../src/db/entities/reconcile.js';
import { postHook } from '../helpers/app.js';
import { liteSample, sample } from '../helpers/librenms-webhooks.js';
import {
  alertLogRow,
  DOWN_AT,
  downtimeOn14th,
  eventRow,
  NOW,
  startWorld,
  UP_AT,
  withService,
  type World,
} from '../helpers/reconcile-world.js';

let w: World;
afterEach(async () => w?.close());

const fork = () => w.t.orm.em.fork() as EntityManager;
const events = () =>
  fork()
    .getKnex()('events')
    .select('log_id', 'state', 'faults', 'enriched_at', 'event_at', 'body')
    .orderBy('id');

describe('gap filling', () => {
  it('finds lost webhooks in the alert log, enriches a lite one, and flags a time-zone mismatch', async () => {
    w = await startWorld();
    await withService(w);
    expect((await postHook(w.t, liteSample())).status).toBe(202);
    const port = sample('portDown');
    expect((await postHook(w.t, port)).status).toBe(202);
    w.fake.state.alertLog = [
      alertLogRow(98230, 1, DOWN_AT),
      // the port alert's row, an hour off: LIBRENMS_TIMEZONE does not match LibreNMS
      {
        ...alertLogRow(
          port.alert.log_id,
          port.event.state,
          port.event.timestamp_epoch + 3600,
          27,
          4,
        ),
        details: { rule: [] },
      },
      alertLogRow(98262, 0, UP_AT),
    ];
    w.fake.state.alerts = [{ id: 774, device_id: 27, rule_id: 4, state: 1, timestamp: null }];
    const run = await w.t.services.reconcile.run('gap');
    expect(run).toMatchObject({ status: 'succeeded', eventsFilled: 2, inferredRecoveries: 0 });
    const rows = await events();
    expect(rows.map((r) => [Number(r.log_id), Number(r.state), r.faults])).toEqual([
      [98230, 1, 'device:43'],
      [port.alert.log_id, port.event.state, expect.any(String)],
      [98262, 0, 'device:43'],
    ]);
    expect(rows[0].enriched_at).not.toBeNull();
    const mismatch = await fork().find(TimezoneMismatchSchema, {});
    expect(mismatch.map((m) => [m.logId, m.alertLogAt.getTime() - m.webhookAt.getTime()])).toEqual([
      [port.alert.log_id, 3600_000],
    ]);
    expect(await downtimeOn14th(w)).toBe(UP_AT - DOWN_AT);
    const cursor = await fork().findOne(ReconcileStateSchema, { name: 'alertlog.cursor' });
    expect(cursor?.value).toBe('98262');
  });

  it('a run that finds nothing new writes nothing but its record, in a handful of requests', async () => {
    w = await startWorld();
    w.fake.state.alertLog = [alertLogRow(98230, 1, DOWN_AT), alertLogRow(98262, 0, UP_AT)];
    w.fake.state.eventlog = [
      eventRow(7001, 43, DOWN_AT, 'Device status changed to Down from icmp check.'),
    ];
    w.fake.state.outages = { 43: [{ going_down: DOWN_AT, up_again: UP_AT }] };
    expect((await w.t.services.reconcile.run('gap')).status).toBe('succeeded');
    const knex = fork().getKnex();
    const tables = ['events', 'reconcile_state', 'device_outages', 'librenms_components'];
    const dump = async () =>
      JSON.stringify(await Promise.all(tables.map((t) => knex(t).select('*'))));
    const before = await dump();
    const requests = w.fake.stats.requests;
    const run = await w.t.services.reconcile.run('gap');
    expect(run).toMatchObject({ status: 'succeeded', eventsFilled: 0, itemsImported: 0 });
    expect(await dump()).toBe(before);
    // system, rules, alert log, alerts, devices, event log
    expect(w.fake.stats.requests - requests).toBe(6);
  });

  it('records the status of the devices the topology knows, keeping their last discovery', async () => {
    w = await startWorld();
    expect((await w.t.services.reconcile.run('topology')).status).toBe('succeeded');
    const knex = fork().getKnex();
    const components = () =>
      knex('librenms_components')
        .where('ref', 'like', 'device:%')
        .orderBy('ref')
        .select('ref', 'status', 'last_discovered', 'details');
    const before = await components();
    const devices = w.fake.state.devices;
    const cpe = devices.find((d) => d.device_id === 43)!;
    Object.assign(cpe, {
      status: 0,
      status_reason: 'icmp',
      last_discovered: '2026-03-19 10:00:00',
    });
    devices.push({ ...cpe, device_id: 99, hostname: 'new-99.example.net' });
    expect((await w.t.services.reconcile.run('gap')).status).toBe('succeeded');
    const after = await components();
    // only device 43 changed: down, its reason in the details, the last discovery as it was
    expect(after.map((r) => r.ref)).toEqual(before.map((r) => r.ref)); // 99 is the topology's
    const changed = after.filter((r, i) => JSON.stringify(r) !== JSON.stringify(before[i]));
    const old = before.find((r) => r.ref === 'device:43')!;
    expect(changed).toEqual([
      {
        ...old,
        status: 'down',
        details: JSON.stringify({ ...JSON.parse(old.details), statusReason: 'icmp' }),
      },
    ]);
    expect(Number(old.last_discovered)).toBeGreaterThan(0);
    const again = await w.t.services.reconcile.run('gap');
    expect(again.status).toBe('succeeded');
    expect(await components()).toEqual(after);
  });

  it('the first run reads back RECONCILE_BACKFILL (30 days) only; concurrent calls share a run', async () => {
    w = await startWorld();
    const old = NOW - 31 * 86400;
    w.fake.state.alertLog = [
      alertLogRow(100, 1, old),
      alertLogRow(101, 0, old + 60),
      alertLogRow(98230, 1, DOWN_AT),
    ];
    w.fake.state.alerts = [{ id: 512, device_id: 43, rule_id: 1, state: 1, timestamp: null }];
    const [a, b] = await Promise.all([
      w.t.services.reconcile.run('gap'),
      w.t.services.reconcile.run('gap'),
    ]);
    expect(a.id).toBe(b.id);
    expect(a).toMatchObject({ status: 'succeeded', eventsFilled: 1 });
    expect((await events()).map((r) => Number(r.log_id))).toEqual([98230]);
  });

  it('closes a key LibreNMS no longer lists, with no recovery in its log, as an inferred recovery', async () => {
    w = await startWorld();
    await withService(w);
    await postHook(w.t, sample('deviceDown'));
    w.fake.state.alertLog = [alertLogRow(98230, 1, DOWN_AT)];
    w.clock.now = DOWN_AT + 1000;
    const run = await w.t.services.reconcile.run('gap');
    expect(run).toMatchObject({ status: 'succeeded', inferredRecoveries: 1, eventsFilled: 0 });
    const last = (await events()).at(-1)!;
    expect(Number(last.state)).toBe(0);
    expect(JSON.parse(last.body)).toMatchObject({ inferred: true, run: run.id });
    w.clock.now = NOW;
    expect(await downtimeOn14th(w)).toBe(1000);
    expect((await w.t.services.reconcile.run('gap')).inferredRecoveries).toBe(0);
  });

  it('leaves a key open while LibreNMS still lists its alert', async () => {
    w = await startWorld();
    await postHook(w.t, sample('deviceDown'));
    w.fake.state.alerts = [{ id: 512, device_id: 43, rule_id: 1, state: 1, timestamp: null }];
    const run = await w.t.services.reconcile.run('gap');
    expect(run).toMatchObject({ status: 'succeeded', inferredRecoveries: 0 });
  });

  it.each([
    ['an ICMP outage counts', 'icmp', UP_AT - DOWN_AT],
    ['an SNMP-only outage does not (the setting is off)', 'snmp', 0],
  ])('takes outages only present in the outage history: %s', async (_name, reason, downtime) => {
    w = await startWorld();
    await withService(w);
    w.fake.state.eventlog = [
      eventRow(7001, 43, DOWN_AT, `Device status changed to Down from ${reason} check.`),
      eventRow(7002, 43, UP_AT, 'Device status changed to Up from check.'),
      eventRow(7003, 27, UP_AT, 'ifOperStatus: up -> down'),
    ];
    w.fake.state.outages = { 43: [{ going_down: DOWN_AT, up_again: UP_AT }] };
    const run = await w.t.services.reconcile.run('gap');
    expect(run).toMatchObject({ status: 'succeeded', itemsImported: 1 });
    expect(w.fake.stats.count('/devices/43/outages')).toBe(1);
    expect(w.fake.stats.count('/devices/27/outages')).toBe(0);
    const rows = await fork().find(DeviceOutageSchema, {});
    expect(rows.map((r) => [r.deviceId, r.goingDown, r.upAgain, r.snmpOnly])).toEqual([
      [43, DOWN_AT, UP_AT, reason === 'snmp'],
    ]);
    expect(await downtimeOn14th(w)).toBe(downtime);
  });

  it('gives the same result when LibreNMS history arrives in two halves', async () => {
    w = await startWorld();
    await withService(w);
    w.fake.state.alertLog = [alertLogRow(98230, 1, DOWN_AT)];
    w.fake.state.alerts = [{ id: 512, device_id: 43, rule_id: 1, state: 1, timestamp: null }];
    w.fake.state.eventlog = [
      eventRow(7001, 43, DOWN_AT, 'Device status changed to Down from icmp check.'),
    ];
    w.fake.state.outages = { 43: [{ going_down: DOWN_AT + 5, up_again: null }] };
    w.clock.now = DOWN_AT + 600;
    expect((await w.t.services.reconcile.run('gap')).status).toBe('succeeded');
    // the rest: recovery, outage closed
    w.fake.state.alertLog.push(alertLogRow(98262, 0, UP_AT));
    w.fake.state.alerts = [];
    w.fake.state.eventlog.push(
      eventRow(7002, 43, UP_AT, 'Device status changed to Up from check.'),
    );
    w.fake.state.outages = { 43: [{ going_down: DOWN_AT + 5, up_again: UP_AT - 5 }] };
    w.clock.now = NOW;
    const second = await w.t.services.reconcile.run('gap');
    expect(second).toMatchObject({ status: 'succeeded', eventsFilled: 1, inferredRecoveries: 0 });
    expect(await downtimeOn14th(w)).toBe(UP_AT - DOWN_AT);
    const rows = await fork().find(DeviceOutageSchema, {});
    expect(rows.map((r) => [r.goingDown, r.upAgain])).toEqual([[DOWN_AT + 5, UP_AT - 5]]);
    // the second run read only what was new
    expect(await fork().findOne(ReconcileStateSchema, { name: 'eventlog.cursor' })).toMatchObject({
      value: '7002',
    });
  });
});
