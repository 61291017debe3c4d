/**
 * The queue in Block Kit — App Home, and `/settle queue` as a private message: supervisors see
 * the approval queue, agents their own open cases, in the queue's order (next §6 deadline first,
 * overdue leading; src/chat/queue-order.ts), each with its age and next deadline. Paginated so a
 * long queue never exceeds a view's 100 blocks.
 */
import type { ActionsBlock, HomeView, KnownBlock } from '@slack/types';
import type { CaseSummary } from '../../../app/desk.ts';
import type { QueueReply } from '../../../chat/queue-flow.ts';
import type { Lang } from '../../../core/types.ts';
import { encodeAction } from '../../shared/action-id.ts';
import { CATEGORY_LABELS, SUBTYPE_LABELS } from '../../shared/labels.ts';
import { ageAgainstSla, type SlaLevel } from '../../shared/sla.ts';
import { button, slackName } from './case-card.ts';
import { SLACK_LIMITS as L } from './limits.ts';
import { fitEscaped, mrkdwn, plain } from './mrkdwn.ts';

/** Cases per page: two blocks each keeps a page near 45 blocks. */
export const HOME_PAGE_SIZE = 20;
const LIGHT: Record<SlaLevel, string> = { ok: ':large_green_circle:', late: ':large_orange_circle:', breached: ':red_circle:' };

/** The App Home view: one page of the queue (src/chat/queue-flow.ts) with its pager. */
export function buildHome(q: QueueReply): HomeView {
  return { type: 'home', blocks: buildQueueBlocks(q) };
}

/** The title of a queue page (also the notification text of `/settle queue`'s message). */
export function queueTitle(q: QueueReply): string {
  return q.scope === 'all' ? 'Approval queue — next deadline first' : 'My open cases — next deadline first';
}

/** One page of the queue with its pager, as blocks (App Home, or `/settle queue`'s private message). */
export function buildQueueBlocks(q: QueueReply): KnownBlock[] {
  const title = queueTitle(q);
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(title, L.headerText) },
    { type: 'context', elements: [mrkdwn('POLICY.md §6: first reply within 1 h, never past 24 h. :large_green_circle: on time · :large_orange_circle: past 1 h · :red_circle: past 24 h')] },
    { type: 'divider' },
  ];
  if (q.cases.length === 0) blocks.push({ type: 'section', text: mrkdwn(q.page === 0 ? 'Nothing waiting. :tada:' : 'No more cases.') });
  for (const c of q.cases) blocks.push(...caseBlocks(c, q.now));
  const pager: ActionsBlock = { type: 'actions', block_id: 'pager', elements: [] };
  if (q.previous) pager.elements.push(button('← Previous', encodeAction(q.previous)));
  if (q.next) pager.elements.push(button('Next →', encodeAction(q.next)));
  if (pager.elements.length > 0) blocks.push(pager);
  return blocks.slice(0, L.viewBlocks);
}

function caseBlocks(c: CaseSummary, now: Date): KnownBlock[] {
  // Summaries carry no language: label each case in the language its customer wrote in.
  const lang: Lang = /\p{Script=Han}/u.test(c.preview) ? 'zh' : 'en';
  const age = ageAgainstSla(c.createdAt, now, lang);
  const kind = `${CATEGORY_LABELS[c.category][lang]}${c.subtype ? ` · ${SUBTYPE_LABELS[c.subtype][lang]}` : ''}`;
  const flags = [c.approval === 'supervisor' ? 'supervisor' : 'agent', c.escalate ? 'escalated' : ''].filter(Boolean).join(', ');
  const due = c.nextDueAt ? ` · ${Date.parse(c.nextDueAt) <= now.getTime() ? ':rotating_light: overdue since' : 'next deadline'} <!date^${Math.floor(Date.parse(c.nextDueAt) / 1000)}^{date_short_pretty} {time}|${c.nextDueAt}>` : '';
  return [
    { type: 'section', text: mrkdwn(`${LIGHT[age.level]} *${fitEscaped(kind, 200)}* · \`${fitEscaped(c.id, 100)}\`\n>${fitEscaped(c.preview.replace(/\s+/g, ' '), 500)}`) },
    { type: 'context', elements: [mrkdwn(`${fitEscaped(age.label, 200)}${due} · ${flags} · ${slackName(c.createdBy)}`)] },
  ];
}

/** App Home for someone who is not staff: no cases, just why (a sentence) and which key grants access. */
export function buildClosedHome(reason: string): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: plain('Settle', L.headerText) },
      { type: 'section', text: mrkdwn(`:no_entry: ${reason}`) },
    ],
  };
}
