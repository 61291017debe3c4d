/**
 * What `/settle train` shows on Discord: the opening message with the scenario brief, one
 * message per turn (the trainee's line and the other side's answer) with Reply / Give up
 * buttons, the reply modal, the scorecard in code-block pages, and the scenario list.
 * Button and modal ids carry the session key and the trainee's user id, so only the trainee
 * can speak in their session and a restart loses nothing (the service reloads by key).
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, LabelBuilder, ModalBuilder, TextInputBuilder, TextInputStyle, type APIEmbed, type APIModalInteractionResponseCallbackData } from 'discord.js';
import { formatMoney } from '../../core/money.ts';
import type { Scenario } from '../../core/training/scenario.ts';
import type { Lang } from '../../core/types.ts';
import { splitText, truncate } from '../shared/present-case.ts';
import { DISCORD_LIMITS, fitEmbed } from './limits.ts';
import type { MessageBody } from './respond.ts';

export const TRAIN_PREFIX = 'settle:train:';
export const TRAIN_FIELD = 'line';
/** Labels the handler needs. */
export const TRAIN_LABELS = { customer: { zh: '客户', en: 'Customer' }, settleAgent: { zh: 'Settle(客服)', en: 'Settle (agent)' } } as const;

/** `play`: Settle is the customer; `swap`: the trainee is the customer, Settle the agent. */
export type TrainMode = 'play' | 'swap';
/** `reply` opens the modal, `say` is the modal itself, `end` gives up / ends the swap. */
export type TrainVerb = 'reply' | 'say' | 'end';

export interface TrainRef {
  verb: TrainVerb;
  mode: TrainMode;
  /** The id of the `/settle train` interaction: unique per session, the base of its thread key. */
  key: string;
  /** Discord user id of the trainee. */
  userId: string;
  /** The session's language, for the labels of later turns. */
  lang: Lang;
}

/** `settle:train:<verb>:<p|s>:<lang>:<key>:<userId>` (about 65 characters, within Discord's 100). */
export function encodeTrainId(ref: TrainRef): string {
  return `${TRAIN_PREFIX}${ref.verb}:${ref.mode === 'play' ? 'p' : 's'}:${ref.lang}:${ref.key}:${ref.userId}`;
}

/** Inverse of `encodeTrainId`; `null` for anything else. */
export function decodeTrainId(id: string): TrainRef | null {
  const m = /^settle:train:(reply|say|end):([ps]):(zh|en):(\d{1,25}):(\d{1,25})$/.exec(id);
  if (!m) return null;
  return { verb: m[1] as TrainVerb, mode: m[2] === 'p' ? 'play' : 'swap', lang: m[3] as Lang, key: m[4]!, userId: m[5]! };
}

/** The training service's key for a Discord session. */
export function threadKeyOf(ref: Pick<TrainRef, 'key'>): string {
  return `discord:train:${ref.key}`;
}

const T = {
  reply: { zh: '回复', en: 'Reply' },
  giveUp: { zh: '放弃', en: 'Give up' },
  endSwap: { zh: '结束', en: 'End' },
  you: { zh: '你', en: 'You' },
  agent: { zh: '客服', en: 'agent' },
  customer: { zh: '客户', en: 'customer' },
  modalPlay: { zh: '你对客户的回复', en: 'Your reply to the customer' },
  modalSwap: { zh: '你(客户)要说的话', en: 'What you say as the customer' },
} as const;

function buttons(ref: Omit<TrainRef, 'verb'>): MessageBody['components'] {
  const { lang } = ref;
  const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(encodeTrainId({ ...ref, verb: 'reply' })).setLabel(T.reply[lang]).setStyle(ButtonStyle.Primary),
    new ButtonBuilder().setCustomId(encodeTrainId({ ...ref, verb: 'end' })).setLabel(ref.mode === 'play' ? T.giveUp[lang] : T.endSwap[lang]).setStyle(ButtonStyle.Secondary),
  );
  return [row.toJSON()];
}

function describeOrder(s: Scenario): string {
  const o = s.case.order;
  if (!o) return '';
  const items = o.items.map((i) => `${i.name || i.sku} ×${i.qty} @ ${formatMoney(i.unitPriceMinor, o.currency)}`).join(', ');
  return `${s.lang === 'zh' ? '订单' : 'Order'} ${o.id}: ${items}; ${formatMoney(o.totalMinor, o.currency)}${o.status ? `; ${o.status}` : ''}`;
}

