// Child processes for the ingest benchmark: pinned start, readiness wait, SIGTERM stop, CPU time.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export const ROOT = new URL('..', import.meta.url).pathname;

/** The node flags of `npm start` (package.json), so that the benchmark runs the server as shipped. */
export function startFlags(): string[] {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
    scripts: { start: string };
  };
  const words = pkg.scripts.start.split(/\s+/);
  return words.slice(1, words.indexOf('--import'));
}

/** `taskset -c CPU node --import tsx SCRIPT`: taskset execs node, so the pid is node's own. */
export function spawnPinned(
  cpu: number,
  script: string,
  args: string[],
  env: Record<string, string>,
  logPath: string | null,
): ChildProcess {
  // BENCH_CPU_PROF=<dir>: the servers (not the load generator) write V8 CPU profiles there
  const profile =
    process.env.BENCH_CPU_PROF && logPath
      ? [`--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`, '--cpu-prof']
      : [];
  const extra = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const flags = logPath ? [...startFlags(), ...extra] : [];
  const node = ['node', ...flags, ...profile, '--import', 'tsx', script, ...args];
  const child = spawn('taskset', ['-c', String(cpu), ...node], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', logPath ? 'pipe' : 'inherit'],
  });
  if (logPath) {
    const log = createWriteStream(logPath);
    child.stdout?.pipe(log);
    child.stderr?.pipe(log);
  }
  return child;
}

/** A port free on loopback right now (the kernel picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Polls `GET /readyz` until 200; throws after `timeoutMs` or if the process exits first. */
export async function waitReady(child: ChildProcess, port: number, timeoutMs: number) {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode} before ready`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`, {
        signal: AbortSignal.timeout(1000),
      });
      await res.arrayBuffer();
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`not ready after ${timeoutMs} ms`);
}

export interface Exit {
  code: number | null;
  signal: string | null;
  ms: number;
}

/** SIGTERM, then SIGKILL after `timeoutMs`; resolves with how the process ended. */
export function stop(child: ChildProcess, timeoutMs: number): Promise<Exit> {
  const started = Date.now();
  return new Promise((resolve) => {
    const done = () =>
      resolve({ code: child.exitCode, signal: child.signalCode, ms: Date.now() - started });
    if (child.exitCode !== null || child.signalCode !== null) return done();
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      done();
    });
    child.kill('SIGTERM');
  });
}

/** Runs a pinned script to its end and returns its stdout; killed after `timeoutMs`. */
export function runToEnd(
  cpu: number,
  script: string,
  args: string[],
  timeoutMs: number,
): Promise<string> {
  const child = spawnPinned(cpu, script, args, {}, null);
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(Buffer.concat(chunks).toString());
      else reject(new Error(`${script} ended with ${code ?? signal}`));
    });
  });
}

/** User + system CPU time of a process in ms, from /proc (clock ticks of 10 ms); null if gone. */
export function cpuMsOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

/** The pid of a running process by its command name (e.g. `mariadbd`), for CPU sampling only. */
export function pidByName(name: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === name) return Number(entry);
    } catch {
      // the process ended while we looked
    }
  }
  return null;
}

/** Busy time (all but idle and iowait) of each CPU in ms, from /proc/stat: shows contention. */
export function busyMsPerCpu(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of readFileSync('/proc/stat', 'utf8').split('\n')) {
    const m = /^(cpu\d+) (.*)$/.exec(line);
    if (!m) continue;
    const t = m[2]!.trim().split(/\s+/).map(Number);
    const total = t.slice(0, 8).reduce((a, b) => a + b, 0);
    out[`CPU ${m[1]!.slice(3)}`] = (total - t[3]! - t[4]!) * 10;
  }
  return out;
}
