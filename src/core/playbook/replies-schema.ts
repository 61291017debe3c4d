/**
 * Schema of `playbooks/replies.<lang>.json`: the reply templates of one language. Every
 * situation, commitment, empathy opener, question and checklist item must be present (a handler
 * can never reach a branch without words), each customer-facing text cites its rule IDs.
 */
import { z } from 'zod';
import { FACT_KEYS, LANGS, OFFER_KINDS } from '../types.ts';
import { RULE_IDS } from './rule-ids.ts';
import { CHECKLIST_KEYS, COMMITMENTS, EMPATHY_KEYS, SITUATIONS } from './keys.ts';

/** A customer-facing text and the POLICY.md rules it implements. */
const entry = z.strictObject({ rules: z.array(z.enum(RULE_IDS)).min(1), text: z.string().min(1) });

/** A strict object with exactly these keys, each of `value`'s shape. */
function exactly<K extends string, V extends z.ZodType>(keys: readonly K[], value: V) {
  return z.strictObject(Object.fromEntries(keys.map((k) => [k, value])) as Record<K, V>);
}

/** `replies.<lang>.json`. */
export const repliesSchema = z.strictObject({
  lang: z.enum(LANGS),
  /** T-1: the first sentence, per subtype. */
  empathy: exactly(EMPATHY_KEYS, entry),
  /** T-2: said when the store is at fault. */
  apology: entry,
  /** What happens, per handler branch. */
  situations: exactly(SITUATIONS, entry),
  /** T-7: next step and time. */
  commitments: exactly(COMMITMENTS, entry),
  closing: entry,
  /** Agent-facing notes of offers, per kind. */
  offerNotes: exactly(OFFER_KINDS, z.string().min(1)),
  /** Agent-facing questions for facts that were not given. */
  questions: exactly(FACT_KEYS, z.string().min(1)),
  /** Agent-facing checklist items. */
  checklist: exactly(CHECKLIST_KEYS, z.string().min(1)),
  /** Agent-facing: the draft assumes store defaults until the questions are answered. */
  defaultsNote: z.string().min(1),
  /** Stand-ins when the order is unknown: the item ("宝贝", "your item") and an amount not yet known. */
  words: z.strictObject({ item: z.string().min(1), amount: z.string().min(1) }),
  /**
   * Negative reviews (T-5, T-6): the private opener, the public "handled" reply (no details, no
   * personal data) and the SMS fallback. Optional for playbooks written before reviews.
   */
  review: z.strictObject({ opener: entry, publicHandled: entry, sms: entry }).optional(),
});
export type RepliesFile = z.infer<typeof repliesSchema>;
