import { Migration } from '@mikro-orm/migrations';

export class Migration20261126215522_Sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`sessions\` (\`id\` varchar(64) not null, \`user_id\` int unsigned not null, \`expires_at\` datetime not null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(`alter table \`sessions\` add index \`sessions_user_id_index\`(\`user_id\`);`);

    this.addSql(
      `create table \`one_time_links\` (\`id\` varchar(64) not null, \`purpose\` varchar(16) not null, \`user_id\` int unsigned null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`created_at\` datetime not null, primary key (\`id\`)) default character set utf8mb4 engine = InnoDB;`,
    );
    this.addSql(
      `alter table \`one_time_links\` add index \`one_time_links_user_id_index\`(\`user_id\`);`,
    );

    this.addSql(
      `alter table \`sessions\` add constraint \`sessions_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on update cascade on delete cascade;`,
    );

    this.addSql(
      `alter table \`one_time_links\` add constraint \`one_time_links_user_id_foreign\` foreign key (\`user_id\`) references \`users\` (\`id\`) on update cascade on delete cascade;`,
    );
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists \`sessions\`;`);

    this.addSql(`drop table if exists \`one_time_links\`;`);
  }
}
