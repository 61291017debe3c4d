/**
 * What a released case's card shows of its lifecycle, once for every front end: the buttons the
 * transition table opens from its state (plus "Approve follow-up" while a drafted follow-up
 * waits), the summary lines (state, deadlines, what was done, the follow-up, the answer, T-4),
 * and the two forms a button opens (what was done; why it is reopened) with their one parser.
 * Slack renders these as Block Kit, Discord as embed fields and components, the console as text.
 */
import type { CaseView } from '../app/desk.ts';
import { DEADLINE_LABEL } from '../core/lifecycle/deadlines.ts';
import type { LifecycleAction } from '../core/workflow/lifecycle.ts';
import type { ActionRef, LifecycleButton } from '../adapters/shared/action-id.ts';
import type { LifecycleRequest } from './lifecycle-flow.ts';

export type { LifecycleButton } from '../adapters/shared/action-id.ts';

/** The forms a lifecycle button opens. */
export type LifecycleForm = 'execute' | 'reopen';

export interface LifecycleButtonModel {
  button: LifecycleButton;
  label: string;
  style?: 'primary' | 'danger';
  /** The button opens this form instead of moving the case. */
  form?: LifecycleForm;
  /** The button's action ref (the lifecycle step the card shows). */
  ref: ActionRef;
}

const BUTTONS: Record<LifecycleButton, { label: string; style?: 'primary' | 'danger'; form?: LifecycleForm }> = {
  returned: { label: 'Return arrived' },
  execute: { label: 'Executed…', style: 'primary', form: 'execute' },
  send_followup: { label: 'Approve follow-up', style: 'primary' },
  solved: { label: 'Solved', style: 'primary' },
  unsolved: { label: 'Not solved' },
  unreachable: { label: 'Unreachable' },
  resolve: { label: 'Resolve', style: 'primary' },
  reopen: { label: 'Reopen…', style: 'danger', form: 'reopen' },
};

/** The buttons of each move of the table. */
const OF_MOVE: Record<LifecycleAction, LifecycleButton[]> = {
  return_arrived: ['returned'],
  execute: ['execute'],
  follow_up: ['solved', 'unsolved', 'unreachable'],
  resolve: ['resolve'],
  reopen: ['reopen'],
};

/** The lifecycle buttons of a released case, in table order; none before release. */
export function lifecycleButtons(view: CaseView): LifecycleButtonModel[] {
  const l = view.lifecycle;
  if (!l) return [];
  const names = [...(l.data.followUp?.status === 'drafted' ? ['send_followup' as const] : []), ...l.moves.flatMap((m) => OF_MOVE[m])];
  return names.map((button) => ({ button, ...BUTTONS[button], ref: { action: 'lifecycle', caseId: view.id, revision: l.seq, move: button } }));
}

/** The label a button has on every front end. */
export function lifecycleLabel(button: LifecycleButton): string {
  return BUTTONS[button].label;
}

/** The lifecycle in lines of plain text (each front end escapes and styles them). */
export function lifecycleSummary(view: CaseView): string[] {
  const l = view.lifecycle;
  if (!l) return [];
  const out = [`Lifecycle: ${l.state.replace('_', ' ')} · step ${l.seq}`];
  for (const d of view.deadlines) {
    out.push(`${d.metAt ? '✓' : d.escalatedAt ? '🚨' : '•'} ${DEADLINE_LABEL[d.kind]} — ${d.metAt ? `met ${d.metAt}` : d.escalatedAt ? `overdue since ${d.dueAt}` : `due ${d.dueAt}`}`);
  }
  for (const e of l.data.executions ?? []) out.push(`done: ${Object.entries(e.record).map(([k, v]) => `${k} ${String(v)}`).join(', ')} (${e.by}, ${e.at})`);
  const f = l.data.followUp;
  if (f) out.push(`Follow-up (${f.status === 'sent' ? `sent, approved by ${f.approvedBy ?? ''}` : 'drafted, awaiting approval'}): ${f.text}`);
  const a = l.data.answer;
  if (a) out.push(`Answer: ${a.unreachable ? 'unreachable' : a.solved ? 'solved' : 'not solved'}${a.satisfied === undefined ? '' : a.satisfied ? ', satisfied' : ', not satisfied'}${a.note ? ` — ${a.note}` : ''}`);
  if (l.reviewRequest) out.push(`Solved: you may now ask politely for a review update (T-4): ${l.reviewRequest}`);
  return out;
}

