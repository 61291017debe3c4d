/** Store records → the views the Desk returns (what adapters render). */
import { draftAuthors } from '../core/workflow/case-state.ts';
import type { Draft, Offer } from '../core/types.ts';
import type { Deadline } from '../core/lifecycle/deadlines.ts';
import { reviewUpdateRequest } from '../core/lifecycle/follow-up.ts';
import { movesFrom } from '../core/workflow/lifecycle.ts';
import type { CaseWithDraft, OutboxItem } from '../store/store.ts';
import type { CaseSummary, CaseView } from './desk.ts';

/** A case and its release (if any) as adapters see it; `authors` includes the filer. */
export function toCaseView(c: CaseWithDraft, release?: OutboxItem, deadlines: Deadline[] = []): CaseView {
  const view: CaseView = {
    id: c.id,
    status: c.status,
    revision: c.revision,
    message: c.message,
    facts: c.facts,
    classification: c.classification,
    draft: c.draft,
    createdBy: c.createdBy,
    authors: draftAuthors(c),
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    deadlines,
  };
  if (c.lifecycle) {
    const data = c.lifecycleData ?? {};
    const reviewRequest = c.lifecycle === 'resolved' || c.lifecycle === 'followed_up' ? reviewUpdateRequest(data.answer, c.draft.reply.lang) : undefined;
    view.lifecycle = { state: c.lifecycle, seq: c.lifecycleSeq ?? 0, moves: movesFrom(c.lifecycle).map((t) => t.action), data, ...(reviewRequest ? { reviewRequest } : {}) };
  }
  if (c.orderId !== undefined) view.orderId = c.orderId;
  if (c.decidedBy !== undefined) view.decidedBy = c.decidedBy;
  if (c.decidedAt !== undefined) view.decidedAt = c.decidedAt;
  if (c.rejectReason !== undefined) view.rejectReason = c.rejectReason;
  if (c.channel !== undefined) view.channel = c.channel;
  if (release) view.release = { id: release.id, text: release.payload.text, offers: release.payload.offers, releasedAt: release.payload.releasedAt };
  return view;
}

/** One queue line. */
export function toCaseSummary(c: CaseWithDraft): CaseSummary {
  return {
    id: c.id,
    status: c.status,
    category: c.draft.category,
    subtype: c.draft.subtype,
    approval: c.draft.approval,
    escalate: c.draft.escalate,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
    preview: [...c.message.replace(/\s+/g, ' ').trim()].slice(0, 80).join(''),
    ...(c.lifecycle ? { lifecycle: c.lifecycle } : {}),
    ...(c.nextDueAt ? { nextDueAt: c.nextDueAt } : {}),
  };
}

/** What the audit log keeps of a draft: the text and amounts a person saw, and the playbook version. */
export function summariseDraft(d: Draft): Record<string, unknown> {
  return {
    text: d.reply.text,
    lang: d.reply.lang,
    offers: d.offers.map((o: Offer) => ({ kind: o.kind, amountMinor: o.amountMinor, currency: o.currency, rule: o.rule })),
    rules: d.rules,
    approval: d.approval,
    escalate: d.escalate,
    questions: d.questions.map((q) => q.fact),
    playbookVersion: d.playbookVersion,
  };
}
