/**
 * The case flow, written once for every front end: a click on a card, or a form it opened, is
 * authorised with the person's current role (a refusal is told privately and audited), acted on
 * through one desk call, and answered with the redrawn card — and, on approval, the release.
 */
import { CARD_ACCESS } from '../app/access.ts';
import type { CaseView } from '../app/desk.ts';
import { isUserError } from '../core/errors.ts';
import { FACT_INPUTS } from '../adapters/shared/fact-inputs.ts';
import type { ChatContext } from './context.ts';
import type { ClickEvent, FormSubmitEvent, Person } from './events.ts';
import { explainError } from './explain-error.ts';
import { errorsFor, FALLBACK_FIELD, parseAnswerForm, parseEditForm, parseRejectForm } from './forms.ts';
import { checkAccess } from './people.ts';
import { onLifecycleClick, onLifecycleForm } from './lifecycle-flow.ts';
import { onQueue } from './queue-flow.ts';
import type { Replies } from './replies.ts';

/** Said to a second Approve: the reply went out once. */
export const ALREADY_RELEASED = 'Already approved and released; nothing was sent twice.';

/** A click on a case card (or a typed `/approve c3`). Never throws: failures become notices. */
export async function onClick(ctx: ChatContext, click: ClickEvent, out: Replies): Promise<void> {
  const { ref, person } = click;
  // A pager button: the queue flow, at the page it names.
  if (ref.action === 'page') return onQueue(ctx, { kind: 'queue', person, page: ref.revision }, out);
  // A lifecycle button on a released case: the lifecycle flow.
  if (ref.action === 'lifecycle') return onLifecycleClick(ctx, { person, ref }, out);
  try {
    const view = await ctx.desk.get(ref.caseId);
    if (ref.action === 'approve' && view.status === 'released') {
      // A repeat of the approval that went out: the final card, and nothing sent twice.
      await out.send({ kind: 'card', view });
      return void (await out.send({ kind: 'release', view, again: true, text: ALREADY_RELEASED }));
    }
    if (!(await allowed(ctx, person, ref.action, view, out, true))) return;
    if (ref.action === 'full') return void (await out.send({ kind: 'form', form: 'full', view }));
    if (ref.revision !== view.revision) {
      // The card the person clicked is older than the case: show the current one; act on nothing.
      await out.send({ kind: 'card', view });
      return void (await out.send({ kind: 'notice', tone: 'info', code: 'stale_revision', revisions: { seen: ref.revision, current: view.revision }, text: `The draft changed since this card was drawn (revision ${ref.revision} → ${view.revision}); here it is again.` }));
    }
    switch (ref.action) {
      case 'approve': return await approve(ctx, person, view, ref.revision, out);
      case 'edit': return void (await out.send({ kind: 'form', form: 'edit', view }));
      case 'reject': return void (await out.send({ kind: 'form', form: 'reject', view }));
      case 'answer': {
        const fact = ref.fact;
        if (!fact) return;
        if (FACT_INPUTS[fact] !== 'boolean' || ref.value === undefined) {
          const question = view.draft.questions.find((q) => q.fact === fact)?.text ?? fact;
          return void (await out.send({ kind: 'form', form: 'answer', view, fact, question }));
        }
        await out.busy?.();
        return void (await out.send({ kind: 'card', view: await ctx.desk.answer(view.id, person.actor, fact, ref.value, ref.revision) }));
      }
    }
  } catch (error) {
    // The draft moved on since this card was drawn: redraw it so the next click acts on what is current.
    if (isUserError(error) && (error.code === 'stale_revision' || error.code === 'already_decided')) {
      const fresh = await ctx.desk.get(ref.caseId).catch(() => undefined);
      if (fresh) await out.send({ kind: 'card', view: fresh }).catch(() => undefined);
    }
    await out.send(explainError(ctx, error, { caseId: ref.caseId, step: ref.action })).catch(() => undefined);
  }
}

/** Approve: one release however many clicks; the redrawn card and the release are independent. */
async function approve(ctx: ChatContext, person: Person, view: CaseView, revision: number, out: Replies): Promise<void> {
  await out.busy?.();
  const result = await ctx.desk.approve(view.id, person.actor, revision);
  const again = result.outcome === 'already';
  if (!again) ctx.logger.info({ caseId: view.id, actorId: person.actor.id }, `${ctx.platform} case approved and released`);
  // A card that fails to redraw must not keep the released reply from the agent, nor the reverse.
  for (const reply of [{ kind: 'card', view: result.view } as const, { kind: 'release', view: result.view, again, text: ALREADY_RELEASED } as const]) {
    await out.send(reply).catch((error: unknown) => out.send(explainError(ctx, error, { caseId: view.id, step: 'after-release' })));
  }
}

/** A submitted edit, reject or answer form. Never throws: refusals are notices, bad input form errors. */
export async function onFormSubmit(ctx: ChatContext, submit: FormSubmitEvent, out: Replies): Promise<void> {
  const { ref, person, form, fields } = submit;
  if (form === 'execute' || form === 'reopen') return onLifecycleForm(ctx, { person, ref, form, fields }, out);
  const fallback = FALLBACK_FIELD[form];
  let view: CaseView | undefined;
  try {
    view = await ctx.desk.get(ref.caseId);
    // Roles and the case may have changed while the form was open.
    if (!(await allowed(ctx, person, form, view, out, false))) return;
    const shown = view;
    const refuse = async (errors: Record<string, string>): Promise<void> => void await out.send({ kind: 'form-errors', form, errors, fields, view: shown, code: 'invalid_input' });
    let next: CaseView;
    if (form === 'edit') {
      const parsed = parseEditForm(view, fields);
      if ('errors' in parsed) return await refuse(parsed.errors);
      await out.busy?.();
      next = await ctx.desk.edit(view.id, person.actor, parsed.edit, ref.revision);
    } else if (form === 'reject') {
      const parsed = parseRejectForm(fields);
      if ('errors' in parsed) return await refuse(parsed.errors);
      await out.busy?.();
      next = await ctx.desk.reject(view.id, person.actor, parsed.reason, ref.revision);
    } else {
      const parsed = parseAnswerForm(ref.fact, fields);
      if ('errors' in parsed) return await refuse(parsed.errors);
      await out.busy?.();
      next = await ctx.desk.answer(view.id, person.actor, ref.fact!, parsed.value, ref.revision);
    }
    await out.send({ kind: 'card', view: next });
  } catch (error) {
    if (isUserError(error)) return void (await out.send({ kind: 'form-errors', form, errors: errorsFor(error, fallback), fields, code: error.code, ...(view ? { view } : {}) }).catch(() => undefined));
    await out.send(explainError(ctx, error, { caseId: ref.caseId, step: `form:${form}` })).catch(() => undefined);
  }
}

/** The access check for a case action, told privately when it refuses (and audited by checkAccess). */
async function allowed(ctx: ChatContext, person: Person, action: keyof typeof CARD_ACCESS, view: CaseView, out: Replies, fromCard: boolean): Promise<boolean> {
  const verdict = await checkAccess(ctx, CARD_ACCESS[action], person, view);
  if (verdict.ok) return true;
  if (verdict.code === 'already_decided') {
    // Decided elsewhere (another click, another platform): the final card instead of stale buttons.
    if (fromCard) await out.send({ kind: 'card', view });
    await out.send({ kind: 'notice', tone: 'info', code: 'already_decided', text: `${verdict.reason}; nothing was sent twice.` });
    return false;
  }
  await out.send({ kind: 'notice', tone: 'refused', code: verdict.code, text: `${verdict.reason}.` });
  return false;
}
