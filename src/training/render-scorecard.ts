/**
 * Plain-text rendering of training output for a terminal or a chat thread: the scorecard, the
 * policy-correct resolution and the supervisor report. Adapters may format richer; this is the
 * shared default, so every front end shows the same facts.
 */
import type { CriterionId } from '../core/training/criteria.ts';
import type { TraineeReport } from '../core/training/report.ts';
import type { Scorecard } from '../core/training/score-transcript.ts';
import { formatMoney } from '../core/money.ts';

export const CRITERION_LABELS: Record<CriterionId, string> = {
  empathy: 'empathy first (T-1) 先共情',
  listening: 'listening & questions 倾听提问',
  analysis: 'analysis of type & demand 分析',
  solution: 'solution per §3/§4 方案',
  commitment: 'concrete commitments (T-7) 承诺',
  taboo: 'no taboo phrases (T-3) 禁语',
  compliance: 'compliance (T-4) 合规',
  privacy: 'privacy (T-6) 隐私',
  timeliness: 'reply time (§6) 时效',
};

const stars = (n: number) => '★'.repeat(n) + '☆'.repeat(5 - n);

/** The scorecard as lines of text. */
export function renderScorecard(card: Scorecard): string {
  const width = Math.max(...Object.values(CRITERION_LABELS).map((l) => l.length));
  const lines = [`Score: ${card.total}/100`, ''];
  for (const c of card.criteria) lines.push(`  ${CRITERION_LABELS[c.id].padEnd(width)}  ${stars(c.score)} ${c.score}  ${c.evidence}`);
  lines.push('');
  if (card.violations.length) {
    lines.push('Violations:');
    for (const v of card.violations) lines.push(`  ${v.rule}  "${v.quote}"`);
  } else lines.push('Violations: none');
  if (card.replyTimes.length) lines.push(`Reply times: ${card.replyTimes.map((r) => `${r.seconds}s`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

/** The core's own decision for the scenario: what a policy-correct agent would have done. */
export function renderPolicy(card: Scorecard): string {
  const p = card.policy;
  const offers = p.offers.map((o, i) => `  ${i + 1}. ${o.kind}${o.amountMinor !== null ? ` ${formatMoney(o.amountMinor, o.currency)}` : ''} (${o.rule})${o.note ? ` — ${o.note}` : ''}`);
  return [
    `Policy-correct resolution: ${p.category}/${p.subtype || '—'}  rules ${p.rules.join(', ')}`,
    ...(offers.length ? offers : ['  no offer']),
    `  postage: outbound ${p.shipping.outbound}, return ${p.shipping.return}; release by ${p.approval}${p.escalate ? '; escalate to a supervisor' : ''}`,
    ...(p.checklist.length ? [`  checklist: ${p.checklist.join('; ')}`] : []),
    `  model reply: ${p.reply.text}`,
    '',
  ].join('\n');
}

const fmt = (x: number | null) => (x === null ? '  –' : x.toFixed(1).padStart(4));

/** Per-trainee progress for supervisors: sessions, averages per criterion, trend. */
export function renderReport(reports: TraineeReport[]): string {
  if (reports.length === 0) return 'No training sessions yet.\n';
  const out: string[] = [];
  for (const r of reports) {
    const trend = r.trend === null ? 'n/a' : `${r.trend >= 0 ? '↑ +' : '↓ '}${r.trend}`;
    out.push(`${r.trainee}: ${r.sessions} session(s), average ${r.averageTotal ?? '–'}/100, trend ${trend}  (totals: ${r.totals.join(' → ') || '–'})`);
    out.push(`  ${'criterion'.padEnd(34)} scored  self  peer  instructor`);
    for (const c of r.criteria) out.push(`  ${CRITERION_LABELS[c.id].padEnd(34)} ${fmt(c.scored)}  ${fmt(c.self)}  ${fmt(c.peer)}  ${fmt(c.instructor)}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}
