// Acceptance end to end over HTTP: PUT the inventory, POST every webhook, GET both CSV exports,
// in either order, and compare with the independently computed expected CSVs.
import { afterEach, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/domain/instants.js';
import {
  acceptanceExports,
  csvRows,
  postAcceptanceWebhooks,
  putAcceptanceInventory,
  readAcceptance,
} from '../helpers/acceptance.js';
import { bearerFor, createTestApp, type TestApp } from '../helpers/app.js';

const NOW = parseInstant('2026-11-26T00:00:00Z')!;

let t: TestApp;
afterEach(async () => {
  await t.close();
});

describe.each([
  ['inventory first, then webhooks', true],
  ['webhooks first, then inventory', false],
])('acceptance over HTTP: %s', (_name, inventoryFirst) => {
  it('answers both CSV exports exactly as expected', async () => {
    t = await createTestApp({}, 'sqlite', { now: () => NOW });
    const auth = await bearerFor(t, { email: 'admin@isp.example', role: 'admin' });
    if (inventoryFirst) await putAcceptanceInventory(t, auth);
    await postAcceptanceWebhooks(t);
    if (!inventoryFirst) await putAcceptanceInventory(t, auth);
    const csv = await acceptanceExports(t, auth);
    expect(csv.services.endsWith('\r\n')).toBe(true);
    expect(csvRows(csv.services)).toEqual(csvRows(readAcceptance('expected-services.csv')));
    expect(csvRows(csv.incidents)).toEqual(csvRows(readAcceptance('expected-incidents.csv')));
  }, 120_000);
});
