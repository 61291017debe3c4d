/**
 * The playbook: a store's policy settings and reply templates, parsed and validated once at
 * start (and in tests), templates precompiled so decide() never parses text per call.
 *
 * Files (keys of the `files` record): `store.json` (POLICY.md store defaults),
 * `replies.zh.json` and `replies.en.json` (templates). See docs/design/policy.md.
 */
import { z } from 'zod';
import { UserError } from '../errors.ts';
import type { FactKey, Lang, OfferKind } from '../types.ts';
import type { RuleId } from './rule-ids.ts';
import { storeSchema, type StoreSettings } from './store-schema.ts';
import { repliesSchema, type RepliesFile } from './replies-schema.ts';
import type { ChecklistKey, Commitment, EmpathyKey, Situation } from './keys.ts';
import { compileTemplate, type Template } from './template.ts';
import { formatIssues, keysOfSchemaAt } from './format-issues.ts';
import { BLOCKING_RULES } from '../read-agent/check-release.ts';
import { readAgent } from '../read-agent/read-agent.ts';

const CHECKLIST_PLACEHOLDERS: ReadonlySet<string> = new Set(['days']);

/** The files of a playbook directory, read by loadPlaybook(). */
export const PLAYBOOK_FILES = ['store.json', 'replies.zh.json', 'replies.en.json'] as const;

/** The files of a playbook directory, validated. */
export const playbookSchema = z.strictObject({
  'store.json': storeSchema,
  'replies.zh.json': repliesSchema,
  'replies.en.json': repliesSchema,
});

/** A customer-facing template with the rules it implements. */
export interface CompiledEntry {
  rules: readonly RuleId[];
  template: Template;
}

/** One language's templates, compiled. */
export interface CompiledReplies {
  lang: Lang;
  empathy: Record<EmpathyKey, CompiledEntry>;
  apology: CompiledEntry;
  situations: Record<Situation, CompiledEntry>;
  commitments: Record<Commitment, CompiledEntry>;
  closing: CompiledEntry;
  offerNotes: Record<OfferKind, Template>;
  questions: Record<FactKey, string>;
  /** Agent-facing; may name `{days}` (the §6 cross-border dispute deadline). */
  checklist: Record<ChecklistKey, Template>;
  defaultsNote: string;
  words: { item: string; amount: string };
  /** Negative-review texts (T-5, T-6), when the playbook has them. */
  review?: { opener: CompiledEntry; publicHandled: CompiledEntry; sms: CompiledEntry };
}

/** A parsed, validated playbook. `version` is the content hash the loader computed. */
export interface Playbook {
  version: string;
  settings: StoreSettings;
  replies: Record<Lang, CompiledReplies>;
}

/** Keys the playbook schema accepts at `path` (file name first), for "did you mean" hints. */
const knownKeysAt = (path: readonly PropertyKey[]): string[] => keysOfSchemaAt(playbookSchema, path);

/**
 * A template must pass the checks every released reply passes (T-3/T-4 phrases, T-6 personal
 * data): a store cannot put into every draft what an agent could not type into one.
 */
function checkTemplateText(file: string, path: string, text: string, problems: string[]): void {
  // The one reader of agent text (src/core/read-agent), as a public reply (a template may be
  // quoted anywhere: no personal data): what blocks a release (T-4, P-3, M-1, §4, T-6) and T-3.
  for (const f of readAgent(text, { public: true }).findings) {
    if (BLOCKING_RULES.has(f.rule) || f.rule === 'T-3') problems.push(`${file}: ${path}: breaches ${f.rule} ("${f.quote}"); a template may not say this`);
  }
}

