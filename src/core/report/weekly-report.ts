/**
 * The supervisor's weekly summary (POLICY.md §7, seeds 002): from the week's cases as the store
 * recorded them — cases by category and subtype, the first-reply deadline met or missed (§6),
 * approval and rejection rates, how much people edited Settle's drafts (edit distance between
 * the first draft and the released text), time to decision, money offered against money
 * released, the rules applied most, supervisor corrections and training progress.
 * Pure aggregation: the cases and the week are passed in.
 */
import { distance } from 'fastest-levenshtein';
import type { Category, Subtype } from '../types.ts';
import { CATEGORIES } from '../types.ts';
import type { IsoWeek } from './iso-week.ts';

/** What the report reads of one case (the store's ReportCase has these fields, and more). */
export interface ReportInputCase {
  id: string;
  status: 'drafted' | 'approved' | 'rejected' | 'released';
  createdAt: string;
  firstDraft: { category: Category; subtype: Subtype | ''; rules: string[]; reply: { text: string }; offers: { amountMinor: number | null; currency: string }[] };
  finalDraft: { category: Category; subtype: Subtype | ''; rules: string[] };
  decision?: { kind: 'approved' | 'rejected'; at: string };
  release?: { text: string; offers: { amountMinor: number | null; currency: string }[]; at: string };
  correction?: { category: Category; subtype: Subtype | '' };
}

export interface WeeklyReport {
  week: string;
  from: string;
  to: string;
  cases: number;
  byCategory: Record<Category, number>;
  /** Most frequent first; ties by name. */
  bySubtype: { category: Category; subtype: Subtype | ''; count: number }[];
  /** §6 first reply within `firstReplyHours` of filing (released cases only). */
  firstReply: { met: number; missed: number; hours: number };
  decisions: { approved: number; rejected: number; pending: number; approvalRate: number | null; rejectionRate: number | null };
  edits: { released: number; edited: number; meanDistance: number | null; maxDistance: number | null };
  timeToDecisionMinutes: { decided: number; median: number | null; mean: number | null };
  /** Per currency, minor units: each case's largest money offer in Settle's first draft, and in what was released. */
  money: { currency: string; offeredMinor: number; releasedMinor: number }[];
  /** Most cited first, at most 10. */
  topRules: { rule: string; count: number }[];
  corrections: number;
  training: { sessions: number; meanTotal: number | null };
}

const MINUTE_MS = 60_000;
const TOP_RULES = 10;

function median(xs: number[]): number | null {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const mean = (xs: number[]): number | null => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null);
const round = (x: number | null, digits = 1): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/**
 * Adds a case's largest money offer per currency: a draft's offers are alternatives the customer
 * chooses between (partial refund or return and refund), so their sum was never on the table.
 */
function addMoney(into: Map<string, { offeredMinor: number; releasedMinor: number }>, offers: { amountMinor: number | null; currency: string }[], key: 'offeredMinor' | 'releasedMinor') {
  const largest = new Map<string, number>();
  for (const o of offers) if (o.amountMinor) largest.set(o.currency, Math.max(largest.get(o.currency) ?? 0, o.amountMinor));
  for (const [currency, amount] of largest) {
    const row = into.get(currency) ?? { offeredMinor: 0, releasedMinor: 0 };
    row[key] += amount;
    into.set(currency, row);
  }
}

/** Aggregates the week's cases. `firstReplyHours` is the playbook's §6 limit. */
export function buildWeeklyReport(week: IsoWeek, cases: readonly ReportInputCase[], training: { sessions: number; meanTotal: number | null }, firstReplyHours: number): WeeklyReport {
  const byCategory = Object.fromEntries(CATEGORIES.map((c) => [c, 0])) as Record<Category, number>;
  const subtypes = new Map<string, { category: Category; subtype: Subtype | ''; count: number }>();
  const rules = new Map<string, number>();
  const money = new Map<string, { offeredMinor: number; releasedMinor: number }>();
  const distances: number[] = [];
  const decisionMinutes: number[] = [];
  let approved = 0, rejected = 0, met = 0, missed = 0, corrections = 0;
  for (const c of cases) {
    // A supervisor's correction is the truth about the case; otherwise the final draft's reading.
    const category = c.correction?.category ?? c.finalDraft.category;
    const subtype = c.correction ? c.correction.subtype : c.finalDraft.subtype;
    if (c.correction) corrections++;
    byCategory[category]++;
    const key = `${category}/${subtype}`;
    const row = subtypes.get(key) ?? { category, subtype, count: 0 };
    row.count++;
    subtypes.set(key, row);
    for (const r of new Set(c.finalDraft.rules)) rules.set(r, (rules.get(r) ?? 0) + 1);
    addMoney(money, c.firstDraft.offers, 'offeredMinor');
    if (c.decision) {
      if (c.decision.kind === 'approved') approved++;
      else rejected++;
      decisionMinutes.push((Date.parse(c.decision.at) - Date.parse(c.createdAt)) / MINUTE_MS);
    }
    if (c.release) {
      addMoney(money, c.release.offers, 'releasedMinor');
      distances.push(distance(c.firstDraft.reply.text, c.release.text));
      if (Date.parse(c.release.at) - Date.parse(c.createdAt) <= firstReplyHours * 60 * MINUTE_MS) met++;
      else missed++;
    }
  }
  const decided = approved + rejected;
  return {
    week: week.label,
    from: week.from,
    to: week.to,
    cases: cases.length,
    byCategory,
    bySubtype: [...subtypes.values()].sort((a, b) => b.count - a.count || `${a.category}/${a.subtype}`.localeCompare(`${b.category}/${b.subtype}`)),
    firstReply: { met, missed, hours: firstReplyHours },
    decisions: {
      approved, rejected, pending: cases.length - decided,
      approvalRate: decided ? round(approved / decided, 3) : null,
      rejectionRate: decided ? round(rejected / decided, 3) : null,
    },
    edits: {
      released: distances.length,
      edited: distances.filter((d) => d > 0).length,
      meanDistance: round(mean(distances)),
      maxDistance: distances.length ? Math.max(...distances) : null,
    },
    timeToDecisionMinutes: { decided, median: round(median(decisionMinutes)), mean: round(mean(decisionMinutes)) },
    money: [...money.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([currency, m]) => ({ currency, ...m })),
    topRules: [...rules.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP_RULES).map(([rule, count]) => ({ rule, count })),
    corrections,
    training,
  };
}
