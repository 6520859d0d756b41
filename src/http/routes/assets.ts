// Front-end assets: our own static/ files and vendor files served straight from node_modules.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join } from 'node:path';
import { Hono } from 'hono';
import { NotFoundError } from '../../domain/errors.js';
import type { AppEnv } from '../context.js';

const require = createRequire(import.meta.url);
/** A package's folder, found from its entry point (not every package exports package.json). */
function pkgDir(name: string): string {
  let dir = dirname(require.resolve(name));
  while (
    (!existsSync(join(dir, 'package.json')) || basename(dir) === 'dist') &&
    dir !== dirname(dir)
  ) {
    dir = dirname(dir);
  }
  return dir;
}

/** URL name -> file. A fixed list: nothing else under node_modules is reachable. */
const FILES: Record<string, string> = {
  'vendor/bootstrap.min.css': join(pkgDir('bootstrap'), 'dist/css/bootstrap.min.css'),
  'vendor/bootstrap.bundle.min.js': join(pkgDir('bootstrap'), 'dist/js/bootstrap.bundle.min.js'),
  'vendor/htmx.min.js': join(pkgDir('htmx.org'), 'dist/htmx.min.js'),
  'vendor/chart.umd.min.js': join(pkgDir('chart.js'), 'dist/chart.umd.min.js'),
  'css/app.css': join('static', 'css', 'app.css'),
  'js/app.js': join('static', 'js', 'app.js'),
};

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};

export function assetRoutes() {
  const cache = new Map<string, Buffer>();
  const app = new Hono<AppEnv>();
  app.get('/*', (c) => {
    const name = c.req.path.replace(/^\/static\//, '');
    const file = FILES[name];
    if (!file) throw new NotFoundError(`no asset ${name}`);
    let body = cache.get(name);
    if (!body) {
      body = readFileSync(file);
      cache.set(name, body);
    }
    c.header('Content-Type', TYPES[extname(file)] ?? 'application/octet-stream');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(new Uint8Array(body));
  });
  return app;
}
