// Reconcile benchmark measurements: peak RSS (kernel high-water mark) and rows written (SQLite triggers).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Knex } from '@mikro-orm/knex';

const MB = 2 ** 20;

/** This process's peak RSS (Linux VmHWM) in MB since start or `resetPeakRss()`; null elsewhere. */
function highWaterMb(): number | null {
  try {
    const kb = /VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
    return kb === undefined ? null : Number(kb) / 1024;
  } catch {
    return null;
  }
}

/** Resets the kernel's peak-RSS mark (Linux: `5` into clear_refs); false when it cannot. */
export function resetPeakRss(): boolean {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}

/** The peak RSS since the last reset (exact on Linux), else the lifetime maxRSS. */
export const peakRssMb = () => highWaterMb() ?? (process.resourceUsage().maxRSS * 1024) / MB;

/**
 * Peak RSS of this process from now until `stop()`, MB: the kernel's high-water mark when it can
 * be reset (it sees every page, also during long synchronous stretches), else `rss` sampled
 * every 50 ms.
 */
export interface RssSampler {
  stop(): number;
}

export function rssSampler(): RssSampler {
  const exact = resetPeakRss() && highWaterMb() !== null;
  let peak = process.memoryUsage().rss;
  const timer = exact
    ? null
    : setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 50);
  return {
    stop() {
      if (timer) clearInterval(timer);
      return exact ? peakRssMb() : Math.max(peak, process.memoryUsage().rss) / MB;
    },
  };
}

/** Installs write-counting triggers on every table; `take()` returns and clears the counts. */
export async function writeCounter(knex: Knex) {
  await knex.raw('create table bench_writes (tbl text not null, op text not null)');
  const tables: Array<{ name: string }> = await knex.raw(
    "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name <> 'bench_writes'",
  );
  for (const { name } of tables) {
    for (const op of ['insert', 'update', 'delete']) {
      await knex.raw(
        `create trigger "bench_${name}_${op}" after ${op} on "${name}" ` +
          `begin insert into bench_writes values ('${name}', '${op}'); end`,
      );
    }
  }
  return {
    async take(): Promise<Map<string, number>> {
      const rows: Array<{ tbl: string; op: string; n: number }> = await knex.raw(
        'select tbl, op, count(*) as n from bench_writes group by tbl, op order by tbl, op',
      );
      await knex.raw('delete from bench_writes');
      return new Map(rows.map((r) => [`${r.op} ${r.tbl}`, Number(r.n)]));
    },
  };
}

export const mark = (ok: boolean) => (ok ? 'PASS' : 'MISS');
export const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
