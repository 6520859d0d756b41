// The `from`/`to` query of report routes (checked as instants by the period rules in domain/period).
import { z } from 'zod';

export const periodQuery = z.object({
  from: z.string().optional(),
  to: z.string().optional(),
});
