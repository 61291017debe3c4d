/**
 * The weekly report as CSV (RFC 4180): one row per figure, `section,key,value`, so a spreadsheet
 * can chart any of it and the committed example stays readable in a diff. Money in minor units.
 */
import type { WeeklyReport } from './weekly-report.ts';

function cell(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** All the report's figures as CSV text, header first, CRLF-free (`\n`). */
export function reportToCsv(r: WeeklyReport): string {
  const rows: [string, string, string | number | null][] = [
    ['week', 'label', r.week], ['week', 'from', r.from], ['week', 'to', r.to], ['cases', 'total', r.cases],
    ...Object.entries(r.byCategory).map(([k, v]) => ['category', k, v] as [string, string, number]),
    ...r.bySubtype.map((s) => ['subtype', `${s.category}/${s.subtype}`, s.count] as [string, string, number]),
    ['first_reply', 'met', r.firstReply.met], ['first_reply', 'missed', r.firstReply.missed], ['first_reply', 'limit_hours', r.firstReply.hours],
    ['decisions', 'approved', r.decisions.approved], ['decisions', 'rejected', r.decisions.rejected], ['decisions', 'pending', r.decisions.pending],
    ['decisions', 'approval_rate', r.decisions.approvalRate], ['decisions', 'rejection_rate', r.decisions.rejectionRate],
    ['edits', 'released', r.edits.released], ['edits', 'edited', r.edits.edited], ['edits', 'mean_distance', r.edits.meanDistance], ['edits', 'max_distance', r.edits.maxDistance],
    ['time_to_decision_minutes', 'decided', r.timeToDecisionMinutes.decided], ['time_to_decision_minutes', 'median', r.timeToDecisionMinutes.median], ['time_to_decision_minutes', 'mean', r.timeToDecisionMinutes.mean],
    ...r.money.flatMap((m) => [['money_offered_minor', m.currency, m.offeredMinor], ['money_released_minor', m.currency, m.releasedMinor]] as [string, string, number][]),
    ...r.topRules.map((x) => ['rule', x.rule, x.count] as [string, string, number]),
    ['corrections', 'total', r.corrections], ['training', 'sessions', r.training.sessions], ['training', 'mean_total', r.training.meanTotal],
  ];
  return `${['section,key,value', ...rows.map((row) => row.map(cell).join(','))].join('\n')}\n`;
}
