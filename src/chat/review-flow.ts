/**
 * Negative reviews in chat, written once for every front end (core/review/review-case.ts): a
 * review is filed as a case (its card carries the private-contact draft, approved like any
 * reply), and after that message went out the agent records each contact (answered, unanswered,
 * solved; a phone call only with consent), approves the SMS fallback Settle drafted, and — only
 * once the private case is resolved — releases the public reply. The typed grammar
 * (`review 1 order:T1 TEXT`, `review c3 unanswered`, `review c3 sms`, `review c3 public`) is
 * the same on Slack's `/settle review`, the console's `/review` and Discord's options.
 */
import type { CaseView } from '../app/desk.ts';
import { CONTACT_OUTCOMES, type ContactChannel, type ContactOutcome, type ReviewMove } from '../core/review/review-case.ts';
import { DEADLINE_LABEL } from '../core/lifecycle/deadlines.ts';
import type { Lang } from '../core/types.ts';
import type { ChatContext } from './context.ts';
import type { Person } from './events.ts';
import { explainError } from './explain-error.ts';
import { checkAccess } from './people.ts';
import type { Replies } from './replies.ts';
import type { ChannelRef } from '../app/desk.ts';

/** `/settle review` with a rating and text (or the review form submitted). */
export interface ReviewFileEvent {
  kind: 'review';
  person: Person;
  rating: number;
  text: string;
  orderId?: string;
  lang?: Lang;
  /** When the review was posted (ISO-8601); default now. */
  postedAt?: string;
  channel?: ChannelRef;
}

/** A move on a filed review (`review c3 unanswered`). `seq`: the step the person saw; absent → as it is now. */
export interface ReviewStepEvent {
  kind: 'review-step';
  person: Person;
  caseId: string;
  seq?: number;
  move: ReviewMove;
}

export type ReviewCommand =
  | { kind: 'modal' }
  | { kind: 'file'; rating: number; text: string; orderId?: string; lang?: Lang }
  | { kind: 'step'; caseId: string; move: ReviewMove }
  | { kind: 'error'; message: string };

export const REVIEW_USAGE = 'review RATING [order:ID] TEXT (file a review, 1–5 stars) · review CASE answered|unanswered|solved [message|sms|phone consent] [NOTE] · review CASE sms (send the drafted SMS) · review CASE public (release the public reply)';

const CHANNELS: readonly ContactChannel[] = ['message', 'sms', 'phone'];

/** The words after `review`, on every front end. */
export function parseReviewCommand(text: string): ReviewCommand {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return { kind: 'modal' };
  const caseMatch = /^(?:c|#)(\d+)$/i.exec(words[0]!);
  if (caseMatch) {
    const caseId = `c${caseMatch[1]}`;
    const [step = '', ...rest] = words.slice(1);
    const s = step.toLowerCase();
    if (s === 'sms' && rest.length === 0) return { kind: 'step', caseId, move: { step: 'send_sms' } };
    if (s === 'public' && rest.length === 0) return { kind: 'step', caseId, move: { step: 'send_public' } };
    if (!(CONTACT_OUTCOMES as readonly string[]).includes(s)) return { kind: 'error', message: `Usage: ${REVIEW_USAGE}` };
    let channel: ContactChannel = 'message';
    let consent = false;
    if (rest[0] && (CHANNELS as readonly string[]).includes(rest[0].toLowerCase())) channel = rest.shift()!.toLowerCase() as ContactChannel;
    if (rest[0]?.toLowerCase() === 'consent') {
      rest.shift();
      consent = true;
    }
    const note = rest.join(' ').trim();
    return { kind: 'step', caseId, move: { step: 'contact', outcome: s as ContactOutcome, channel, ...(consent ? { consent } : {}), ...(note ? { note } : {}) } };
  }
  const [rating = '', ...rest] = words;
  if (!/^[1-5]$/.test(rating)) return { kind: 'error', message: `'${rating}' is not a rating: give 1 to 5 stars first. Usage: ${REVIEW_USAGE}` };
  let orderId: string | undefined;
  let lang: Lang | undefined;
  const body: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const w = rest[i]!;
    const m = /^(order|lang):(\S+)$/i.exec(w);
    if (w === '--order' && rest[i + 1]) orderId = rest[++i];
    else if (m && m[1]!.toLowerCase() === 'order') orderId = m[2];
    else if (m && (m[2] === 'zh' || m[2] === 'en')) lang = m[2];
    else body.push(w);
  }
  const joined = body.join(' ').trim();
  if (!joined) return { kind: 'error', message: `Paste the review's words after the rating. Usage: ${REVIEW_USAGE}` };
  return { kind: 'file', rating: Number(rating), text: joined, ...(orderId ? { orderId } : {}), ...(lang ? { lang } : {}) };
}

const time = (iso: string) => iso.replace(/:\d{2}\.\d{3}Z$/, 'Z');

