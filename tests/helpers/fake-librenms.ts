// A fake LibreNMS API v0 on 127.0.0.1 (real HTTP, port 0) with fault knobs and measurements:
// `startFakeLibreNms(dataset) → { url, close, state, stats, faults }`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { FakeFaults, FakeStats, type Fault } from './fake-librenms-stats.js';
import { route, type Answer, type FakeDataset } from './fake-librenms-routes.js';

export { FakeFaults, FakeStats, type Fault } from './fake-librenms-stats.js';
export type { FakeDataset, Row } from './fake-librenms-routes.js';

export interface FakeLibreNms {
  /** Base URL including `/api/v0`. */
  url: string;
  /** The dataset the answers come from; tests may change it between calls. */
  state: FakeDataset;
  stats: FakeStats;
  faults: FakeFaults;
  close(): Promise<void>;
}

export const FAKE_TOKEN = 'fake-librenms-token-0123456789';

export function emptyDataset(): FakeDataset {
  return {
    token: FAKE_TOKEN,
    system: {
      local_ver: '26.1.1',
      local_sha: '490710c6c',
      db_schema: '2026_01_01',
      php_ver: '8.3.1',
    },
    devices: [],
    ports: [],
    links: [],
    outages: {},
    alerts: [],
    alertLog: [],
    eventlog: [],
    rules: [],
    groups: [],
    locations: [],
    services: [],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(
  res: ServerResponse,
  answer: Answer,
  path: string,
  stats: FakeStats,
  retryAfter?: string,
): void {
  res.statusCode = answer.status;
  res.setHeader('Content-Type', 'application/json');
  if (retryAfter !== undefined) res.setHeader('Retry-After', retryAfter);
  res.on('finish', () => stats.completed.push(path));
  if (answer.stream) answer.stream.pipe(res);
  else res.end(JSON.stringify(answer.body, null, 4));
}

/** Applies the path's next fault; true when the fault answered the request itself. */
async function applyFault(
  fault: Fault | undefined,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  if (!fault) return false;
  if (fault.kind === 'delay') {
    await sleep(fault.ms);
    return false;
  }
  if (fault.kind === 'reset') {
    req.socket.destroy();
    return true;
  }
  if (fault.kind === 'malformed') {
    res.setHeader('Content-Type', 'application/json');
    res.end('{"status":"ok","devices":[{"device_id":1,"hostname":"x"');
    return true;
  }
  res.statusCode = fault.status;
  res.setHeader('Content-Type', 'application/json');
  if (fault.retryAfter !== undefined) res.setHeader('Retry-After', fault.retryAfter);
  res.end(JSON.stringify(fault.body ?? {}));
  return true;
}

export async function startFakeLibreNms(dataset: Partial<FakeDataset> = {}): Promise<FakeLibreNms> {
  const state: FakeDataset = { ...emptyDataset(), ...dataset };
  const stats = new FakeStats();
  const faults = new FakeFaults();

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname.replace(/^\/api\/v0/, '') || '/';
    stats.began(path, performance.now());
    res.on('close', () => stats.inFlight--);
    if (faults.delayAllMs) await sleep(faults.delayAllMs);
    if (req.headers['x-auth-token'] !== state.token) {
      stats.unauthenticated++;
      res
        .writeHead(401, { 'Content-Type': 'application/json' })
        .end('{"message":"Unauthenticated."}');
      return;
    }
    if (await applyFault(faults.take(path), req, res)) return;
    if (path === '/devices' && faults.emptyDevices) {
      send(res, { status: 200, body: { status: 'ok', devices: [], count: 0 } }, path, stats);
      return;
    }
    send(res, route(state, path, url.searchParams), path, stats);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      res.statusCode = 500;
      res.end(JSON.stringify({ status: 'error', message: String(err) }));
    });
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/api/v0`,
    state,
    stats,
    faults,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
