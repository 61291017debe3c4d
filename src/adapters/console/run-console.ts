/**
 * The local console: one person acts as agent and as supervisor (`/as supervisor wang`) over
 * the same Desk the chat adapters use. Interactive on a terminal (prompt, colour), and plain
 * on piped input, where each command is echoed after its prompt so a script's output reads as
 * a transcript; there the exit code says whether any command failed.
 */
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import type { AccessAction } from '../../app/access.ts';
import { onClick, onFormSubmit } from '../../chat/case-flow.ts';
import type { ChatContext } from '../../chat/context.ts';
import type { ActionRef, FormName } from '../../chat/events.ts';
import { onCommand } from '../../chat/file-flow.ts';
import { noticeText, onLifecycle } from '../../chat/lifecycle-flow.ts';
import type { LifecycleNotifier } from '../../app/lifecycle.ts';
import { FIELDS } from '../../chat/forms.ts';
import { checkAccess, personOf } from '../../chat/people.ts';
import { onQueue } from '../../chat/queue-flow.ts';
import { onReview, onReviewStep } from '../../chat/review-flow.ts';
import { beginTraining, checkTrainingRequest, giveUpLine, onThreadMessage, TRAINING_UNAVAILABLE, type TrainingSession } from '../../chat/training-flow.ts';
import type { TrainingService } from '../../training/training-service.ts';
import type { Actor, CaseView, Desk } from '../../app/desk.ts';
import { isUserError, UserError } from '../../core/errors.ts';
import { formatMoney } from '../../core/money.ts';
import { FACT_KEYS, type FactKey, type Order, type Role } from '../../core/types.ts';
import type { Logger } from '../../logger.ts';
import { consoleReplies, ReportedCrash, trainingReplies } from './console-replies.ts';
import { looksLikeSlip, parseCommand, type ConsoleCommand } from './parse-command.ts';
import { QUEUE_PAGE, renderCase, renderHelp, renderHistory, type RenderOptions } from './render-case.ts';
import { createStyle } from './style.ts';

export interface ConsoleOptions {
  desk: Desk;
  input: Readable;
  output: Writable;
  /** Input and output are a terminal: prompt, no echo. */
  interactive: boolean;
  /** ANSI colours (a terminal, and NO_COLOR unset). */
  color: boolean;
  /** Terminal columns; default 80. */
  width?: number;
  logger: Logger;
  /** Who acts first; default agent `agent`. */
  actor?: { role: Role; name: string };
  /** For `/order ID`. */
  getOrder?: (id: string) => Promise<Order | undefined>;
  /** Shown once at start. */
  banner?: string;
  /** For case ages in the queue; default the system clock. */
  clock?: () => Date;
  /**
   * Why `/as` is refused (Slack or Discord configured, or their actors in the store): one
   * terminal must not become any person of a chat platform. Undefined → `/as` works.
   */
  identityLocked?: string;
  /** `/train`: role-play through the same training flow as Slack and Discord; absent → off. */
  training?: TrainingService;
  /**
   * Starts the lifecycle scheduler with the console's notifier (reminders and escalations are
   * printed); stopped when the console ends. Absent → no scheduler here.
   */
  scheduler?: (notify: LifecycleNotifier) => { stop(): Promise<void> };
}

export interface ConsoleResult {
  commands: number;
  errors: number;
}

function actorFor(role: Role, name: string): Actor {
  return { id: `console:${name}`, displayName: name, role, platform: 'console' };
}

