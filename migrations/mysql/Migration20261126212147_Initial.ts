import { Migration } from '@mikro-orm/migrations';

export class Migration20261126212147_Initial extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`auth_failures\` (\`id\` int unsigned not null auto_increment primary key, \`hour\` datetime not null, \`address\` varchar(64) not null, \`count\` int not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`auth_failures\` add unique \`auth_failures_hour_address_unique\`(\`hour\`, \`address\`);`,
    );

    this.addSql(
      `create table \`customers\` (\`id\` int unsigned not null auto_increment primary key, \`key\` varchar(100) not null, \`name\` varchar(255) not null, \`timezone\` varchar(64) not null, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`customers\` add unique \`customers_key_unique\`(\`key\`);`);

    this.addSql(
      `create table \`rejected_requests\` (\`id\` int unsigned not null auto_increment primary key, \`received_at\` datetime not null, \`address\` varchar(64) null, \`status\` int not null, \`code\` varchar(64) not null, \`message\` varchar(1000) not null, \`body\` text null) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`events\` (\`id\` int unsigned not null auto_increment primary key, \`source\` varchar(32) not null, \`log_id\` bigint not null, \`state\` int not null, \`incident_log_id\` bigint null, \`alert_id\` bigint null, \`rule_id\` int not null, \`rule_name\` varchar(255) not null, \`device_id\` int not null, \`hostname\` varchar(255) null, \`faults\` mediumtext null, \`status_reasons\` varchar(64) not null, \`event_at\` datetime not null, \`received_at\` datetime not null, \`enriched_at\` datetime null, \`body\` mediumtext not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`events\` add index \`events_event_at_index\`(\`event_at\`);`);
    this.addSql(
      `alter table \`events\` add unique \`events_source_log_state_unique\`(\`source\`, \`log_id\`, \`state\`);`,
    );

    this.addSql(
      `create table \`test_pings\` (\`id\` int unsigned not null auto_increment primary key, \`received_at\` datetime not null, \`address\` varchar(64) null) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`users\` (\`id\` int unsigned not null auto_increment primary key, \`email\` varchar(255) not null, \`password_hash\` varchar(255) null, \`role\` varchar(20) not null, \`customer_id\` int unsigned null, \`disabled\` tinyint(1) not null default false, \`created_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`users\` add unique \`users_email_unique\`(\`email\`);`);
    this.addSql(`alter table \`users\` add index \`users_customer_id_index\`(\`customer_id\`);`);

    this.addSql(
      `create table \`api_tokens\` (\`id\` int unsigned not null auto_increment primary key, \`user_id\` int unsigned not null, \`name\` varchar(100) not null, \`scope\` varchar(20) not null, \`token_hash\` varchar(64) not null, \`created_at\` datetime not null, \`last_used_at\` datetime null, \`revoked_at\` datetime null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`api_tokens\` add index \`api_tokens_user_id_index\`(\`user_id\`);`);
    this.addSql(
      `alter table \`api_tokens\` add unique \`api_tokens_token_hash_unique\`(\`token_hash\`);`,
    );

    this.addSql(
      `create table \`user_portfolio\` (\`user_id\` int unsigned not null, \`customer_id\` int unsigned not null, primary key (\`user_id\`, \`customer_id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`user_portfolio\` add index \`user_portfolio_user_id_index\`(\`user_id\`);`,
    );
    this.addSql(
      `alter table \`user_portfolio\` add index \`user_portfolio_customer_id_index\`(\`customer_id\`);`,
    );

    this.addSql(
      `alter table \`users\` add constraint \`users_customer_id_foreign\` foreign key (\`customer_id\`) references \`customers\` (\`id\`) on update cascade on delete set null;`,
    );

    this.addSql(
      `alter table \`api_tokens\` add constraint \`api_tokens_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table \`user_portfolio\` add constraint \`user_portfolio_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on update cascade on delete cascade;`,
    );
    this.addSql(
      `alter table \`user_portfolio\` add constraint \`user_portfolio_customer_id_foreign\` foreign key (\`customer_id\`) references \`customers\` (\`id\`) on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`alter table \`users\` drop foreign key \`users_customer_id_foreign\`;`);

    this.addSql(
      `alter table \`user_portfolio\` drop foreign key \`user_portfolio_customer_id_foreign\`;`,
    );

    this.addSql(`alter table \`api_tokens\` drop foreign key \`api_tokens_user_id_foreign\`;`);

    this.addSql(
      `alter table \`user_portfolio\` drop foreign key \`user_portfolio_user_id_foreign\`;`,
    );

    this.addSql(`drop table if exists \`auth_failures\`;`);

    this.addSql(`drop table if exists \`customers\`;`);

    this.addSql(`drop table if exists \`rejected_requests\`;`);

    this.addSql(`drop table if exists \`events\`;`);

    this.addSql(`drop table if exists \`test_pings\`;`);

    this.addSql(`drop table if exists \`users\`;`);

    this.addSql(`drop table if exists \`api_tokens\`;`);

    this.addSql(`drop table if exists \`user_portfolio\`;`);
  }
}