/** What was filed, in words (staff-facing, English like the lifecycle notices). */
export function reviewSummary(view: CaseView): string {
  const r = view.review!;
  const a = r.analysis;
  const order = a.background ? ` · order ${a.background.orderId}${a.background.status ? ` (${a.background.status})` : ''}` : '';
  const lines = [`${view.id} review filed (${r.rating}★${r.negative ? ', negative' : ''}): ${a.category}${a.subtype ? `/${a.subtype}` : ''} · demand ${a.demand}${order}.`];
  if (view.deadlines.length) lines.push(`Deadlines: ${view.deadlines.map((d) => `${DEADLINE_LABEL[d.kind]} ${d.metAt ? '✓ met' : `by ${time(d.dueAt)}`}`).join(' · ')}.`);
  if (r.malicious) lines.push(`Malicious (M-1): no money is offered; the public reply is the neutral factual one. Evidence checklist: ${r.checklist.join(' · ')}`);
  lines.push(`Private message (approve the card to send it to the customer as a platform message): ${view.draft.reply.text}`);
  lines.push(`Public reply (released only after the private case is resolved): ${r.publicReply.text}`);
  return lines.join('\n');
}

function saidOf(view: CaseView, move: ReviewMove, again: boolean): string {
  const id = view.id;
  const r = view.review!;
  switch (move.step) {
    case 'send_sms':
      return again ? `${id}: the SMS fallback was already approved; nothing was sent twice.` : `${id}: SMS fallback approved; it goes to the customer by SMS through the outbox, once:\n${r.sms.text}`;
    case 'send_public':
      return again ? `${id}: the public reply was already released; nothing was sent twice.` : `${id}: public reply released; it goes out as the public answer to the review through the outbox, once:\n${r.publicReply.text}`;
    case 'contact': {
      const how = move.channel === 'phone' ? 'phone, with the customer\'s consent' : move.channel;
      if (move.outcome === 'solved') return `${id} resolved: the customer says it is solved (${how}). Release the public reply now: review ${id} public.`;
      if (move.outcome === 'answered') return `${id}: answered recorded (${how}); no SMS fallback is needed.`;
      const sms = view.deadlines.find((d) => d.kind === 'review_sms' && !d.metAt);
      return `${id}: unanswered recorded (${how}).${sms ? ` If nobody answers, Settle drafts the SMS fallback at ${time(sms.remindAt)}; it is due by ${time(sms.dueAt)}.` : ''}`;
    }
  }
}

/** Files a review. Never throws: a refusal or failure becomes a notice. */
export async function onReview(ctx: ChatContext, event: ReviewFileEvent, out: Replies): Promise<void> {
  let caseId: string | undefined;
  try {
    const access = await checkAccess(ctx, 'file', event.person, undefined, event.lang);
    if (!access.ok) return void (await out.send({ kind: 'notice', tone: 'refused', code: access.code, text: `${access.reason}. Nothing was filed.` }));
    await out.busy?.();
    const view = await ctx.desk.fileReview({
      actor: event.person.actor, rating: event.rating, text: event.text,
      ...(event.orderId ? { orderId: event.orderId } : {}), ...(event.lang ? { lang: event.lang } : {}), ...(event.postedAt ? { postedAt: event.postedAt } : {}), ...(event.channel ? { channel: event.channel } : {}),
    });
    caseId = view.id;
    const placed = await out.send({ kind: 'new-card', view });
    ctx.logger.info({ caseId, actorId: event.person.actor.id, category: view.draft.category }, `${ctx.platform} review filed`);
    if (placed?.messageId) await ctx.desk.setChannel(view.id, placed).catch((err: unknown) => ctx.logger.warn({ err, caseId }, 'could not record the card location'));
    await out.send({ kind: 'lifecycle', view, text: reviewSummary(view) });
  } catch (error) {
    await out.send(explainError(ctx, error, { ...(caseId ? { caseId } : {}), step: 'review' })).catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not tell the agent'));
  }
}

/** A move on a filed review. Never throws: refusals (the public reply before resolution) become notices. */
export async function onReviewStep(ctx: ChatContext, event: ReviewStepEvent, out: Replies): Promise<void> {
  const { person, caseId, move } = event;
  try {
    const view = await ctx.desk.get(caseId);
    if (!view.review) return void (await out.send({ kind: 'notice', tone: 'info', code: 'invalid_input', text: `${caseId} is a complaint, not a review; review steps apply to reviews only.` }));
    const access = await checkAccess(ctx, 'lifecycle', person, view);
    if (!access.ok) {
      const text = access.code === 'invalid_transition' ? `${caseId}: approve the private-contact draft first; nothing else goes to the customer before it.` : `${access.reason}.`;
      return void (await out.send({ kind: 'notice', tone: access.code === 'invalid_transition' ? 'info' : 'refused', code: access.code, text }));
    }
    await out.busy?.();
    const result = await ctx.desk.reviewMove(caseId, person.actor, move, event.seq ?? view.lifecycle?.seq ?? 0);
    ctx.logger.info({ caseId, actorId: person.actor.id, move: move.step }, `${ctx.platform} review move`);
    await out.send({ kind: 'lifecycle', view: result.view, text: saidOf(result.view, move, result.outcome === 'already') });
  } catch (error) {
    await out.send(explainError(ctx, error, { caseId, step: `review:${move.step}` })).catch(() => undefined);
  }
}
