/**
 * Button clicks on a case card (and the App Home pager). Every click is authorised here, at
 * click time, with the person's current role: a refusal is explained ephemerally and recorded
 * in the audit log; an allowed click becomes one desk call and a redrawn card.
 */
import type { App, BlockAction, ButtonAction, webApi } from '@slack/bolt';
import type { Actor, CaseView } from '../../../app/desk.ts';
import { isUserError } from '../../../core/errors.ts';
import { decodeAction, encodeAction, type ActionRef } from '../../shared/action-id.ts';
import { CARD_ACCESS } from '../../../app/access.ts';
import { FACT_INPUTS } from '../../shared/fact-inputs.ts';
import { buildAnswerModal, buildEditModal, buildFullMessageModal, buildRejectModal, type ModalMeta } from '../blocks/modals.ts';
import { postRelease, refreshCard, type CardRef } from '../card-updates.ts';
import { checkAccess, explainError, whoOf, yieldToEventLoop, type SlackDeps } from '../slack-deps.ts';
import { publishHome } from './home.ts';

export function registerActions(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(/^s1\|/, async ({ action, body, ack, client }) => {
    await ack();
    await yieldToEventLoop();
    const ref = decodeAction(action.action_id);
    if (!ref) return;
    const card: CardRef = { channelId: body.channel?.id, messageTs: body.message?.ts ?? body.container?.message_ts };
    const subject = await whoOf(deps, body.user, card.channelId);
    const { actor } = subject;
    if (ref.action === 'page') {
      const access = await checkAccess(deps, 'app_home', subject);
      if (!access.ok) return;
      await publishHome(deps, client, body.user.id, actor, ref.revision).catch((e: unknown) => explainError(deps, e, { step: 'home-page' }));
      return;
    }
    // Refusals are private: an ephemeral message in the channel, or a DM from the App Home.
    const whisper = (text: string) =>
      card.channelId
        ? client.chat.postEphemeral({ channel: card.channelId, user: body.user.id, text })
        : client.chat.postMessage({ channel: body.user.id, text });
    try {
      const view = await deps.desk.get(ref.caseId);
      const allowed = await checkAccess(deps, CARD_ACCESS[ref.action], subject, view);
      if (!allowed.ok) {
        // A second click on a decided case is a repeat, not an attempt to overstep: no audit entry.
        if (allowed.code === 'already_decided') {
          // Decided elsewhere (another click, the console): show the final card instead of stale buttons.
          await refreshCard(deps, client, view, card).catch(() => undefined);
          await whisper(`:information_source: ${allowed.reason}; nothing was sent twice.`);
          return;
        }
        await whisper(`:no_entry: ${allowed.reason}.`);
        return;
      }
      await runAction(deps, client, { ref, actor, view, card, triggerId: body.trigger_id, whisper });
    } catch (error) {
      // The draft moved on since this card was drawn: redraw it so the next click acts on what is current.
      if (isUserError(error) && (error.code === 'stale_revision' || error.code === 'already_decided')) {
        await deps.desk.get(ref.caseId).then((fresh) => refreshCard(deps, client, fresh, card)).catch(() => undefined);
      }
      await whisper(explainError(deps, error, { caseId: ref.caseId, step: ref.action })).catch(() => undefined);
    }
  });
}

interface Click {
  ref: ActionRef;
  actor: Actor;
  view: CaseView;
  card: CardRef;
  triggerId: string;
  whisper: (text: string) => Promise<unknown>;
}

async function runAction(deps: SlackDeps, client: webApi.WebClient, c: Click): Promise<void> {
  const meta: ModalMeta = { ref: encodeAction({ ...c.ref, revision: c.ref.revision }), channelId: c.card.channelId, messageTs: c.card.messageTs };
  switch (c.ref.action) {
    case 'approve': {
      const result = await deps.desk.approve(c.view.id, c.actor, c.ref.revision);
      if (result.outcome === 'already') {
        await c.whisper(':information_source: This case was already approved; nothing was sent twice.');
        return;
      }
      deps.logger.info({ caseId: c.view.id, actorId: c.actor.id }, 'slack case approved and released');
      // Independent: a card that fails to redraw must not keep the released reply from the agent.
      const [posted, redrawn] = await Promise.allSettled([postRelease(client, result.view, c.card), refreshCard(deps, client, result.view, c.card)]);
      for (const r of [posted, redrawn]) {
        if (r.status === 'rejected') await c.whisper(explainError(deps, r.reason, { caseId: c.view.id, step: 'after-release' }));
      }
      return;
    }
    case 'answer': {
      const fact = c.ref.fact;
      if (!fact) return;
      if (FACT_INPUTS[fact] !== 'boolean' || c.ref.value === undefined) {
        const question = c.view.draft.questions.find((q) => q.fact === fact) ?? { fact, text: fact };
        await client.views.open({ trigger_id: c.triggerId, view: buildAnswerModal(question, c.view.draft.reply.lang, meta) });
        return;
      }
      const view = await deps.desk.answer(c.view.id, c.actor, fact, c.ref.value, c.ref.revision);
      await refreshCard(deps, client, view, c.card);
      return;
    }
    case 'edit':
      await client.views.open({ trigger_id: c.triggerId, view: buildEditModal(c.view, meta) });
      return;
    case 'reject':
      await client.views.open({ trigger_id: c.triggerId, view: buildRejectModal(c.view, meta) });
      return;
    case 'full':
      await client.views.open({ trigger_id: c.triggerId, view: buildFullMessageModal(c.view) });
      return;
    case 'page':
      return;
  }
}
