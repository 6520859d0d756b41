import { Migration } from '@mikro-orm/migrations';

export class Migration20261127005910_Settings extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`rule_effect_settings\` (\`rule_id\` integer not null, \`effect\` text not null, \`updated_at\` datetime not null, primary key (\`rule_id\`));`,
    );

    this.addSql(
      `create table \`settings\` (\`name\` text not null, \`value\` text not null, \`updated_at\` datetime not null, primary key (\`name\`));`,
    );
  }
}
