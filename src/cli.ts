// `npm run cli -- <command>`: account administration on the configured database.
// Logs go to standard error; standard output carries only each command's result.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadConfig, readEnvironment } from './config/config.js';
import { createLogger } from './config/logger.js';
import { initOrm, type Orm } from './db/orm.js';
import { AppError } from './domain/errors.js';
import { createCustomer, createToken, createUser } from './services/accounts.js';
import type { EntityManager } from '@mikro-orm/knex';

const USAGE = `usage: npm run cli -- <command> [options]

  user:create --email E --role admin|account_manager|customer
              [--customer KEY] [--customers KEY,KEY] [--password P]
  token:create --email E --name NAME [--scope api|events]
  customer:create --key KEY --name NAME [--timezone ZONE]
`;

type Command = (em: EntityManager, args: string[], out: (line: string) => void) => Promise<void>;

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

const commands: Record<string, Command> = {
  async 'user:create'(em, args, out) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        customer: { type: 'string' },
        customers: { type: 'string' },
        password: { type: 'string' },
      },
    });
    const { user, generatedPassword } = await createUser(em, {
      email: values.email ?? '',
      role: values.role as 'admin',
      customer: values.customer,
      customers: list(values.customers),
      password: values.password,
    });
    out(`created user ${user.email} (${user.role})`);
    if (generatedPassword) out(`password: ${generatedPassword}`);
  },
  async 'token:create'(em, args, out) {
    const { values } = parseArgs({
      args,
      options: { email: { type: 'string' }, name: { type: 'string' }, scope: { type: 'string' } },
    });
    const { secret } = await createToken(em, {
      email: values.email ?? '',
      name: values.name ?? '',
      scope: (values.scope ?? 'api') as 'api',
    });
    out(secret);
  },
  async 'customer:create'(em, args, out) {
    const { values } = parseArgs({
      args,
      options: { key: { type: 'string' }, name: { type: 'string' }, timezone: { type: 'string' } },
    });
    const c = await createCustomer(em, {
      key: values.key ?? '',
      name: values.name ?? '',
      timezone: values.timezone ?? 'UTC',
    });
    out(`created customer ${c.key}`);
  },
};

async function run(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(name ? `unknown command: ${name}\n\n${USAGE}` : USAGE);
    return 2;
  }
  let orm: Orm | undefined;
  const logger = createLogger('info', pino.destination({ fd: 2, sync: true }));
  try {
    const config = loadConfig(readEnvironment());
    logger.level = config.logLevel;
    orm = await initOrm(config.database);
    await command(orm.em.fork() as EntityManager, args, (line) =>
      process.stdout.write(`${line}\n`),
    );
    return 0;
  } catch (err) {
    if (err instanceof AppError || err instanceof ConfigError || err instanceof TypeError) {
      process.stderr.write(`error: ${err.message}\n`);
      return err instanceof TypeError ? 2 : 1;
    }
    logger.error({ err }, 'command failed');
    return 1;
  } finally {
    await orm?.close();
  }
}

process.exitCode = await run(process.argv.slice(2));
