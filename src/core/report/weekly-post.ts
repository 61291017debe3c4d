/**
 * When the weekly report goes to the supervisors' channel (POLICY.md §7, 002: a weekly summary
 * to the supervisor), and the words that go with its chart. The playbook's `weeklyReport` names an
 * ISO weekday and an hour in the store's time zone; from that moment of each week on, the last
 * full week's report is due (once: the poster claims it in the store). Pure: `now` is passed in.
 */
import type { StoreSettings } from '../playbook/store-schema.ts';
import { localParts } from '../review/working-time.ts';
import type { Lang } from '../types.ts';
import { lastFullWeek, type IsoWeek } from './iso-week.ts';
import type { WeeklyReport } from './weekly-report.ts';

export type WeeklyReportSchedule = NonNullable<StoreSettings['weeklyReport']>;

/** The week whose report is due at `now`, or undefined before this week's posting time. */
export function dueReportWeek(now: Date, schedule: WeeklyReportSchedule, timeZone: string): IsoWeek | undefined {
  const local = localParts(now, timeZone);
  const hour = Number(local.time.slice(0, 2));
  const due = local.weekday > schedule.weekday || (local.weekday === schedule.weekday && hour >= schedule.hour);
  return due ? lastFullWeek(now, timeZone) : undefined;
}

const pct = (x: number | null): string => (x === null ? '—' : `${Math.round(x * 100)}%`);

/** The message posted with the chart: the week's headline figures, in `lang`. */
export function reportPostText(r: WeeklyReport, lang: Lang): string {
  const money = r.money.map((m) => `${m.currency} ${(m.releasedMinor / 100).toFixed(2)} / ${(m.offeredMinor / 100).toFixed(2)}`).join(', ') || '—';
  if (lang === 'zh') {
    return `每周售后报告 ${r.week}：共 ${r.cases} 件，批准率 ${pct(r.decisions.approvalRate)}，驳回率 ${pct(r.decisions.rejectionRate)}，`
      + `首次回复按时 ${r.firstReply.met}/${r.firstReply.met + r.firstReply.missed}，决定中位时间 ${r.timeToDecisionMinutes.median ?? '—'} 分钟，`
      + `实际发放/草稿提出 ${money}，主管更正分类 ${r.corrections} 件，培训 ${r.training.sessions} 场。完整数据：settle report --week ${r.week} --csv FILE`;
  }
  return `Weekly after-sales report ${r.week}: ${r.cases} cases, approved ${pct(r.decisions.approvalRate)}, rejected ${pct(r.decisions.rejectionRate)}, `
    + `first reply in time ${r.firstReply.met}/${r.firstReply.met + r.firstReply.missed}, median time to decision ${r.timeToDecisionMinutes.median ?? '—'} min, `
    + `released/offered ${money}, ${r.corrections} category corrections, ${r.training.sessions} training sessions. All figures: settle report --week ${r.week} --csv FILE`;
}
