// Parses a service `requires` value into a ServiceRule, reporting every problem with its JSON path.
import type { ErrorDetail } from './errors.js';
import { jsonPath, type PathSegment } from './json-path.js';
import type { ServiceRule } from './rules.js';

type Path = readonly PathSegment[];

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(errors: ErrorDetail[], path: Path, message: string): null {
  errors.push({ path: jsonPath(path), message });
  return null;
}

function onlyKeys(v: Record<string, unknown>, keys: string[], path: Path, errors: ErrorDetail[]) {
  for (const k of Object.keys(v)) {
    if (!keys.includes(k)) fail(errors, [...path, k], `unknown key "${k}"`);
  }
}

function parseRefText(v: unknown, path: Path, errors: ErrorDetail[]): string | null {
  if (typeof v === 'string' && v !== '') return v;
  return fail(errors, path, 'must be a component reference string');
}

function parseList(v: unknown, path: Path, errors: ErrorDetail[]): ServiceRule[] | null {
  if (!Array.isArray(v) || v.length === 0) return fail(errors, path, 'must be a non-empty array');
  const parts = v.map((p, i) => parseRule(p, [...path, i], errors));
  return parts.every((p) => p !== null) ? (parts as ServiceRule[]) : null;
}

function parsePath(v: Record<string, unknown>, path: Path, errors: ErrorDetail[]) {
  onlyKeys(v, ['path'], path, errors);
  const body = v.path;
  const at = [...path, 'path'];
  if (!isObject(body)) return fail(errors, at, 'must be an object with from and to');
  onlyKeys(body, ['from', 'to'], at, errors);
  const from = parseRefText(body.from, [...at, 'from'], errors);
  if (!Array.isArray(body.to) || body.to.length === 0) {
    return fail(errors, [...at, 'to'], 'must be a non-empty array');
  }
  const to = body.to.map((t, i) => parseRefText(t, [...at, 'to', i], errors));
  if (from === null || to.some((t) => t === null)) return null;
  return { path: { from, to: to as string[] } };
}

function parseAtLeast(v: Record<string, unknown>, path: Path, errors: ErrorDetail[]) {
  onlyKeys(v, ['atLeast', 'of'], path, errors);
  const of = parseList(v.of, [...path, 'of'], errors);
  const k = v.atLeast;
  const max = Array.isArray(v.of) ? v.of.length : 0;
  if (typeof k !== 'number' || !Number.isInteger(k) || k < 1 || (max > 0 && k > max)) {
    return fail(errors, [...path, 'atLeast'], `must be an integer from 1 to ${max || 'parts'}`);
  }
  return of === null ? null : { atLeast: k, of };
}

/** The rule, or `null` after pushing every problem found into `errors`. */
export function parseRule(v: unknown, path: Path, errors: ErrorDetail[]): ServiceRule | null {
  if (typeof v === 'string') return parseRefText(v, path, errors);
  if (!isObject(v)) return fail(errors, path, 'must be a component reference or a rule object');
  if ('path' in v) return parsePath(v, path, errors);
  if ('atLeast' in v || 'of' in v) return parseAtLeast(v, path, errors);
  for (const kind of ['all', 'any'] as const) {
    if (kind in v) {
      onlyKeys(v, [kind], path, errors);
      const parts = parseList(v[kind], [...path, kind], errors);
      if (parts === null) return null;
      return kind === 'all' ? { all: parts } : { any: parts };
    }
  }
  return fail(errors, path, 'must have one of path, all, any, atLeast');
}
