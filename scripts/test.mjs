#!/usr/bin/env node
// The one test command (`npm test`): static checks, then every suite, then one summary line.
// Suites whose dependency is missing (MariaDB, Chromium) are skipped and named, unless
// REQUIRE_SUITES lists them (CI sets REQUIRE_SUITES=mariadb,browser): then they fail the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const required = new Set(
  (process.env.REQUIRE_SUITES ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
const mariadbUrl = process.env.TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306/test';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const outDir = mkdtempSync(join(tmpdir(), 'pu-vitest-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const skippedSuites = [];
const failures = [];

function run(label, cmd, args, env = {}) {
  console.log(`\n=== ${label}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) failures.push(label);
  return r.status === 0;
}

function vitest(label, dirs, env = {}) {
  const out = join(outDir, `${label.replace(/\W+/g, '_')}.json`);
  run(
    label,
    'npx',
    ['vitest', 'run', ...dirs, '--reporter=default', '--reporter=json', `--outputFile.json=${out}`],
    env,
  );
  if (!existsSync(out)) return failures.includes(label) || failures.push(`${label} (no report)`);
  const report = JSON.parse(readFileSync(out, 'utf8'));
  totals.passed += report.numPassedTests;
  totals.failed += report.numFailedTests;
  totals.skipped += report.numPendingTests + (report.numTodoTests ?? 0);
}

function hasTests(dir) {
  return (
    existsSync(dir) &&
    readdirSync(dir, { recursive: true }).some((f) => String(f).endsWith('.test.ts'))
  );
}

async function mariadbReachable() {
  try {
    const { createConnection } = await import('mysql2/promise');
    const conn = await createConnection({
      uri: mariadbUrl.replace(/^mariadb:/, 'mysql:'),
      connectTimeout: 3000,
    });
    await conn.query('SELECT 1');
    await conn.end();
    return true;
  } catch (err) {
    return err.message;
  }
}

function skip(suite, why) {
  if (required.has(suite)) {
    console.log(`\n=== ${suite}: REQUIRED but unavailable: ${why}`);
    failures.push(`${suite} (required, unavailable: ${why})`);
  } else {
    console.log(`\n=== ${suite}: SKIPPED: ${why}`);
    skippedSuites.push(`${suite} (${why})`);
  }
}

run('prettier', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
run('eslint', 'npx', ['eslint', '.']);
run('typescript', 'npx', ['tsc', '--noEmit']);
vitest('unit + integration (SQLite)', ['tests/unit', 'tests/integration']);
vitest('database suite on SQLite', ['tests/db'], { TEST_DB: 'sqlite' });
vitest('database suite on SQLite, TZ=Europe/Amsterdam', ['tests/db'], {
  TEST_DB: 'sqlite',
  TZ: 'Europe/Amsterdam',
});

const maria = await mariadbReachable();
if (maria === true) {
  const env = { TEST_DB: 'mariadb', TEST_MARIADB_URL: mariadbUrl };
  vitest('database suite on MariaDB', ['tests/db'], env);
  vitest('database suite on MariaDB, TZ=Europe/Amsterdam', ['tests/db'], {
    ...env,
    TZ: 'Europe/Amsterdam',
  });
} else {
  skip('mariadb', `no MariaDB at ${mariadbUrl.replace(/\/\/[^@]*@/, '//')}: ${maria}`);
}

if (!hasTests('tests/browser')) {
  if (required.has('browser')) console.log('\n=== browser: no browser tests exist yet');
} else if (!existsSync(chromium)) {
  skip('browser', `no Chromium at ${chromium}`);
} else {
  vitest('browser suite (Chromium)', ['tests/browser'], { CHROMIUM_PATH: chromium });
}

console.log('\n=== summary');
if (skippedSuites.length) console.log(`skipped suites: ${skippedSuites.join('; ')}`);
if (failures.length) console.log(`failed steps: ${failures.join('; ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(failures.length > 0 || totals.failed > 0 ? 1 : 0);
