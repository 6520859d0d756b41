import { Migration } from '@mikro-orm/migrations';

export class Migration20261127000945_InventoryVersions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`inventory_versions\` (\`id\` int unsigned not null auto_increment primary key, \`effective_from\` bigint not null, \`recorded_at\` bigint not null, \`model\` mediumtext null, \`model_digest\` varchar(64) null, \`effects\` text null, \`adds_services\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`inventory_versions\`;`);
  }
}
