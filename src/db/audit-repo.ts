// Appends audit entries to the unit of work (the caller's flush stores them with the change).
import type { EntityManager } from '@mikro-orm/knex';
import { AuditEntrySchema } from './entities/audit-log.js';

export interface AuditRecord {
  at: Date;
  /** null when the change came from the CLI */
  userId: number | null;
  action: string;
  subject: string;
  detail: unknown;
}

export function recordAudit(em: EntityManager, r: AuditRecord): void {
  em.create(AuditEntrySchema, {
    at: r.at,
    userId: r.userId,
    action: r.action,
    subject: r.subject,
    detail: JSON.stringify(r.detail ?? null),
  });
}
