/**
 * Drafting a case for the desk: the pure core decision (classify + decide), optionally helped by
 * the LLM ports — a classification assist and a reply polish — which never touch offers or
 * amounts. An unknown order id is not an error: the case is drafted without the order and the
 * draft's checklist says so first.
 */
import { classify } from '../core/classify/classify.ts';
import type { Playbook } from '../core/playbook/schema.ts';
import { draftCase } from '../core/settle-case.ts';
import type { CaseInput, Draft, Lang } from '../core/types.ts';
import { guardAssistedDraft } from '../llm/guard-assisted-draft.ts';
import type { ClassifierAssist, ReplyPolisher } from '../llm/ports.ts';
import type { Logger } from '../logger.ts';

export interface DraftingDeps {
  playbook: Playbook;
  logger: Logger;
  assist?: ClassifierAssist;
  polish?: ReplyPolisher;
}

export interface Drafted {
  draft: Draft;
  /** What the LLM did, for the audit log (absent offline). */
  llm?: Record<string, unknown>;
}

const UNKNOWN_ORDER: Record<Lang, (id: string) => string> = {
  zh: (id) => `订单 ${id} 未在系统中找到：请核对订单号，或先导入订单（settle orders import）。此草稿未参考订单信息。`,
  en: (id) => `Order ${id} was not found: check the order id or import it (settle orders import). This draft was made without the order.`,
};

/** Decides the case; `missingOrderId` adds the unknown-order notice. */
export async function draftForCase(c: CaseInput, deps: DraftingDeps, missingOrderId?: string): Promise<Drafted> {
  const llm: Record<string, unknown> = {};
  let classification = undefined;
  let rules = undefined;
  if (deps.assist) {
    rules = classify({ text: c.message, lang: c.lang, customer: c.customer });
    try {
      const r = await deps.assist.assist({ text: c.message, lang: c.lang, customer: c.customer }, rules);
      classification = r.classification;
      Object.assign(llm, { classifiedBy: r.decidedBy, classifyReason: r.reason, classifyUsage: r.usage });
    } catch (e) {
      deps.logger.warn({ caseId: c.id, err: e }, 'classifier assist failed; rules kept');
      classification = rules;
      llm.classifyReason = 'assist_failed';
    }
  }
  let draft = draftCase(c, deps.playbook, classification);
  if (rules && classification && classification !== rules) {
    // A re-reading that lowers the stakes is refused; one that pays more than the classifier's
    // reading goes to a supervisor (a compromised model cannot lower checks or raise money).
    const guarded = guardAssistedDraft(draftCase(c, deps.playbook, rules), draft);
    draft = guarded.draft;
    if (guarded.raised) llm.raisedToSupervisor = true;
    if (guarded.refused) Object.assign(llm, { classifiedBy: 'rules', classifyReason: 'model_reading_lowers_stakes' });
  }
  if (deps.polish) {
    try {
      const p = await deps.polish.polish(draft, c.message);
      // Only the wording may change; offers, amounts and rules stay the policy's.
      draft = { ...draft, reply: { ...draft.reply, text: p.text } };
      Object.assign(llm, { polished: p.used, polishReason: p.reason, polishUsage: p.usage });
    } catch (e) {
      deps.logger.warn({ caseId: c.id, err: e }, 'reply polish failed; template kept');
      llm.polishReason = 'polish_failed';
    }
  }
  if (missingOrderId !== undefined) {
    draft = { ...draft, checklist: [UNKNOWN_ORDER[draft.reply.lang](missingOrderId), ...draft.checklist] };
  }
  return Object.keys(llm).length > 0 ? { draft, llm } : { draft };
}
