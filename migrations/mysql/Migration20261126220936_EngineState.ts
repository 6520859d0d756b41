import { Migration } from '@mikro-orm/migrations';

export class Migration20261126220936_EngineState extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`engine_state\` (\`id\` int unsigned not null auto_increment primary key, \`applied_through_event_id\` int not null default 0, \`inputs_digest\` varchar(64) not null default '') default character set utf8mb4 engine = InnoDB;`,
    );

    this.addSql(
      `create table \`service_transitions\` (\`id\` int unsigned not null auto_increment primary key, \`service_key\` varchar(191) not null, \`at\` bigint not null, \`down\` tinyint(1) not null, \`planned\` tinyint(1) not null, \`at_risk\` tinyint(1) not null, \`root_cause\` text not null) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`service_transitions\` add unique \`service_transitions_service_at_unique\`(\`service_key\`, \`at\`);`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`engine_state\`;`);

    this.addSql(`drop table if exists \`service_transitions\`;`);
  }
}
