// Zod at the HTTP edge: query strings parsed into typed values, or a 400 naming each problem.
import { validator } from 'hono/validator';
import type { z } from 'zod';
import { ValidationError } from '../domain/errors.js';

/** Query-string validator: `c.req.valid('query')` is the schema's output. */
export function validQuery<T extends z.ZodType>(schema: T) {
  return validator('query', (value): z.output<T> => {
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    const details = parsed.error.issues.map((i) => ({
      path: i.path.map(String).join('.') || 'query',
      message: i.message,
    }));
    throw new ValidationError(
      details.map((d) => `${d.path}: ${d.message}`).join('; '),
      details,
      400,
      'bad_request',
    );
  });
}
