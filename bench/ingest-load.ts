// Load generator process (pinned to its own core): posts a warm-up plan, then the measured plan.
import { writeFileSync } from 'node:fs';
import http from 'node:http';
import { makePlan, type PlanOptions } from './ingest-bodies.js';
import { busyMsPerCpu, cpuMsOf } from './ingest-proc.js';

export interface LoadArgs {
  url: string;
  token: string;
  /** where the results go, as JSON */
  outPath: string;
  connections: number;
  client: 'http' | 'fetch';
  requestTimeoutMs: number;
  phaseDeadlineMs: number;
  /** processes whose CPU time is sampled around the measured phase (name -> pid) */
  watch: Record<string, number>;
  warmup: PlanOptions;
  measure: PlanOptions;
}

export interface PhaseResult {
  elapsedMs: number;
  /** per plan index: HTTP status, 0 when not sent before the deadline, -1 on a transport error */
  status: number[];
  /** per plan index: `id` and `duplicate` of a 202 answer, else null */
  ids: (number | null)[];
  duplicate: (boolean | null)[];
  latencyMs: number[];
  errors: string[];
  cpuMs: Record<string, number | null>;
}

interface Answer {
  status: number;
  text: string;
}

type Post = (body: Buffer) => Promise<Answer>;

function httpClient(args: LoadArgs): Post {
  const url = new URL(args.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: args.connections });
  return (body) =>
    new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: url.hostname,
          port: url.port,
          path: url.pathname,
          method: 'POST',
          timeout: args.requestTimeoutMs,
          headers: {
            'content-type': 'application/json',
            'content-length': body.length,
            'x-webhook-token': args.token,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? -1, text: Buffer.concat(chunks).toString() }),
          );
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('request timed out')));
      req.on('error', reject);
      req.end(body);
    });
}

function fetchClient(args: LoadArgs): Post {
  const headers = { 'content-type': 'application/json', 'x-webhook-token': args.token };
  return async (body) => {
    const res = await fetch(args.url, {
      method: 'POST',
      headers,
      body,
      signal: AbortSignal.timeout(args.requestTimeoutMs),
    });
    return { status: res.status, text: await res.text() };
  };
}

function sampleCpu(watch: Record<string, number>): Record<string, number | null> {
  const own = process.cpuUsage();
  const out: Record<string, number | null> = { load: (own.user + own.system) / 1000 };
  for (const [name, pid] of Object.entries(watch)) out[name] = cpuMsOf(pid);
  for (const [cpu, busy] of Object.entries(busyMsPerCpu())) out[`${cpu} busy`] = busy;
  return out;
}

function cpuDelta(a: Record<string, number | null>, b: Record<string, number | null>) {
  const out: Record<string, number | null> = {};
  for (const k of Object.keys(a)) out[k] = a[k] != null && b[k] != null ? b[k]! - a[k]! : null;
  return out;
}

async function runPhase(post: Post, plan: PlanOptions, args: LoadArgs): Promise<PhaseResult> {
  const bodies = makePlan(plan).map((p) => Buffer.from(p.body));
  const n = bodies.length;
  const r: PhaseResult = {
    elapsedMs: 0,
    status: new Array<number>(n).fill(0),
    ids: new Array<number | null>(n).fill(null),
    duplicate: new Array<boolean | null>(n).fill(null),
    latencyMs: [],
    errors: [],
    cpuMs: {},
  };
  let next = 0;
  const started = performance.now();
  const deadline = started + args.phaseDeadlineMs;
  const cpu0 = sampleCpu(args.watch);
  const user = async () => {
    while (next < n && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      try {
        const a = await post(bodies[i]!);
        r.latencyMs.push(performance.now() - t0);
        r.status[i] = a.status;
        if (a.status === 202) {
          const json = JSON.parse(a.text) as { id: number; duplicate: boolean };
          r.ids[i] = json.id;
          r.duplicate[i] = json.duplicate;
        } else if (r.errors.length < 5) r.errors.push(`HTTP ${a.status}: ${a.text.slice(0, 200)}`);
      } catch (err) {
        r.status[i] = -1;
        if (r.errors.length < 5) r.errors.push((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: args.connections }, user));
  r.elapsedMs = performance.now() - started;
  r.cpuMs = cpuDelta(cpu0, sampleCpu(args.watch));
  return r;
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '') as LoadArgs;
  const host = new URL(args.url).hostname;
  if (host !== '127.0.0.1' && host !== '[::1]') throw new Error(`not loopback: ${host}`);
  const post = args.client === 'fetch' ? fetchClient(args) : httpClient(args);
  const warmup = await runPhase(post, args.warmup, args);
  const measure = await runPhase(post, args.measure, args);
  // a file, not stdout: process.exit() would cut a large write to a pipe short
  writeFileSync(args.outPath, JSON.stringify({ warmup, measure }));
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error('ingest-load:', err);
  process.exit(1);
});
