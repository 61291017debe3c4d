/**
 * The lifecycle after release, written once for every front end (docs/lifecycle.md): a move
 * (execute, return arrived, the follow-up's answer, resolve, reopen, approving the drafted
 * follow-up) is authorised, checked against the step the person saw, made through one desk call
 * and answered with a `lifecycle` reply. The scheduler's reminders and escalations are worded
 * here too, and each front end's notifier says where they go: a reminder in the case's thread,
 * an escalation to the supervisors' channel.
 */
import type { CaseView, Platform } from '../app/desk.ts';
import type { LifecycleNotice, LifecycleNotifier } from '../app/lifecycle.ts';
import { DEADLINE_LABEL } from '../core/lifecycle/deadlines.ts';
import { isUserError } from '../core/errors.ts';
import { planLifecycle, type LifecycleMove } from '../core/workflow/lifecycle.ts';
import type { ActionRef } from '../adapters/shared/action-id.ts';
import { formatDuration } from '../adapters/shared/sla.ts';
import type { ChatContext } from './context.ts';
import type { Person } from './events.ts';
import { explainError } from './explain-error.ts';
import { checkAccess } from './people.ts';
import type { Notice, Replies } from './replies.ts';
import { parseLifecycleForm, requestOfButton, type LifecycleForm } from './lifecycle-card.ts';

/** A lifecycle move, or the approval of the drafted follow-up. */
export type LifecycleRequest = LifecycleMove | { action: 'send_followup' };

/** A button on a released case's card, or a typed `/execute c3 tracking SF123`. */
export interface LifecycleEvent {
  kind: 'lifecycle';
  person: Person;
  caseId: string;
  /** The lifecycle step the person saw (the card's `seq`). */
  seq: number;
  request: LifecycleRequest;
}

/** What a move did, in a sentence. */
function saidOf(view: CaseView, request: LifecycleRequest, again: boolean): string {
  const id = view.id;
  switch (request.action) {
    case 'send_followup': return again ? `${id}: the follow-up was already approved; nothing was sent twice.` : `${id}: follow-up approved; it goes to the customer through the outbox, once.`;
    case 'execute': return `${id} executed: ${Object.entries(request.record).filter(([, v]) => v).map(([k, v]) => `${k} ${String(v)}`).join(', ')}. Follow-up due ${dueOf(view, 'follow_up')}.`;
    case 'return_arrived': return `${id}: return recorded; refund due ${dueOf(view, 'refund_after_return')}.`;
    case 'follow_up': return `${id}: follow-up answer recorded (${request.answer.unreachable ? 'unreachable' : request.answer.solved ? 'solved' : 'not solved'}${request.answer.satisfied === undefined ? '' : request.answer.satisfied ? ', satisfied' : ', not satisfied'}).`;
    case 'resolve': return `${id} resolved.`;
    case 'reopen': return `${id} reopened: ${request.reason.trim()}. Execute it again.`;
  }
}

function dueOf(view: CaseView, kind: CaseView['deadlines'][number]['kind']): string {
  return view.deadlines.find((d) => d.kind === kind && !d.metAt)?.dueAt ?? '—';
}

/** Never throws: refusals and failures become notices. */
export async function onLifecycle(ctx: ChatContext, event: LifecycleEvent, out: Replies): Promise<void> {
  const { person, caseId, request } = event;
  try {
    const view = await ctx.desk.get(caseId);
    const access = await checkAccess(ctx, 'lifecycle', person, view);
    if (!access.ok) return void (await out.send({ kind: 'notice', tone: access.code === 'invalid_transition' ? 'info' : 'refused', code: access.code, text: `${access.reason}.` }));
    // A repeat of the follow-up's approval, from however old a card: nothing goes out twice.
    if (request.action === 'send_followup' && view.lifecycle?.data.followUp?.status === 'sent') return void (await out.send({ kind: 'lifecycle', view, text: saidOf(view, request, true) }));
    const current = view.lifecycle?.seq ?? 0;
    if (view.lifecycle && event.seq !== current) {
      await out.send({ kind: 'lifecycle', view, text: `${view.id} moved on since you looked (step ${event.seq} → ${current}); here it is again.` });
      return void (await out.send({ kind: 'notice', tone: 'info', code: 'stale_revision', text: `${view.id} moved on (step ${event.seq} → ${current}); nothing was done.` }));
    }
    await out.busy?.();
    if (request.action === 'send_followup') {
      const result = await ctx.desk.approveFollowUp(caseId, person.actor, event.seq);
      return void (await out.send({ kind: 'lifecycle', view: result.view, text: saidOf(result.view, request, result.outcome === 'already') }));
    }
    const next = await ctx.desk.lifecycle(caseId, person.actor, request, event.seq);
    ctx.logger.info({ caseId, actorId: person.actor.id, move: request.action }, `${ctx.platform} lifecycle move`);
    await out.send({ kind: 'lifecycle', view: next, text: saidOf(next, request, false) });
  } catch (error) {
    await out.send(refusalOf(ctx, error, caseId, `lifecycle:${request.action}`)).catch(() => undefined);
  }
}

/** A desk refusal by role (audited by the desk) is told as a refusal; the rest as explained. */
function refusalOf(ctx: ChatContext, error: unknown, caseId: string, step: string): Notice {
  const notice = explainError(ctx, error, { caseId, step });
  return isUserError(error) && error.code === 'forbidden_role' ? { ...notice, tone: 'refused' } : notice;
}

