// The migration history of each dialect, listed explicitly (no file globbing at run time).
import type { MigrationObject } from '@mikro-orm/core';
import { mysqlMigrations } from '../../migrations/mysql/index.js';
import { sqliteMigrations } from '../../migrations/sqlite/index.js';

export function migrationsFor(dialect: 'sqlite' | 'mysql'): MigrationObject[] {
  return dialect === 'sqlite' ? sqliteMigrations : mysqlMigrations;
}
