// Browser session: the SHA-256 of the cookie token as id, the user, a sliding expiry.
import { EntitySchema } from '@mikro-orm/core';
import type { User } from './user.js';

export interface Session {
  id: string;
  user: User;
  expiresAt: Date;
  createdAt: Date;
}

export const SessionSchema = new EntitySchema<Session>({
  name: 'Session',
  tableName: 'sessions',
  properties: {
    id: { type: 'string', length: 64, primary: true },
    user: { kind: 'm:1', entity: 'User', deleteRule: 'cascade' },
    expiresAt: { type: 'datetime', length: 0 },
    createdAt: { type: 'datetime', length: 0 },
  },
});
