// LibreNMS API v0 client: typed, throttled, retried calls for reconciliation and topology import.
import type { z } from 'zod';
import { LibreNmsResponseError } from './api-errors.js';
import { DEFAULT_RETRY } from './api-retry.js';
import { createRequestLimiter } from './api-limiter.js';
import { apiSchemas, listEnvelope, servicesEnvelope, type ApiSchemas } from './api-schemas.js';
import { createTransport, type Query, type Transport } from './api-transport.js';
import { checkedBody, isEmptyNotFound, parseList } from './api-response.js';
import { pagesOf } from './api-paging.js';
import { streamPorts } from './api-ports-stream.js';
import type {
  ApiAlert,
  ApiAlertLogRow,
  ApiDevice,
  ApiDeviceGroup,
  ApiEvent,
  ApiLink,
  ApiLocation,
  ApiLogger,
  ApiOutage,
  ApiPort,
  ApiRule,
  ApiService,
  ApiSystem,
  ClientCounters,
  LibreNmsClientOptions,
  LogPage,
  LogQuery,
} from './api-types.js';

/** The columns the topology import needs from `/ports`. */
export const PORT_COLUMNS = [
  'port_id',
  'device_id',
  'ifIndex',
  'ifName',
  'ifDescr',
  'ifAlias',
  'ifType',
  'ifOperStatus',
  'ifAdminStatus',
  'ifSpeed',
  'ifLastChange',
  'disabled',
  'ignore',
] as const;

export const OPEN_ALERT_STATES = [1, 2, 3, 4, 5] as const;

/** The API calls, counted: a client's, or one session's (a run's) on the same throttle. */
export interface LibreNmsCalls {
  system(): Promise<ApiSystem>;
  devices(): Promise<ApiDevice[]>;
  devicePorts(device: number | string, columns?: readonly string[]): Promise<ApiPort[]>;
  allPorts(columns?: readonly string[]): AsyncGenerator<ApiPort, void, undefined>;
  links(): Promise<ApiLink[]>;
  deviceOutages(device: number | string): Promise<ApiOutage[]>;
  alerts(states?: readonly number[]): Promise<ApiAlert[]>;
  alertLog(query?: LogQuery): AsyncGenerator<LogPage<ApiAlertLogRow>, void, undefined>;
  eventlog(query?: LogQuery): AsyncGenerator<LogPage<ApiEvent>, void, undefined>;
  rules(): Promise<ApiRule[]>;
  deviceGroups(): Promise<ApiDeviceGroup[]>;
  groupDevices(nameOrId: string | number): Promise<number[]>;
  locations(): Promise<ApiLocation[]>;
  services(): Promise<ApiService[]>;
  /** Live tallies (requests, retries, errors) of the calls made through this object. */
  readonly counters: Readonly<ClientCounters>;
}

export interface LibreNmsClient extends LibreNmsCalls {
  /**
   * Calls with counters of their own (one per reconciliation run), through this client's one
   * limiter: the throttle holds for every session's requests together. The client's own
   * `counters` count every session's requests as well as its own.
   */
  session(): LibreNmsCalls;
  /** Drops queued requests (every session's); later calls fail. */
  close(): Promise<void>;
}

const seg = (v: number | string) => encodeURIComponent(String(v));

export function createLibreNmsClient(opts: LibreNmsClientOptions): LibreNmsClient {
  const schemas = apiSchemas(opts.timezone);
  const limiter = createRequestLimiter(opts);
  const transportOf = (alsoCount?: ClientCounters) =>
    createTransport({
      apiUrl: opts.apiUrl,
      apiToken: opts.apiToken,
      timeoutMs: opts.timeoutMs ?? 30_000,
      retry: {
        ...DEFAULT_RETRY,
        ...opts.retry,
        retries: opts.retries ?? opts.retry?.retries ?? DEFAULT_RETRY.retries,
      },
      limiter,
      fetch: opts.fetch,
      logger: opts.logger,
      sleep: opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms))),
      now: opts.now ?? Date.now,
      random: opts.random ?? Math.random,
      ...(alsoCount ? { alsoCount } : {}),
    });
  const own = callsOver(transportOf(), schemas, opts.logger);
  return {
    ...own,
    session: () => callsOver(transportOf(own.counters), schemas, opts.logger),
    close: () => limiter.stop(),
  };
}

