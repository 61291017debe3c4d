/**
 * The server-side check every adapter makes at click time, before calling the desk: it decides
 * what the person is told (ephemerally) and what is recorded as a denied attempt. The desk enforces
 * the same rules again; this only lets the adapter explain them politely and record the refusal.
 */
import type { Actor, CaseView } from '../../app/desk.ts';
import type { ErrorCode } from '../../core/errors.ts';
import type { Lang } from '../../core/types.ts';
import type { CardAction } from './action-id.ts';

export type Authorization = { ok: true } | { ok: false; code: ErrorCode; reason: string };

const REASONS = {
  already_decided: { en: 'This case is already decided', zh: '该案件已处理' },
  forbidden_author: { en: 'You wrote or edited this draft, so someone else must approve it', zh: '您撰写或修改了此草稿,须由他人批准' },
  forbidden_role: { en: 'Only a supervisor can do this for this draft', zh: '此草稿须由主管处理' },
} as const;

/**
 * May `actor` perform `action` on the case as shown in `view`?
 * - approve: the case is still drafted; the actor did not author or edit the current draft
 *   (separation of duties); a supervisor when the draft needs one (approval level or escalation).
 * - reject: drafted; the same role as approving (an author may withdraw their own draft).
 * - edit, answer: drafted; anyone — the desk re-checks edits against the editor's caps.
 * - full, page: always.
 */
export function authorize(actor: Actor, view: CaseView, action: CardAction, lang: Lang = view.draft.reply.lang): Authorization {
  if (action === 'full' || action === 'page') return { ok: true };
  if (view.status !== 'drafted') return deny('already_decided', lang);
  const needsSupervisor = view.draft.approval === 'supervisor' || view.draft.escalate;
  if (action === 'approve') {
    if (view.authors.includes(actor.id)) return deny('forbidden_author', lang);
    if (needsSupervisor && actor.role !== 'supervisor') return deny('forbidden_role', lang);
  }
  if (action === 'reject' && needsSupervisor && actor.role !== 'supervisor') return deny('forbidden_role', lang);
  return { ok: true };
}

function deny(code: keyof typeof REASONS, lang: Lang): Authorization {
  return { ok: false, code, reason: REASONS[code][lang] };
}
