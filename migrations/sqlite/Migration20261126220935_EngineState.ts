import { Migration } from '@mikro-orm/migrations';

export class Migration20261126220935_EngineState extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`engine_state\` (\`id\` integer not null primary key autoincrement, \`applied_through_event_id\` integer not null default 0, \`inputs_digest\` text not null default '');`,
    );

    this.addSql(
      `create table \`service_transitions\` (\`id\` integer not null primary key autoincrement, \`service_key\` text not null, \`at\` bigint not null, \`down\` integer not null, \`planned\` integer not null, \`at_risk\` integer not null, \`root_cause\` text not null);`,
    );
    this.addSql(
      `create unique index \`service_transitions_service_at_unique\` on \`service_transitions\` (\`service_key\`, \`at\`);`,
    );
  }
}
