/**
 * Judging the scorer and the agent reader the way a trainer would, on sets written by someone
 * else (docs/training.md):
 *
 * - graded transcripts: families of one dispute answered excellently, decently, poorly and
 *   awfully, every breach tagged with its rule. The scorer passes when every family's totals
 *   are in strict order, the tagged breaches are found with the right rule, and nothing on an
 *   excellent or decent transcript is called a violation;
 * - agent sentences, each tagged with the rules it breaks: precision and recall per rule of
 *   the agent reader.
 */
import { z } from 'zod';
import { describeZodError, parseCaseLine } from '../contract/parse-case.ts';
import { UserError } from '../errors.ts';
import type { Playbook } from '../playbook/schema.ts';
import { readAgent, READER_RULES, type ReadContext } from '../read-agent/read-agent.ts';
import { normalizeAgentText } from '../read-agent/normalize-text.ts';
import { CATEGORIES, LANGS, type Category } from '../types.ts';
import type { ReplySeconds } from './scenario.ts';
import { scoreTranscript, type Scorecard } from './score-transcript.ts';

export const LEVELS = ['excellent', 'decent', 'poor', 'awful'] as const;
export type Level = (typeof LEVELS)[number];

const turnSchema = z.looseObject({ role: z.enum(['customer', 'agent']), text: z.string().min(1), at: z.string().optional() });
const gradedSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  family: z.string().min(1),
  level: z.enum(LEVELS),
  lang: z.enum(LANGS),
  public: z.boolean().optional(),
  case: z.record(z.string(), z.unknown()),
  turns: z.array(turnSchema).min(1),
  breaches: z.array(z.looseObject({ rule: z.string().min(1), quote: z.string() })).default([]),
});
export type GradedLine = z.infer<typeof gradedSchema>;

const sentenceSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  lang: z.enum(LANGS),
  public: z.boolean().optional(),
  caseCategory: z.enum(CATEGORIES as [Category, ...Category[]]),
  solved: z.boolean().optional(),
  text: z.string().min(1),
  rules: z.array(z.string()),
});
export type SentenceLine = z.infer<typeof sentenceSchema>;

function parseWith<T>(schema: z.ZodType<T>, value: unknown, what: string, line: number): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new UserError('invalid_input', `${what} line ${line}: ${describeZodError(r.error)}`);
  return r.data;
}

export const parseGradedLine = (value: unknown, line: number): GradedLine => parseWith(gradedSchema, value, 'graded', line);
export const parseSentenceLine = (value: unknown, line: number): SentenceLine => parseWith(sentenceSchema, value, 'sentence', line);

/** Lower case, no spaces or punctuation: how quotes are compared. */
const squash = (s: string) => normalizeAgentText(s).toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '');

