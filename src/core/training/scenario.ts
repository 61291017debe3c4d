/**
 * A role-play scenario (playbooks/scenarios/*.json): who the customer is, what they say first,
 * the order (CONTRACT.md shape, major units), the facts the trainee must find out by asking, and
 * the customer's scripted lines. The policy-correct outcome is NOT written here: the core decides
 * it from the same facts (see policy-outcome.ts), so scenarios cannot drift from the policy.
 */
import { z } from 'zod';
import { contractFactsSchema, factsFromContract, parseCaseLine } from '../contract/parse-case.ts';
import { formatFileIssues } from '../playbook/format-issues.ts';
import { UserError } from '../errors.ts';
import type { CaseInput, DisputeCategory, FactKey, Facts, Lang, OfferKind, Subtype } from '../types.ts';
import { ALL_SUBTYPES, DISPUTE_CATEGORIES, FACT_KEYS, LANGS, OFFER_KINDS, categoryOf } from '../types.ts';

export const MOODS = ['calm', 'upset', 'furious', 'walked_away'] as const;
export type Mood = (typeof MOODS)[number];

/** The customer's scripted lines, by what the trainee just did. Each key: one or more variants. */
export const LINE_KEYS = ['calmer', 'angrier', 'slow', 'pushback', 'refuse', 'accept', 'acceptMoney', 'walkAway', 'stillFurious'] as const;
export type LineKey = (typeof LINE_KEYS)[number];
const lineList = z.array(z.string().min(1)).min(1);
export const linesSchema = z.strictObject(Object.fromEntries(LINE_KEYS.map((k) => [k, lineList.optional()])) as Record<LineKey, z.ZodOptional<typeof lineList>>);
export type Lines = Record<LineKey, string[]>;

export const replySecondsSchema = z.strictObject({
  /** A reply within this many seconds is on time. */
  target: z.number().positive(),
  /** Past this the customer notices and gets angrier; the scorer lowers timeliness. */
  slow: z.number().positive(),
}).refine((r) => r.slow >= r.target, { message: 'slow must be ≥ target' });
export type ReplySeconds = z.infer<typeof replySecondsSchema>;

const factValue = z.union([z.boolean(), z.number(), z.string()]);

const hiddenFactSchema = z.strictObject({
  fact: z.enum(FACT_KEYS),
  /** The true value, CONTRACT.md form (money in major units). */
  value: factValue,
  /** Extra words that ask about it, beside the default ones for this fact. */
  ask: z.array(z.string().min(1)).default([]),
  /** What the customer answers when asked. */
  reveal: z.string().min(1),
});

export const scenarioFileSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes'),
  lang: z.enum(LANGS),
  title: z.string().min(1),
  category: z.enum(DISPUTE_CATEGORIES),
  subtype: z.string().refine((s) => (ALL_SUBTYPES as readonly string[]).includes(s), 'not a POLICY.md §1 subtype'),
  persona: z.strictObject({
    name: z.string().min(1),
    description: z.string().min(1),
    mood: z.enum(['calm', 'upset', 'furious']),
  }),
  opening: z.string().min(1),
  /** The story's clock: windows (price protection, warranty, 7 days) are judged at this time. */
  now: z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO-8601 date'),
  order: z.record(z.string(), z.unknown()),
  customer: z.record(z.string(), z.unknown()).optional(),
  /** Facts known from the start (CONTRACT.md names, major units). */
  facts: z.record(z.string(), factValue).default({}),
  hiddenFacts: z.array(hiddenFactSchema).default([]),
  /** Words that show the trainee named the customer's actual problem (analysis). */
  issueWords: z.array(z.string().min(1)).min(1),
  /** Offer kinds the customer accepts besides the policy's own. */
  accepts: z.array(z.enum(OFFER_KINDS)).default([]),
  /** Words that resolve the case where the policy moves no goods or money (show the invoice, honour free shipping). */
  resolveWords: z.array(z.string().min(1)).default([]),
  lines: linesSchema.default({}),
  replySeconds: replySecondsSchema.optional(),
  maxTurns: z.number().int().positive().optional(),
}).refine((s) => !(ALL_SUBTYPES as readonly string[]).includes(s.subtype) || categoryOf(s.subtype as Subtype) === s.category, { message: 'subtype does not belong to category', path: ['subtype'] });

