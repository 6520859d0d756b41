// The reconcile benchmark's fake LibreNMS in a child process (LibreNMS is a separate program), so
// the benchmark's RSS figures are PathUptime's alone.
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { FakeServerStats } from './reconcile-fake-server.js';

export interface FakeProcess {
  url: string;
  pid: number;
  /** What the server saw so far, and its own peak RSS since the last call. */
  stats(): Promise<FakeServerStats>;
  close(): Promise<void>;
}

const ENTRY = fileURLToPath(new URL('./reconcile-fake-server.ts', import.meta.url));

function nextMessage<T>(child: ChildProcess, pick: (m: unknown) => T | undefined): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown) => {
      const v = pick(m);
      if (v === undefined) return;
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(v);
    };
    const onExit = (code: number | null) => reject(new Error(`fake LibreNMS exited (${code})`));
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

const field =
  <K extends string>(key: K) =>
  (m: unknown) =>
    m && typeof m === 'object' && key in m ? (m as Record<K, unknown>)[key] : undefined;

export async function startFakeProcess(size: string): Promise<FakeProcess> {
  const child = fork(ENTRY, [size], {
    execArgv: ['--max-old-space-size=2048', '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = (await nextMessage(child, field('url'))) as string;
  return {
    url,
    pid: child.pid!,
    stats() {
      const answer = nextMessage(child, field('stats'));
      child.send('stats');
      return answer as Promise<FakeServerStats>;
    },
    close: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.send('close');
      }),
  };
}
