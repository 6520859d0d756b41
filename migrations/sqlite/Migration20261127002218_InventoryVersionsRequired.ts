import { Migration } from '@mikro-orm/migrations';

export class Migration20261127002218_InventoryVersionsRequired extends Migration {
  override async up(): Promise<void> {
    this.addSql(`pragma foreign_keys = off;`);
    this.addSql(
      `create table \`inventory_versions__temp_alter\` (\`id\` integer not null primary key autoincrement, \`effective_from\` bigint not null, \`recorded_at\` bigint not null, \`model\` text not null, \`model_digest\` text not null, \`effects\` text not null, \`adds_services\` integer not null default false);`,
    );
    this.addSql(
      `insert into \`inventory_versions__temp_alter\` select \`id\`, \`effective_from\`, \`recorded_at\`, \`model\`, \`model_digest\`, \`effects\`, \`adds_services\` from \`inventory_versions\`;`,
    );
    this.addSql(`drop table \`inventory_versions\`;`);
    this.addSql(`alter table \`inventory_versions__temp_alter\` rename to \`inventory_versions\`;`);
    this.addSql(`pragma foreign_keys = on;`);
  }
}
