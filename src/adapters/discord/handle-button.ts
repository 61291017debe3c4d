/**
 * Clicks on a case card (and the queue pager), translated: the button's id becomes a chat-layer
 * click (src/chat/case-flow.ts authorises, acts, redraws); its replies are rendered by
 * discord-replies.ts. Modals are the first response; anything slower than a lookup is behind a
 * deferred update.
 */
import type { ButtonInteraction } from 'discord.js';
import { onClick } from '../../chat/case-flow.ts';
import { decodeAction } from '../shared/present-case.ts';
import { chatOf, langOf, whoOf, type DiscordDeps } from './discord-deps.ts';
import { discordReplies } from './discord-replies.ts';
import { handleTrainingButton } from './handle-training.ts';
import { InteractionSession } from './interaction-session.ts';
import { TRAIN_PREFIX } from './render-training.ts';

export { tooLongForForm } from './discord-replies.ts';

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
  const person = whoOf(deps, i);
  await onClick(chatOf(deps), { kind: 'click', person, ref }, discordReplies(deps, session, person.actor, { lang: langOf(i) }));
}
