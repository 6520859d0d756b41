// `/ports?columns=...` read as a stream: ports are validated and yielded one by one, so 480,000
// ports (~150 MB of JSON) never sit in memory as text.
import type { z } from 'zod';
import { LibreNmsError, LibreNmsResponseError } from './api-errors.js';
import { JsonArrayScanner, JsonStreamError, streamJsonArray } from './api-json-stream.js';
import { checkedBody, isEmptyNotFound, parseRow } from './api-response.js';
import {
  attemptError,
  parseWithoutCredentials,
  readText,
  type Answer,
  type Transport,
} from './api-transport.js';

const PATH = '/ports';
const ENDPOINT = `GET ${PATH}`;

/** Body chunks; a read that waits longer than `idleMs` aborts the request. */
async function* idleLimited(a: Answer, idleMs: number): AsyncGenerator<Uint8Array> {
  if (!a.body) return;
  const reader = a.body.getReader();
  try {
    for (;;) {
      const timer = setTimeout(() => a.abort.abort(new Error('timeout')), idleMs);
      const chunk = await reader.read().finally(() => clearTimeout(timer));
      if (chunk.done) return;
      yield chunk.value;
    }
  } finally {
    reader.releaseLock();
  }
}

function streamFailure(err: unknown, a: Answer, idleMs: number): LibreNmsError {
  if (err instanceof LibreNmsError) return err;
  if (err instanceof JsonStreamError || err instanceof SyntaxError) {
    return new LibreNmsResponseError('malformed', ENDPOINT, err.message, a.status, err);
  }
  return attemptError(err, ENDPOINT, a.abort.signal.aborted, idleMs);
}

/**
 * All ports with the given columns. Failures before the body starts are retried; a failure in
 * the middle of the body is not (rows were already yielded) and ends the iteration with an error.
 */
export async function* streamPorts<S extends z.ZodTypeAny>(
  transport: Transport,
  port: S,
  columns: readonly string[],
): AsyncGenerator<z.output<S>, void, undefined> {
  const a = await transport.open(PATH, { columns: columns.join(',') });
  try {
    if (a.status === 404) {
      const body = parseWithoutCredentials(await readText(a, transport.timeoutMs, ENDPOINT));
      if (isEmptyNotFound(body)) return;
      checkedBody(body, 404, ENDPOINT);
    }
    const scanner = new JsonArrayScanner('ports', parseWithoutCredentials);
    let n = 0;
    for await (const item of streamJsonArray(idleLimited(a, transport.timeoutMs), scanner)) {
      yield parseRow(port, item, ENDPOINT, `ports[${n++}]`);
    }
    if (!scanner.seenArray) checkedBody(scanner.extras, a.status, ENDPOINT);
    if (!scanner.seenArray) throw new LibreNmsResponseError('schema', ENDPOINT, 'no "ports" array');
  } catch (err) {
    transport.count('errors');
    throw streamFailure(err, a, transport.timeoutMs);
  } finally {
    a.release();
    a.abort.abort(new Error('done'));
  }
}
