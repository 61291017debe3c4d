/**
 * The weekly report's post to the supervisors' channels on the playbook's schedule (Monday 09:00,
 * Asia/Shanghai), through the real Slack and Discord adapters against the loopback fakes: Slack
 * receives the PNG by files.uploadV2 (getUploadURLExternal, the upload URL, completeUploadExternal),
 * Discord as a message attachment. The store has known cases (test/cli/report-store.ts); the
 * clock is set by the test; each week is posted once per platform, whatever process checks.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDiscord } from '../../src/adapters/discord/start-discord.ts';
import { startSlack } from '../../src/adapters/slack/start-slack.ts';
import { findCjkFont } from '../../src/app/report-chart.ts';
import { startWeeklyReports, type ReportPoster, type WeeklyReports } from '../../src/app/weekly-report-post.ts';
import { DEFAULT_PLAYBOOK_DIR } from '../../src/cli/paths.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { dueReportWeek } from '../../src/core/report/weekly-post.ts';
import { createLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import { startFakeDiscord, type FakeDiscord } from '../fakes/discord/fake-discord.ts';
import { FakeSlackApi } from '../fakes/slack/fake-slack-api.ts';
import { buildReportStore } from '../cli/report-store.ts';

const playbook = loadPlaybook(DEFAULT_PLAYBOOK_DIR);
const SCHEDULE = playbook.settings.weeklyReport!;
const TZ = playbook.settings.review!.timezone;
const font = findCjkFont();
const BOT_TOKEN = 'xoxb-test-weekly-report';
const SLACK_CHANNEL = 'C_SUPERVISORS';

describe('dueReportWeek (the playbook: Monday 09:00 in the store\'s time zone)', () => {
  it.each([
    ['Monday 08:59 Shanghai', '2026-11-30T00:59:00Z', undefined],
    ['Monday 09:00 Shanghai', '2026-11-30T01:00:00Z', '2026-W48'],
    ['Sunday 23:00 Shanghai, the week after', '2026-12-06T15:00:00Z', '2026-W48'],
    ['Monday 00:30 Shanghai is Sunday in UTC: not yet', '2026-12-06T16:30:00Z', undefined],
    ['Monday 09:00 the next week', '2026-12-07T01:00:00Z', '2026-W49'],
  ])('%s → %s', (_name, at, week) => {
    expect(dueReportWeek(new Date(at), SCHEDULE, TZ)?.label).toBe(week);
  });
});

/** The PNG's size from its IHDR. */
function pngSize(b: Buffer): [number, number] {
  expect(b.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe.skipIf(!font)('the weekly post to Slack and Discord', () => {
  let slack: FakeSlackApi;
  let discord: FakeDiscord;
  let store: SqliteStore;
  let stops: (() => Promise<void>)[] = [];
  let posters: ReportPoster[];
  let now = new Date('2026-11-30T00:59:00Z');
  const clock = () => now;
  let logs = '';
  const logger = createLogger({ level: 'info', destination: new Writable({ write(c, _e, cb) { logs += String(c); cb(); } }) });
  const reportChannel = () => discord.world.guild.channels[1]!.id;
  const weekly = (holder: string): WeeklyReports => startWeeklyReports({ store, playbook, clock, logger, posters, timer: false, holder });

  beforeAll(async () => {
    store = openSqliteStore(await buildReportStore(), { backgroundCheckpoint: false });
    slack = await new FakeSlackApi({ botToken: BOT_TOKEN, channels: [SLACK_CHANNEL] }).start();
    discord = await startFakeDiscord();
    const config: Config = {
      ...loadConfig({
        SETTLE_DB_PATH: '/nonexistent/settle.db',
        SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: 'weekly-secret', SLACK_API_URL: slack.apiUrl, SLACK_REPORT_CHANNEL: SLACK_CHANNEL,
        DISCORD_TOKEN: discord.world.token, DISCORD_APPLICATION_ID: discord.world.applicationId, DISCORD_API_URL: discord.apiUrl, DISCORD_REPORT_CHANNEL_ID: reportChannel(),
      }),
      port: 0,
    };
    const deps = { desk: {} as never, config, logger, clock };
    const s = await startSlack(deps, { host: '127.0.0.1' });
    const d = await startDiscord(deps);
    stops = [() => s.stop(), () => d.stop()];
    posters = [s.reportPoster!, d.reportPoster!];
  }, 30_000);

  afterAll(async () => {
    for (const stop of stops) await stop();
    await store?.close();
    await slack?.close();
    await discord?.close();
  });

  it('before Monday 09:00 nothing is posted', async () => {
    const w = weekly('p1');
    expect(await w.tick()).toBeUndefined();
    await w.stop();
    expect(slack.files).toEqual([]);
  });

  it('at Monday 09:00 the last full week goes to both channels: the same PNG, 960×540, with its summary', async () => {
    now = new Date('2026-11-30T01:00:00Z');
    const w = weekly('p1');
    expect(await w.tick()).toEqual({ week: '2026-W48', posted: ['slack', 'discord'], failed: [] });
    await w.stop();

    // Slack: getUploadURLExternal → the bytes at the upload URL → completeUploadExternal in the channel.
    expect(slack.callsTo('files.getUploadURLExternal', true).map((c) => c.args.filename)).toEqual(['settle-report-2026-W48.png']);
    expect(slack.callsTo('files.completeUploadExternal', true)).toHaveLength(1);
    const [file] = slack.files;
    expect(file).toMatchObject({ filename: 'settle-report-2026-W48.png', title: 'Settle 2026-W48', channel: SLACK_CHANNEL });
    expect(file!.initialComment).toMatch(/^每周售后报告 2026-W48：共 4 件，批准率 67%，驳回率 33%/);
    expect(pngSize(file!.bytes)).toEqual([960, 540]);

    // Discord: one multipart message in the supervisors' channel, the PNG as its attachment.
    const call = await discord.waitForCall((c) => c.route === 'POST /channels/{channel_id}/messages');
    expect(discord.invalidCalls()).toEqual([]);
    expect(call.params.channel_id).toBe(reportChannel());
    expect(call.files.map((f) => [f.field, f.filename])).toEqual([['files[0]', 'settle-report-2026-W48.png']]);
    expect(call.files[0]!.bytes.equals(file!.bytes)).toBe(true);
    const message = [...discord.rest.messages.values()].find((m) => m.channel_id === reportChannel())!;
    expect(message.content).toBe(file!.initialComment);
    expect(message.attachments).toMatchObject([{ filename: 'settle-report-2026-W48.png', size: file!.bytes.length, description: 'Settle 2026-W48' }]);
  });

  it('a later check, a restart or another process does not post the week again', async () => {
    now = new Date('2026-11-30T05:00:00Z');
    const first = weekly('p1');
    expect(await first.tick()).toEqual({ week: '2026-W48', posted: [], failed: [] });
    // While p1 holds the lease, p2 does nothing; once p1 stops, p2 takes over and finds the week posted.
    const second = weekly('p2');
    expect(await second.tick()).toBeUndefined();
    await first.stop();
    expect(await second.tick()).toEqual({ week: '2026-W48', posted: [], failed: [] });
    await second.stop();
    expect(slack.files).toHaveLength(1);
    expect(discord.rest.calls.filter((c) => c.route === 'POST /channels/{channel_id}/messages')).toHaveLength(1);
  });

  it('the next week is posted the next Monday; a platform that fails is logged with the command to make it by hand, the other still gets it', async () => {
    now = new Date('2026-12-07T01:00:00Z');
    slack.failNext('files.getUploadURLExternal', 'not_allowed_token_type');
    const w = weekly('p1');
    expect(await w.tick()).toEqual({ week: '2026-W49', posted: ['discord'], failed: ['slack'] });
    await w.stop();
    expect(logs).toContain('weekly report not posted; make it by hand: settle report --week 2026-W49 --png FILE');
    expect(slack.files).toHaveLength(1);
    const posted = discord.rest.calls.filter((c) => c.route === 'POST /channels/{channel_id}/messages');
    expect(posted).toHaveLength(2);
    expect(posted[1]!.files[0]!.filename).toBe('settle-report-2026-W49.png');
  });
});

if (!font) console.warn('skipped the weekly post test: no CJK font (apt-get install -y fonts-noto-cjk)');
