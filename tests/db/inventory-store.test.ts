// The inventory store on each dialect: upsert counts, exact round trip (decimals, instants, JSON),
// all-or-nothing on errors, hidden services, and events read back for the engine.
import { readFileSync } from 'node:fs';
import type { EntityManager } from '@mikro-orm/knex';
import { describe, expect, it } from 'vitest';
import { EventWriter } from '../../src/db/event-writer.js';
import { eventPages } from '../../src/db/event-stream.js';
import type { AlertEvent } from '../../src/domain/events.js';
import { InventoryService } from '../../src/services/inventory.js';
import { targetDialect } from '../helpers/databases.js';
import { useTestOrm } from '../helpers/test-orm.js';

const t = useTestOrm();
const em = () => t.orm.em.fork() as EntityManager;
const NOW = 1_790_000_000;
const service = new InventoryService({ now: () => NOW, defaultTimezone: 'Europe/Berlin' });
const acceptance = JSON.parse(readFileSync('tests/fixtures/acceptance/inventory.json', 'utf8'));

const extra = {
  customers: [{ key: 'tz-less', name: 'No zone given' }],
  services: [
    {
      key: 'exact',
      customer: 'tz-less',
      name: 'Exact figures',
      slaTarget: '99.995',
      activeFrom: '2026-03-29T01:30:00+01:00',
      activeUntil: '2026-10-25T02:30:00+02:00',
      requires: { atLeast: 1, of: ['device:1', { any: ['device:2', 'port:201'] }] },
    },
  ],
  maintenance: [
    {
      key: 'mw-x',
      start: '2026-10-25T00:30:00Z',
      end: '2026-10-25T01:30:00Z',
      category: 'force-majeure',
      scope: { services: ['exact'] },
      reason: 'storm',
    },
  ],
};

describe(`inventory store on ${targetDialect()}`, () => {
  it('writes nothing when any entry is invalid', async () => {
    const bad = { ...acceptance, services: [...acceptance.services, { key: 'x' }] };
    await expect(service.put(em(), bad, null)).rejects.toMatchObject({
      status: 422,
      details: expect.arrayContaining([expect.objectContaining({ path: 'services[29].name' })]),
    });
    const knex = em().getKnex();
    for (const table of ['customers', 'devices', 'services', 'links', 'audit_log']) {
      expect(Number((await knex(table).count({ n: '*' }))[0]!.n)).toBe(0);
    }
  });

  it('upserts a document, then finds it unchanged', async () => {
    const first = await service.put(em(), acceptance, 1);
    expect(first.created).toMatchObject({ customers: 8, services: 29, devices: 39, ports: 170 });
    const again = await service.put(em(), acceptance, 1);
    expect(again.unchanged).toMatchObject({ services: 29, links: 48, maintenance: 3 });
    expect(again.created.services + again.updated.services).toBe(0);
  });

  it('keeps SLA text, instants and rules exact, and a GET -> PUT round trip changes nothing', async () => {
    expect((await service.put(em(), extra, 1)).created).toMatchObject({ services: 1 });
    const doc = (await service.get(em(), { includeLibrenms: false })) as Record<string, any[]>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(doc.customers!.find((c) => c.key === 'tz-less').timezone).toBe('Europe/Berlin');
    expect(doc.services!.find((s) => s.key === 'exact')).toEqual({
      key: 'exact',
      customer: 'tz-less',
      name: 'Exact figures',
      slaTarget: 99.995,
      activeFrom: '2026-03-29T00:30:00Z',
      activeUntil: '2026-10-25T00:30:00Z',
      requires: { atLeast: 1, of: ['device:1', { any: ['device:2', 'port:201'] }] },
    });
    expect(doc.maintenance!.find((w) => w.key === 'mw-x')).toMatchObject({
      start: '2026-10-25T00:30:00Z',
      category: 'force-majeure',
      reason: 'storm',
    });
    const round = await service.put(em(), doc, 1);
    expect(Object.values(round.created).every((n) => n === 0)).toBe(true);
    expect(Object.values(round.updated).every((n) => n === 0)).toBe(true);
  });

  it('hides a removed service but keeps its row', async () => {
    await service.remove(em(), 'services', 'exact', 1);
    const doc = (await service.get(em(), { includeLibrenms: false })) as {
      services: { key: string }[];
    };
    expect(doc.services.map((s) => s.key)).not.toContain('exact');
    const row = await em().getKnex()('services').where({ key: 'exact' }).first();
    expect(Boolean(row.hidden)).toBe(true);
  });

  it('reads stored events back as engine events, instants in UTC', async () => {
    const event: AlertEvent = {
      source: 'librenms',
      logId: 5,
      incidentLogId: 5,
      alertId: 9,
      ruleId: 4,
      ruleName: 'Port status up/down',
      deviceId: 27,
      hostname: 'agg-27',
      state: 1,
      at: 1_792_891_800, // 2026-10-25T01:30:00Z, inside the Amsterdam fall-back hour
      receivedAt: 1_792_891_860,
      faults: ['port:3107', 'port:3108'],
      statusReasons: ['icmp', 'snmp'],
    };
    const writer = new EventWriter(em().getKnex(), t.database.db.dialect);
    await writer.store(event, '{}');
    await writer.close();
    const read = [];
    for await (const page of eventPages(em().getKnex(), 0)) read.push(...page.map((p) => p.event));
    expect(read).toEqual([event]);
  });
});
