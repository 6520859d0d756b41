// `npm run cli -- <command>`: accounts, inventory import and CSV export on the configured database.
// Logs go to standard error; standard output carries only each command's result.
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { ConfigError, loadConfig, readEnvironment } from './config/config.js';
import { createLogger } from './config/logger.js';
import { initOrm, type Orm } from './db/orm.js';
import { readFileSync } from 'node:fs';
import { createServices, type Services } from './app.js';
import type { Config } from './config/config.js';
import { isServerRunning } from './db/server-lock.js';
import { AppError, ConflictError } from './domain/errors.js';
import type { Viewer } from './domain/viewer.js';
import { createCustomer, createToken, createUser } from './services/accounts.js';
import type { EntityManager } from '@mikro-orm/knex';
import type { ReconcileKind } from './db/entities/reconcile.js';
import { runView } from './services/reconcile-view.js';

const USAGE = `usage: npm run cli -- <command> [options]

  user:create --email E --role admin|account_manager|customer
              [--customer KEY] [--customers KEY,KEY] [--password P]
  token:create --email E --name NAME [--scope api|events]
  customer:create --key KEY --name NAME [--timezone ZONE]
  import FILE.json      (refused while a server runs: use PUT /api/v1/inventory)
  reconcile [--kind gap|topology]  (both by default; refused while a server runs:
                                    use POST /api/v1/reconcile)
  export services|incidents [--from ISO --to ISO]
`;

interface CommandContext {
  em: EntityManager;
  config: Config;
  services: Services;
  out: (line: string) => void;
  write: (text: string) => void;
}

type Command = (ctx: CommandContext, args: string[]) => Promise<void>;

/** The CLI acts for the operator: it sees every customer, like an admin. */
const OPERATOR: Viewer = {
  userId: 0,
  email: 'cli',
  role: 'admin',
  customerId: null,
  portfolio: [],
  via: 'token',
  scope: 'api',
};

const list = (v: string | undefined) =>
  v
    ? v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

const commands: Record<string, Command> = {
  async 'user:create'({ em, out }, args) {
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
  async 'token:create'({ em, out }, args) {
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
  async 'customer:create'({ em, out }, args) {
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
  async import({ em, config, services, out }, args) {
    const [file] = args;
    if (!file) throw new TypeError('usage: import FILE.json');
    if (await isServerRunning(config.database)) {
      throw new ConflictError(
        'server_running',
        'a PathUptime server holds this database: it keeps the inventory in memory, so send the ' +
          'document to it instead (PUT /api/v1/inventory with an admin token)',
      );
    }
    let document: unknown;
    try {
      document = JSON.parse(readFileSync(file, 'utf8'));
    } catch (err) {
      throw new TypeError(`cannot read ${file} as JSON: ${(err as Error).message}`, {
        cause: err,
      });
    }
    out(JSON.stringify(await services.inventory.put(em, document, null)));
  },
  async reconcile({ config, services, out }, args) {
    const { values } = parseArgs({ args, options: { kind: { type: 'string' } } });
    const kinds = values.kind ? [values.kind] : ['topology', 'gap'];
    if (kinds.some((k) => k !== 'gap' && k !== 'topology')) {
      throw new TypeError('usage: reconcile [--kind gap|topology]');
    }
    if (await isServerRunning(config.database)) {
      throw new ConflictError(
        'server_running',
        'a PathUptime server holds this database: ask it instead (POST /api/v1/reconcile with ' +
          'an admin token)',
      );
    }
    const failures: string[] = [];
    try {
      for (const kind of kinds as ReconcileKind[]) {
        const run = await services.reconcile.run(kind);
        out(JSON.stringify(runView(run)));
        if (run.status === 'failed') failures.push(`${kind} run ${run.id}: ${run.error}`);
      }
    } finally {
      await services.reconcile.close();
    }
    if (failures.length > 0) {
      throw new AppError(502, 'reconcile_failed', `reconciliation failed: ${failures.join('; ')}`);
    }
  },
  async export({ em, services, write }, args) {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { from: { type: 'string' }, to: { type: 'string' } },
    });
    const kind = positionals[0];
    if (kind !== 'services' && kind !== 'incidents') {
      throw new TypeError('usage: export services|incidents --from ISO --to ISO');
    }
    write(await services.reports.csv(em, OPERATOR, values, kind));
  },
};

/** Prints every error detail (JSON path and message) under the message. */
function describeError(err: AppError): string {
  const details = err.details.map((d) => `\n  ${d.path}: ${d.message}`).join('');
  return `error: ${err.message}${details}\n`;
}

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
    await command(
      {
        em: orm.em.fork() as EntityManager,
        config,
        services: createServices(config, orm, logger, { engineReadOnly: true }),
        out: (line) => process.stdout.write(`${line}\n`),
        write: (text) => process.stdout.write(text),
      },
      args,
    );
    return 0;
  } catch (err) {
    if (err instanceof AppError) {
      process.stderr.write(describeError(err));
      return 1;
    }
    if (err instanceof ConfigError || err instanceof TypeError) {
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
