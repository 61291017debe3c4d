/**
 * `settle start` (`npm start`): Slack when SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET are set,
 * Discord when DISCORD_TOKEN + DISCORD_APPLICATION_ID are set, both when both; the local
 * console when neither. The chat adapters are imported only when configured, so the console
 * never loads their SDKs.
 */
import type { StartDeps, FrontEnd } from '../../app/start-deps.ts';
import { openApp } from '../../app/open-app.ts';
import { loadConfig } from '../../config.ts';
import { isUserError } from '../../core/errors.ts';
import type { CliIO, Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK } from '../io.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../paths.ts';
import { openConsole } from './console.ts';

type StartFn = (deps: StartDeps) => Promise<FrontEnd>;
// Computed specifiers: the SDK-heavy adapters load only when configured, and this file does not
// depend on them at compile time (they implement StartFn; docs/parts/store-console.md).
const SLACK_MODULE: string = '../../adapters/slack/start-slack.ts';
const DISCORD_MODULE: string = '../../adapters/discord/start-discord.ts';

async function startChat(io: CliIO, config: ReturnType<typeof loadConfig>): Promise<number> {
  const app = await openApp({ config, env: io.env, defaultPlaybookDir: DEFAULT_PLAYBOOK_DIR });
  const deps: StartDeps = { desk: app.desk, config, logger: app.logger, clock: app.clock };
  const running: { name: string; fe: FrontEnd }[] = [];
  try {
    if (config.slackEnabled) {
      const { startSlack } = (await import(SLACK_MODULE)) as { startSlack: StartFn };
      running.push({ name: 'slack', fe: await startSlack(deps) });
    }
    if (config.discordEnabled) {
      const { startDiscord } = (await import(DISCORD_MODULE)) as { startDiscord: StartFn };
      running.push({ name: 'discord', fe: await startDiscord(deps) });
    }
  } catch (e) {
    for (const r of running.reverse()) await r.fe.stop().catch(() => undefined);
    await app.close();
    throw e;
  }
  io.stdout.write(`settle: running ${running.map((r) => r.name).join(' + ')} (store ${config.dbPath}); Ctrl+C stops\n`);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  for (const r of running.reverse()) await r.fe.stop().catch((e: unknown) => app.logger.error({ err: e, frontEnd: r.name }, 'stop failed'));
  await app.close();
  return EXIT_OK;
}

export const startCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write('usage: settle start   (npm start) — Slack and/or Discord when configured, else the local console. See .env.example.\n');
    return EXIT_OK;
  }
  try {
    const config = loadConfig(io.env);
    if (config.slackEnabled || config.discordEnabled) return await startChat(io, config);
    return await openConsole(config, io, args);
  } catch (e) {
    if (isUserError(e)) {
      io.stderr.write(`settle start: ${e.message}\n`);
      return EXIT_INPUT_ERROR;
    }
    throw e;
  }
};
