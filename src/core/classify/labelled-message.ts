/**
 * A labelled corpus line: the input `settle classify` reads plus the expected answer —
 * `{"id", "text", "lang"?, "customer"?, "category", "subtype", "tags"?}`. Used by `settle eval`,
 * the held-out gate test and the training script.
 */
import { z } from 'zod';
import { describeZodError, parseClassifyLine } from '../contract/parse-case.ts';
import { UserError } from '../errors.ts';
import type { Category, ClassifyInput, Subtype } from '../types.ts';
import { CATEGORIES, DISPUTE_CATEGORIES, SUBTYPES } from '../types.ts';

export interface LabelledMessage {
  id: string;
  input: ClassifyInput;
  category: Category;
  subtype: Subtype | '';
  tags: string[];
}

const labelSchema = z
  .looseObject({
    category: z.enum(CATEGORIES as [Category, ...Category[]]),
    subtype: z.string(),
    tags: z.array(z.string()).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.category === 'other') {
      if (v.subtype !== '') ctx.addIssue({ code: 'custom', path: ['subtype'], message: "must be '' for category other" });
      return;
    }
    const allowed = DISPUTE_CATEGORIES.includes(v.category) ? (SUBTYPES[v.category] as readonly string[]) : [];
    if (!allowed.includes(v.subtype)) {
      ctx.addIssue({ code: 'custom', path: ['subtype'], message: `'${v.subtype}' is not a subtype of ${v.category} (one of: ${allowed.join(', ')})` });
    }
  });

/** Parses one labelled line (already JSON-decoded). Throws UserError('invalid_input') naming the field. */
export function parseLabelledMessage(obj: unknown): LabelledMessage {
  const { value } = parseClassifyLine(obj);
  const r = labelSchema.safeParse(obj);
  if (!r.success) throw new UserError('invalid_input', describeZodError(r.error));
  const { id, ...input } = value;
  return { id, input, category: r.data.category, subtype: r.data.subtype as Subtype | '', tags: r.data.tags ?? [] };
}
