/**
 * `settle start` (`npm start`): Slack when SLACK_BOT_TOKEN + SLACK_SIGNING_SECRET are set,
 * Discord when DISCORD_TOKEN + DISCORD_APPLICATION_ID are set, both when both; the local
 * console when neither. The chat adapters are imported only when configured, so the console
 * never loads their SDKs.
 */
import type { StartDeps, FrontEnd } from '../../app/start-deps.ts';
import { enabledFrontEnds } from '../../adapters/front-ends.ts';
import { describeDefaultDenial } from '../../app/access.ts';
import { runLifecycleScheduler } from '../../app/lifecycle.ts';
import { openApp } from '../../app/open-app.ts';
import { openAppTraining } from '../../app/open-training.ts';
import { startWeeklyReports, type WeeklyReports } from '../../app/weekly-report-post.ts';
import { loadConfig } from '../../config.ts';
import { isUserError, UserError } from '../../core/errors.ts';
import type { CliIO, Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../paths.ts';
import { configFor, openConsole, parseConsoleArgs, type ConsoleArgs } from './console.ts';

const USAGE = `usage: settle start [--db PATH] [--as agent|supervisor NAME]   (npm start)

Slack and/or Discord when configured, else the local console (--as is the console's). See .env.example.
`;

async function startChat(io: CliIO, config: ReturnType<typeof loadConfig>): Promise<number> {
  const app = await openApp({ config, defaultPlaybookDir: DEFAULT_PLAYBOOK_DIR });
  const training = openAppTraining(app);
  const metrics = app.metrics;
  const deps: StartDeps = {
    desk: app.desk, config, logger: app.logger, clock: app.clock, ...(training ? { training: training.service } : {}),
    ...(metrics ? { onAck: (platform: 'slack' | 'discord', seconds: number) => metrics.ackLatency.observe({ platform }, seconds) } : {}),
  };
  const running: { name: string; fe: FrontEnd }[] = [];
  let stopWith: (code: number) => void = () => undefined;
  const stopped = new Promise<number>((resolve) => (stopWith = resolve));
  const onSignal = () => stopWith(EXIT_OK);
  // An SDK's background failure (e.g. Slack unreachable) ends the run cleanly: logged, stopped, exit 1.
  const onRejection = (e: unknown) => {
    app.logger.fatal({ err: e }, 'a front end failed; stopping');
    io.stderr.write(`settle: a front end failed (${e instanceof Error ? e.message : String(e)}); stopping. Details are in the log.\n`);
    stopWith(EXIT_INPUT_ERROR);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  process.on('unhandledRejection', onRejection);
  let code: number;
  let weekly: WeeklyReports | undefined;
  let scheduler: { stop(): Promise<void> } | undefined;
  try {
    // One row per chat front end (adapters/front-ends.ts); each loads its SDK only when enabled.
    for (const row of enabledFrontEnds(config)) {
      running.push({ name: row.name, fe: await row.start(deps) });
      app.ops?.setReady(row.name, true);
    }
    // The weekly report to the supervisors' channels (playbook weeklyReport; SLACK_REPORT_CHANNEL, DISCORD_REPORT_CHANNEL_ID).
    const posters = running.flatMap((r) => (r.fe.reportPoster ? [r.fe.reportPoster] : []));
    if (posters.length && app.playbook.settings.weeklyReport) weekly = startWeeklyReports({ store: app.store, playbook: app.playbook, clock: app.clock, logger: app.logger, posters });
    // The lifecycle scheduler (docs/lifecycle.md): one process of those sharing the store (a lease) posts each notice once.
    const notifiers = running.flatMap((r) => (r.fe.lifecycleNotifier ? [r.fe.lifecycleNotifier] : []));
    if (notifiers.length) scheduler = runLifecycleScheduler({ store: app.store, desk: app.desk, clock: app.clock, logger: app.logger, notifiers });
    io.stdout.write(`settle: running ${running.map((r) => r.name).join(' + ')} (store ${app.storeName}); Ctrl+C stops\n`);
    const denial = describeDefaultDenial(config);
    if (denial) io.stdout.write(`${denial}\n`);
    code = await stopped;
  } finally {
    await scheduler?.stop().catch((e: unknown) => app.logger.error({ err: e }, 'lifecycle scheduler stop failed'));
    await weekly?.stop().catch((e: unknown) => app.logger.error({ err: e }, 'weekly report stop failed'));
    for (const r of running) app.ops?.setReady(r.name, false);
    for (const r of running.reverse()) await r.fe.stop().catch((e: unknown) => app.logger.error({ err: e, frontEnd: r.name }, 'stop failed'));
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    process.off('unhandledRejection', onRejection);
    await app.close();
  }
  return code;
}

export const startCommand: Command = async (args, io) => {
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout.write(USAGE);
    return EXIT_OK;
  }
  let parsed: ConsoleArgs;
  try {
    parsed = parseConsoleArgs(args, 'start');
  } catch (e) {
    if (!isUserError(e)) throw e;
    io.stderr.write(`settle start: ${e.message}\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  try {
    const config = configFor(io.env, parsed);
    if (enabledFrontEnds(config).length > 0) {
      if (parsed.as) throw new UserError('usage', '--as is for the console; Slack and Discord know who is acting');
      return await startChat(io, config);
    }
    return await openConsole(config, io, parsed);
  } catch (e) {
    if (isUserError(e)) {
      io.stderr.write(`settle start: ${e.message}\n`);
      return EXIT_INPUT_ERROR;
    }
    throw e;
  }
};
