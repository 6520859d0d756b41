// Overlapping runs share one client (one throttle) but each records only its own requests.
import { afterEach, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { FAKE_TOKEN, startFakeLibreNms, type FakeLibreNms } from '../helpers/fake-librenms.js';
import {
  alertLogRow,
  DOWN_AT,
  eventRow,
  network,
  NOW,
  UP_AT,
  ZONE,
} from '../helpers/reconcile-world.js';

let fake: FakeLibreNms;
let t: TestApp;
afterEach(async () => {
  await t?.services.reconcile.close();
  await t?.close();
  await fake?.close();
});

/** Paths only a topology run asks for, and only a gap run; both ask once for each shared one. */
const TOPOLOGY_ONLY = ['/devicegroups', '/devicegroups/3', '/ports', '/resources/links'];
const GAP_ONLY = ['/logs/alertlog', '/alerts', '/logs/eventlog', '/devices/43/outages'];
const SHARED = ['/system', '/devices', '/rules'];

it('a gap run and a topology run that overlap each count their own requests and retries', async () => {
  fake = await startFakeLibreNms({
    ...network(),
    alertLog: [alertLogRow(1, 1, DOWN_AT), alertLogRow(2, 0, UP_AT), alertLogRow(3, 1, UP_AT + 60)],
    eventlog: [
      eventRow(1, 43, DOWN_AT, 'Device status changed to Down from icmp check.'),
      eventRow(2, 43, UP_AT, 'Device status changed to Up from icmp check.'),
    ],
    outages: { 43: [{ id: 1, device_id: 43, going_down: DOWN_AT, up_again: UP_AT }] },
  });
  fake.faults.delayAllMs = 15; // every answer takes a while: the two runs interleave
  fake.faults.fail('/resources/links', 1); // topology: one retry
  fake.faults.fail('/alerts', 2); // gap: two retries
  t = await createTestApp(
    {
      LIBRENMS_API_URL: fake.url,
      LIBRENMS_API_TOKEN: FAKE_TOKEN,
      LIBRENMS_TIMEZONE: ZONE,
      LIBRENMS_MAX_RPS: '200',
      LIBRENMS_MAX_CONCURRENCY: '1',
    },
    'sqlite',
    {
      now: () => NOW,
      librenms: { timeoutMs: 2000, retries: 2, retry: { baseDelayMs: 5, maxDelayMs: 20 } },
      reconcilePageSize: 2,
    },
  );
  const [topology, gap] = await Promise.all([
    t.services.reconcile.run('topology'),
    t.services.reconcile.run('gap'),
  ]);
  expect([topology.status, gap.status]).toEqual(['succeeded', 'succeeded']);

  // the runs overlapped: a gap request completed between two topology requests
  const done = fake.stats.completed;
  const firstTopo = done.findIndex((p) => TOPOLOGY_ONLY.includes(p));
  const lastTopo = done.findLastIndex((p) => TOPOLOGY_ONLY.includes(p));
  expect(done.slice(firstTopo, lastTopo).some((p) => GAP_ONLY.includes(p))).toBe(true);

  // what the server saw per run: its own paths, and each shared path once
  for (const p of SHARED) expect(fake.stats.count(p)).toBe(2);
  const seen = (paths: string[]) => paths.reduce((n, p) => n + fake.stats.count(p), 0);
  const seenByTopology = seen(TOPOLOGY_ONLY) + SHARED.length;
  const seenByGap = seen(GAP_ONLY) + SHARED.length;
  expect(seenByTopology + seenByGap).toBe(fake.stats.requests);
  // by hand: system, devices, devicegroups, devicegroups/3, ports, links twice, rules
  expect(seenByTopology).toBe(8);
  // system, rules, alert log 2 pages (3 rows, 2 a page), alerts 3 times, devices, event log
  // 1 page (2 rows of 2 in total), outages of device 43
  expect(seenByGap).toBe(10);
  expect(topology).toMatchObject({ requests: seenByTopology, retries: 1, errors: 0 });
  expect(gap).toMatchObject({ requests: seenByGap, retries: 2, errors: 0 });

  // one throttle for both: never more than LIBRENMS_MAX_CONCURRENCY in flight together
  expect(fake.stats.maxInFlight).toBe(1);
});
