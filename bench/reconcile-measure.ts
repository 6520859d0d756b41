// Reconcile benchmark measurements: peak RSS sampled every 50 ms, and rows written (SQLite triggers).
import type { Knex } from '@mikro-orm/knex';

const MB = 2 ** 20;

/** Samples `process.memoryUsage().rss` every 50 ms until stopped; peak in MB. */
export function rssSampler(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss) / MB;
    },
  };
}

/** The process's lifetime peak RSS (kernel's maxRSS), MB. */
export const maxRssMb = () => (process.resourceUsage().maxRSS * 1024) / MB;

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
