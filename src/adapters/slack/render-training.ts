/**
 * What `/settle train` shows in Slack: the opening message (brief, the customer's first line, a
 * Give up button whose value names the trainee, so the thread can be recognised after a restart),
 * one thread reply per turn, and the scorecard split into Slack-sized messages.
 */
import type { KnownBlock } from '@slack/types';
import { formatMoney } from '../../core/money.ts';
import type { Scenario } from '../../core/training/scenario.ts';
import type { Lang } from '../../core/types.ts';
import { splitText, truncate } from '../shared/truncate.ts';
import { SLACK_LIMITS } from './blocks/limits.ts';
import { escapeMrkdwn, fitEscaped, mrkdwn, plain } from './blocks/mrkdwn.ts';

/** action_id of the Give up / End button (not `s1|…`, the case-card actions). */
export const TRAIN_END_ACTION = 'settle_train_end';

/** `play`: Settle is the customer; `swap`: the trainee is the customer, Settle the agent. */
export type TrainMode = 'play' | 'swap';

/** What the opening message's button carries. */
export interface TrainRef {
  mode: TrainMode;
  lang: Lang;
  /** Slack user id of the trainee. */
  userId: string;
}

/** The training service's key for a session living in a message's thread. */
export function threadKeyOf(channel: string, threadTs: string): string {
  return `slack:${channel}:${threadTs}`;
}

/** `p|zh|U123`: short, within a button value's 2 000 characters. */
export function encodeTrainRef(ref: TrainRef): string {
  return `${ref.mode === 'play' ? 'p' : 's'}|${ref.lang}|${ref.userId}`;
}

/** Inverse of `encodeTrainRef`; `null` for anything else. */
export function decodeTrainRef(value: string | undefined): TrainRef | null {
  const m = /^([ps])\|(zh|en)\|([A-Za-z0-9_]{1,40})$/.exec(value ?? '');
  if (!m) return null;
  return { mode: m[1] === 'p' ? 'play' : 'swap', lang: m[2] as Lang, userId: m[3]! };
}

const T = {
  giveUp: { zh: '放弃', en: 'Give up' },
  endSwap: { zh: '结束', en: 'End' },
  customer: { zh: '客户', en: 'Customer' },
  settleAgent: { zh: 'Settle(客服)', en: 'Settle (agent)' },
  starting: { zh: '🎓 正在准备培训…', en: '🎓 Setting up the training session…' },
} as const;

/** The placeholder posted first: its ts is the session's thread. */
export function renderPlaceholder(lang: Lang): { text: string } {
  return { text: T.starting[lang] };
}

function describeOrder(s: Scenario): string {
  const o = s.case.order;
  if (!o) return '';
  const items = o.items.map((i) => `${i.name || i.sku} ×${i.qty} @ ${formatMoney(i.unitPriceMinor, o.currency)}`).join(', ');
  return `${s.lang === 'zh' ? '订单' : 'Order'} ${o.id}: ${items}; ${formatMoney(o.totalMinor, o.currency)}${o.status ? `; ${o.status}` : ''}`;
}

function endButton(ref: TrainRef): KnownBlock {
  const label = ref.mode === 'play' ? T.giveUp[ref.lang] : T.endSwap[ref.lang];
  return { type: 'actions', block_id: 'train', elements: [{ type: 'button', action_id: TRAIN_END_ACTION, text: plain(label, SLACK_LIMITS.buttonText), value: encodeTrainRef(ref) }] };
}