/** The API calls over one transport (its counters are the calls' counters). */
function callsOver(transport: Transport, schemas: ApiSchemas, logger?: ApiLogger): LibreNmsCalls {
  /** GET a list with its `total`: 404 is "empty" when `emptyOn404` and the body says so. */
  async function listWithTotal<T extends z.ZodTypeAny>(
    path: string,
    key: string,
    item: T,
    { query = {}, emptyOn404 = false }: { query?: Query; emptyOn404?: boolean } = {},
  ): Promise<{ rows: z.output<T>[]; total: number | null }> {
    const endpoint = `GET ${path}`;
    const { status, body } = await transport.getJson(path, query);
    if (status === 404 && emptyOn404 && isEmptyNotFound(body)) return { rows: [], total: 0 };
    return counted(() =>
      parseList<z.output<T>>(
        listEnvelope(key, item),
        checkedBody(body, status, endpoint),
        key,
        endpoint,
      ),
    );
  }

  async function list<T extends z.ZodTypeAny>(
    path: string,
    key: string,
    item: T,
    options: { query?: Query; emptyOn404?: boolean } = {},
  ): Promise<z.output<T>[]> {
    return (await listWithTotal(path, key, item, options)).rows;
  }

  function counted<T>(fn: () => T): T {
    try {
      return fn();
    } catch (err) {
      transport.count('errors');
      throw err;
    }
  }

  async function devices(): Promise<ApiDevice[]> {
    const rows = await list('/devices', 'devices', schemas.device);
    if (rows.length === 0) {
      logger?.warn(
        { endpoint: 'GET /devices' },
        'LibreNMS listed no devices: is the API user global-read?',
      );
    }
    return rows;
  }

  async function services(): Promise<ApiService[]> {
    const endpoint = 'GET /services';
    const { status, body } = await transport.getJson('/services');
    const envelope = servicesEnvelope(schemas.service);
    const nested = counted(() =>
      parseList<ApiService[]>(envelope, checkedBody(body, status, endpoint), 'services', endpoint),
    );
    return nested.rows.flat();
  }

  return {
    system: async () => {
      const rows = await list('/system', 'system', schemas.system);
      const first = rows[0];
      if (!first) throw new LibreNmsResponseError('schema', 'GET /system', 'no system row');
      return first;
    },
    devices,
    devicePorts: (device, columns = PORT_COLUMNS) =>
      list(`/devices/${seg(device)}/ports`, 'ports', schemas.port, {
        query: { columns: columns.join(',') },
        emptyOn404: true,
      }),
    allPorts: (columns = PORT_COLUMNS) => streamPorts(transport, schemas.port, columns),
    links: () => list('/resources/links', 'links', schemas.link, { emptyOn404: true }),
    deviceOutages: (device) => list(`/devices/${seg(device)}/outages`, 'outages', schemas.outage),
    alerts: (states = OPEN_ALERT_STATES) =>
      list('/alerts', 'alerts', schemas.alert, { query: { state: states.join(',') } }),
    alertLog: (query = {}) =>
      pagesOf(query, (q, device) =>
        listWithTotal(logPath('alertlog', device), 'logs', schemas.alertLog, { query: q }),
      ),
    eventlog: (query = {}) =>
      pagesOf(query, (q, device) =>
        listWithTotal(logPath('eventlog', device), 'logs', schemas.event, { query: q }),
      ),
    rules: () => list('/rules', 'rules', schemas.rule),
    deviceGroups: () => list('/devicegroups', 'groups', schemas.group, { emptyOn404: true }),
    groupDevices: async (name) => {
      const rows = await list(`/devicegroups/${seg(name)}`, 'devices', schemas.groupDevice, {
        emptyOn404: true,
      });
      return rows.map((r) => r.device_id);
    },
    locations: () =>
      list('/resources/locations', 'locations', schemas.location, { emptyOn404: true }),
    services,
    counters: transport.counters,
  };
}

function logPath(kind: string, device: number | string | undefined): string {
  return device === undefined ? `/logs/${kind}` : `/logs/${kind}/${seg(device)}`;
}

/** Compares dotted versions numerically: `versionAtLeast('26.1.1-12-g490710c6c', '25.7')`. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const parse = (v: string) =>
    (/(\d+(?:\.\d+)*)/.exec(v)?.[1] ?? '').split('.').filter(Boolean).map(Number);
  const have = parse(version);
  const want = parse(minimum);
  if (have.length === 0) return false;
  for (let i = 0; i < Math.max(have.length, want.length); i++) {
    const a = have[i] ?? 0;
    const b = want[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}
