// The public acceptance scenario over HTTP: put the inventory, post the webhooks, read the CSVs.
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { postHook, type TestApp } from './app.js';

const dir = new URL('../fixtures/acceptance/', import.meta.url);
export const readAcceptance = (name: string) => readFileSync(new URL(name, dir), 'utf8');
export const ACCEPTANCE_PERIOD = 'from=2026-09-01T00:00:00Z&to=2026-09-15T00:00:00Z';

/** Rows of a CSV (no quoted fields in these files), numbers normalised so `99.0` equals `99`. */
export function csvRows(csv: string): string[][] {
  return csv
    .split('\r\n')
    .filter((line) => line !== '')
    .map((line) =>
      line.split(',').map((cell) => (/^-?\d+(\.\d+)?$/.test(cell) ? String(Number(cell)) : cell)),
    );
}

export async function putAcceptanceInventory(t: TestApp, auth: Record<string, string>) {
  const res = await t.app.request('/api/v1/inventory', {
    method: 'PUT',
    headers: { ...auth, 'Content-Type': 'application/json' },
    body: readAcceptance('inventory.json'),
  });
  expect(res.status).toBe(200);
}

export async function postAcceptanceWebhooks(t: TestApp) {
  for (const body of JSON.parse(readAcceptance('webhooks.json')) as unknown[]) {
    expect((await postHook(t, body)).status).toBe(202);
  }
}

export async function acceptanceExports(t: TestApp, auth: Record<string, string>) {
  const get = async (kind: string) => {
    const res = await t.app.request(`/api/v1/export/${kind}.csv?${ACCEPTANCE_PERIOD}`, {
      headers: auth,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    return res.text();
  };
  return { services: await get('services'), incidents: await get('incidents') };
}
