import { Migration } from '@mikro-orm/migrations';

export class Migration20261126212814_Inventory extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`alert_sources\` (\`id\` int unsigned not null auto_increment primary key, \`position\` int not null, \`alertname\` varchar(255) not null, \`definition\` text not null) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`audit_log\` (\`id\` int unsigned not null auto_increment primary key, \`at\` datetime not null, \`user_id\` int null, \`action\` varchar(64) not null, \`subject\` varchar(255) not null, \`detail\` mediumtext not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`audit_log\` add index \`audit_log_at_index\`(\`at\`);`);

    this.addSql(
      `create table \`devices\` (\`id\` int unsigned not null, \`hostname\` varchar(255) not null, \`label\` varchar(255) null, \`location\` varchar(255) null, \`role\` varchar(20) null, \`groups\` text not null, \`declared\` tinyint(1) not null default false, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`devices\` add index \`devices_hostname_index\`(\`hostname\`);`);

    this.addSql(
      `create table \`links\` (\`id\` int unsigned not null auto_increment primary key, \`a\` varchar(40) not null, \`b\` varchar(40) not null, \`source\` varchar(16) not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`links\` add unique \`links_a_b_unique\`(\`a\`, \`b\`);`);

    this.addSql(
      `create table \`maintenance_windows\` (\`id\` int unsigned not null auto_increment primary key, \`key\` varchar(100) not null, \`starts_at\` datetime not null, \`ends_at\` datetime not null, \`category\` varchar(20) not null, \`scope\` mediumtext not null, \`reason\` text null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`maintenance_windows\` add unique \`maintenance_windows_key_unique\`(\`key\`);`,
    );

    this.addSql(
      `create table \`ports\` (\`id\` int unsigned not null, \`device_id\` int not null, \`if_name\` varchar(255) not null, \`declared\` tinyint(1) not null default false, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`ports\` add index \`ports_device_id_index\`(\`device_id\`);`);

    this.addSql(
      `create table \`role_rules\` (\`id\` int unsigned not null auto_increment primary key, \`position\` int not null, \`hostname_pattern\` varchar(255) null, \`device_group\` varchar(255) null, \`role\` varchar(20) not null) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`rule_effects\` (\`id\` int unsigned not null auto_increment primary key, \`match_key\` varchar(300) not null, \`rule_id\` int null, \`rule_name\` varchar(255) null, \`effect\` varchar(16) not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`rule_effects\` add unique \`rule_effects_match_key_unique\`(\`match_key\`);`,
    );

    this.addSql(
      `create table \`services\` (\`id\` int unsigned not null auto_increment primary key, \`key\` varchar(100) not null, \`customer_id\` int unsigned not null, \`name\` varchar(255) not null, \`sla_target\` varchar(32) not null, \`active_from\` datetime null, \`active_until\` datetime null, \`requires\` mediumtext not null, \`hidden\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`services\` add unique \`services_key_unique\`(\`key\`);`);
    this.addSql(
      `alter table \`services\` add index \`services_customer_id_index\`(\`customer_id\`);`,
    );

    this.addSql(
      `alter table \`services\` add constraint \`services_customer_id_foreign\` foreign key (\`customer_id\`) references \`customers\` (\`id\`) on update cascade on delete restrict;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`alert_sources\`;`);

    this.addSql(`drop table if exists \`audit_log\`;`);

    this.addSql(`drop table if exists \`devices\`;`);

    this.addSql(`drop table if exists \`links\`;`);

    this.addSql(`drop table if exists \`maintenance_windows\`;`);

    this.addSql(`drop table if exists \`ports\`;`);

    this.addSql(`drop table if exists \`role_rules\`;`);

    this.addSql(`drop table if exists \`rule_effects\`;`);

    this.addSql(`drop table if exists \`services\`;`);
  }
}
