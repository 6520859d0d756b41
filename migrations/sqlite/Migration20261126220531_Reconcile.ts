import { Migration } from '@mikro-orm/migrations';

export class Migration20261126220531_Reconcile extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`device_outages\` (\`id\` integer not null primary key autoincrement, \`device_id\` integer not null, \`going_down\` bigint not null, \`up_again\` bigint null, \`snmp_only\` integer not null default false);`,
    );
    this.addSql(
      `create unique index \`device_outages_device_going_down_unique\` on \`device_outages\` (\`device_id\`, \`going_down\`);`,
    );

    this.addSql(
      `create table \`librenms_components\` (\`ref\` text not null, \`status\` text not null, \`last_discovered\` bigint null, \`details\` text not null, primary key (\`ref\`));`,
    );

    this.addSql(
      `create table \`link_sightings\` (\`id\` integer not null primary key autoincrement, \`a\` text not null, \`b\` text not null, \`missing_since\` datetime null, \`missing_runs\` integer not null default 0);`,
    );
    this.addSql(
      `create unique index \`link_sightings_a_b_unique\` on \`link_sightings\` (\`a\`, \`b\`);`,
    );

    this.addSql(
      `create table \`reconcile_runs\` (\`id\` integer not null primary key autoincrement, \`kind\` text not null, \`status\` text not null, \`started_at\` datetime not null, \`ended_at\` datetime null, \`requests\` integer not null default 0, \`retries\` integer not null default 0, \`errors\` integer not null default 0, \`items_imported\` integer not null default 0, \`events_filled\` integer not null default 0, \`inferred_recoveries\` integer not null default 0, \`error\` text null, \`librenms_version\` text null);`,
    );
    this.addSql(
      `create index \`reconcile_runs_kind_status_index\` on \`reconcile_runs\` (\`kind\`, \`status\`);`,
    );

    this.addSql(
      `create table \`reconcile_state\` (\`name\` text not null, \`value\` text not null, primary key (\`name\`));`,
    );

    this.addSql(
      `create table \`timezone_mismatches\` (\`id\` integer not null primary key autoincrement, \`log_id\` bigint not null, \`webhook_at\` datetime not null, \`alert_log_at\` datetime not null, \`recorded_at\` datetime not null);`,
    );
    this.addSql(
      `create unique index \`timezone_mismatches_log_id_unique\` on \`timezone_mismatches\` (\`log_id\`);`,
    );
  }
}
