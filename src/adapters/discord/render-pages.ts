/**
 * Messages other than the card: the full customer message and the released reply split into
 * pages of ≤ 2 000 characters, the approval queue (10 cases a page, with Prev/Next), help.
 */
import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type APIEmbed } from 'discord.js';
import type { CaseView } from '../../app/desk.ts';
import type { ActionRef } from '../../chat/events.ts';
import type { QueueReply } from '../../chat/queue-flow.ts';
import type { Lang } from '../../core/types.ts';
import { CATEGORY_LABELS, SUBTYPE_LABELS } from '../shared/labels.ts';
import { UI, ageAgainstSla, encodeAction, presentOffer, splitText, truncate } from '../shared/present-case.ts';
import { DISCORD_LIMITS, fitEmbed } from './limits.ts';
import { mentionOf } from './render-card.ts';
import type { MessageBody } from './respond.ts';

/** Room for a page header such as `**Case 12 — customer message (2/3)**\n`. */
const PAGE_BODY = DISCORD_LIMITS.content - 120;
/** Cases a queue page: an embed holds 25 fields, and ten keeps a page readable. */
export const QUEUE_PAGE_SIZE = 10;

/** `text` as messages of at most 2 000 characters, each headed `title (n/N)` when there are several. */
export function paginate(title: string, text: string): MessageBody[] {
  const chunks = splitText(text, PAGE_BODY);
  return chunks.map((chunk, i) => {
    const head = chunks.length > 1 ? `**${truncate(title, 100)} (${i + 1}/${chunks.length})**` : `**${truncate(title, 100)}**`;
    return { content: `${head}\n${chunk}` };
  });
}

/** The customer's whole message, for "Show full message". */
export function renderFullMessage(view: CaseView): MessageBody[] {
  const lang = view.draft.reply.lang;
  return paginate(`${UI.caseLabel[lang]} ${view.id} — ${UI.customerSaid[lang]}`, view.message);
}

/** The released reply, posted publicly for the agent to send: who approved, the text, the offers. */
export function renderRelease(view: CaseView): MessageBody[] {
  const lang = view.draft.reply.lang;
  const release = view.release;
  if (!release) return [];
  const offers = release.offers.map((o) => `• ${presentOffer(o, lang).text}`).join('\n');
  const by = view.decidedBy ? ` · ${UI.approvedBy[lang]} ${mentionOf(view.decidedBy)}` : '';
  const text = `${release.text}${offers ? `\n\n**${UI.offers[lang]}**\n${offers}` : ''}`;
  return paginate(`${UI.releasedReply[lang]} — ${UI.caseLabel[lang]} ${view.id}${by}`, text);
}

/** One page of the queue (src/chat/queue-flow.ts), each case with its age against POLICY.md §6. */
export function renderQueue(q: QueueReply, lang: Lang): MessageBody {
  const heading = lang === 'zh' ? (q.scope === 'all' ? '待审批队列' : '我的待处理案件') : q.scope === 'all' ? 'Approval queue' : 'My open cases';
  const fields = q.cases.map((c) => {
    const sub = c.subtype ? ` · ${SUBTYPE_LABELS[c.subtype][lang]}` : '';
    const sla = ageAgainstSla(c.createdAt, q.now, lang);
    const flag = sla.level === 'ok' ? '🟢' : sla.level === 'late' ? '🟠' : '🔴';
    const who = c.escalate || c.approval === 'supervisor' ? ` · ${UI.needsSupervisor[lang]}` : '';
    return { name: `${UI.caseLabel[lang]} ${c.id} · ${CATEGORY_LABELS[c.category][lang]}${sub}`, value: `${flag} ${sla.label}${who}\n> ${c.preview} — ${mentionOf(c.createdBy)}` };
  });
  const empty = lang === 'zh' ? '没有待处理的案件。' : 'Nothing is waiting.';
  const embed: APIEmbed = fitEmbed({ title: `${heading} — ${q.page + 1}`, description: q.cases.length ? undefined : empty, fields, color: 0xf0b232 });
  const components = [];
  if (q.previous || q.next) {
    // Both buttons always, the missing one disabled, so the row does not jump between pages.
    const row = new ActionRowBuilder<ButtonBuilder>();
    const pager = (label: string, ref: ActionRef | undefined, fallback: number) =>
      new ButtonBuilder().setCustomId(encodeAction(ref ?? { action: 'page', caseId: 'queue', revision: fallback })).setLabel(label).setStyle(ButtonStyle.Secondary).setDisabled(!ref);
    row.addComponents(
      pager(lang === 'zh' ? '上一页' : 'Previous', q.previous, Math.max(0, q.page - 1)),
      pager(lang === 'zh' ? '下一页' : 'Next', q.next, q.page + 1),
    );
    components.push(row.toJSON());
  }
  return { embeds: [embed], components };
}

/** `/settle help`. */
export function renderHelp(lang: Lang): MessageBody {
  const en = [
    '**/settle case** `message` `order` `lang` — file a customer complaint; Settle classifies it and drafts a reply and an offer by policy. Leave `message` empty to paste a long or multi-line complaint in a form.',
    '**/settle queue** — open cases, oldest first, with their age against the 1-hour first-reply target (supervisors see all, agents their own).',
    '**/settle help** — this text.',
    '',
    'Nothing reaches a customer until someone other than its author approves the draft. Drafts over the agent limit or escalated need a supervisor (a member with a supervisor role). Every click is recorded.',
  ];
  const zh = [
    '**/settle case** `message` `order` `lang` — 提交客户投诉:Settle 分类并按政策起草回复和补偿方案。长文本或多行投诉请留空 `message`,在表单中粘贴。',
    '**/settle queue** — 待处理案件(最早的在前),显示距离 1 小时首次回复时限的时间(主管看全部,客服看自己的)。',
    '**/settle help** — 本说明。',
    '',
    '草稿须由作者以外的人批准后才会发给客户。超出客服权限或已升级的草稿须由主管(拥有主管角色的成员)批准。每次点击都有记录。',
  ];
  return { content: (lang === 'zh' ? zh : en).join('\n') };
}