function compileEntry(file: string, path: string, ruleOfKey: string | undefined, e: { rules: RuleId[]; text: string }, problems: string[]): CompiledEntry | undefined {
  const { template, problems: p } = compileTemplate(e.text);
  for (const msg of p) problems.push(`${file}: ${path}.text: ${msg}`);
  checkTemplateText(file, `${path}.text`, e.text, problems);
  // A situation implements a rule: its key names it, so it must cite it.
  if (ruleOfKey !== undefined && ruleOfKey !== 'other' && !e.rules.includes(ruleOfKey as RuleId)) {
    problems.push(`${file}: ${path}.rules: must cite ${ruleOfKey}, the rule this situation implements`);
  }
  return template ? { rules: e.rules, template } : undefined;
}

function compileEntries<K extends string>(
  file: string, group: string, entries: Record<K, { rules: RuleId[]; text: string }>, problems: string[],
): Record<K, CompiledEntry> {
  const out = {} as Record<K, CompiledEntry>;
  for (const key of Object.keys(entries) as K[]) {
    const ruleOfKey = group === 'situations' ? (key.split('.')[0] ?? '') : undefined;
    const compiled = compileEntry(file, `${group}.${key}`, ruleOfKey, entries[key], problems);
    if (compiled) out[key] = compiled;
  }
  return out;
}

function compileReplies(file: string, r: RepliesFile, problems: string[]): CompiledReplies {
  const one = (group: string, e: { rules: RuleId[]; text: string }) =>
    compileEntry(file, group, undefined, e, problems) as CompiledEntry;
  const offerNotes = {} as Record<OfferKind, Template>;
  for (const [kind, text] of Object.entries(r.offerNotes) as [OfferKind, string][]) {
    const { template, problems: p } = compileTemplate(text);
    for (const msg of p) problems.push(`${file}: offerNotes.${kind}: ${msg}`);
    checkTemplateText(file, `offerNotes.${kind}`, text, problems);
    if (template) offerNotes[kind] = template;
  }
  const checklist = {} as Record<ChecklistKey, Template>;
  for (const [key, text] of Object.entries(r.checklist) as [ChecklistKey, string][]) {
    const { template, problems: p } = compileTemplate(text, CHECKLIST_PLACEHOLDERS);
    for (const msg of p) problems.push(`${file}: checklist.${key}: ${msg}`);
    if (template) checklist[key] = template;
  }
  return {
    lang: r.lang,
    empathy: compileEntries(file, 'empathy', r.empathy, problems),
    apology: one('apology', r.apology),
    situations: compileEntries(file, 'situations', r.situations, problems),
    commitments: compileEntries(file, 'commitments', r.commitments, problems),
    closing: one('closing', r.closing),
    offerNotes,
    questions: r.questions,
    checklist,
    defaultsNote: r.defaultsNote,
    words: r.words,
    ...(r.review ? { review: { opener: one('review.opener', r.review.opener), publicHandled: one('review.publicHandled', r.review.publicHandled), sms: one('review.sms', r.review.sms) } } : {}),
  };
}

/** Offers an agent may be allowed to release at any amount: they return what was paid. */
const ANY_AMOUNT_KINDS: readonly OfferKind[] = ['refund', 'return_refund'];

