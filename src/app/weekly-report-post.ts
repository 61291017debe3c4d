/**
 * The weekly report's post to the supervisors' channel, on the playbook's schedule
 * (`weeklyReport`: weekday and hour in the store's time zone). One process of several does it
 * (the `weekly-report` lease, lease-runner.ts); each platform's post of a week is claimed in the
 * store first (`rememberRequest`), so a restart, a second process or a second check never posts
 * it twice. A post that fails is logged with the command that makes the same report by hand; it
 * is not retried (the claim stays), so a channel never gets it twice. The front ends supply the
 * posters (Slack: files.uploadV2; Discord: a message with the PNG attached); this file is
 * platform-neutral.
 */
import { dueReportWeek, reportPostText } from '../core/report/weekly-post.ts';
import { buildWeeklyReport } from '../core/report/weekly-report.ts';
import type { Playbook } from '../core/playbook/schema.ts';
import type { Logger } from '../logger.ts';
import { runUnderLease } from '../store/lease-runner.ts';
import type { Store } from '../store/store.ts';
import { renderReportPng } from './report-chart.ts';

/** What a platform posts: the summary text and the chart. */
export interface ReportPost {
  week: string;
  text: string;
  png: Buffer;
  filename: string;
  title: string;
}

/** One platform's way to put a report in its supervisors' channel. */
export interface ReportPoster {
  platform: string;
  post(post: ReportPost): Promise<void>;
}

export interface WeeklyReportOptions {
  store: Store;
  playbook: Playbook;
  clock: () => Date;
  logger: Logger;
  posters: ReportPoster[];
  /** Font files for the chart (default: the installed Noto CJK). */
  fontFiles?: string[];
}

/** What one check did: the week that was due, and which platforms got it now. */
export interface PostOutcome {
  week: string;
  posted: string[];
  failed: string[];
}

/** A claimed post is remembered this long: past it the week is no longer the last full one. */
const CLAIM_MS = 35 * 86_400_000;

/** Posts the due week's report to every platform that has not had it; undefined when none is due. */
export async function postDueReport(o: WeeklyReportOptions): Promise<PostOutcome | undefined> {
  const schedule = o.playbook.settings.weeklyReport;
  if (!schedule || o.posters.length === 0) return undefined;
  const tz = o.playbook.settings.review?.timezone ?? 'UTC';
  const now = o.clock();
  const week = dueReportWeek(now, schedule, tz);
  if (!week) return undefined;
  const outcome: PostOutcome = { week: week.label, posted: [], failed: [] };
  let post: ReportPost | undefined;
  for (const poster of o.posters) {
    const claimed = await o.store.rememberRequest(`weekly-report:${poster.platform}:${week.label}`, now.toISOString(), new Date(now.getTime() + CLAIM_MS).toISOString());
    if (!claimed) continue;
    try {
      if (!post) {
        const range = { from: week.from, to: week.to };
        const report = buildWeeklyReport(week, await o.store.listReportCases(range), await o.store.trainingFigures(range), o.playbook.settings.sla.firstReplyHours);
        const png = renderReportPng(report, { lang: schedule.lang, ...(o.fontFiles ? { fontFiles: o.fontFiles } : {}) });
        post = { week: week.label, text: reportPostText(report, schedule.lang), png, filename: `settle-report-${week.label}.png`, title: `Settle ${week.label}` };
      }
      await poster.post(post);
      outcome.posted.push(poster.platform);
      o.logger.info({ week: week.label, platform: poster.platform, bytes: post.png.length }, 'weekly report posted');
    } catch (err) {
      outcome.failed.push(poster.platform);
      o.logger.error({ err, week: week.label, platform: poster.platform }, `weekly report not posted; make it by hand: settle report --week ${week.label} --png FILE`);
    }
  }
  return outcome;
}

export interface WeeklyReports {
  /** Renews the lease and, while this process holds it, posts what is due (tests call it on a set clock). */
  tick(): Promise<PostOutcome | undefined>;
  stop(): Promise<void>;
}

/** Checks every `checkEveryMs` (default a minute) on the process that holds the `weekly-report` lease. */
export function startWeeklyReports(o: WeeklyReportOptions & { timer?: boolean; checkEveryMs?: number; leaseTtlMs?: number; holder?: string }): WeeklyReports {
  let running: Promise<PostOutcome | undefined> | undefined;
  const check = (): Promise<PostOutcome | undefined> => {
    if (!runner.holding()) return Promise.resolve(undefined);
    running ??= postDueReport(o).finally(() => (running = undefined));
    return running;
  };
  const runner = runUnderLease({
    store: o.store, name: 'weekly-report', ttlMs: o.leaseTtlMs ?? 60_000, clock: o.clock, logger: o.logger, timer: o.timer, ...(o.holder ? { holder: o.holder } : {}),
    start: () => {
      const t = o.timer === false ? undefined : setInterval(() => void check().catch((err: unknown) => o.logger.error({ err }, 'weekly report check failed')), o.checkEveryMs ?? 60_000);
      t?.unref();
      return { async stop() { if (t) clearInterval(t); } };
    },
  });
  return {
    async tick() {
      await runner.tick();
      return check();
    },
    async stop() {
      await running?.catch(() => undefined);
      await runner.stop();
    },
  };
}
