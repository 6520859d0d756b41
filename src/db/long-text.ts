// A text column that holds up to 16 MiB on MySQL/MariaDB (mediumtext) and plain text on SQLite.
import { type EntityProperty, type Platform, Type } from '@mikro-orm/core';
import { MySqlPlatform } from '@mikro-orm/knex';

export class LongTextType extends Type<string, string> {
  override getColumnType(_prop: EntityProperty, platform: Platform): string {
    return platform instanceof MySqlPlatform ? 'mediumtext' : 'text';
  }

  override compareAsType(): string {
    return 'string';
  }
}