/** The first message of a role-play: the brief, the customer's opening line, the buttons. */
export function renderPlayStart(scenario: Scenario, ref: Omit<TrainRef, 'verb'>, sessionId: string): MessageBody {
  const { lang } = ref;
  const p = scenario.persona;
  const intro = lang === 'zh'
    ? `你是客服。按 **${T.reply.zh}** 回复客户;问清事实,先共情,给出具体方案。`
    : `You are the agent. Press **${T.reply.en}** to answer; find out the facts, empathise first, offer a concrete plan.`;
  const embed: APIEmbed = fitEmbed({
    title: truncate(`🎓 ${scenario.title}`, DISCORD_LIMITS.embedTitle),
    description: `${intro}\n\n**${p.name}** — ${p.description}\n${describeOrder(scenario)}\n\n**${p.name} [${p.mood}]:** ${truncate(scenario.opening, 2_000)}`,
    footer: { text: `${scenario.id} · ${sessionId}` },
    color: 0x5865f2,
  });
  return { content: `<@${ref.userId}>`, embeds: [embed], components: buttons(ref) };
}

/** The first message of a role swap: the trainee writes as the customer. */
export function renderSwapStart(scenario: Scenario | null, ref: Omit<TrainRef, 'verb'>, sessionId: string): MessageBody {
  const { lang } = ref;
  const brief = scenario ? `\n\n**${scenario.title}** — ${scenario.opening}` : '';
  const intro = lang === 'zh'
    ? `角色互换:你扮演客户,Settle 用自己的草稿扮演客服。按 **${T.reply.zh}** 以客户身份发言。`
    : `Role swap: you play the customer, Settle plays the agent with its own drafts. Press **${T.reply.en}** to speak as the customer.`;
  const embed = fitEmbed({ title: lang === 'zh' ? '🎓 角色互换' : '🎓 Role swap', description: `${intro}${truncate(brief, 2_500)}`, footer: { text: `${scenario?.id ?? 'free'} · ${sessionId}` }, color: 0x5865f2 });
  return { content: `<@${ref.userId}>`, embeds: [embed], components: buttons(ref) };
}

/** One turn: what the trainee wrote and the answer; buttons for the next turn unless it ended. */
export function renderTurn(input: { ref: Omit<TrainRef, 'verb'>; said: string; answerBy: string; answer: string; ended: boolean }): MessageBody {
  const { ref } = input;
  const { lang } = ref;
  const role = ref.mode === 'play' ? T.agent[lang] : T.customer[lang];
  const lines = [`**${T.you[lang]} (${role}):** ${truncate(input.said, 1_800)}`];
  if (input.answer) lines.push(`**${input.answerBy}:** ${truncate(input.answer, 2_000)}`);
  const embed = fitEmbed({ description: lines.join('\n\n'), color: input.ended ? 0x99aab5 : 0x5865f2 });
  return { embeds: [embed], ...(input.ended ? {} : { components: buttons(ref) }) };
}

/** The end: why it ended, then the scorecard (monospaced, so its columns line up) in pages. */
export function renderEnding(lang: Lang, reason: string | undefined, sessionId: string, summary?: string): MessageBody[] {
  const why = (reason ?? 'ended').replace(/_/g, ' ');
  const head = lang === 'zh' ? `**培训结束:${why}** · ${sessionId}` : `**Training ended: ${why}** · ${sessionId}`;
  if (!summary) return [{ content: head }];
  // A code fence inside the text would close ours early.
  const chunks = splitText(summary.replace(/```/g, 'ʼʼʼ'), DISCORD_LIMITS.content - 200);
  return chunks.map((chunk, i) => ({ content: `${i === 0 ? `${head}\n` : ''}\`\`\`\n${chunk}\n\`\`\`` }));
}

/** The modal for the trainee's next line. */
export function renderTrainModal(ref: Omit<TrainRef, 'verb'>): APIModalInteractionResponseCallbackData {
  const title = ref.mode === 'play' ? T.modalPlay[ref.lang] : T.modalSwap[ref.lang];
  const input = new TextInputBuilder().setCustomId(TRAIN_FIELD).setStyle(TextInputStyle.Paragraph).setRequired(true).setMaxLength(DISCORD_LIMITS.inputValue);
  const label = new LabelBuilder().setLabel(truncate(title, DISCORD_LIMITS.inputLabel)).setTextInputComponent(input);
  return new ModalBuilder().setCustomId(encodeTrainId({ ...ref, verb: 'say' })).setTitle(truncate(title, DISCORD_LIMITS.modalTitle)).addLabelComponents(label).toJSON();
}

/** The scenarios there are, for `/settle help` and an unknown `scenario`. */
export function renderScenarioList(scenarios: Scenario[], lang: Lang): APIEmbed {
  const lines = scenarios.map((s) => `\`${s.id}\` · ${s.lang} · ${s.category}/${s.subtype} — ${s.title}`);
  const usage = lang === 'zh'
    ? '**/settle train** `scenario` `lang` `swap` — 角色扮演培训(Settle 扮演客户,结束时给出评分卡)。`swap`:你扮演客户。'
    : '**/settle train** `scenario` `lang` `swap` — role-play training (Settle plays the customer and posts a scorecard at the end). `swap`: you play the customer.';
  return fitEmbed({ title: lang === 'zh' ? '培训场景' : 'Training scenarios', description: `${usage}\n\n${lines.join('\n')}`, color: 0x5865f2 });
}
