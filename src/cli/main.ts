/**
 * `settle` — one entry point, subcommands routed by table. Each command lives in
 * src/cli/commands/<name>.ts and is loaded only when used, so `settle classify` does not pay for
 * the Slack or Discord SDKs.
 */
import { readFileSync } from 'node:fs';
import { withEnvFile } from '../config.ts';
import type { CliIO, Command } from './io.ts';
import { EXIT_OK, EXIT_USAGE } from './io.ts';

interface CommandEntry {
  summary: string;
  load: () => Promise<Command>;
}

const COMMANDS: Record<string, CommandEntry> = {
  classify: { summary: 'classify JSON Lines of {id, text} (CONTRACT.md)', load: async () => (await import('./commands/classify.ts')).classifyCommand },
  draft: { summary: 'draft a reply and offers for JSON Lines of cases (CONTRACT.md)', load: async () => (await import('./commands/draft.ts')).draftCommand },
  eval: { summary: 'precision / recall / F1, confusion matrix and macro-F1 of the classifier on a labelled JSON Lines file', load: async () => (await import('./commands/eval.ts')).evalCommand },
  start: { summary: 'npm start: Slack and/or Discord when configured, else the local console', load: async () => (await import('./commands/start.ts')).startCommand },
  console: { summary: 'the local console: file, answer, approve, release cases in the terminal', load: async () => (await import('./commands/console.ts')).consoleCommand },
  audit: { summary: 'audit verify: check the tamper-evident audit ledger and print its head (docs/audit.md)', load: async () => (await import('./commands/audit.ts')).auditCommand },
  migrate: { summary: 'apply pending schema migrations to the store (SETTLE_DATABASE_URL or SETTLE_DB_PATH)', load: async () => (await import('./commands/migrate.ts')).migrateCommand },
  orders: { summary: 'import orders (CSV or JSON Lines) into the case store; show one', load: async () => (await import('./commands/orders.ts')).ordersCommand },
  score: { summary: 'score role-play transcripts (JSON Lines) against the POLICY.md §8 rubric (CONTRACT.md)', load: async () => (await import('./commands/score.ts')).scoreCommand },
  train: { summary: 'training role-play: Settle plays the customer; swap, rate, report', load: async () => (await import('./commands/train.ts')).trainCommand },
  review: { summary: 'negative reviews: analysis, private draft, public reply and deadlines for JSON Lines of reviews (CONTRACT.md)', load: async () => (await import('./commands/review.ts')).reviewCommand },
  report: { summary: 'the weekly report from the case store: report --week [YYYY-Www] [--png FILE] [--csv FILE] [--db PATH]', load: async () => (await import('./commands/report.ts')).reportCommand },
  label: { summary: 'a supervisor corrects a stored case\'s category: label CASE CATEGORY [SUBTYPE] (audited)', load: async () => (await import('./commands/label.ts')).labelCommand },
  export: { summary: 'export --labelled [--out FILE]: confirmed and corrected labels as classifier training lines, personal data scrubbed', load: async () => (await import('./commands/export.ts')).exportCommand },
  discord: { summary: 'register the /settle command with Discord: discord register [--guild ID]', load: async () => (await import('./commands/discord.ts')).discordCommand },
};

function usage(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((n) => n.length));
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  settle ${name.padEnd(width)}  ${c.summary}`);
  return ['usage: settle <command> [options]', '', 'commands:', ...lines, '', 'Run `settle <command> --help` for a command\'s options; `settle --version` prints the version.', ''].join('\n');
}

/** Runs one command line; returns the exit code. Never throws for user errors. */
export async function main(argv: string[], io?: CliIO): Promise<number> {
  if (!io) {
    const made = processIO();
    if ('error' in made) {
      process.stderr.write(`settle: ${made.error}\n`);
      return EXIT_USAGE;
    }
    io = made;
  }
  const [name, ...args] = argv;
  if (name === '--version' || name === '-v' || name === 'version') {
    io.stdout.write(`settle ${readVersion()}\n`);
    return EXIT_OK;
  }
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(usage());
    return name ? 0 : EXIT_USAGE;
  }
  const entry = COMMANDS[name];
  if (!entry) {
    io.stderr.write(`settle: unknown command '${name}'\n\n${usage()}`);
    return EXIT_USAGE;
  }
  const command = await entry.load();
  return command(args, io);
}

/** The package's version, from package.json next to src/. */
function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/**
 * Why `.env` in `cwd` cannot be read, in one line; undefined when it is absent or readable.
 * Exported for tests.
 */
export function envFileError(path: string, e: unknown): string {
  const code = (e as { code?: string }).code;
  const why = code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'is not readable (permission denied)' : `cannot be read (${code ?? String(e)})`;
  return `${path} ${why}; fix or remove it (the environment alone also works)`;
}

/** The real process's streams, with `./.env` loaded under the environment (the environment wins). */
export function processIO(envPath = '.env'): CliIO | { error: string } {
  let env = process.env;
  try {
    env = withEnvFile(process.env, readFileSync(envPath, 'utf8'));
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') return { error: envFileError(envPath, e) };
  }
  return {
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: Boolean(process.stdout.isTTY),
    env,
  };
}
