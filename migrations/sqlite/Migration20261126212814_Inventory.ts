import { Migration } from '@mikro-orm/migrations';

export class Migration20261126212814_Inventory extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`alert_sources\` (\`id\` integer not null primary key autoincrement, \`position\` integer not null, \`alertname\` text not null, \`definition\` text not null);`,
    );

    this.addSql(
      `create table \`audit_log\` (\`id\` integer not null primary key autoincrement, \`at\` datetime not null, \`user_id\` integer null, \`action\` text not null, \`subject\` text not null, \`detail\` text not null);`,
    );
    this.addSql(`create index \`audit_log_at_index\` on \`audit_log\` (\`at\`);`);

    this.addSql(
      `create table \`devices\` (\`id\` integer not null, \`hostname\` text not null, \`label\` text null, \`location\` text null, \`role\` text null, \`groups\` text not null, \`declared\` integer not null default false, primary key (\`id\`));`,
    );
    this.addSql(`create index \`devices_hostname_index\` on \`devices\` (\`hostname\`);`);

    this.addSql(
      `create table \`links\` (\`id\` integer not null primary key autoincrement, \`a\` text not null, \`b\` text not null, \`source\` text not null);`,
    );
    this.addSql(`create unique index \`links_a_b_unique\` on \`links\` (\`a\`, \`b\`);`);

    this.addSql(
      `create table \`maintenance_windows\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`category\` text not null, \`scope\` text not null, \`reason\` text null);`,
    );
    this.addSql(
      `create unique index \`maintenance_windows_key_unique\` on \`maintenance_windows\` (\`key\`);`,
    );

    this.addSql(
      `create table \`ports\` (\`id\` integer not null, \`device_id\` integer not null, \`if_name\` text not null, \`declared\` integer not null default false, primary key (\`id\`));`,
    );
    this.addSql(`create index \`ports_device_id_index\` on \`ports\` (\`device_id\`);`);

    this.addSql(
      `create table \`role_rules\` (\`id\` integer not null primary key autoincrement, \`position\` integer not null, \`hostname_pattern\` text null, \`device_group\` text null, \`role\` text not null);`,
    );

    this.addSql(
      `create table \`rule_effects\` (\`id\` integer not null primary key autoincrement, \`match_key\` text not null, \`rule_id\` integer null, \`rule_name\` text null, \`effect\` text not null);`,
    );
    this.addSql(
      `create unique index \`rule_effects_match_key_unique\` on \`rule_effects\` (\`match_key\`);`,
    );

    this.addSql(
      `create table \`services\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`customer_id\` integer not null, \`name\` text not null, \`sla_target\` text not null, \`active_from\` datetime null, \`active_until\` datetime null, \`requires\` text not null, \`hidden\` integer not null default false, constraint \`services_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on delete restrict on update cascade);`,
    );
    this.addSql(`create unique index \`services_key_unique\` on \`services\` (\`key\`);`);
    this.addSql(`create index \`services_customer_id_index\` on \`services\` (\`customer_id\`);`);
  }
}
