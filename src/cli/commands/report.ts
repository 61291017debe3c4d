import { writeFileSync } from 'node:fs';
import { isUserError } from '../../core/errors.ts';
import { lastFullWeek, parseIsoWeek } from '../../core/report/iso-week.ts';
import { reportToCsv } from '../../core/report/report-csv.ts';
import { buildWeeklyReport } from '../../core/report/weekly-report.ts';
import { LANGS, type Lang } from '../../core/types.ts';
import { loadPlaybook } from '../../playbook/load-playbook.ts';
import type { Command } from '../io.ts';
import { parseCommandArgs } from '../playbook-args.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';
import { playbookDirFor } from '../paths.ts';
import { openExistingStore } from './open-report-store.ts';
import { renderReportPng } from '../../app/report-chart.ts';

const HELP = `usage: settle report --week [YYYY-Www] [--png FILE] [--csv FILE] [--db PATH] [--lang zh|en] [--now ISO]

The supervisor's weekly summary (POLICY.md §7) from the case store, as one JSON object on stdout:
cases by category and subtype, first reply within the §6 limit, approval and rejection rates,
edit distance between Settle's draft and the released text, time to decision, money offered
against released (minor units), the rules applied most, corrections and training progress.

  --week [YYYY-Www]  the ISO week, in the store's time zone (playbook review.timezone); without a
                     value, the last full week before --now
  --png FILE         also write the chart (cases by subtype) as a PNG; needs fonts-noto-cjk
  --csv FILE         also write every figure as CSV (section,key,value)
  --db PATH          the case store (default: SETTLE_DB_PATH or ./data/settle.db); read only
  --lang zh|en       the chart's language (default zh)
  --playbook DIR     store playbook folder (time zone, §6 first-reply limit)
  --now ISO          the clock (default: the current time)
`;

/** `--week` with no value after it (last, or before another option) means the default week. */
function withoutBareWeek(args: string[]): string[] {
  return args.filter((a, i) => !(a === '--week' && (i + 1 >= args.length || args[i + 1]!.startsWith('--'))));
}

/** `settle report` — the weekly report (docs/CONTRACT.md, addition). */
export const reportCommand: Command = async (args, io) => {
  const parsed = parseCommandArgs('report', withoutBareWeek(args), io, HELP, {
    week: { type: 'string' }, png: { type: 'string' }, csv: { type: 'string' }, db: { type: 'string' }, lang: { type: 'string' },
  });
  if (typeof parsed === 'number') return parsed;
  const { values, now } = parsed;
  const lang = (values.lang ?? 'zh') as Lang;
  if (!LANGS.includes(lang)) {
    io.stderr.write(`settle report: --lang '${values.lang}' is not one of ${LANGS.join(', ')}\n`);
    return EXIT_USAGE;
  }
  try {
    const playbook = loadPlaybook(playbookDirFor(values.playbook, io.env));
    const tz = playbook.settings.review?.timezone ?? 'UTC';
    const week = values.week ? parseIsoWeek(values.week, tz) : lastFullWeek(now, tz);
    const opened = await openExistingStore(values.db, io.env);
    let report;
    try {
      const { store } = opened;
      const range = { from: week.from, to: week.to };
      report = buildWeeklyReport(week, await store.listReportCases(range), await store.trainingFigures(range), playbook.settings.sla.firstReplyHours);
    } finally {
      await opened.close();
    }
    if (values.csv) writeFileSync(values.csv, reportToCsv(report));
    if (values.png) writeFileSync(values.png, renderReportPng(report, { lang }));
    io.stdout.write(`${JSON.stringify(report)}\n`);
    return EXIT_OK;
  } catch (e) {
    if (isUserError(e)) {
      io.stderr.write(`settle report: ${e.message}\n`);
      return EXIT_INPUT_ERROR;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code) {
      io.stderr.write(`settle report: cannot write ${values.png ?? values.csv}: ${code}\n`);
      return EXIT_INPUT_ERROR;
    }
    throw e;
  }
};
