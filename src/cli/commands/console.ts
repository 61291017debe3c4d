/**
 * `settle console` — the local console over the case store: one person acts as agent and
 * supervisor. Logs go to SETTLE_LOG_FILE (default ./data/settle.log), never to the terminal.
 * Works with piped input: `printf '/as agent li\n少发了一件\n' | npx settle console`.
 */
import { openApp } from '../../app/open-app.ts';
import { runConsole } from '../../adapters/console/run-console.ts';
import { loadConfig, type Config } from '../../config.ts';
import { isUserError } from '../../core/errors.ts';
import type { CliIO, Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK } from '../io.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../paths.ts';

const USAGE = `usage: settle console [--as agent|supervisor NAME]

Opens the interactive console on SETTLE_DB_PATH (default ./data/settle.db). Type /help inside.
Piped input runs the lines as commands and exits 1 if any failed.
`;

/** Runs the console with an already-parsed config (shared with `settle start`). */
export async function openConsole(config: Config, io: CliIO, args: string[] = []): Promise<number> {
  const asAt = args.indexOf('--as');
  const role = asAt >= 0 ? args[asAt + 1] : undefined;
  const name = asAt >= 0 ? args[asAt + 2] : undefined;
  const app = await openApp({ config, logToFile: true, defaultPlaybookDir: DEFAULT_PLAYBOOK_DIR });
  try {
    const interactive = io.isTTY && Boolean((io.stdin as { isTTY?: boolean }).isTTY);
    const offline = app.model ? `LLM ${app.model}` : 'offline (no LLM)';
    const banner = interactive
      ? [
          `Settle console · store ${config.dbPath} · playbook ${app.playbook.version.replace(/^sha256:/, '').slice(0, 8)} · ${offline}`,
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
      ...(role === 'agent' || role === 'supervisor' ? { actor: { role, name: name ?? role } } : {}),
      ...(banner ? { banner } : {}),
    });
    return !interactive && result.errors > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
  } finally {
    await app.close();
  }
}

export const consoleCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  try {
    return await openConsole(loadConfig(io.env), io, args);
  } catch (e) {
    if (isUserError(e)) {
      io.stderr.write(`settle console: ${e.message}\n`);
      return EXIT_INPUT_ERROR;
    }
    throw e;
  }
};