/** Does a violation's quote (maybe masked with *) fall in `text`? */
function quoteIn(quote: string, text: string): boolean {
  const q = squash(quote.replace(/\*+/g, '*'));
  const t = squash(text);
  if (!q) return false;
  if (!quote.includes('*')) return t.includes(q) || q.includes(t);
  const re = new RegExp(q.split('*').map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*'));
  return re.test(t);
}

export interface BreachResult {
  id: string;
  rule: string;
  quote: string;
  found: boolean;
}

export interface GradedResult {
  id: string;
  family: string;
  level: Level;
  lang: string;
  total: number;
  violations: Scorecard['violations'];
  breaches: BreachResult[];
}

export interface FamilyReport {
  family: string;
  lang: string;
  /** Mean total per level present. */
  totals: Partial<Record<Level, number>>;
  strictOrder: boolean;
}

export interface GradedReport {
  transcripts: GradedResult[];
  families: FamilyReport[];
  familiesInOrder: number;
  breachesTagged: number;
  breachesFound: number;
  /** Violations the scorer reported on excellent or decent transcripts. */
  falseViolations: { id: string; level: Level; rule: string; quote: string }[];
}

export interface GradedOptions {
  replySeconds?: ReplySeconds;
  now: Date;
}

/** Scores every graded transcript with `settle score`'s scorer and checks the three promises. */
export function evaluateGraded(lines: GradedLine[], playbook: Playbook, options: GradedOptions): GradedReport {
  const transcripts: GradedResult[] = lines.map((g) => {
    const customerWords = g.turns.filter((t) => t.role === 'customer').map((t) => t.text).join('\n');
    const first = g.turns.find((t) => t.at)?.at;
    const now = first ? new Date(first) : options.now;
    const caseInput = parseCaseLine({ id: g.id, message: customerWords, lang: g.lang, ...g.case }, now).value;
    const turns = g.turns.map((t) => ({ role: t.role, text: t.text, ...(t.at ? { at: t.at } : {}) }));
    const card = scoreTranscript(null, turns, playbook, { caseInput, public: g.public ?? false, lang: g.lang, now, ...(options.replySeconds ? { replySeconds: options.replySeconds } : {}) });
    const agentTexts = turns.filter((t) => t.role === 'agent').map((t) => t.text);
    const breaches = g.breaches.map((b) => {
      // The breach's turn: the agent turn holding its quote. Found = a violation with its rule in that turn.
      const home = agentTexts.filter((t) => quoteIn(b.quote, t));
      const where = home.length ? home : agentTexts;
      const found = card.violations.some((v) => v.rule === b.rule && (quoteIn(v.quote, b.quote) || quoteIn(b.quote, v.quote) || where.some((t) => quoteIn(v.quote, t))));
      return { id: g.id, rule: b.rule, quote: b.quote, found };
    });
    return { id: g.id, family: g.family, level: g.level, lang: g.lang, total: card.total, violations: card.violations, breaches };
  });

  const byFamily = new Map<string, GradedResult[]>();
  for (const t of transcripts) byFamily.set(t.family, [...(byFamily.get(t.family) ?? []), t]);
  const families: FamilyReport[] = [...byFamily.entries()].map(([family, ts]) => {
    const totals: Partial<Record<Level, number>> = {};
    for (const level of LEVELS) {
      const xs = ts.filter((t) => t.level === level).map((t) => t.total);
      if (xs.length) totals[level] = Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10;
    }
    const present = LEVELS.map((l) => totals[l]).filter((x): x is number => x !== undefined);
    const strictOrder = present.length >= 2 && present.every((x, i) => i === 0 || (present[i - 1] ?? 0) > x);
    return { family, lang: ts[0]?.lang ?? '', totals, strictOrder };
  });
  const allBreaches = transcripts.flatMap((t) => t.breaches);
  return {
    transcripts,
    families,
    familiesInOrder: families.filter((f) => f.strictOrder).length,
    breachesTagged: allBreaches.length,
    breachesFound: allBreaches.filter((b) => b.found).length,
    falseViolations: transcripts
      .filter((t) => t.level === 'excellent' || t.level === 'decent')
      .flatMap((t) => t.violations.map((v) => ({ id: t.id, level: t.level, rule: v.rule, quote: v.quote }))),
  };
}

export interface RuleFigures {
  rule: string;
  tp: number;
  fp: number;
  fn: number;
  precision: number | null;
  recall: number | null;
}

export interface SentenceReport {
  sentences: number;
  rules: RuleFigures[];
  misses: { id: string; rule: string; kind: 'missed' | 'false'; text: string }[];
}

/** The reader's context for a lone sentence: the category decides M-1; seller-fault categories decide §4. */
function sentenceContext(s: SentenceLine): ReadContext {
  return {
    category: s.caseCategory,
    returnPayer: s.caseCategory === 'quality' || s.caseCategory === 'logistics' ? 'seller' : 'none',
    solved: s.solved ?? false,
    public: s.public ?? false,
  };
}

/** Precision and recall per rule of the agent reader on tagged sentences. */
export function evaluateSentences(lines: SentenceLine[]): SentenceReport {
  const rules = new Set<string>([...READER_RULES, ...lines.flatMap((l) => l.rules)]);
  const counts = new Map<string, { tp: number; fp: number; fn: number }>([...rules].map((r) => [r, { tp: 0, fp: 0, fn: 0 }]));
  const misses: SentenceReport['misses'] = [];
  for (const s of lines) {
    const found = new Set(readAgent(s.text, sentenceContext(s)).findings.map((f) => f.rule as string));
    const tagged = new Set(s.rules);
    for (const r of rules) {
      const c = counts.get(r);
      if (!c) continue;
      if (found.has(r) && tagged.has(r)) c.tp++;
      else if (found.has(r)) {
        c.fp++;
        misses.push({ id: s.id, rule: r, kind: 'false', text: s.text });
      } else if (tagged.has(r)) {
        c.fn++;
        misses.push({ id: s.id, rule: r, kind: 'missed', text: s.text });
      }
    }
  }
  const ratio = (a: number, b: number) => (b === 0 ? null : Math.round((a / b) * 1000) / 1000);
  return {
    sentences: lines.length,
    rules: [...counts.entries()].map(([rule, c]) => ({ rule, ...c, precision: ratio(c.tp, c.tp + c.fp), recall: ratio(c.tp, c.tp + c.fn) })),
    misses,
  };
}
