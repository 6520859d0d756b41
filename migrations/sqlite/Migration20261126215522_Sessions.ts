import { Migration } from '@mikro-orm/migrations';

export class Migration20261126215522_Sessions extends Migration {
  override async up(): Promise<void> {
    this.addSql(
      `create table \`sessions\` (\`id\` text not null, \`user_id\` integer not null, \`expires_at\` datetime not null, \`created_at\` datetime not null, constraint \`sessions_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(`create index \`sessions_user_id_index\` on \`sessions\` (\`user_id\`);`);

    this.addSql(
      `create table \`one_time_links\` (\`id\` text not null, \`purpose\` text not null, \`user_id\` integer null, \`expires_at\` datetime not null, \`used_at\` datetime null, \`created_at\` datetime not null, constraint \`one_time_links_user_id_foreign\` foreign key(\`user_id\`) references \`users\`(\`id\`) on delete cascade on update cascade, primary key (\`id\`));`,
    );
    this.addSql(
      `create index \`one_time_links_user_id_index\` on \`one_time_links\` (\`user_id\`);`,
    );
  }
}
