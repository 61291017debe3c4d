/**
 * The whole core decision for one case: classify the customer's words, then decide by policy.
 * Every front end (CLI, desk, training) drafts through here, so they all decide alike.
 */
import { classify } from './classify/classify.ts';
import type { Playbook } from './playbook/schema.ts';
import { decide } from './policy/decide.ts';
import type { CaseInput, Classification, Draft } from './types.ts';

/** classify + decide. Pass `classification` to decide on one already made (e.g. LLM-assisted). */
export function draftCase(c: CaseInput, playbook: Playbook, classification?: Classification): Draft {
  const cls = classification ?? classify({ text: c.message, lang: c.lang, customer: c.customer });
  return decide(c, playbook, cls);
}
