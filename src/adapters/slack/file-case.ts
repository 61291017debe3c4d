/**
 * File a case and post its card: the slow half of `/settle`, run after the 3-second ack.
 */
import type { Actor, SubmitInput } from '../../app/desk.ts';
import type { webApi } from '@slack/bolt';
import { buildCaseCard } from './blocks/case-card.ts';
import { explainError, type SlackDeps } from './slack-deps.ts';

export interface FileCaseInput extends Omit<SubmitInput, 'actor' | 'channel'> {
  actor: Actor;
  /** Channel the agent used; the card goes to the approvals channel when one is set. */
  originChannel: string;
}

/** Tell the agent privately (response_url or ephemeral). */
export type Whisper = (text: string) => Promise<unknown>;

/** Submit to the desk, post the card, remember where it lives. Failures are whispered, never thrown. */
export async function fileCase(deps: SlackDeps, client: webApi.WebClient, input: FileCaseInput, whisper: Whisper): Promise<string | undefined> {
  const { originChannel, ...submit } = input;
  const channelId = deps.approvalsChannel ?? originChannel;
  let caseId: string | undefined;
  try {
    const view = await deps.work.serial(() => deps.desk.submit({ ...submit, channel: { platform: 'slack', channelId } }));
    caseId = view.id;
    const card = buildCaseCard(view, deps.timeZone);
    const posted = await client.chat.postMessage({ channel: channelId, text: card.text, blocks: card.blocks, unfurl_links: false });
    if (posted.ts) await deps.work.serial(() => deps.desk.setChannel(view.id, { platform: 'slack', channelId, messageId: posted.ts! }));
    deps.logger.info({ caseId, channelId, category: view.draft.category }, 'slack case filed');
    if (channelId !== originChannel) await whisper(`Case \`${view.id}\` drafted and posted in <#${channelId}> for approval.`);
    return view.id;
  } catch (error) {
    await whisper(explainError(deps, error, { caseId, step: 'file' })).catch((e: unknown) => deps.logger.warn({ err: e }, 'could not tell the agent'));
    return undefined;
  }
}
