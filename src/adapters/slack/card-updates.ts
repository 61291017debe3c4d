/**
 * Keep the card in the channel in step with the case: redraw it after every change, and post
 * the released reply in its thread for the agent to send.
 */
import type { webApi } from '@slack/bolt';
import type { CaseView } from '../../app/desk.ts';
import { formatMoney } from '../../core/money.ts';
import { OFFER_LABELS } from '../shared/labels.ts';
import { buildCaseCard, slackName } from './blocks/case-card.ts';
import { SLACK_LIMITS } from './blocks/limits.ts';
import { fitEscaped } from './blocks/mrkdwn.ts';
import type { SlackDeps } from './slack-deps.ts';

export interface CardRef {
  channelId?: string;
  messageTs?: string;
}

/** Redraw the case card (chat.update). Falls back to where the desk says the card lives. */
export async function refreshCard(deps: SlackDeps, client: webApi.WebClient, view: CaseView, ref: CardRef): Promise<void> {
  const channel = ref.channelId ?? view.channel?.channelId;
  const ts = ref.messageTs ?? view.channel?.messageId;
  if (!channel || !ts) {
    deps.logger.warn({ caseId: view.id }, 'case card location unknown; not redrawn');
    return;
  }
  const card = buildCaseCard(view, deps.timeZone);
  await client.chat.update({ channel, ts, text: card.text, blocks: card.blocks });
}

/** Post the released reply in the card's thread: exactly what goes to the customer. */
export async function postRelease(client: webApi.WebClient, view: CaseView, ref: CardRef): Promise<void> {
  const channel = ref.channelId ?? view.channel?.channelId;
  const ts = ref.messageTs ?? view.channel?.messageId;
  if (!channel || !view.release) return;
  const lang = view.draft.reply.lang;
  const offers = view.release.offers
    .map((o) => `• ${OFFER_LABELS[o.kind][lang]}${o.amountMinor === null ? '' : ` ${formatMoney(o.amountMinor, o.currency)}`} (${o.rule})`)
    .join('\n');
  const agent = slackName(view.createdBy);
  const head = lang === 'zh' ? `:outbox_tray: ${agent} *已批准,请发送给客户:*` : `:outbox_tray: ${agent} *Approved — send this to the customer:*`;
  const text = `${head}\n\`\`\`${fitEscaped(view.release.text, SLACK_LIMITS.messageText - 4000)}\`\`\`${offers ? `\n${offers}` : ''}`;
  await client.chat.postMessage({ channel, ...(ts ? { thread_ts: ts } : {}), text, unfurl_links: false });
}
