import { Migration } from '@mikro-orm/migrations';

export class Migration20261127000942_InventoryVersions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`inventory_versions\` (\`id\` integer not null primary key autoincrement, \`effective_from\` bigint not null, \`recorded_at\` bigint not null, \`model\` text null, \`model_digest\` text null, \`effects\` text null, \`adds_services\` integer not null default false);`,
    );
  }
}
