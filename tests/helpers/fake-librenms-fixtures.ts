// The LibreNMS API samples (tests/fixtures/librenms/api-*.json) as a fake-server dataset.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { emptyDataset, type FakeDataset, type Row } from './fake-librenms.js';

export const API_SAMPLES = {
  devices: 'api-01-list-devices.json',
  ports: 'api-02-device-ports.json',
  links: 'api-03-resources-links.json',
  outages: 'api-04-device-outages.json',
  alerts: 'api-05-list-alerts.json',
  eventlog: 'api-06-eventlog.json',
} as const;

/** A fresh copy of one sample answer body. */
export function apiSample(name: keyof typeof API_SAMPLES): Record<string, unknown> {
  const url = new URL(`../fixtures/librenms/${API_SAMPLES[name]}`, import.meta.url);
  return JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as Record<string, unknown>;
}

/** A secret that must never come out of the client. */
export const SECRET = 's3cret-community-Ax9';

/** The samples' incident as a dataset; devices carry SNMP secrets like the real API does. */
export function sampleDataset(): FakeDataset {
  const devices = (apiSample('devices').devices as Row[]).map((d) => ({
    ...d,
    community: SECRET,
    authpass: SECRET,
    cryptopass: SECRET,
  }));
  return {
    ...emptyDataset(),
    devices,
    ports: apiSample('ports').ports as Row[],
    links: apiSample('links').links as Row[],
    outages: { 43: apiSample('outages').outages as Row[] },
    alerts: apiSample('alerts').alerts as Row[],
    eventlog: apiSample('eventlog').logs as Row[],
  };
}

/** A synthetic port row, shaped like `/ports?columns=...` answers. */
export function syntheticPort(i: number): Row {
  return {
    port_id: 100_000 + i,
    device_id: 1 + (i % 500),
    ifIndex: i % 64,
    ifName: `Gi1/0/${i % 48}`,
    ifDescr: `GigabitEthernet1/0/${i % 48}`,
    ifAlias: i % 7 === 0 ? `CUST:C${i} "q" \\ [x], {y}` : '',
    ifType: 'ethernetCsmacd',
    ifOperStatus: i % 5 === 0 ? 'down' : 'up',
    ifAdminStatus: 'up',
    ifSpeed: 1_000_000_000,
    ifLastChange: i * 13,
    disabled: 0,
    ignore: 0,
  };
}