/**
 * A lifecycle button on a card (Slack, Discord). A button that moves the case moves it; Execute and
 * Reopen first open their form — after the same checks the move would get (access, the table's
 * state and role, the step seen), so a refused person is told at the click, privately and audited.
 */
export async function onLifecycleClick(ctx: ChatContext, click: { person: Person; ref: ActionRef }, out: Replies): Promise<void> {
  const { person, ref } = click;
  const button = ref.move;
  if (!button) return;
  if (button !== 'execute' && button !== 'reopen') {
    return onLifecycle(ctx, { kind: 'lifecycle', person, caseId: ref.caseId, seq: ref.revision, request: requestOfButton(button) }, out);
  }
  try {
    const view = await ctx.desk.get(ref.caseId);
    const access = await checkAccess(ctx, 'lifecycle', person, view);
    if (!access.ok) return void (await out.send({ kind: 'notice', tone: access.code === 'invalid_transition' ? 'info' : 'refused', code: access.code, text: `${access.reason}.` }));
    // The move as the form would make it, checked now (the core's one table); only a role refusal is audited.
    const probe: LifecycleMove = button === 'execute' ? { action: 'execute', record: { trackingNumber: '-' } } : { action: 'reopen', reason: '-' };
    try {
      planLifecycle({ state: view.lifecycle?.state, seq: view.lifecycle?.seq ?? 0 }, person.actor, probe, ref.revision);
    } catch (error) {
      if (isUserError(error) && error.code === 'forbidden_role') await ctx.desk.recordDenied(view.id, person.actor, probe.action, `forbidden_role: ${error.message}`, { code: 'forbidden_role', role: person.actor.role });
      if (isUserError(error) && error.code === 'stale_revision') await out.send({ kind: 'lifecycle', view, text: `${view.id} moved on since you looked; here it is again.` });
      return void (await out.send(refusalOf(ctx, error, view.id, `lifecycle:${button}`)));
    }
    await out.send({ kind: 'form', form: button, view });
  } catch (error) {
    await out.send(refusalOf(ctx, error, ref.caseId, `lifecycle:${button}`)).catch(() => undefined);
  }
}

/** A submitted Execute or Reopen form: parsed here, then the move. Bad input keeps the form open. */
export async function onLifecycleForm(ctx: ChatContext, submit: { person: Person; ref: ActionRef; form: LifecycleForm; fields: Readonly<Record<string, string | undefined>> }, out: Replies): Promise<void> {
  const parsed = parseLifecycleForm(submit.form, submit.fields);
  if ('errors' in parsed) return void (await out.send({ kind: 'form-errors', form: submit.form, errors: parsed.errors, fields: submit.fields, code: 'invalid_input' }));
  await onLifecycle(ctx, { kind: 'lifecycle', person: submit.person, caseId: submit.ref.caseId, seq: submit.ref.revision, request: parsed.request }, out);
}


/** A reminder, an escalation or a drafted follow-up, in words (English: staff-facing). */
export function noticeText(n: LifecycleNotice, now: Date): string {
  const id = n.view.id;
  const label = DEADLINE_LABEL[n.deadline];
  const at = n.dueAt.replace(/\.\d{3}Z$/, 'Z');
  const sms = n.view.review?.sms;
  const smsDraft = n.deadline === 'review_sms' && sms?.status === 'drafted' ? `\nThe private message is still unanswered: approve the SMS fallback (${n.view.id} review sms) to send it by SMS, once:\n${sms.text}` : '';
  if (n.notice === 'escalation') return `🚨 ${id}: ${label} is overdue (was due ${at}). A supervisor should step in.${smsDraft}`;
  if (smsDraft) return `⏰ ${id}: ${label}; the SMS is due by ${at}.${smsDraft}`;
  if (n.deadline === 'follow_up' && n.view.lifecycle?.data.followUp?.status === 'drafted') {
    return `⏰ ${id}: the follow-up is due by ${at}. Approve this drafted message to send it to the customer, then record their answer:\n${n.view.lifecycle.data.followUp.text}`;
  }
  return `⏰ ${id}: ${label} is due in ${formatDuration(Math.max(0, Date.parse(n.dueAt) - now.getTime()))} (by ${at}).`;
}

/** Where a front end posts notices. */
export interface NoticePosts {
  /** In the case's own thread (its card's channel). */
  thread(view: CaseView, text: string, notice: LifecycleNotice): Promise<void>;
  /** In the supervisors' channel (SLACK_APPROVALS_CHANNEL, DISCORD_SUPERVISOR_CHANNEL_ID, the console). */
  supervisors(view: CaseView, text: string, notice: LifecycleNotice): Promise<void>;
}

/**
 * One front end's notifier: reminders for cases whose card lives on this platform (the console's
 * are those with no card); escalations for those and for every case with no card anywhere.
 */
export function notifierFor(platform: Platform, posts: NoticePosts, clock: () => Date): LifecycleNotifier {
  return async (n) => {
    // A case with no card anywhere was filed from the console or the CLI: the console is its thread.
    const own = n.view.channel ? n.view.channel.platform === platform : platform === 'console';
    const text = noticeText(n, clock());
    if (n.notice === 'reminder' && own) await posts.thread(n.view, text, n);
    if (n.notice === 'escalation' && (own || !n.view.channel)) await posts.supervisors(n.view, text, n);
  };
}
