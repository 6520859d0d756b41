// API token: only the SHA-256 of the secret is stored; named, scoped, revocable, last use kept.
import { EntitySchema } from '@mikro-orm/core';
import type { TokenScope } from '../../domain/viewer.js';
import type { User } from './user.js';

export interface ApiToken {
  id: number;
  user: User;
  name: string;
  scope: TokenScope;
  tokenHash: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export const ApiTokenSchema = new EntitySchema<ApiToken>({
  name: 'ApiToken',
  tableName: 'api_tokens',
  properties: {
    id: { type: 'integer', primary: true, autoincrement: true },
    user: { kind: 'm:1', entity: 'User', deleteRule: 'cascade' },
    name: { type: 'string', length: 100 },
    scope: { type: 'string', length: 20 },
    tokenHash: { type: 'string', length: 64, unique: true },
    createdAt: { type: 'datetime', length: 0 },
    lastUsedAt: { type: 'datetime', length: 0, nullable: true },
    revokedAt: { type: 'datetime', length: 0, nullable: true },
  },
});
