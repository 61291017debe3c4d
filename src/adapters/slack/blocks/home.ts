/**
 * App Home: supervisors see the approval queue oldest first, agents their own open cases, each
 * with its age against POLICY.md §6. Paginated so a long queue never exceeds a view's 100 blocks.
 */
import type { ActionsBlock, HomeView, KnownBlock } from '@slack/types';
import type { CaseSummary } from '../../../app/desk.ts';
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

export interface HomeInput {
  role: 'agent' | 'supervisor';
  /** One page of cases plus one extra, to know whether a next page exists. */
  cases: CaseSummary[];
  offset: number;
  now: Date;
}

/** The App Home view for one person. */
export function buildHome({ role, cases, offset, now }: HomeInput): HomeView {
  const page = cases.slice(0, HOME_PAGE_SIZE);
  const title = role === 'supervisor' ? 'Approval queue — oldest first' : 'My open cases';
  const blocks: KnownBlock[] = [
    { type: 'header', text: plain(title, L.headerText) },
    { type: 'context', elements: [mrkdwn('POLICY.md §6: first reply within 1 h, never past 24 h. :large_green_circle: on time · :large_orange_circle: past 1 h · :red_circle: past 24 h')] },
    { type: 'divider' },
  ];
  if (page.length === 0) blocks.push({ type: 'section', text: mrkdwn(offset === 0 ? 'Nothing waiting. :tada:' : 'No more cases.') });
  for (const c of page) blocks.push(...caseBlocks(c, now));
  const pager: ActionsBlock = { type: 'actions', block_id: 'pager', elements: [] };
  if (offset > 0) pager.elements.push(button('← Previous', encodeAction({ action: 'page', caseId: 'home', revision: Math.max(0, offset - HOME_PAGE_SIZE) })));
  if (cases.length > HOME_PAGE_SIZE) pager.elements.push(button('Next →', encodeAction({ action: 'page', caseId: 'home', revision: offset + HOME_PAGE_SIZE })));
  if (pager.elements.length > 0) blocks.push(pager);
  return { type: 'home', blocks: blocks.slice(0, L.viewBlocks) };
}

function caseBlocks(c: CaseSummary, now: Date): KnownBlock[] {
  // Summaries carry no language: label each case in the language its customer wrote in.
  const lang: Lang = /\p{Script=Han}/u.test(c.preview) ? 'zh' : 'en';
  const age = ageAgainstSla(c.createdAt, now, lang);
  const kind = `${CATEGORY_LABELS[c.category][lang]}${c.subtype ? ` · ${SUBTYPE_LABELS[c.subtype][lang]}` : ''}`;
  const flags = [c.approval === 'supervisor' ? 'supervisor' : 'agent', c.escalate ? 'escalated' : ''].filter(Boolean).join(', ');
  return [
    { type: 'section', text: mrkdwn(`${LIGHT[age.level]} *${fitEscaped(kind, 200)}* · \`${fitEscaped(c.id, 100)}\`\n>${fitEscaped(c.preview.replace(/\s+/g, ' '), 500)}`) },
    { type: 'context', elements: [mrkdwn(`${fitEscaped(age.label, 200)} · ${flags} · ${slackName(c.createdBy)}`)] },
  ];
}

/** App Home for someone who is not staff: no cases, just why and which key grants access. */
export function buildClosedHome(reason: string): HomeView {
  return {
    type: 'home',
    blocks: [
      { type: 'header', text: plain('Settle', L.headerText) },
      { type: 'section', text: mrkdwn(`:no_entry: ${reason}.`) },
    ],
  };
}