/** Runs the console until /quit or end of input. */
export async function runConsole(opts: ConsoleOptions): Promise<ConsoleResult> {
  const { desk, output, logger } = opts;
  const style = createStyle(opts.color);
  const r: RenderOptions = { style, width: Math.max(40, Math.min(opts.width ?? 80, 120)) };
  let actor = actorFor(opts.actor?.role ?? 'agent', opts.actor?.name ?? 'agent');
  /**
   * The case each person last opened: a bare command acts on THEIR last case, not the session's.
   * Kept in the store (desk.opened), so a second console on the same store agrees.
   */
  const opened = (id: string) => desk.opened(actor, id);
  /** The revision of each case last shown to each person: what their approval or edit acts on. */
  const seen = new Map<string, number>();
  const seenKey = (caseId: string) => `${actor.id}\u0000${caseId}`;
  /** The lifecycle step of each released case last shown to each person: what their move acts on. */
  const seenSeq = new Map<string, number>();
  /** A bare one-word line waiting for "y" before it is filed. */
  let pending: Extract<ConsoleCommand, { kind: 'new' }> | undefined;
  const result: ConsoleResult = { commands: 0, errors: 0 };
  // A reader that goes away (`| head`, a closed terminal) ends the session quietly, not with EPIPE.
  let outputClosed = false;
  output.on('error', () => {
    outputClosed = true;
  });
  const say = (text: string) => {
    if (!outputClosed) output.write(`${text}\n`);
  };
  const promptText = () => `${actor.displayName} ${style.dim(`(${actor.role})`)} › `;

  const rl = createInterface({ input: opts.input, output: opts.interactive ? output : undefined, terminal: opts.interactive, crlfDelay: Infinity });
  if (opts.interactive) {
    rl.setPrompt(promptText());
    // Without a listener readline only pauses on Ctrl+C; leave like /quit instead.
    rl.on('SIGINT', () => rl.close());
  }
  if (opts.banner) say(opts.banner);

  const caseOf = async (id: string | undefined): Promise<string> => {
    const c = id ?? (await desk.lastOpened(actor));
    if (!c) throw new UserError('usage', `Which case? ${actor.displayName} has not opened one yet: give its id (/show c1) — or file one.`);
    return c;
  };
  const show = async (v: CaseView) => {
    await opened(v.id);
    seen.set(seenKey(v.id), v.revision);
    if (v.lifecycle) seenSeq.set(seenKey(v.id), v.lifecycle.seq);
    const order = v.orderId && opts.getOrder ? ((await opts.getOrder(v.orderId)) ?? null) : undefined;
    say(renderCase(v, r, order));
  };
  const ctx: ChatContext = { desk, logger, clock: opts.clock ?? (() => new Date()), platform: 'console', lang: 'en', queuePageSize: QUEUE_PAGE, ...(opts.training ? { training: opts.training } : {}) };
  /** The training session each person is in (its conversation is this console). */
  const trainingOf = new Map<string, { threadKey: string; session: TrainingSession }>();
  const person = () => personOf({ platform: 'console', userId: actor.displayName, displayName: actor.displayName, role: actor.role });
  /** The same access check as Slack and Discord (chat/people.ts); a refusal is audited like theirs. */
  const allow = async (action: AccessAction) => {
    const decision = await checkAccess(ctx, action, person(), undefined, 'en');
    if (!decision.ok) throw new UserError(decision.code, `${decision.reason}.`);
  };
  /**
   * A move on a case (a typed click or form) acts on the revision last shown to this person.
   * Never shown: the current card is shown and the move refused (nothing happens without being
   * seen). The chat layer does the rest — access, a changed card, the desk call, the redraw.
   */
  const move = async (v: CaseView, event: { ref: Omit<ActionRef, 'caseId' | 'revision'>; form?: FormName; fields?: Record<string, string> }) => {
    const revision = seen.get(seenKey(v.id));
    if (revision === undefined) {
      await show(v);
      throw new UserError('stale_revision', `${actor.displayName} had not seen ${v.id} yet; above is rev ${v.revision}. Run the command again to act on it.`);
    }
    const out = consoleReplies(r, { say, show, opened });
    const ref: ActionRef = { ...event.ref, caseId: v.id, revision };
    if (event.form) await onFormSubmit(ctx, { kind: 'form', person: person(), form: event.form, ref, fields: event.fields ?? {} }, out);
    else await onClick(ctx, { kind: 'click', person: person(), ref }, out);
    out.finish();
  };

  async function run(cmd: ConsoleCommand): Promise<boolean> {
    switch (cmd.kind) {
      case 'empty': return true;
      case 'quit': return false;
      case 'help': say(renderHelp(r)); return true;
      case 'whoami': say(`You are ${actor.displayName}, ${actor.role} (${actor.id}).`); return true;
      case 'as':
        if (opts.identityLocked) throw new UserError('usage', `/as is off: ${opts.identityLocked}. Start the console as one person instead: settle console --as ROLE NAME.`);
        actor = actorFor(cmd.role, cmd.name);
        say(style.dim(`Now acting as ${cmd.role} ${cmd.name}.`));
        return true;
      case 'new': {
        // In a training session a line without a slash is the trainee's turn, as a thread reply is on Slack.
        if (cmd.bare && trainingOf.has(actor.id)) return run({ kind: 'say', text: cmd.text });
        if (cmd.bare && looksLikeSlip(cmd.text)) {
          // A case is append-only: ask before filing what is probably a command without its slash.
          pending = { ...cmd, bare: false };
          say(style.yellow(`'${cmd.text}' looks like a command, not a customer's message. File it as a complaint? Type y to file it; anything else cancels (commands start with /, e.g. /${/^[a-z]+$/i.test(cmd.text) ? cmd.text.toLowerCase() : 'help'}).`));
          return true;
        }
        const out = consoleReplies(r, { say, show, opened });
        await onCommand(ctx, { kind: 'command', person: person(), message: cmd.text, ...(cmd.orderId ? { orderId: cmd.orderId } : {}), ...(cmd.lang ? { lang: cmd.lang } : {}) }, out);
        out.finish();
        return true;
      }
      case 'show': await show(await desk.get(await caseOf(cmd.caseId))); return true;
      case 'answer': {
        const v = await desk.get(await caseOf(cmd.caseId));
        await move(v, { ref: { action: 'answer', fact: factFor(v, cmd.target) }, form: 'answer', fields: { [FIELDS.value]: cmd.value } });
        return true;
      }
      case 'edit-reply': {
        await move(await desk.get(await caseOf(cmd.caseId)), { ref: { action: 'edit' }, form: 'edit', fields: { [FIELDS.reply]: cmd.text } });
        return true;
      }
      case 'edit-offer': {
        const v = await desk.get(await caseOf(cmd.caseId));
        if (!v.draft.offers[cmd.offer - 1]) throw new UserError('invalid_input', `There is no offer ${cmd.offer}; the draft has ${v.draft.offers.length}.`);
        await move(v, { ref: { action: 'edit' }, form: 'edit', fields: { [FIELDS.amount(cmd.offer - 1)]: cmd.amount } });
        return true;
      }
      case 'approve':
        await move(await desk.get(await caseOf(cmd.caseId)), { ref: { action: 'approve' } });
        return true;
      case 'reject':
        await move(await desk.get(await caseOf(cmd.caseId)), { ref: { action: 'reject' }, form: 'reject', fields: { [FIELDS.reason]: cmd.reason } });
        return true;
      case 'train': {
        await allow('training');
        const checked = checkTrainingRequest(ctx, { ...(cmd.scenarioId ? { scenarioId: cmd.scenarioId } : {}), swap: cmd.swap }, 'en');
        if (!checked.ok && checked.unavailable) throw new UserError('usage', `${TRAINING_UNAVAILABLE} Run settle train instead.`);
        if (!checked.ok) throw new UserError('not_found', `There is no scenario ${cmd.scenarioId}. Pick one of: ${checked.scenarios.map((x) => x.id).join(', ')}`);
        const threadKey = `console:${actor.id}:${ctx.clock().getTime()}`;
        const started = await beginTraining(ctx, { ...(cmd.scenarioId ? { scenarioId: cmd.scenarioId } : {}), swap: cmd.swap, threadKey, trainee: actor.id, userId: actor.displayName, swapLang: checked.lang });
        trainingOf.set(actor.id, { threadKey, session: started.session });
        say(style.bold(`Training ${started.sessionId}${started.scenario ? ` · ${started.scenario.id}` : ''} (${started.session.mode}). Type your replies (or /say TEXT); /giveup ends it.`));
        if (started.opening) say(`Customer: ${started.opening}`);
        return true;
      }
      case 'say': case 'giveup': {
        const open = trainingOf.get(actor.id);
        if (!open) throw new UserError('usage', 'No training session is running for you; start one with /train.');
        const text = cmd.kind === 'say' ? cmd.text : giveUpLine(open.session.mode);
        const out = trainingReplies(say, style, () => trainingOf.delete(actor.id));
        await onThreadMessage(ctx, { kind: 'thread-message', userId: actor.displayName, threadKey: open.threadKey, text }, open.session, out);
        out.finish();
        return true;
      }
      case 'lifecycle': {
        const v = await desk.get(await caseOf(cmd.caseId));
        const seq = seenSeq.get(seenKey(v.id));
        if (v.lifecycle && seq === undefined) {
          await show(v);
          throw new UserError('stale_revision', `${actor.displayName} had not seen ${v.id} at this step yet; above is step ${v.lifecycle.seq}. Run the command again to act on it.`);
        }
        const out = consoleReplies(r, { say, show, opened });
        await onLifecycle(ctx, { kind: 'lifecycle', person: person(), caseId: v.id, seq: seq ?? 0, request: cmd.move }, out);
        out.finish();
        return true;
      }
      case 'review': {
        const out = consoleReplies(r, { say, show, opened });
        const c = cmd.command;
        if (c.kind === 'file') {
          // The summary is followed by the card: the new card alone would print it twice.
          const send = out.send;
          out.send = (reply) => (reply.kind === 'new-card' ? Promise.resolve() : send(reply));
          await onReview(ctx, { kind: 'review', person: person(), rating: c.rating, text: c.text, ...(c.orderId ? { orderId: c.orderId } : {}), ...(c.lang ? { lang: c.lang } : {}) }, out);
        } else {
          const v = await desk.get(c.caseId);
          const seq = seenSeq.get(seenKey(v.id));
          if (v.lifecycle && seq === undefined) {
            await show(v);
            throw new UserError('stale_revision', `${actor.displayName} had not seen ${v.id} at this step yet; above is step ${v.lifecycle.seq}. Run the command again to act on it.`);
          }
          await onReviewStep(ctx, { kind: 'review-step', person: person(), caseId: v.id, ...(seq !== undefined ? { seq } : {}), move: c.move }, out);
        }
        out.finish();
        return true;
      }
      case 'queue': {
        const out = consoleReplies(r, { say, show, opened });
        await onQueue(ctx, { kind: 'queue', person: person(), page: cmd.page - 1, mine: cmd.mine }, out);
        out.finish();
        return true;
      }
      case 'history': {
        const id = await caseOf(cmd.caseId);
        say(renderHistory(id, await desk.history(id), r));
        return true;
      }
      case 'label': {
        const id = await caseOf(cmd.caseId);
        await allow('label');
        const l = await desk.label(id, actor, cmd.category, cmd.subtype);
        const name = (x: { category: string; subtype: string }) => (x.subtype ? `${x.category}/${x.subtype}` : x.category);
        say(style.green(`✓ ${id} labelled ${name(l.after)} (was ${name(l.before)}); recorded in its history, and settle export --labelled writes it.`));
        return true;
      }
      case 'order': {
        const o = opts.getOrder ? await opts.getOrder(cmd.orderId) : undefined;
        if (!o) throw new UserError('not_found', `No order ${cmd.orderId}. Import orders with: settle orders import FILE`);
        say(`${style.bold(o.id)} · ${o.status ?? 'status unknown'} · total ${formatMoney(o.totalMinor, o.currency)} · shipping ${formatMoney(o.shippingFeeMinor, o.currency)}${o.freeShipping ? ' (free)' : ''}`);
        for (const i of o.items) say(`  ${i.sku}  ${i.name}  ${formatMoney(i.unitPriceMinor, o.currency)} × ${i.qty}`);
        return true;
      }
    }
  }

  // Reminders and escalations print between commands: the console is every case's thread and the
  // supervisors' channel (a Slack or Discord process sharing the store posts them there only when it holds the lease).
  const scheduler = opts.scheduler?.(async (n) => say(style.yellow(noticeText(n, ctx.clock()))));
  if (opts.interactive) rl.prompt();
  for await (const line of rl) {
    if (!opts.interactive && line.trim() !== '') say(`${promptText()}${line}`);
    let parsed = parseCommand(line);
    if (pending) {
      // y files it; n drops it; any other line drops it and runs as typed.
      const answer = line.trim();
      if (/^(y|yes|是|好)$/i.test(answer)) parsed = pending;
      else {
        say(style.dim(`Not filed: '${pending.text}'.`));
        if (/^(n|no|否|不)$/i.test(answer)) parsed = { kind: 'empty' };
      }
      pending = undefined;
    }
    let go = true;
    if (parsed.kind === 'error') {
      result.errors++;
      say(style.red(`✗ ${parsed.message}`));
    } else {
      if (parsed.kind !== 'empty') result.commands++;
      try {
        go = await run(parsed);
      } catch (e) {
        result.errors++;
        if (e instanceof ReportedCrash) {
          say(style.red('✗ Something went wrong; it was logged. The case is unchanged unless shown otherwise.'));
        } else if (isUserError(e)) {
          say(style.red(`✗ ${e.message}`) + style.dim(` (${e.code})`));
        } else {
          logger.error({ err: e, caseId: await desk.lastOpened(actor).catch(() => undefined) }, 'console command failed');
          say(style.red('✗ Something went wrong; it was logged. The case is unchanged unless shown otherwise.'));
        }
      }
    }
    if (!go || outputClosed) break;
    if (opts.interactive) {
      rl.setPrompt(promptText());
      rl.prompt();
    }
  }
  rl.close();
  await scheduler?.stop();
  return result;
}

/** `1` → the draft's first question; a fact name → that fact. */
function factFor(v: CaseView, target: string): FactKey {
  if (/^\d+$/.test(target)) {
    const q = v.draft.questions[Number(target) - 1];
    if (!q) throw new UserError('invalid_input', v.draft.questions.length ? `Question ${target} does not exist; there are ${v.draft.questions.length}.` : 'This draft has no open questions; name a fact instead (e.g. /answer urgent yes).');
    return q.fact;
  }
  const fact = FACT_KEYS.find((k) => k.toLowerCase() === target.toLowerCase());
  if (!fact) throw new UserError('invalid_input', `Unknown fact '${target}'. Facts: ${FACT_KEYS.join(', ')}`);
  return fact;
}
