import { Migration } from '@mikro-orm/migrations';

export class Migration20261127002222_InventoryVersionsRequired extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `alter table \`inventory_versions\` modify \`model\` mediumtext not null, modify \`model_digest\` varchar(64) not null, modify \`effects\` text not null;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table \`inventory_versions\` modify \`model\` mediumtext null, modify \`model_digest\` varchar(64) null, modify \`effects\` text null;`,
    );
  }
}
