import { Migration } from '@mikro-orm/migrations';

export class Migration20261127005913_Settings extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`rule_effect_settings\` (\`rule_id\` int unsigned not null, \`effect\` varchar(16) not null, \`updated_at\` datetime not null, primary key (\`rule_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`settings\` (\`name\` varchar(100) not null, \`value\` text not null, \`updated_at\` datetime not null, primary key (\`name\`)) default character set utf8mb4 engine = InnoDB;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`rule_effect_settings\`;`);

    this.addSql(`drop table if exists \`settings\`;`);
  }
}