/** The opening of a role-play: who the customer is, the order, their first line, Give up. */
export function renderPlayStart(scenario: Scenario, ref: TrainRef, sessionId: string): { text: string; blocks: KnownBlock[] } {
  const { lang } = ref;
  const p = scenario.persona;
  const intro = lang === 'zh'
    ? `<@${ref.userId}> 你是客服。在这条消息的讨论串里回复客户;问清事实,先共情,给出具体方案。`
    : `<@${ref.userId}> you are the agent. Reply to the customer in this message's thread; find out the facts, empathise first, offer a concrete plan.`;
  const brief = `*${escapeMrkdwn(p.name)}* — ${escapeMrkdwn(p.description)}\n${escapeMrkdwn(describeOrder(scenario))}`;
  const opening = `*${escapeMrkdwn(p.name)} [${p.mood}]:* ${fitEscaped(scenario.opening, SLACK_LIMITS.sectionText - 200)}`;
  return {
    text: truncate(`🎓 ${scenario.title} — ${p.name}: ${scenario.opening}`, 2_000),
    blocks: [
      { type: 'header', text: plain(`🎓 ${scenario.title}`, SLACK_LIMITS.headerText) },
      { type: 'section', text: mrkdwn(truncate(`${intro}\n\n${brief}`, SLACK_LIMITS.sectionText)) },
      { type: 'section', text: mrkdwn(opening) },
      { type: 'context', elements: [mrkdwn(`${scenario.id} · ${sessionId}`)] },
      endButton(ref),
    ],
  };
}

/** The opening of a role swap: the trainee writes as the customer in the thread. */
export function renderSwapStart(scenario: Scenario | null, ref: TrainRef, sessionId: string): { text: string; blocks: KnownBlock[] } {
  const { lang } = ref;
  const intro = lang === 'zh'
    ? `<@${ref.userId}> 角色互换:你扮演客户,Settle 用自己的草稿扮演客服。在讨论串里以客户身份发言。`
    : `<@${ref.userId}> role swap: you play the customer, Settle plays the agent with its own drafts. Write as the customer in this thread.`;
  const brief = scenario ? `\n\n*${escapeMrkdwn(scenario.title)}* — ${fitEscaped(scenario.opening, 2_000)}` : '';
  return {
    text: lang === 'zh' ? '🎓 角色互换' : '🎓 Role swap',
    blocks: [
      { type: 'section', text: mrkdwn(truncate(`${intro}${brief}`, SLACK_LIMITS.sectionText)) },
      { type: 'context', elements: [mrkdwn(`${scenario?.id ?? 'free'} · ${sessionId}`)] },
      endButton(ref),
    ],
  };
}

/** The opening once the session is over: the same text, no button. */
export function withoutButton(blocks: KnownBlock[]): KnownBlock[] {
  return blocks.filter((b) => b.type !== 'actions');
}

/** The other side's answer, posted in the thread. */
export function renderAnswer(ref: TrainRef, answer: string, mood?: string): string {
  const who = ref.mode === 'play' ? `${T.customer[ref.lang]} [${mood ?? '?'}]` : T.settleAgent[ref.lang];
  return `*${who}:* ${fitEscaped(answer, 3_500)}`;
}

/** The end: why, then the scorecard in code blocks, each message within Slack's limits. */
export function renderEnding(lang: Lang, reason: string | undefined, sessionId: string, summary?: string): string[] {
  const why = (reason ?? 'ended').replace(/_/g, ' ');
  const head = lang === 'zh' ? `*培训结束:${why}* · ${sessionId}` : `*Training ended: ${why}* · ${sessionId}`;
  if (!summary) return [head];
  // A fence inside the text would close ours early; the scorecard is escaped as it quotes the trainee.
  const chunks = splitText(escapeMrkdwn(summary.replace(/```/g, 'ʼʼʼ')), SLACK_LIMITS.sectionText);
  return chunks.map((chunk, i) => `${i === 0 ? `${head}\n` : ''}\`\`\`\n${chunk}\n\`\`\``);
}

/** The scenarios there are, for an unknown `scenario`. */
export function renderScenarioList(scenarios: Scenario[], lang: Lang, unknownId?: string): string {
  const head = unknownId
    ? (lang === 'zh' ? `:information_source: 没有场景 \`${escapeMrkdwn(unknownId)}\`。可选:` : `:information_source: There is no scenario \`${escapeMrkdwn(unknownId)}\`. Pick one of these:`)
    : (lang === 'zh' ? '培训场景:' : 'Training scenarios:');
  const lines = scenarios.map((s) => `• \`${s.id}\` · ${s.lang} · ${s.category}/${s.subtype} — ${escapeMrkdwn(s.title)}`);
  return truncate([head, ...lines].join('\n'), SLACK_LIMITS.sectionText);
}
