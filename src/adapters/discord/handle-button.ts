/**
 * Clicks on a case card (and the queue pager). Every click is authorised here, at click time,
 * with the member's current roles: a refusal is explained ephemerally and recorded in the
 * audit log; an allowed click becomes one desk call and a redrawn card. Modals are the first
 * response; anything slower than a lookup is behind a deferred update.
 */
import type { BaseInteraction, ButtonInteraction } from 'discord.js';
import type { Actor, CaseView } from '../../app/desk.ts';
import { CARD_ACCESS } from '../../app/access.ts';
import { decodeAction, type ActionRef } from '../shared/present-case.ts';
import { actorOf, checkAccess, type DiscordDeps } from './discord-deps.ts';
import { permitted, queuePage } from './handle-command.ts';
import { handleTrainingButton } from './handle-training.ts';
import { InteractionSession } from './interaction-session.ts';
import { renderCard } from './render-card.ts';
import { renderAnswerModal, renderEditModal, renderRejectModal } from './render-modals.ts';
import { DISCORD_LIMITS } from './limits.ts';
import { renderFullMessage, renderRelease } from './render-pages.ts';
import { TRAIN_PREFIX } from './render-training.ts';

export async function handleButton(deps: DiscordDeps, i: ButtonInteraction): Promise<void> {
  const session = new InteractionSession(deps, i);
  if (i.customId.startsWith(TRAIN_PREFIX)) {
    return handleTrainingButton(deps, session, i).catch((error: unknown) => session.fail(error, { step: 'train-button' }));
  }
  const ref = decodeAction(i.customId);
  if (!ref) {
    await session.send({ content: 'ℹ️ This button is no longer in use. Run /settle queue for the current cases.' }, true).catch(() => undefined);
    return;
  }
  try {
    const actor = actorOf(deps, i);
    if (ref.action === 'page') {
      if (!(await permitted(deps, session, i, 'queue'))) return;
      await session.deferUpdate();
      await session.editOriginal(await queuePage(deps, i, ref.revision));
      return;
    }
    const view = await deps.desk.get(ref.caseId);
    if (!(await allowed(deps, session, i, view, ref, true))) return;
    await act(deps, session, actor, view, ref);
  } catch (error) {
    await session.fail(error, { caseId: ref.caseId, step: ref.action });
  }
}

/** The shared authorization, explained to the person and recorded when it refuses. */
export async function allowed(deps: DiscordDeps, session: InteractionSession, i: BaseInteraction, view: CaseView, ref: ActionRef, fromCard = false): Promise<boolean> {
  const verdict = await checkAccess(deps, CARD_ACCESS[ref.action], i, view);
  if (verdict.ok) return true;
  // A click on a case already decided is a repeat, not an attempt to overstep: no audit entry.
  if (verdict.code === 'already_decided') {
    // The card may be stale (decided in the console or on Slack): show its final state.
    if (fromCard) await session.update(renderCard(view));
    await session.send({ content: `ℹ️ ${verdict.reason}; nothing was sent twice.` }, true);
    return false;
  }
  await session.send({ content: `⛔ ${verdict.reason}.` }, true);
  return false;
}

async function act(deps: DiscordDeps, session: InteractionSession, actor: Actor, view: CaseView, ref: ActionRef): Promise<void> {
  if (ref.action === 'full') return session.sendPages(renderFullMessage(view), true);
  // The card the person clicked is older than the case: show them the current one first.
  if (ref.revision !== view.revision) {
    await session.update(renderCard(view));
    await session.send({ content: `ℹ️ The draft changed since this card was drawn (revision ${ref.revision} → ${view.revision}); here it is again.` }, true);
    return;
  }
  switch (ref.action) {
    case 'approve':
      return approve(deps, session, actor, view, ref.revision);
    case 'edit': {
      const form = renderEditModal(view, deps.keptEdits.get(view.id, actor));
      if (form) return session.showModal(form);
      // Never offer a field that would cut the reply: say where it can be edited whole.
      return session.send({ content: tooLongForForm(view) }, true);
    }
    case 'reject':
      return session.showModal(renderRejectModal(view));
    case 'answer': {
      if (!ref.fact) return undefined;
      if (ref.value === undefined) {
        const question = view.draft.questions.find((q) => q.fact === ref.fact)?.text ?? ref.fact;
        return session.showModal(renderAnswerModal(view, ref.fact, question));
      }
      await session.deferUpdate();
      const next = await deps.desk.answer(view.id, actor, ref.fact, ref.value, ref.revision);
      await session.editOriginal(renderCard(next));
      return undefined;
    }
    default:
      return undefined;
  }
}

/** Approve: one release however many clicks; the card loses its buttons; the reply is posted. */
async function approve(deps: DiscordDeps, session: InteractionSession, actor: Actor, view: CaseView, revision: number): Promise<void> {
  await session.deferUpdate();
  const result = await deps.desk.approve(view.id, actor, revision);
  await session.editOriginal(renderCard(result.view));
  if (result.outcome === 'released') {
    await session.sendPages(renderRelease(result.view), false);
    deps.logger.info({ caseId: view.id, actorId: actor.id }, 'discord approval released');
  } else {
    await session.send({ content: 'ℹ️ Already approved and released; nothing was sent twice.' }, true);
  }
}

/** Why a reply cannot be edited in a Discord form, and where it can. */
export function tooLongForForm(view: CaseView): string {
  const n = view.draft.reply.text.length;
  return view.draft.reply.lang === 'zh'
    ? `ℹ️ 回复有 ${n} 个字符,超过 Discord 表单的 ${DISCORD_LIMITS.inputValue} 字符上限;请在 Slack 或控制台修改(/edit ${view.id} reply …)。未做任何更改。`
    : `ℹ️ The reply is ${n} characters, more than a Discord form holds (${DISCORD_LIMITS.inputValue}); edit it in Slack or the console (/edit ${view.id} reply …). Nothing was changed.`;
}
