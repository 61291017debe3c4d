/**
 * The chat layer's replies as console text. A typed `/approve c3` is a click and `/edit`,
 * `/reject`, `/answer` are forms (run-console.ts); what the flow answers is printed here: the
 * case card, the release, a rejection line. A refusal or bad input becomes the command's error
 * (`✗ … (code)`, and a non-zero exit on piped input), thrown by `finish()` after the flow.
 */
import type { CaseView } from '../../app/desk.ts';
import type { Replies, Reply } from '../../chat/replies.ts';
import { UserError, type ErrorCode } from '../../core/errors.ts';
import { renderQueue, renderRelease, type RenderOptions } from './render-case.ts';

/** A failure the chat layer already logged: the console only says it went wrong. */
export class ReportedCrash extends Error {}

export interface ConsoleReplies extends Replies {
  /** Throws what the flow refused, if anything. */
  finish(): void;
}

export function consoleReplies(r: RenderOptions, io: { say: (text: string) => void; show: (view: CaseView) => Promise<void>; opened: (caseId: string) => Promise<void> }): ConsoleReplies {
  const showAfter = async (view: CaseView, text: string) => {
    io.say(r.style.green(`✓ ${text}`));
    await io.show(view);
  };
  let failure: Error | undefined;
  let shownId = 'The case';
  const fail = (error: Error) => {
    failure ??= error;
  };
  const render: { [K in Reply['kind']]: (reply: Extract<Reply, { kind: K }>) => Promise<void> | void } = {
    'new-card': ({ view }) => io.show(view),
    card: async ({ view }) => {
      await io.opened(view.id);
      shownId = view.id;
      if (view.status === 'drafted') return io.show(view);
      if (view.status === 'rejected') io.say(r.style.red(`✗ ${view.id} rejected: ${view.rejectReason ?? ''}`));
      return undefined;
    },
    release: ({ view, again }) => {
      if (!again) return io.say(renderRelease(view, r));
      const rel = view.release ? ` (${view.release.id})` : '';
      return io.say(r.style.yellow(`${view.id} was already ${view.status}${rel}; nothing was sent again.`));
    },
    notice: (n) => {
      if (n.tone === 'warning') return fail(new ReportedCrash(n.text));
      if (n.code === 'stale_revision' && n.revisions) {
        return fail(new UserError('stale_revision', `${shownId} changed since you saw it (rev ${n.revisions.seen} → rev ${n.revisions.current}); above is the new card. Run the command again to act on it.`));
      }
      return fail(new UserError((n.code ?? 'invalid_input') as ErrorCode, n.text));
    },
    'form-errors': (e) => fail(new UserError(e.code, Object.values(e.errors).join(' '))),
    lifecycle: ({ view, text }) => (text.includes('moved on since') ? io.show(view) : showAfter(view, text)),
    // The console has no forms: each form is a command with its values typed on the line.
    form: () => undefined,
    // Training turns belong to training conversations (training-flow.ts), never to a case card.
    'training-turn': () => undefined,
    queue: (q) => io.say(renderQueue(q, r)),
  };
  return {
    send: async (reply) => void (await (render[reply.kind] as (x: Reply) => Promise<void> | void)(reply)),
    finish: () => {
      if (failure) throw failure;
    },
  };
}

/** A training turn as console text: the answer, and at the end the scorecard. */
export function trainingReplies(say: (text: string) => void, style: RenderOptions['style'], ended: () => void): ConsoleReplies {
  let failure: Error | undefined;
  return {
    send: async (reply) => {
      if (reply.kind === 'notice') {
        failure ??= reply.tone === 'warning' ? new ReportedCrash(reply.text) : new UserError((reply.code ?? 'invalid_input') as ErrorCode, reply.text);
        return;
      }
      if (reply.kind !== 'training-turn') return;
      const who = reply.session.mode === 'play' ? `Customer [${reply.mood ?? '?'}]` : 'Settle (agent)';
      if (!reply.gaveUp && reply.answer) say(`${who}: ${reply.answer}`);
      if (!reply.ending) return;
      ended();
      say(style.bold(`Training ended: ${(reply.ending.reason ?? 'ended').replace(/_/g, ' ')} · ${reply.ending.sessionId}`));
      if (reply.ending.summary) say(reply.ending.summary);
    },
    finish: () => {
      if (failure) throw failure;
    },
  };
}
