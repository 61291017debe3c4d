/**
 * `settle console` — the local console over the case store: one person acts as agent and
 * supervisor. Logs go to SETTLE_LOG_FILE (default ./data/settle.log), never to the terminal.
 * Works with piped input: `printf '/as agent li\n少发了一件\n' | npx settle console`.
 */
import { runLifecycleScheduler } from '../../app/lifecycle.ts';
import { openApp } from '../../app/open-app.ts';
import { openAppTraining } from '../../app/open-training.ts';
import { runConsole } from '../../adapters/console/run-console.ts';
import { loadConfig, type Config } from '../../config.ts';
import { isUserError, UserError } from '../../core/errors.ts';
import { resolve } from 'node:path';
import type { CliIO, Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../paths.ts';
import type { Store } from '../../store/store.ts';

const USAGE = `usage: settle console [--as agent|supervisor NAME] [--db PATH]

Opens the interactive console on --db, else SETTLE_DB_PATH (default ./data/settle.db). Type /help
inside. Piped input runs the lines as commands and exits 1 if any failed.
`;

export interface ConsoleArgs {
  as?: { role: 'agent' | 'supervisor'; name: string };
  db?: string;
}

/**
 * The console's command line: `--as ROLE NAME`, `--db PATH`, `--help`. Anything else — an unknown
 * flag, a stray word, a missing value — is a UserError('usage') naming it, never ignored.
 */
export function parseConsoleArgs(args: string[], command = 'console'): ConsoleArgs {
  const out: ConsoleArgs = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--as') {
      const role = args[i + 1];
      const name = args[i + 2];
      if (role !== 'agent' && role !== 'supervisor') throw new UserError('usage', `--as needs a role, agent or supervisor, then a name (got ${role === undefined ? 'nothing' : `'${role}'`})`);
      if (!name || name.startsWith('--')) throw new UserError('usage', `--as ${role} needs a name, e.g. --as ${role} li`);
      out.as = { role, name };
      i += 2;
    } else if (a === '--db' || a.startsWith('--db=')) {
      const path = a === '--db' ? args[++i] : a.slice('--db='.length);
      if (!path || path.startsWith('--')) throw new UserError('usage', '--db needs a path, e.g. --db ./data/settle.db');
      out.db = path;
    } else if (a.startsWith('-')) {
      throw new UserError('usage', `unknown option '${a}' for settle ${command}`);
    } else {
      throw new UserError('usage', `settle ${command} takes no argument '${a}'`);
    }
  }
  return out;
}

/** The config with the command line's `--db` over SETTLE_DB_PATH (console and start). */
export function configFor(env: NodeJS.ProcessEnv, args: ConsoleArgs): Config {
  const config = loadConfig(env);
  return args.db ? { ...config, dbPath: resolve(args.db) } : config;
}

/** Runs the console with an already-parsed config (shared with `settle start`). */
export async function openConsole(config: Config, io: CliIO, opts: ConsoleArgs = {}): Promise<number> {
  const role = opts.as?.role;
  const name = opts.as?.name;
  const app = await openApp({ config, logToFile: true, defaultPlaybookDir: DEFAULT_PLAYBOOK_DIR });
  app.ops?.setReady('console', true);
  // The same training service as Slack and Discord (`/train`); a broken scenario folder leaves it out, logged.
  const training = openAppTraining(app);
  try {
    const interactive = io.isTTY && Boolean((io.stdin as { isTTY?: boolean }).isTTY);
    const offline = app.model ? `LLM ${app.model}` : 'offline (no LLM)';
    const banner = interactive
      ? [
          `Settle console · store ${app.storeName.replace(/^sqlite /, '')} · playbook ${app.playbook.version.replace(/^sha256:/, '').slice(0, 8)} · ${offline}`,
          "Type a customer's message to file a complaint; /as agent NAME or /as supervisor NAME says who you are;",
          '/help lists the commands, /quit leaves.',
        ].join('\n')
      : undefined;
    const result = await runConsole({
      desk: app.desk,
      input: io.stdin,
      output: io.stdout,
      interactive,
      color: io.isTTY && !io.env.NO_COLOR,
      width: (io.stdout as { columns?: number }).columns || 80,
      logger: app.logger,
      clock: app.clock,
      getOrder: (id) => app.store.getOrder(id),
      // The lifecycle scheduler runs on one process of those sharing the store (a lease); here it prints.
      scheduler: (notify) => runLifecycleScheduler({ store: app.store, desk: app.desk, clock: app.clock, logger: app.logger, notifiers: [notify] }),
      ...(training ? { training: training.service } : {}),
      ...(await identityLock(config, app.store)),
      ...(role === 'agent' || role === 'supervisor' ? { actor: { role, name: name ?? role } } : {}),
      ...(banner ? { banner } : {}),
    });
    return !interactive && result.errors > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
  } finally {
    await app.close();
  }
}

/**
 * Why `/as` must be off: a store that Slack or Discord use holds real people, and one terminal
 * switching between names could file as one and approve as another. Undefined → `/as` works.
 */
export async function identityLock(config: Config, store: Pick<Store, 'listCases'>): Promise<{ identityLocked?: string }> {
  if (config.slackEnabled || config.discordEnabled) return { identityLocked: 'Slack or Discord is configured for this store' };
  const chatActor = /^(slack|discord|person):/;
  for (let offset = 0; ; offset += 500) {
    const page = await store.listCases({ limit: 500, offset });
    if (page.some((c) => [c.createdBy, ...c.authors, c.decidedBy ?? ''].some((id) => chatActor.test(id)))) {
      return { identityLocked: 'this store holds cases from Slack or Discord' };
    }
    if (page.length < 500) return {};
  }
}

export const consoleCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  try {
    let parsed: ConsoleArgs;
    try {
      parsed = parseConsoleArgs(args);
    } catch (e) {
      if (!isUserError(e)) throw e;
      io.stderr.write(`settle console: ${e.message}\n\n${USAGE}`);
      return EXIT_USAGE;
    }
    return await openConsole(configFor(io.env, parsed), io, parsed);
  } catch (e) {
    if (isUserError(e)) {
      io.stderr.write(`settle console: ${e.message}\n`);
      return EXIT_INPUT_ERROR;
    }
    throw e;
  }
};
