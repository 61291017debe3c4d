/**
 * File a case and post its card: the slow half of `/settle`, run after the 3-second ack. The
 * flow is src/chat/file-flow.ts; here the card is posted as Block Kit (in the approvals channel
 * when one is set) and notes go to the agent privately.
 */
import type { webApi } from '@slack/bolt';
import type { Desk, SubmitInput } from '../../app/desk.ts';
import { withGlyph } from '../../chat/explain-error.ts';
import type { Person } from '../../chat/events.ts';
import { onCommand } from '../../chat/file-flow.ts';
import { buildCaseCard } from './blocks/case-card.ts';
import { chatOf, SLACK_GLYPHS, type SlackDeps } from './slack-deps.ts';

export interface FileCaseInput extends Omit<SubmitInput, 'actor' | 'channel'> {
  person: Person;
  /** Channel the agent used; the card goes to the approvals channel when one is set. */
  originChannel: string;
  /** Slack's trigger or view id: a replay of the same delivery files nothing (src/chat/file-flow.ts). */
  deliveryId?: string;
}

/** Tell the agent privately (response_url or ephemeral). */
export type Whisper = (text: string) => Promise<unknown>;

/** Authorise, submit to the desk, post the card, remember where it lives. Failures are whispered, never thrown. */
export async function fileCase(deps: SlackDeps, client: webApi.WebClient, input: FileCaseInput, whisper: Whisper): Promise<void> {
  const { originChannel, person, ...submit } = input;
  const channelId = deps.approvalsChannel ?? originChannel;
  // Claiming the delivery (a durable write), drafting and saving are synchronous SQLite work:
  // they run in turn with the others, between requests, so acks stay prompt.
  const desk: Desk = Object.assign(Object.create(deps.desk) as Desk, {
    claimDelivery: (key: string) => deps.work.serial(() => deps.desk.claimDelivery(key)),
    submit: (i: SubmitInput) => deps.work.serial(() => deps.desk.submit(i)),
    setChannel: (caseId: string, channel: Parameters<Desk['setChannel']>[1]) => deps.work.serial(() => deps.desk.setChannel(caseId, channel)),
  });
  await onCommand({ ...chatOf(deps), desk }, { kind: 'command', person, ...submit, channel: { platform: 'slack', channelId } }, {
    send: async (reply) => {
      if (reply.kind === 'notice') return void (await whisper(withGlyph(reply, SLACK_GLYPHS)));
      if (reply.kind !== 'new-card') return undefined;
      const card = buildCaseCard(reply.view, deps.timeZone);
      const posted = await client.chat.postMessage({ channel: channelId, text: card.text, blocks: card.blocks, unfurl_links: false });
      if (channelId !== originChannel) await whisper(`Case \`${reply.view.id}\` drafted and posted in <#${channelId}> for approval.`);
      return { platform: 'slack', channelId, ...(posted.ts ? { messageId: posted.ts } : {}) };
    },
  });
}
