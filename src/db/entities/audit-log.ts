// Audit trail of administrative changes: who (user id, null for the CLI), what, on which subject.
import { EntitySchema } from '@mikro-orm/core';
import { LongTextType } from '../long-text.js';

export interface AuditEntry {
  id: number;
  at: Date;
  userId: number | null;
  action: string;
  subject: string;
  /** JSON text */
  detail: string;
}

export const AuditEntrySchema = new EntitySchema<AuditEntry>({
  name: 'AuditEntry',
  tableName: 'audit_log',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    at: { type: 'datetime', length: 0 },
    userId: { type: 'integer', nullable: true },
    action: { type: 'string', length: 64 },
    subject: { type: 'string', length: 255 },
    detail: { type: LongTextType },
  },
  indexes: [{ name: 'audit_log_at_index', properties: ['at'] }],
});
