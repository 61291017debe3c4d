/**
 * One `settle review` input line (docs/CONTRACT.md, addition): `{"id", "rating": 1..5, "text",
 * "postedAt"?, "now"?, "order"?, "customer"?, "lang"?}`. The order, customer and language are
 * read exactly as `settle draft` reads them (parse-case.ts), so money and dates mean the same.
 */
import { z } from 'zod';
import { describeZodError, parseCaseLine, type Parsed } from '../contract/parse-case.ts';
import { MAX_MESSAGE_CHARS, UserError } from '../errors.ts';
import type { CaseInput } from '../types.ts';

const isoDate = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not an ISO-8601 date');

const reviewLineSchema = z.looseObject({
  id: z.union([z.string().min(1), z.number()]).transform(String),
  rating: z.number().int('a whole number of stars, 1 to 5').min(1, 'at least 1').max(5, 'at most 5'),
  text: z.string().max(MAX_MESSAGE_CHARS, `longer than ${MAX_MESSAGE_CHARS} characters`),
  postedAt: isoDate.optional(),
  now: isoDate.optional(),
});

const KNOWN = ['id', 'rating', 'text', 'postedAt', 'now', 'order', 'customer', 'lang'];

/** A parsed review: the case the policy reads, plus the stars and when the review was posted. */
export interface ReviewInput {
  case: CaseInput;
  rating: number;
  postedAt: Date;
}

/**
 * Parses one review line; `clock` stands in for a missing `now`, and `now` for a missing
 * `postedAt`. Throws UserError('invalid_input' | 'message_too_long' | 'empty_message').
 */
export function parseReviewLine(obj: unknown, clock: Date): Parsed<ReviewInput> {
  const r = reviewLineSchema.safeParse(obj);
  if (!r.success) {
    const tooLong = r.error.issues.some((i) => i.code === 'too_big' && i.path[0] === 'text');
    throw new UserError(tooLong ? 'message_too_long' : 'invalid_input', describeZodError(r.error));
  }
  const line = r.data;
  if (!line.text.trim()) throw new UserError('empty_message', "text is empty: paste the review's words");
  const raw = obj as Record<string, unknown>;
  const { value, warnings } = parseCaseLine(
    { id: line.id, message: line.text, lang: raw.lang, now: line.now, order: raw.order, customer: raw.customer },
    clock,
  );
  const postedAt = line.postedAt ? new Date(line.postedAt) : value.now;
  if (postedAt.getTime() > value.now.getTime()) {
    throw new UserError('invalid_input', `postedAt: ${postedAt.toISOString()} is after now (${value.now.toISOString()})`);
  }
  const unknown = Object.keys(raw).filter((k) => !KNOWN.includes(k)).map((k) => `${k}: unknown field, ignored`);
  return { value: { case: value, rating: line.rating, postedAt }, warnings: [...unknown, ...warnings] };
}
