// The dependency direction of STYLE.md, checked by scanning imports:
// http -> services -> (graph, db, librenms) -> domain; jobs -> services; only app.ts imports http/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve('src');

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

/** Top-level area of a file under src/ ('domain', 'http', ..., or the file name for roots). */
const area = (file: string) => relative(SRC, file).split('/')[0]!;

function projectImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/^\s*(?:import|export)[^'"]*?from\s+['"]([^'"]+)['"]/gm)].map(
    (m) => m[1]!,
  );
  return specs
    .filter((s) => s.startsWith('.'))
    .map((s) => resolve(dirname(file), s.replace(/\.js$/, '.ts')))
    .filter((p) => p.startsWith(SRC));
}

const allowed: Record<string, string[]> = {
  domain: ['domain'],
  graph: ['graph', 'domain'],
  librenms: ['librenms', 'domain', 'config'],
  db: ['db', 'domain', 'config'],
  auth: ['auth', 'domain'],
  config: ['config', 'domain'],
  services: ['services', 'graph', 'db', 'librenms', 'auth', 'domain', 'config'],
  jobs: ['jobs', 'services', 'domain', 'config'],
  http: ['http', 'services', 'auth', 'domain', 'config', 'db'],
};

describe('dependency direction', () => {
  const sources = files(SRC);

  it.each(sources.map((f) => [relative(SRC, f), f]))('%s imports only what it may', (_n, file) => {
    const from = area(file);
    const rules = allowed[from];
    const bad = projectImports(file)
      .map((target) => area(target))
      .filter((to) => (rules ? !rules.includes(to) : false));
    expect(bad).toEqual([]);
  });

  it('only app.ts imports http/', () => {
    const importers = sources.filter(
      (f) => area(f) !== 'http' && projectImports(f).some((t) => area(t) === 'http'),
    );
    expect(importers.map((f) => relative(SRC, f))).toEqual(['app.ts']);
  });

  it('domain/ imports no libraries of HTTP or the ORM', () => {
    const offenders = sources
      .filter((f) => area(f) === 'domain')
      .filter((f) =>
        /from\s+['"](hono|@hono|@mikro-orm|knex|mysql2|better-sqlite3)/.test(
          readFileSync(f, 'utf8'),
        ),
      );
    expect(offenders).toEqual([]);
  });

  it('db/ and librenms/ never import each other', () => {
    const crossing = sources.filter((f) => {
      const a = area(f);
      return projectImports(f).some(
        (t) => (a === 'db' && area(t) === 'librenms') || (a === 'librenms' && area(t) === 'db'),
      );
    });
    expect(crossing).toEqual([]);
  });
});