/** Policy checks zod cannot express per field: they keep a store from configuring a breach. */
function checkPolicy(s: StoreSettings, problems: string[]): void {
  s.approval.agentAnyAmount.forEach((m, i) => {
    if (m.rule === 'M-1' || m.rule === 'M-2') {
      problems.push(`store.json: approval.agentAnyAmount[${i}].rule: ${m.rule} drafts offer no money, they cannot be released at any amount`);
    } else if (!ANY_AMOUNT_KINDS.includes(m.kind)) {
      // Only giving back what was paid for nothing received is safe at any amount; a coupon or a
      // partial refund "at any amount" would let an agent release any sum alone.
      problems.push(`store.json: approval.agentAnyAmount[${i}].kind: agents may release only ${ANY_AMOUNT_KINDS.join(' or ')} at any amount, not ${m.kind}; use approval.agentMaxMinor for a cap`);
    } else if (m.kind === 'refund' && !m.rule) {
      // A return with refund gets the item back; a plain refund at any amount must say for which rule.
      problems.push(`store.json: approval.agentAnyAmount[${i}].rule: name the rule (e.g. L-1) whose refund an agent may release at any amount; without one, every refund would be`);
    }
  });
  // A coupon the playbook itself offers may not exceed the coupon maximum (it was silently clamped).
  for (const tier of ['smallMinor', 'goodwillMinor'] as const) {
    for (const [currency, amount] of Object.entries(s.coupons[tier])) {
      const max = s.coupons.maxMinor[currency];
      if (max === undefined) problems.push(`store.json: coupons.${tier}.${currency}: coupons.maxMinor has no ${currency} entry to bound it`);
      else if (amount > max) problems.push(`store.json: coupons.${tier}.${currency}: ${amount} is above coupons.maxMinor.${currency} (${max})`);
    }
  }
  if (s.sla.inspectionWorkdays.min > s.sla.inspectionWorkdays.max) {
    problems.push('store.json: sla.inspectionWorkdays.min: must not exceed max');
  }
  const lc = s.lifecycle;
  if (lc) {
    // The deadline Settle counts must be the promise the reply makes (T-7 uses sla.*).
    const same: [keyof typeof lc.limits, number, string][] = [
      ['firstReply', s.sla.firstReplyHours, 'sla.firstReplyHours'],
      ['refundUnshipped', s.sla.refundUnshippedHours, 'sla.refundUnshippedHours'],
      ['reshipTracking', s.sla.reshipTrackingHours, 'sla.reshipTrackingHours'],
      ['followUp', s.sla.followUpHours, 'sla.followUpHours'],
      ['refundAfterReturn', s.sla.refundAfterReturnHours, 'sla.refundAfterReturnHours'],
      ['crossBorderDispute', s.sla.crossBorderDisputeDays * 24, 'sla.crossBorderDisputeDays × 24'],
    ];
    for (const [key, want, source] of same) {
      if (lc.limits[key].hours !== want) problems.push(`store.json: lifecycle.limits.${key}.hours: ${lc.limits[key].hours} differs from ${source} (${want}), the time the reply promises`);
    }
    for (const key of Object.keys(lc.limits) as (keyof typeof lc.limits)[]) {
      if (lc.limits[key].remindBeforeMinutes >= lc.limits[key].hours * 60) problems.push(`store.json: lifecycle.limits.${key}.remindBeforeMinutes: ${lc.limits[key].remindBeforeMinutes} is not before the deadline (${lc.limits[key].hours} h)`);
    }
    const max = lc.limits.firstReply.maxHours;
    if (max !== undefined && max < lc.limits.firstReply.hours) problems.push(`store.json: lifecycle.limits.firstReply.maxHours: ${max} is below hours (${lc.limits.firstReply.hours})`);
  }
}

/**
 * Validate and compile a playbook. `files` maps file names to their parsed JSON. Throws
 * `UserError('playbook_invalid')` listing every problem at once, each naming file, key and reason.
 */
export function parsePlaybook(files: Record<string, unknown>, version: string): Playbook {
  const parsed = playbookSchema.safeParse(files);
  if (!parsed.success) {
    const lines = formatIssues(parsed.error.issues, files, knownKeysAt);
    throw new UserError('playbook_invalid', `playbook invalid:\n${lines.join('\n')}`, { problems: lines });
  }
  const problems: string[] = [];
  const data = parsed.data;
  for (const lang of ['zh', 'en'] as const) {
    const got = data[`replies.${lang}.json`].lang;
    if (got !== lang) problems.push(`replies.${lang}.json: lang: expected "${lang}", got "${got}"`);
  }
  checkPolicy(data['store.json'], problems);
  const zh = compileReplies('replies.zh.json', data['replies.zh.json'], problems);
  const en = compileReplies('replies.en.json', data['replies.en.json'], problems);
  if (problems.length) {
    throw new UserError('playbook_invalid', `playbook invalid:\n${problems.join('\n')}`, { problems });
  }
  return { version, settings: data['store.json'], replies: { zh, en } };
}