/** The lifecycle forms' fields (Slack block ids, Discord text input ids, as they are). */
export const LIFECYCLE_FIELDS = { tracking: 'tracking', refund: 'refund', ticket: 'ticket', note: 'note', reason: 'reason' } as const;

/** Each form's inputs: field, label, whether it is multi-line. All are optional but the reason. */
export const LIFECYCLE_FORM_INPUTS: Record<LifecycleForm, { title: string; submit: string; inputs: { field: string; label: string; long?: boolean; required?: boolean; max: number }[] }> = {
  execute: {
    title: 'What was done', submit: 'Record',
    inputs: [
      { field: LIFECYCLE_FIELDS.tracking, label: 'Tracking number (reship)', max: 100 },
      { field: LIFECYCLE_FIELDS.refund, label: 'Refund id', max: 100 },
      { field: LIFECYCLE_FIELDS.ticket, label: 'Repair ticket', max: 100 },
      { field: LIFECYCLE_FIELDS.note, label: 'Note', long: true, max: 1000 },
    ],
  },
  reopen: { title: 'Reopen the case', submit: 'Reopen', inputs: [{ field: LIFECYCLE_FIELDS.reason, label: 'Why it is reopened', long: true, required: true, max: 1000 }] },
};

/** The field a form's general errors go beside. */
export const LIFECYCLE_FALLBACK: Record<LifecycleForm, string> = { execute: LIFECYCLE_FIELDS.tracking, reopen: LIFECYCLE_FIELDS.reason };

type Fields = Readonly<Record<string, string | undefined>>;

/** A submitted lifecycle form → the move, or errors by field. */
export function parseLifecycleForm(form: LifecycleForm, fields: Fields): { request: LifecycleRequest } | { errors: Record<string, string> } {
  const get = (f: string) => (fields[f] ?? '').trim();
  if (form === 'reopen') {
    const reason = get(LIFECYCLE_FIELDS.reason);
    return reason ? { request: { action: 'reopen', reason } } : { errors: { [LIFECYCLE_FIELDS.reason]: 'Say why the case is reopened.' } };
  }
  const record = {
    ...(get(LIFECYCLE_FIELDS.tracking) ? { trackingNumber: get(LIFECYCLE_FIELDS.tracking) } : {}),
    ...(get(LIFECYCLE_FIELDS.refund) ? { refundId: get(LIFECYCLE_FIELDS.refund) } : {}),
    ...(get(LIFECYCLE_FIELDS.ticket) ? { repairTicket: get(LIFECYCLE_FIELDS.ticket) } : {}),
  };
  if (!Object.keys(record).length) return { errors: { [LIFECYCLE_FIELDS.tracking]: 'Say what was done: a tracking number, a refund id or a repair ticket.' } };
  return { request: { action: 'execute', record: { ...record, ...(get(LIFECYCLE_FIELDS.note) ? { note: get(LIFECYCLE_FIELDS.note) } : {}) } } };
}

/** The move a button makes by itself (not for the two that open a form). */
export function requestOfButton(button: Exclude<LifecycleButton, LifecycleForm>): LifecycleRequest {
  switch (button) {
    case 'returned': return { action: 'return_arrived' };
    case 'send_followup': return { action: 'send_followup' };
    case 'solved': return { action: 'follow_up', answer: { solved: true } };
    case 'unsolved': return { action: 'follow_up', answer: { solved: false } };
    case 'unreachable': return { action: 'follow_up', answer: { solved: false, unreachable: true } };
    case 'resolve': return { action: 'resolve' };
  }
}
