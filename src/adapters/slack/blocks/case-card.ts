/**
 * The case card as a Block Kit message: the shared card model rendered into typed blocks
 * (`@slack/types`, so tsc rejects a malformed block) and fitted to Slack's limits whatever the
 * case holds — a 4 000-character complaint, a long reply, many questions.
 */
import type { ActionsBlock, Button, ContextBlock, KnownBlock, SectionBlock } from '@slack/types';
import type { CaseView } from '../../../app/desk.ts';
import { lifecycleButtons, lifecycleSummary } from '../../../chat/lifecycle-card.ts';
import { encodeAction } from '../../shared/action-id.ts';
import { UI } from '../../shared/labels.ts';
import { presentCase, type CardModel, type QuestionModel } from '../../shared/present-case.ts';
import { truncate } from '../../shared/truncate.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { escapeMrkdwn, fitEscaped, mrkdwn, plain } from './mrkdwn.ts';

/** Characters of the customer message shown on the card; the rest is behind "Show full message". */
export const CARD_PREVIEW_CHARS = 500;
/** Questions shown as buttons; more would crowd the card (and its 50-block limit). */
export const MAX_CARD_QUESTIONS = 10;

export interface SlackMessage {
  /** Notification fallback text. */
  text: string;
  blocks: KnownBlock[];
}

/** Render a case as a Slack message. `timeZone` sets the clock of "Approved by … at HH:MM". */
export function buildCaseCard(view: CaseView, timeZone = 'UTC'): SlackMessage {
  const card = presentCase(
    { ...view, message: view.message.replace(/\s+/g, ' ').trim() },
    { previewChars: CARD_PREVIEW_CHARS, nameOf: markName, timeZone },
  );
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(card.title, L.headerText) },
    context([`${UI.caseLabel[card.lang]} \`${escapeMrkdwn(card.caseId)}\``, card.orderLine ? escapeMrkdwn(card.orderLine) : '', `rev ${card.revision}`]),
    customerSection(card, view.message.length > CARD_PREVIEW_CHARS),
    section(`*${card.replyHeading}*\n`, card.reply),
    section(`*${card.offersHeading}*\n`, [...(card.offers.length ? card.offers.map((o) => `• ${o.text}`) : [`• ${UI.noOffers[card.lang]}`]), card.postage].join('\n')),
    context([`${UI.rules[card.lang]}: ${card.rules.map(escapeMrkdwn).join(' · ') || '—'}`, ...card.notices.map((n) => `:warning: ${escapeMrkdwn(n)}`)]),
  ];
  const questions = card.questions.slice(0, MAX_CARD_QUESTIONS);
  if (questions.length > 0) blocks.push({ type: 'section', text: mrkdwn(`*${UI.questions[card.lang]}*`) });
  for (const q of questions) blocks.push(...questionBlocks(card, q));
  if (card.actions.approve) blocks.push(decisionButtons(card));
  if (card.decision) blocks.push(context([`${card.status === 'rejected' ? ':x:' : ':white_check_mark:'} ${unmarkNames(escapeMrkdwn(card.decision))}`]));
  blocks.push(...lifecycleBlocks(view));
  return { text: truncate(`${card.title}: ${card.reply}`, 300), blocks: blocks.slice(0, L.messageBlocks) };
}

/** `slack:U123` → `<@U123>` so Slack shows the person's name; other platforms as they are. */
export function slackName(actorId: string): string {
  return actorId.startsWith('slack:') ? `<@${actorId.slice(6)}>` : actorId;
}

// Names are marked, the decision line (which holds a free-text reject reason) escaped, and only
// then the marks turned into Slack mentions, so a reason cannot smuggle in `<!channel>`.
const MARK = '\u0000';
const markName = (actorId: string) => (actorId.startsWith('slack:') ? `${MARK}${actorId.slice(6)}${MARK}` : actorId);
const unmarkNames = (text: string) => text.replace(/\u0000([A-Za-z0-9_]+)\u0000/g, '<@$1>');

function customerSection(card: CardModel, truncated: boolean): SectionBlock {
  const block = section(`*${UI.customerSaid[card.lang]}*\n>`, card.messagePreview);
  if (truncated) block.accessory = button(UI.showFull[card.lang], encodeAction({ action: 'full', caseId: card.caseId, revision: card.revision }));
  return block;
}

function questionBlocks(card: CardModel, q: QuestionModel): KnownBlock[] {
  const ref = { action: 'answer' as const, caseId: card.caseId, revision: card.revision, fact: q.fact };
  if (q.choices.length === 0) {
    const block = section('', `❓ ${q.text}`);
    block.accessory = button(UI.enterValue[card.lang], encodeAction(ref));
    return [block];
  }
  const actions: ActionsBlock = {
    type: 'actions',
    elements: q.choices.map((c) => button(c.label, encodeAction({ ...ref, value: c.value }))),
  };
  return [section('', `❓ ${q.text}`), actions];
}

function decisionButtons(card: CardModel): ActionsBlock {
  const ref = { caseId: card.caseId, revision: card.revision };
  return {
    type: 'actions',
    block_id: 'decision',
    elements: [
      { ...button(UI.approve[card.lang], encodeAction({ ...ref, action: 'approve' })), style: 'primary' },
      button(UI.edit[card.lang], encodeAction({ ...ref, action: 'edit' })),
      { ...button(UI.reject[card.lang], encodeAction({ ...ref, action: 'reject' })), style: 'danger' },
    ],
  };
}

/** After release: the lifecycle summary (chat/lifecycle-card.ts) and its buttons. */
function lifecycleBlocks(view: CaseView): KnownBlock[] {
  const [head, ...rest] = lifecycleSummary(view);
  if (!head) return [];
  const blocks: KnownBlock[] = [section(`*${escapeMrkdwn(head)}*\n`, rest.join('\n'))];
  const buttons = lifecycleButtons(view);
  if (buttons.length) {
    blocks.push({
      type: 'actions', block_id: 'lifecycle',
      elements: buttons.map((b) => ({ ...button(b.label, encodeAction(b.ref)), ...(b.style ? { style: b.style } : {}) })),
    });
  }
  return blocks;
}

/** A button whose action_id and value both carry the encoded action (value is what Bolt logs). */
export function button(text: string, actionId: string): Button {
  return { type: 'button', text: plain(text, L.buttonText), action_id: actionId, value: actionId };
}

/** A section: escaped `raw` after a heading (already mrkdwn), fitted to the section limit. */
export function section(heading: string, raw: string): SectionBlock {
  return { type: 'section', text: mrkdwn(heading + fitEscaped(raw, L.sectionText - heading.length)) };
}

function context(parts: string[]): ContextBlock {
  const elements = parts.filter((p) => p !== '').slice(0, L.contextElements).map((p) => mrkdwn(truncate(p, L.contextText)));
  return { type: 'context', elements };
}
