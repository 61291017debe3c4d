/**
 * The Desk implementation: composes the pure core (classify + decide, the approval state
 * machine, the policy caps) with the ports (store, clock, logger, outbox, optional LLM).
 * Every move reads the case, plans it with the state machine, and applies it as ONE
 * compare-and-set in the store; if another move won the race, the case is read again and the
 * outcome reported (`already` for a repeated approval, `stale_revision` otherwise).
 */
import { randomUUID } from 'node:crypto';
import { contractFactsSchema, describeZodError, factsFromContract, parseFactValue } from '../core/contract/parse-case.ts';
import { MAX_MESSAGE_CHARS, UserError, isUserError } from '../core/errors.ts';
import { parseCaseLabel } from '../core/labels/case-label.ts';
import type { Playbook } from '../core/playbook/schema.ts';
import { FACT_KEYS, type CaseInput, type Draft, type FactKey } from '../core/types.ts';
import type { CaseState, WorkflowActor } from '../core/workflow/case-state.ts';
import { planAnswer, planApprove, planReject, requireOpenAt } from '../core/workflow/transitions.ts';
import { planDeadlines, type DeadlineEvent, type DeadlinePlan } from '../core/lifecycle/deadlines.ts';
import { FOLLOW_UP_TEXT } from '../core/lifecycle/follow-up.ts';
import { planLifecycle, type LifecycleMove } from '../core/workflow/lifecycle.ts';
import { hasShipped } from '../core/policy/case-context.ts';
import { analyseReview } from '../core/review/handle-review.ts';
import { draftSms, planReviewMove, releasedPlan, reviewCase, type ReviewMove } from '../core/review/review-case.ts';
import type { LifecycleData } from '../store/store.ts';
import type { ClassifierAssist, ReplyPolisher } from '../llm/ports.ts';
import type { Logger } from '../logger.ts';
import { CATEGORY_CORRECTED } from '../store/report-query.ts';
import type { CaseRecord, CaseWithDraft, NewAudit, Store } from '../store/store.ts';
import { summariseDraft, toCaseSummary, toCaseView } from './case-view.ts';
import { DELIVERY_MEMORY_MS, type Actor, type ApproveResult, type AuditEntry, type CaseSummary, type CaseView, type ChannelRef, type Desk, type EditInput, type LabelResult, type ReviewSubmitInput, type SubmitInput } from './desk.ts';
import { draftForCase } from './draft-for-case.ts';
import { planDraftEdit, requireReleasable } from './edit-draft.ts';

export interface DeskDeps {
  store: Store;
  playbook: Playbook;
  clock: () => Date;
  logger: Logger;
  /** Told after each release so delivery starts at once (optional: rows wait in the store). */
  outbox?: { kick(): void };
  polish?: ReplyPolisher;
  assist?: ClassifierAssist;
}

