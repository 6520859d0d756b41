import { Migration } from '@mikro-orm/migrations';

export class Migration20261126212147_Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`auth_failures\` (\`id\` integer not null primary key autoincrement, \`hour\` datetime not null, \`address\` text not null, \`count\` integer not null);`,
    );
    this.addSql(
      `create unique index \`auth_failures_hour_address_unique\` on \`auth_failures\` (\`hour\`, \`address\`);`,
    );

    this.addSql(
      `create table \`customers\` (\`id\` integer not null primary key autoincrement, \`key\` text not null, \`name\` text not null, \`timezone\` text not null, \`created_at\` datetime not null);`,
    );
    this.addSql(`create unique index \`customers_key_unique\` on \`customers\` (\`key\`);`);

    this.addSql(
      `create table \`rejected_requests\` (\`id\` integer not null primary key autoincrement, \`received_at\` datetime not null, \`address\` text null, \`status\` integer not null, \`code\` text not null, \`message\` text not null, \`body\` text null);`,
    );

    this.addSql(
      `create table \`events\` (\`id\` integer not null primary key autoincrement, \`source\` text not null, \`log_id\` bigint not null, \`state\` integer not null, \`incident_log_id\` bigint null, \`alert_id\` bigint null, \`rule_id\` integer not null, \`rule_name\` text not null, \`device_id\` integer not null, \`hostname\` text null, \`faults\` text null, \`status_reasons\` text not null, \`event_at\` datetime not null, \`received_at\` datetime not null, \`enriched_at\` datetime null, \`body\` text not null);`,
    );
    this.addSql(`create index \`events_event_at_index\` on \`events\` (\`event_at\`);`);
    this.addSql(
      `create unique index \`events_source_log_state_unique\` on \`events\` (\`source\`, \`log_id\`, \`state\`);`,
    );

    this.addSql(
      `create table \`test_pings\` (\`id\` integer not null primary key autoincrement, \`received_at\` datetime not null, \`address\` text null);`,
    );

    this.addSql(
      `create table \`users\` (\`id\` integer not null primary key autoincrement, \`email\` text not null, \`password_hash\` text null, \`role\` text not null, \`customer_id\` integer null, \`disabled\` integer not null default false, \`created_at\` datetime not null, constraint \`users_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on delete set null on update cascade);`,
    );
    this.addSql(`create unique index \`users_email_unique\` on \`users\` (\`email\`);`);
    this.addSql(`create index \`users_customer_id_index\` on \`users\` (\`customer_id\`);`);

    this.addSql(
      `create table \`api_tokens\` (\`id\` integer not null primary key autoincrement, \`user_id\` integer not null, \`name\` text not null, \`scope\` text not null, \`token_hash\` text not null, \`created_at\` datetime not null, \`last_used_at\` datetime null, \`revoked_at\` datetime null, constraint \`api_tokens_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade);`,
    );
    this.addSql(`create index \`api_tokens_user_id_index\` on \`api_tokens\` (\`user_id\`);`);
    this.addSql(
      `create unique index \`api_tokens_token_hash_unique\` on \`api_tokens\` (\`token_hash\`);`,
    );

    this.addSql(
      `create table \`user_portfolio\` (\`user_id\` integer not null, \`customer_id\` integer not null, constraint \`user_portfolio_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, constraint \`user_portfolio_customer_id_foreign\` foreign key(\`customer_id\`) references \`customers\`(\`id\`) on delete cascade on update cascade, primary key (\`user_id\`, \`customer_id\`));`,
    );
    this.addSql(
      `create index \`user_portfolio_user_id_index\` on \`user_portfolio\` (\`user_id\`);`,
    );
    this.addSql(
      `create index \`user_portfolio_customer_id_index\` on \`user_portfolio\` (\`customer_id\`);`,
    );
  }
}
