// One-time links (first-admin setup, password reset): only the SHA-256 of the token is stored.
import { EntitySchema } from '@mikro-orm/core';
import type { User } from './user.js';

export type LinkPurpose = 'setup' | 'reset';

export interface OneTimeLink {
  id: string;
  purpose: LinkPurpose;
  user: User | null;
  expiresAt: Date;
  usedAt: Date | null;
  createdAt: Date;
}

export const OneTimeLinkSchema = new EntitySchema<OneTimeLink>({
  name: 'OneTimeLink',
  tableName: 'one_time_links',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    purpose: { type: 'string', length: 16 },
    user: { kind: 'm:1', entity: 'User', nullable: true, deleteRule: 'cascade' },
    expiresAt: { type: 'datetime', length: 0 },
    usedAt: { type: 'datetime', length: 0, nullable: true },
    createdAt: { type: 'datetime', length: 0 },
  },
});
