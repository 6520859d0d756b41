// The acceptance scenario on each dialect: stored inventory and events read back give the expected CSVs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseInstant } from '../../src/domain/instants.js';
import {
  acceptanceExports,
  csvRows,
  postAcceptanceWebhooks,
  putAcceptanceInventory,
  readAcceptance,
} from '../helpers/acceptance.js';
import { bearerFor, createTestApp, type TestApp } from '../helpers/app.js';
import { targetDialect } from '../helpers/databases.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({}, targetDialect(), {
    now: () => parseInstant('2026-11-26T00:00:00Z')!,
  });
});
afterAll(async () => {
  await t.close();
});

describe(`reports on ${targetDialect()}`, () => {
  it('answers the acceptance CSVs from what the database holds', async () => {
    const auth = await bearerFor(t, { email: 'admin@isp.example', role: 'admin' });
    await postAcceptanceWebhooks(t);
    await putAcceptanceInventory(t, auth);
    const csv = await acceptanceExports(t, auth);
    expect(csvRows(csv.services)).toEqual(csvRows(readAcceptance('expected-services.csv')));
    expect(csvRows(csv.incidents)).toEqual(csvRows(readAcceptance('expected-incidents.csv')));
  }, 120_000);
});
