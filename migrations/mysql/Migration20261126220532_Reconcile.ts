import { Migration } from '@mikro-orm/migrations';

export class Migration20261126220532_Reconcile extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`device_outages\` (\`id\` int unsigned not null auto_increment primary key, \`device_id\` int not null, \`going_down\` bigint not null, \`up_again\` bigint null, \`snmp_only\` tinyint(1) not null default false) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`device_outages\` add unique \`device_outages_device_going_down_unique\`(\`device_id\`, \`going_down\`);`,
    );

    this.addSql(
      `create table \`librenms_components\` (\`ref\` varchar(40) not null, \`status\` varchar(32) not null, \`last_discovered\` bigint null, \`details\` mediumtext not null, primary key (\`ref\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`link_sightings\` (\`id\` int unsigned not null auto_increment primary key, \`a\` varchar(40) not null, \`b\` varchar(40) not null, \`missing_since\` datetime null, \`missing_runs\` int not null default 0) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`link_sightings\` add unique \`link_sightings_a_b_unique\`(\`a\`, \`b\`);`,
    );

    this.addSql(
      `create table \`reconcile_runs\` (\`id\` int unsigned not null auto_increment primary key, \`kind\` varchar(16) not null, \`status\` varchar(16) not null, \`started_at\` datetime not null, \`ended_at\` datetime null, \`requests\` int not null default 0, \`retries\` int not null default 0, \`errors\` int not null default 0, \`items_imported\` int not null default 0, \`events_filled\` int not null default 0, \`inferred_recoveries\` int not null default 0, \`error\` text null, \`librenms_version\` varchar(64) null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`reconcile_runs\` add index \`reconcile_runs_kind_status_index\`(\`kind\`, \`status\`);`,
    );

    this.addSql(
      `create table \`reconcile_state\` (\`name\` varchar(64) not null, \`value\` varchar(255) not null, primary key (\`name\`)) default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`timezone_mismatches\` (\`id\` int unsigned not null auto_increment primary key, \`log_id\` bigint not null, \`webhook_at\` datetime not null, \`alert_log_at\` datetime not null, \`recorded_at\` datetime not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`timezone_mismatches\` add unique \`timezone_mismatches_log_id_unique\`(\`log_id\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`device_outages\`;`);

    this.addSql(`drop table if exists \`librenms_components\`;`);

    this.addSql(`drop table if exists \`link_sightings\`;`);

    this.addSql(`drop table if exists \`reconcile_runs\`;`);

    this.addSql(`drop table if exists \`reconcile_state\`;`);

    this.addSql(`drop table if exists \`timezone_mismatches\`;`);
  }
}