/** Training settings shared by all scenarios (playbooks/scenarios/_training.json). */
export const trainingSettingsSchema = z.strictObject({
  replySeconds: replySecondsSchema,
  maxTurns: z.number().int().positive(),
  lines: z.strictObject({ zh: linesSchema, en: linesSchema }),
  /** Role swap: how Settle-as-agent asks the customer for each fact (the playbook's questions address the agent). */
  swapQuestions: z.strictObject({ zh: z.partialRecord(z.enum(FACT_KEYS), z.string().min(1)), en: z.partialRecord(z.enum(FACT_KEYS), z.string().min(1)) }),
  /** Role swap: Settle's last words when the customer agrees. */
  swapClosing: z.strictObject({ zh: z.string().min(1), en: z.string().min(1) }),
});
export type TrainingSettings = z.infer<typeof trainingSettingsSchema>;

export interface HiddenFact {
  fact: FactKey;
  /** As a core fact (minor units), ready to merge into CaseInput.facts. */
  facts: Facts;
  ask: RegExp[];
  reveal: string;
}

/** A scenario ready to play: validated, money in minor units, lines merged with the defaults. */
export interface Scenario {
  id: string;
  lang: Lang;
  title: string;
  category: DisputeCategory;
  subtype: Subtype;
  persona: { name: string; description: string; mood: Exclude<Mood, 'walked_away'> };
  opening: string;
  /** The case as the customer opens it, with only the facts known up front. */
  case: CaseInput;
  hidden: HiddenFact[];
  issueWords: string[];
  accepts: OfferKind[];
  resolveWords: string[];
  lines: Lines;
  replySeconds: ReplySeconds;
  maxTurns: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Validates one scenario file's JSON against the schema and the shared settings. Throws
 * UserError('playbook_invalid') naming `source` (the file) and the bad key.
 */
export function parseScenario(json: unknown, settings: TrainingSettings, source: string): Scenario {
  const r = scenarioFileSchema.safeParse(json);
  if (!r.success) {
    const lines = formatFileIssues(source, r.error.issues, json, scenarioFileSchema);
    throw new UserError('playbook_invalid', lines.join('\n'), { file: source, problems: lines });
  }
  const s = r.data;
  let parsed: CaseInput;
  try {
    parsed = parseCaseLine({ id: s.id, message: s.opening, lang: s.lang, now: s.now, order: s.order, customer: s.customer, facts: s.facts }, new Date(s.now)).value;
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    throw new UserError('playbook_invalid', `${source}: ${reason}`, { file: source });
  }
  const currency = parsed.order?.currency ?? 'CNY';
  const hidden = s.hiddenFacts.map((h, i) => {
    const valid = contractFactsSchema.shape[h.fact].safeParse(h.value);
    const facts = factsFromContract({ [h.fact]: h.value }, currency);
    if (!valid.success || Object.keys(facts).length === 0) throw new UserError('playbook_invalid', `${source}: hiddenFacts[${i}].value: not a value for ${h.fact}`, { file: source });
    return { fact: h.fact, facts, ask: h.ask.map((w) => new RegExp(escapeRegExp(w.normalize('NFKC').toLowerCase()))), reveal: h.reveal };
  });
  const defaults = settings.lines[s.lang];
  const lines = Object.fromEntries(LINE_KEYS.map((k) => [k, s.lines[k] ?? defaults[k] ?? []])) as Lines;
  const missing = LINE_KEYS.filter((k) => lines[k].length === 0);
  if (missing.length) throw new UserError('playbook_invalid', `${source}: lines.${missing[0]}: no line here nor in _training.json`, { file: source });
  return {
    id: s.id,
    lang: s.lang,
    title: s.title,
    category: s.category,
    subtype: s.subtype as Subtype,
    persona: s.persona,
    opening: s.opening,
    case: parsed,
    hidden,
    issueWords: s.issueWords,
    accepts: s.accepts,
    resolveWords: s.resolveWords,
    lines,
    replySeconds: s.replySeconds ?? settings.replySeconds,
    maxTurns: s.maxTurns ?? settings.maxTurns,
  };
}

/** The case with every hidden fact revealed: what the policy-correct outcome is decided on. */
export function caseWithAllFacts(scenario: Scenario): CaseInput {
  const facts = scenario.hidden.reduce<Facts>((acc, h) => ({ ...acc, ...h.facts }), { ...scenario.case.facts });
  return { ...scenario.case, facts };
}
