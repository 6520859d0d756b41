// One render helper: Eta templates (escaped by default), a full page or an htmx fragment.
import { resolve } from 'node:path';
import { Eta } from 'eta';
import type { Context } from 'hono';
import { AppError } from '../domain/errors.js';
import type { AppEnv } from './context.js';

const eta = new Eta({
  views: resolve('templates'),
  cache: true,
  autoEscape: true,
  autoTrim: false,
});

export interface PageData {
  title: string;
  [key: string]: unknown;
}

/**
 * Renders `templates/<name>.eta`. For an htmx request (`HX-Request`) the template is rendered
 * without its layout; `Vary: HX-Request` keeps caches from mixing the two.
 */
export function render(c: Context<AppEnv>, name: string, data: PageData, status = 200) {
  const fragment = c.req.header('hx-request') === 'true';
  const viewer = c.get('viewer') ?? null;
  const html = eta.render(name, {
    ...data,
    fragment,
    viewer,
    csrfSafe: true,
    path: c.req.path,
  });
  c.header('Vary', 'HX-Request');
  return c.html(html, status as 200);
}

/** Runs a form's use case: expected failures (AppError) come back as a value to re-render. */
export async function attempt<T>(
  fn: () => Promise<T>,
): Promise<{ ok: true; value: T } | { ok: false; error: AppError }> {
  try {
    return { ok: true, value: await fn() };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, error: err };
    throw err;
  }
}

/** Browser pages (not the JSON API or the webhook) answer errors as HTML. */
export const wantsHtml = (c: Context<AppEnv>): boolean =>
  !c.req.path.startsWith('/api/') &&
  !c.req.path.startsWith('/hooks/') &&
  (c.req.header('accept') ?? '').includes('text/html');