export function createDesk(deps: DeskDeps): Desk {
  const { store, playbook, clock, logger } = deps;
  const nowIso = () => clock().toISOString();

  async function load(caseId: string): Promise<CaseWithDraft> {
    const c = await store.getCase(caseId);
    if (!c) throw new UserError('not_found', `No case ${caseId}.`, { caseId });
    return c;
  }

  async function view(caseId: string): Promise<CaseView> {
    const c = await load(caseId);
    return toCaseView(c, c.status === 'released' ? await store.getRelease(caseId) : undefined, await store.listDeadlines(caseId));
  }

  /** The deadlines an event opens and meets, when the playbook keeps deadlines (its `lifecycle` keys). */
  function deadlinesFor(event: DeadlineEvent): DeadlinePlan | undefined {
    return playbook.settings.lifecycle ? planDeadlines(event, playbook.settings.lifecycle) : undefined;
  }

  /** What a lifecycle move records on the case, besides its new state. */
  function recordMove(data: LifecycleData, move: LifecycleMove, actor: Actor, at: string): LifecycleData {
    switch (move.action) {
      case 'execute': return { ...data, executions: [...(data.executions ?? []), { at, by: actor.id, record: trimRecord(move.record) }] };
      case 'return_arrived': return { ...data, returnArrivedAt: move.arrivedAt ? new Date(move.arrivedAt).toISOString() : at };
      case 'follow_up': return { ...data, answer: { at, by: actor.id, ...move.answer } };
      case 'resolve': return { ...data, resolved: { at, by: actor.id, ...(move.note ? { note: move.note } : {}) } };
      case 'reopen': {
        // A reopened case owes a new fix and a new follow-up; the old answer no longer holds.
        const { answer: _answer, followUp: _followUp, resolved: _resolved, ...rest } = data;
        return { ...rest, reopened: [...(data.reopened ?? []), { at, by: actor.id, reason: move.reason.trim() }] };
      }
    }
  }

  function eventOf(move: LifecycleMove, at: Date): DeadlineEvent {
    switch (move.action) {
      case 'execute': return { kind: 'executed', at, record: move.record };
      case 'return_arrived': return { kind: 'return_arrived', at: move.arrivedAt ? new Date(move.arrivedAt) : at };
      case 'follow_up': return { kind: 'followed_up', at };
      case 'resolve': return { kind: 'resolved', at };
      case 'reopen': return { kind: 'reopened', at };
    }
  }

  function lifecycleOf(c: CaseWithDraft) {
    return { state: c.lifecycle, seq: c.lifecycleSeq ?? 0 };
  }

  function stateOf(c: CaseWithDraft): CaseState {
    return { status: c.status, revision: c.revision, createdBy: c.createdBy, authors: c.authors, approval: c.draft.approval, escalate: c.draft.escalate };
  }

  /** The case as the core sees it, with the order as the store knows it now. */
  async function caseInput(c: Pick<CaseWithDraft, 'id' | 'message' | 'lang' | 'customer' | 'facts' | 'orderId' | 'createdAt'>) {
    const order = c.orderId ? await store.getOrder(c.orderId) : undefined;
    // Windows (7 days, price protection, warranty) are judged at the time of the complaint.
    const input: CaseInput = { id: c.id, message: c.message, now: new Date(c.createdAt), facts: c.facts };
    if (c.lang) input.lang = c.lang;
    if (c.customer) input.customer = c.customer;
    if (order) input.order = order;
    return { input, missingOrderId: c.orderId && !order ? c.orderId : undefined };
  }

  /** Audits a refusal the desk itself made (role, authorship, caps), then rethrows it. */
  async function denied(caseId: string, actor: Actor, action: string, e: unknown): Promise<never> {
    if (isUserError(e) && ['forbidden_role', 'forbidden_author', 'over_cap', 'release_refused'].includes(e.code)) {
      await store.appendAudit({ caseId, at: nowIso(), actorId: actor.id, action: 'denied', detail: { attempted: action, code: e.code, reason: e.message, role: actor.role, ...(e.details?.['rule'] ? { rule: e.details['rule'], quote: e.details['quote'] } : {}) } });
      logger.info({ caseId, actorId: actor.id, action, code: e.code }, 'attempt denied');
    }
    throw e;
  }

  /** After a lost compare-and-set: explain why from the fresh state. */
  async function lostRace(caseId: string, expectedRevision: number): Promise<never> {
    requireOpenAt(stateOf(await load(caseId)), expectedRevision);
    throw new UserError('stale_revision', 'The case changed while you were acting; look at it again.');
  }

  function checkMessage(message: string): void {
    if (message.trim() === '') throw new UserError('empty_message', 'The customer message is empty.');
    if (message.length > MAX_MESSAGE_CHARS) throw new UserError('message_too_long', `The message is longer than ${MAX_MESSAGE_CHARS} characters.`);
  }

  const actorOf = (a: Actor): WorkflowActor => ({ id: a.id, role: a.role });

  return {
    async claimDelivery(key: string): Promise<boolean> {
      const now = clock();
      return store.rememberRequest(key, now.toISOString(), new Date(now.getTime() + DELIVERY_MEMORY_MS).toISOString());
    },
    async submit(input: SubmitInput): Promise<CaseView> {
      checkMessage(input.message);
      const parsedFacts = contractFactsSchema.safeParse(input.facts ?? {});
      if (!parsedFacts.success) throw new UserError('invalid_input', `facts: ${describeZodError(parsedFacts.error)}`);
      const orderId = input.orderId?.trim() || undefined;
      const order = orderId ? await store.getOrder(orderId) : undefined;
      const at = nowIso();
      // The store names the case when it commits it (one transaction); the draft is decided first.
      const id = '';
      const facts = factsFromContract(parsedFacts.data, order?.currency ?? 'CNY');
      const base = { id, message: input.message, lang: input.lang, customer: input.customer, facts, orderId, createdAt: at };
      const { input: c, missingOrderId } = await caseInput(base);
      const { draft, llm } = await draftForCase(c, deps, missingOrderId);
      const record: Omit<CaseRecord, 'id'> = {
        status: 'drafted', revision: 1, message: input.message, facts, classification: draft.classification,
        createdBy: input.actor.id, authors: [], createdAt: at, updatedAt: at,
      };
      if (orderId) record.orderId = orderId;
      if (input.lang) record.lang = input.lang;
      if (input.customer) record.customer = input.customer;
      if (input.channel) record.channel = input.channel;
      const audit: Omit<NewAudit, 'caseId'>[] = [
        { at, actorId: input.actor.id, action: 'submitted', detail: { platform: input.actor.platform, orderId, orderFound: orderId ? Boolean(order) : undefined, message: input.message, facts } },
        { at, actorId: 'settle', action: 'drafted', detail: { revision: 1, classification: draft.classification, after: summariseDraft(draft), ...(llm ? { llm } : {}) } },
      ];
      const crossBorder = Boolean(order && playbook.settings.store.homeCurrency !== order.currency);
      const filed = deadlinesFor({ kind: 'filed', at: new Date(at), crossBorder });
      const caseId = await store.createCase(record, { revision: 1, draft, authorId: 'settle', createdAt: at, cause: 'decided' }, audit, filed?.open ?? []);
      logger.info({ caseId, actorId: input.actor.id, category: draft.category, subtype: draft.subtype, approval: draft.approval, escalate: draft.escalate }, 'case submitted');
      return view(caseId);
    },

    get: view,

    async answer(caseId: string, actor: Actor, fact: FactKey, value: boolean | number | string, expectedRevision: number): Promise<CaseView> {
      if (!(FACT_KEYS as readonly string[]).includes(fact)) throw new UserError('invalid_input', `Unknown fact '${String(fact)}'.`);
      const typed = parseFactValue(fact, value);
      const c = await load(caseId);
      const step = planAnswer(stateOf(c), actorOf(actor), expectedRevision);
      const { input, missingOrderId } = await caseInput(c);
      if (fact === 'missingSku' && input.order && !input.order.items.some((i) => i.sku === typed)) {
        const skus = input.order.items.map((i) => i.sku).join(', ');
        throw new UserError('invalid_input', `missingSku: '${String(typed)}' is not an item of order ${input.order.id} (${skus}).`);
      }
      const facts = { ...c.facts, ...factsFromContract({ [fact]: typed }, input.order?.currency ?? 'CNY') };
      const { draft, llm } = await draftForCase({ ...input, facts }, deps, missingOrderId);
      const at = nowIso();
      const applied = await store.applyChange({
        caseId, from: step.from, to: step.to, authors: step.authors, at, facts,
        newRevision: { revision: step.to.revision, draft, authorId: actor.id, createdAt: at, cause: 'answered' },
        audit: [{ caseId, at, actorId: actor.id, action: 'answered', detail: { fact, value: typed, revision: step.to.revision, before: summariseDraft(c.draft), after: summariseDraft(draft), ...(llm ? { llm } : {}) } }],
      });
      if (!applied) return lostRace(caseId, expectedRevision);
      logger.info({ caseId, actorId: actor.id, fact, revision: step.to.revision }, 'question answered');
      return view(caseId);
    },

    async edit(caseId: string, actor: Actor, edit: EditInput, expectedRevision: number): Promise<CaseView> {
      const c = await load(caseId);
      const { input } = await caseInput(c);
      let planned;
      try {
        planned = planDraftEdit(stateOf(c), c.draft, input, actor, edit, expectedRevision, playbook);
      } catch (e) {
        return denied(caseId, actor, 'edit', e);
      }
      const { step, draft, warnings } = planned;
      const at = nowIso();
      const applied = await store.applyChange({
        caseId, from: step.from, to: step.to, authors: step.authors, at,
        newRevision: { revision: step.to.revision, draft, authorId: actor.id, createdAt: at, cause: 'edited' },
        audit: [{ caseId, at, actorId: actor.id, action: 'edited', detail: { revision: step.to.revision, role: actor.role, before: summariseDraft(c.draft), after: summariseDraft(draft), ...(warnings.length ? { warnings } : {}) } }],
      });
      if (!applied) return lostRace(caseId, expectedRevision);
      logger.info({ caseId, actorId: actor.id, revision: step.to.revision }, 'draft edited');
      return view(caseId);
    },

    async approve(caseId: string, actor: Actor, expectedRevision: number): Promise<ApproveResult> {
      const c = await load(caseId);
      let plan;
      const { input } = await caseInput(c);
      try {
        plan = planApprove(stateOf(c), actorOf(actor), expectedRevision);
        // The text that goes out must agree with the offers that go out (T-4, P-3, M-1, §4, T-6, amounts).
        if (plan.outcome === 'release') requireReleasable(c.draft.reply.text, input, c.draft, actor.role, playbook);
      } catch (e) {
        return denied(caseId, actor, 'approve', e);
      }
      if (plan.outcome === 'already') return { outcome: 'already', view: await view(caseId) };
      const at = nowIso();
      const releaseId = `rel_${randomUUID()}`;
      const d = c.draft;
      let released = deadlinesFor({ kind: 'released', at: new Date(at), unshipped: hasShipped(input) === false, offers: d.offers.map((o) => o.kind) });
      // A review's private message: the contact deadline is met, the SMS fallback's wait starts.
      const review = c.lifecycleData?.review;
      if (review && playbook.settings.review) {
        const more = releasedPlan(await store.listDeadlines(caseId), new Date(at), playbook.settings.review);
        released = { open: [...(released?.open ?? []), ...more.open], meet: [...(released?.meet ?? []), ...more.meet] };
      }
      const applied = await store.applyChange({
        caseId, from: plan.step.from, to: plan.step.to, authors: plan.step.authors, at,
        decision: { kind: 'approved', actorId: actor.id },
        ...(released ? { deadlines: released } : {}),
        release: { releaseId, caseId, ...(review ? { channel: 'platform_message' as const } : {}), ...(c.orderId ? { orderId: c.orderId } : {}), lang: d.reply.lang, text: d.reply.text, offers: d.offers, approvedBy: actor.id, releasedAt: at, playbookVersion: d.playbookVersion },
        audit: [
          { caseId, at, actorId: actor.id, action: 'approved', detail: { revision: c.revision, role: actor.role, after: summariseDraft(d) } },
          { caseId, at, actorId: actor.id, action: 'released', detail: { releaseId, text: d.reply.text, offers: summariseDraft(d).offers, playbookVersion: d.playbookVersion } },
        ],
      });
      if (!applied) {
        const fresh = await load(caseId);
        if (fresh.status === 'released') return { outcome: 'already', view: await view(caseId) };
        return lostRace(caseId, expectedRevision);
      }
      logger.info({ caseId, actorId: actor.id, releaseId }, 'case approved and released');
      deps.outbox?.kick();
      return { outcome: 'released', view: await view(caseId) };
    },

    async reject(caseId: string, actor: Actor, reason: string, expectedRevision: number): Promise<CaseView> {
      const c = await load(caseId);
      let step;
      try {
        step = planReject(stateOf(c), actorOf(actor), expectedRevision, reason);
      } catch (e) {
        return denied(caseId, actor, 'reject', e);
      }
      const at = nowIso();
      const applied = await store.applyChange({
        caseId, from: step.from, to: step.to, authors: step.authors, at,
        decision: { kind: 'rejected', actorId: actor.id, reason: reason.trim() },
        audit: [{ caseId, at, actorId: actor.id, action: 'rejected', detail: { revision: c.revision, role: actor.role, reason: reason.trim(), before: summariseDraft(c.draft) } }],
      });
      if (!applied) return lostRace(caseId, expectedRevision);
      logger.info({ caseId, actorId: actor.id }, 'case rejected');
      return view(caseId);
    },

    async queue(filter = {}): Promise<CaseSummary[]> {
      const rows = await store.listCases({ status: ['drafted'], createdBy: filter.createdBy, limit: Math.min(filter.limit ?? 50, 500), offset: filter.offset ?? 0 });
      return rows.map(toCaseSummary);
    },

    async history(caseId: string): Promise<AuditEntry[]> {
      const entries = await store.listAudit(caseId);
      if (entries.length === 0) await load(caseId);
      return entries;
    },

    async label(caseId: string, actor: Actor, category: string, subtype?: string): Promise<LabelResult> {
      const c = await load(caseId);
      const audit = await store.listAudit(caseId);
      const last = audit.filter((e) => e.action === CATEGORY_CORRECTED).at(-1)?.detail as { category: Draft['category']; subtype: Draft['subtype'] } | undefined;
      const before = last ? { category: last.category, subtype: last.subtype } : { category: c.draft.category, subtype: c.draft.subtype };
      let after;
      try {
        if (actor.role !== 'supervisor') throw new UserError('forbidden_role', "Only a supervisor can correct a case's label.");
        after = parseCaseLabel(category, subtype, before);
      } catch (e) {
        return denied(caseId, actor, 'label', e);
      }
      await store.appendAudit({ caseId, at: nowIso(), actorId: actor.id, action: CATEGORY_CORRECTED, detail: { category: after.category, subtype: after.subtype, before, drafted: { category: c.draft.category, subtype: c.draft.subtype } } });
      logger.info({ caseId, actorId: actor.id, category: after.category, subtype: after.subtype }, 'case label corrected');
      return { caseId, before, after };
    },

    async recordDenied(caseId: string, actor: Actor, action: string, reason: string, detail: Record<string, unknown> = {}): Promise<void> {
      await store.appendAudit({ caseId, at: nowIso(), actorId: actor.id, action: 'denied', detail: { attempted: action, reason, role: actor.role, platform: actor.platform, ...detail } });
      logger.info({ caseId, actorId: actor.id, action }, 'attempt denied by adapter');
    },

    async setChannel(caseId: string, channel: ChannelRef): Promise<void> {
      await load(caseId);
      await store.setChannel(caseId, channel);
    },

    keepEdit: (caseId, actor, edit) => store.keepEdit(caseId, actor.id, edit, nowIso()),
    keptEdit: (caseId, actor) => store.getKeptEdit(caseId, actor.id),
    forgetEdit: (caseId, actor) => store.forgetEdit(caseId, actor.id),
    opened: (actor, caseId) => store.setLastOpened(actor.id, caseId, nowIso()),
    lastOpened: (actor) => store.getLastOpened(actor.id),
    async lifecycle(caseId: string, actor: Actor, move: LifecycleMove, expectedSeq: number): Promise<CaseView> {
      const c = await load(caseId);
      let step;
      try {
        step = planLifecycle(lifecycleOf(c), actorOf(actor), move, expectedSeq);
      } catch (e) {
        return denied(caseId, actor, move.action, e);
      }
      const now = clock();
      const at = now.toISOString();
      const data = recordMove(c.lifecycleData ?? {}, move, actor, at);
      const plan = deadlinesFor(eventOf(move, now));
      const applied = await store.applyLifecycleChange({
        caseId, from: step.from, to: step.to, at, data, ...(plan ? { deadlines: plan } : {}),
        audit: [{ caseId, at, actorId: actor.id, action: step.transition.to === step.transition.from ? move.action : step.transition.to, detail: { move: move.action, from: step.from.state, to: step.to.state, seq: step.to.seq, role: actor.role, ...detailOf(move) } }],
      });
      if (!applied) throw new UserError('stale_revision', 'The case moved on while you were acting; look at it again.');
      logger.info({ caseId, actorId: actor.id, move: move.action, state: step.to.state }, 'lifecycle move');
      return view(caseId);
    },

    async draftFollowUp(caseId: string): Promise<{ drafted: boolean; view: CaseView }> {
      const c = await load(caseId);
      const data = c.lifecycleData ?? {};
      if (c.lifecycle !== 'executed' || data.followUp) return { drafted: false, view: await view(caseId) };
      const at = nowIso();
      const lang = c.draft.reply.lang;
      const seq = c.lifecycleSeq ?? 0;
      const applied = await store.applyLifecycleChange({
        caseId, from: { state: 'executed', seq }, to: { state: 'executed', seq: seq + 1 }, at,
        data: { ...data, followUp: { text: FOLLOW_UP_TEXT[lang], lang, draftedAt: at, status: 'drafted' } },
        audit: [{ caseId, at, actorId: 'settle', action: 'follow_up_drafted', detail: { text: FOLLOW_UP_TEXT[lang], lang, seq: seq + 1 } }],
      });
      return { drafted: applied, view: await view(caseId) };
    },

    async approveFollowUp(caseId: string, actor: Actor, expectedSeq: number): Promise<ApproveResult> {
      const c = await load(caseId);
      const data = c.lifecycleData ?? {};
      const f = data.followUp;
      if (f?.status === 'sent') return { outcome: 'already', view: await view(caseId) };
      if (!f || c.lifecycle !== 'executed') throw new UserError('invalid_transition', 'There is no follow-up drafted for this case.');
      const seq = c.lifecycleSeq ?? 0;
      if (seq !== expectedSeq) throw new UserError('stale_revision', `The case moved on (now step ${seq}, you saw ${expectedSeq}); look at it again.`, { seq, expectedSeq });
      const at = nowIso();
      const messageId = `fup_${randomUUID()}`;
      const applied = await store.applyLifecycleChange({
        caseId, from: { state: 'executed', seq }, to: { state: 'executed', seq: seq + 1 }, at,
        data: { ...data, followUp: { ...f, status: 'sent', approvedBy: actor.id, sentAt: at, messageId } },
        message: { kind: 'follow_up', releaseId: messageId, caseId, ...(c.orderId ? { orderId: c.orderId } : {}), lang: f.lang, text: f.text, offers: [], approvedBy: actor.id, releasedAt: at, playbookVersion: c.draft.playbookVersion },
        audit: [{ caseId, at, actorId: actor.id, action: 'follow_up_sent', detail: { messageId, text: f.text, role: actor.role } }],
      });
      if (!applied) {
        if ((await load(caseId)).lifecycleData?.followUp?.status === 'sent') return { outcome: 'already', view: await view(caseId) };
        throw new UserError('stale_revision', 'The case moved on while you were acting; look at it again.');
      }
      logger.info({ caseId, actorId: actor.id, messageId }, 'follow-up approved and queued');
      deps.outbox?.kick();
      return { outcome: 'released', view: await view(caseId) };
    },

    async fileReview(input: ReviewSubmitInput): Promise<CaseView> {
      const settings = playbook.settings.review;
      if (!settings) throw new UserError('invalid_input', 'This store keeps no review settings (store.json "review": time zone, working hours, review deadlines); reviews cannot be filed.');
      if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw new UserError('invalid_input', `Rating: a whole number of stars, 1 to 5 (got ${String(input.rating)}).`);
      if (input.text.trim() === '') throw new UserError('empty_message', "The review is empty: paste the review's words.");
      checkMessage(input.text);
      const now = clock();
      const postedAt = input.postedAt ? new Date(input.postedAt) : now;
      if (Number.isNaN(postedAt.getTime())) throw new UserError('invalid_input', `Posted at: '${input.postedAt ?? ''}' is not a date and time.`);
      if (postedAt.getTime() > now.getTime()) throw new UserError('invalid_input', `Posted at: ${postedAt.toISOString()} is after now (${now.toISOString()}).`);
      const orderId = input.orderId?.trim() || undefined;
      const order = orderId ? await store.getOrder(orderId) : undefined;
      if (orderId && !order) throw new UserError('unknown_order', `No order ${orderId}: import it first (settle orders import), or file the review without it.`, { orderId });
      const c: CaseInput = { id: '', message: input.text, now, facts: {}, ...(input.lang ? { lang: input.lang } : {}), ...(order ? { order } : {}) };
      const { answer, draft: policy } = analyseReview({ case: c, rating: input.rating, postedAt }, playbook);
      // The case's draft is the private-contact message; its offers the review's (M-1: no money).
      const draft: Draft = {
        ...policy, reply: { lang: answer.privateDraft.lang, text: answer.privateDraft.text }, rules: answer.privateDraft.rules,
        offers: answer.offers, approval: answer.approval, escalate: answer.escalate, checklist: answer.checklist, questions: [],
      };
      const { record: review, deadlines } = reviewCase(answer, postedAt, now, settings);
      const at = now.toISOString();
      const rec: Omit<CaseRecord, 'id'> = {
        status: 'drafted', revision: 1, message: input.text, facts: {}, classification: draft.classification,
        createdBy: input.actor.id, authors: [], createdAt: at, updatedAt: at, lifecycleData: { review },
        ...(orderId ? { orderId } : {}), ...(input.lang ? { lang: input.lang } : {}), ...(input.channel ? { channel: input.channel } : {}),
      };
      const audit: Omit<NewAudit, 'caseId'>[] = [
        { at, actorId: input.actor.id, action: 'submitted', detail: { platform: input.actor.platform, kind: 'review', rating: input.rating, postedAt: review.postedAt, orderId, orderFound: orderId ? true : undefined, message: input.text } },
        { at, actorId: 'settle', action: 'drafted', detail: { revision: 1, classification: draft.classification, after: summariseDraft(draft) } },
        { at, actorId: 'settle', action: 'review_analysed', detail: { analysis: review.analysis, malicious: review.malicious, deadlines: deadlines.map((d) => ({ kind: d.kind, dueAt: d.dueAt, met: Boolean(d.metAt) })) } },
      ];
      const caseId = await store.createCase(rec, { revision: 1, draft, authorId: 'settle', createdAt: at, cause: 'decided' }, audit, deadlines);
      logger.info({ caseId, actorId: input.actor.id, rating: input.rating, category: draft.category, escalate: draft.escalate }, 'review filed');
      return view(caseId);
    },

    async reviewMove(caseId: string, actor: Actor, move: ReviewMove, expectedSeq: number): Promise<ApproveResult> {
      const c = await load(caseId);
      const data = c.lifecycleData ?? {};
      const r = data.review;
      if (!r) throw new UserError('invalid_input', `${caseId} is a complaint, not a review.`);
      const seq = c.lifecycleSeq ?? 0;
      const at = nowIso();
      let plan;
      try {
        plan = planReviewMove(r, c.status === 'released' ? c.lifecycle : undefined, actor.role, actor.id, move, at, caseId);
      } catch (e) {
        return denied(caseId, actor, `review:${move.step}`, e);
      }
      if (plan.already) return { outcome: 'already', view: await view(caseId) };
      if (seq !== expectedSeq) throw new UserError('stale_revision', `The case moved on (now step ${seq}, you saw ${expectedSeq}); look at it again.`, { seq, expectedSeq });
      const prefix = plan.message?.kind === 'review_sms' ? 'sms' : 'pub';
      const messageId = plan.message ? `${prefix}_${randomUUID()}` : undefined;
      const record = messageId && plan.message?.kind === 'review_sms' ? { ...plan.record, sms: { ...plan.record.sms, messageId } }
        : messageId ? { ...plan.record, publicReply: { ...plan.record.publicReply, messageId } } : plan.record;
      const solved = plan.state === 'resolved' && c.lifecycle !== 'resolved';
      const applied = await store.applyLifecycleChange({
        caseId, from: { state: c.lifecycle!, seq }, to: { state: plan.state, seq: seq + 1 }, at, deadlines: plan.deadlines,
        data: { ...data, review: record, ...(solved ? { resolved: { at, by: actor.id, note: 'review: the customer says it is solved' } } : {}) },
        ...(plan.message && messageId ? { message: { kind: plan.message.kind, channel: plan.message.channel, releaseId: messageId, caseId, ...(c.orderId ? { orderId: c.orderId } : {}), lang: plan.message.lang, text: plan.message.text, offers: [], approvedBy: actor.id, releasedAt: at, playbookVersion: c.draft.playbookVersion } } : {}),
        audit: [{ caseId, at, actorId: actor.id, action: plan.audit, detail: { move: move.step, role: actor.role, seq: seq + 1, ...(move.step === 'contact' ? { outcome: move.outcome, channel: move.channel, ...(move.channel === 'phone' ? { consent: true } : {}) } : {}), ...(plan.message ? { messageId, channel: plan.message.channel, text: plan.message.text } : {}) } }],
      });
      if (!applied) throw new UserError('stale_revision', 'The case moved on while you were acting; look at it again.');
      logger.info({ caseId, actorId: actor.id, move: move.step, state: plan.state }, 'review move');
      if (plan.message) deps.outbox?.kick();
      return { outcome: 'released', view: await view(caseId) };
    },

    async draftReviewSms(caseId: string): Promise<{ drafted: boolean; view: CaseView }> {
      const c = await load(caseId);
      const data = c.lifecycleData ?? {};
      const at = nowIso();
      const next = data.review && c.status === 'released' ? draftSms(data.review, c.lifecycle, at) : undefined;
      if (!next || !c.lifecycle) return { drafted: false, view: await view(caseId) };
      const seq = c.lifecycleSeq ?? 0;
      const applied = await store.applyLifecycleChange({
        caseId, from: { state: c.lifecycle, seq }, to: { state: c.lifecycle, seq: seq + 1 }, at, data: { ...data, review: next },
        audit: [{ caseId, at, actorId: 'settle', action: 'review_sms_drafted', detail: { text: next.sms.text, lang: next.sms.lang, channel: 'sms', seq: seq + 1 } }],
      });
      return { drafted: applied, view: await view(caseId) };
    },
  };
}

/** What the audit keeps of a move: what was done, the answer, the reason. */
function detailOf(move: LifecycleMove): Record<string, unknown> {
  switch (move.action) {
    case 'execute': return { record: trimRecord(move.record) };
    case 'return_arrived': return move.arrivedAt ? { arrivedAt: move.arrivedAt } : {};
    case 'follow_up': return { answer: move.answer };
    case 'resolve': return move.note ? { note: move.note } : {};
    case 'reopen': return { reason: move.reason.trim() };
  }
}

function trimRecord(r: import('../core/lifecycle/deadlines.ts').ExecutionRecord) {
  return Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? v.trim() : v]).filter(([, v]) => v !== undefined && v !== ''));
}
