/**
 * How the console shows things: a case card, the queue, a case's history, help. Case content
 * uses the shared card model (the same words Slack and Discord show, in the case's language);
 * the console adds what a person at a terminal needs: classification details, checklist, and
 * the exact next commands to type.
 */
import { DEADLINE_LABEL } from '../../core/lifecycle/deadlines.ts';
import type { AuditEntry, CaseView } from '../../app/desk.ts';
import type { QueueReply } from '../../chat/queue-flow.ts';
import { formatMoney } from '../../core/money.ts';
import type { Offer, Order } from '../../core/types.ts';
import { FACT_INPUTS } from '../shared/fact-inputs.ts';
import { ageAgainstSla, formatDuration } from '../shared/sla.ts';
import { presentCase } from '../shared/present-case.ts';
import type { Style } from './style.ts';
import { displayWidth, padDisplay, truncateDisplay, wrapDisplay } from './text-width.ts';

export interface RenderOptions {
  style: Style;
  /** Terminal columns to fit. */
  width: number;
}

const LABEL = 10;

function field(o: RenderOptions, label: string, value: string): string[] {
  const wrapped = wrapDisplay(value, Math.max(20, o.width - LABEL - 4));
  return wrapped.map((l, i) => `│ ${i === 0 ? o.style.dim(padDisplay(label, LABEL)) : ' '.repeat(LABEL)}${l}`);
}

function block(o: RenderOptions, text: string, indent = 4): string[] {
  return wrapDisplay(text, Math.max(20, o.width - indent - 2)).map((l) => `│${' '.repeat(indent - 1)}${l}`);
}

const STATUS_COLOUR = { drafted: 'yellow', approved: 'green', released: 'green', rejected: 'red' } as const;

/** The whole case card; `order` is the stored order (null: the id is not in the store). */
export function renderCase(view: CaseView, o: RenderOptions, order?: Order | null): string {
  const s = o.style;
  const card = presentCase(view, { previewChars: 2_000 });
  const d = view.draft;
  const c = view.classification;
  const status = s[STATUS_COLOUR[view.status]](card.title);
  const out: string[] = [`┌ ${s.bold(view.id)} · ${status} · ${s.dim(`rev ${view.revision}`)}`];
  out.push(...field(o, 'Customer', view.message));
  if (view.orderId) out.push(...field(o, 'Order', orderLine(view.orderId, order)));
  const conf = `${Math.round(c.confidence * 100)}%`;
  const signals = c.signals.length ? ` · signals: ${c.signals.slice(0, 6).join(', ')}` : '';
  out.push(...field(o, 'Class', `${c.category}${c.subtype ? `/${c.subtype}` : ''} · ${conf} · ${c.lang}${signals}`));
  const approver = d.escalate ? 'supervisor (escalated)' : d.approval === 'supervisor' ? 'supervisor (over the agent threshold)' : 'agent or supervisor';
  out.push(...field(o, 'Approval', `${approver}; not by ${view.authors.map(shortName).join(', ')}`));
  for (const n of card.notices) out.push(`│ ${s.yellow(`⚠ ${n}`)}`);
  out.push('│');
  out.push(`│ ${s.bold(card.replyHeading)} ${s.dim(`(${card.lang})`)}`);
  out.push(...block(o, card.reply).map((l) => (view.status === 'released' ? s.green(l) : l)));
  out.push('│');
  out.push(`│ ${s.bold(card.offersHeading)}`);
  const offers = view.release?.offers ?? d.offers;
  if (offers.length === 0) out.push('│    —');
  offers.forEach((offer, i) => out.push(...offerLines(offer, i, card.offers[i]?.text ?? offer.kind, o)));
  for (const w of missingAmountWarnings(offers)) out.push(...wrapDisplay(s.yellow(w), o.width - 4).map((l) => `│ ${l}`));
  out.push(...field(o, 'Postage', card.postage.replace(/^[^:]*:\s*/, '')));
  out.push(...field(o, 'Rules', card.rules.join(' · ')));
  if (d.checklist.length) {
    out.push(`│ ${s.bold('Checklist')}`);
    for (const item of d.checklist) out.push(...wrapDisplay(item, o.width - 8).map((l, i) => `│   ${i === 0 ? '•' : ' '} ${l}`));
  }
  if (card.questions.length) {
    out.push(`│ ${s.bold(card.lang === 'zh' ? '待确认 Questions' : 'Questions')}`);
    card.questions.forEach((q, i) => {
      const hint = FACT_INPUTS[q.fact] === 'boolean' ? 'yes/no' : FACT_INPUTS[q.fact] === 'money' ? 'amount' : 'text';
      out.push(...wrapDisplay(`${q.text} ${s.dim(`[${q.fact}: ${hint}]`)}`, o.width - 9).map((l, j) => `│   ${j === 0 ? s.cyan(`${i + 1}.`) : '  '} ${l}`));
    });
  }
  if (card.decision) out.push(`│ ${s.green(card.decision)}`);
  if (view.status === 'rejected' && !card.decision && view.rejectReason) out.push(`│ ${s.red(`Rejected: ${view.rejectReason}`)}`);
  if (view.lifecycle) out.push(...lifecycleLines(view, o));
  out.push(`└ ${s.dim(nextSteps(view))}`);
  return out.join('\n');
}

/** The console command of each lifecycle move. */
const MOVE_COMMANDS: Record<string, string> = {
  return_arrived: '/returned', execute: '/execute tracking|refund|ticket VALUE', follow_up: '/followup solved|unsolved|unreachable', resolve: '/resolve', reopen: '/reopen REASON',
};

/** After release: the lifecycle state, the deadlines, what was recorded. */
function lifecycleLines(view: CaseView, o: RenderOptions): string[] {
  const s = o.style;
  const l = view.lifecycle!;
  const out = ['│', `│ ${s.bold('Lifecycle')} ${l.state.replace('_', ' ')} ${s.dim(`· step ${l.seq}`)}`];
  for (const d of view.deadlines) {
    const state = d.metAt ? s.green(`met ${d.metAt}`) : d.escalatedAt ? s.red(`overdue since ${d.dueAt}`) : `due ${d.dueAt}`;
    out.push(`│   ${d.metAt ? '✓' : '•'} ${DEADLINE_LABEL[d.kind]} — ${state}`);
  }
  for (const e of l.data.executions ?? []) out.push(`│   done ${Object.entries(e.record).map(([k, v]) => `${k} ${String(v)}`).join(', ')} ${s.dim(`(${shortName(e.by)}, ${e.at})`)}`);
  const f = l.data.followUp;
  if (f) out.push(...wrapDisplay(`Follow-up (${f.status === 'sent' ? `sent, approved by ${shortName(f.approvedBy ?? '')}` : 'drafted, awaiting approval: /followup send'}): ${f.text}`, o.width - 4).map((x) => `│   ${x}`));
  const a = l.data.answer;
  if (a) out.push(`│   answer: ${a.unreachable ? 'unreachable' : a.solved ? 'solved' : 'not solved'}${a.satisfied === undefined ? '' : a.satisfied ? ', satisfied' : ', not satisfied'}${a.note ? ` — ${a.note}` : ''}`);
  if (l.reviewRequest) out.push(...wrapDisplay(`Solved: you may now ask politely for a review update (T-4): ${l.reviewRequest}`, o.width - 4).map((x) => `│   ${s.cyan(x)}`));
  return out;
}

function orderLine(id: string, order: Order | null | undefined): string {
  if (order === null) return `${id} (not in the store)`;
  if (!order) return id;
  const items = order.items.map((i) => `${i.name || i.sku} ×${i.qty}`).join(', ');
  return `${id} · ${formatMoney(order.totalMinor, order.currency)} · ${order.status ?? 'status unknown'} · ${items}`;
}

function offerLines(offer: Offer, i: number, text: string, o: RenderOptions): string[] {
  const amount = offer.amountMinor === null ? '—' : formatMoney(offer.amountMinor, offer.currency);
  const head = `│   ${o.style.cyan(`${i + 1}.`)} ${padDisplay(amount, 10)} `;
  const lines = wrapDisplay(text, Math.max(20, o.width - 18));
  return lines.map((l, j) => (j === 0 ? head + l : `│${' '.repeat(17)}${l}`));
}

function shortName(actorId: string): string {
  return actorId.replace(/^[a-z]+:/, '');
}

function nextSteps(view: CaseView): string {
  if (view.status === 'released') {
    const moves = view.lifecycle?.moves.map((m) => MOVE_COMMANDS[m]).filter(Boolean) ?? [];
    return moves.length ? `next: ${moves.join(' · ')} · /history ${view.id}` : `${view.lifecycle?.state ?? 'released'} · /history ${view.id}`;
  }
  if (view.status !== 'drafted') return `${view.status} · /history ${view.id}`;
  const steps: string[] = [];
  if (view.draft.questions.length) steps.push('/answer N VALUE');
  steps.push(`/approve ${view.id}`, '/edit reply TEXT', '/edit offer N AMOUNT', '/reject REASON');
  return `next: ${steps.join(' · ')}`;
}

/** The released text, framed so it is easy to copy. */
export function renderRelease(view: CaseView, o: RenderOptions): string {
  const r = view.release;
  if (!r) return '';
  const s = o.style;
  // The text exactly as released: not wrapped, not indented, so copying it pastes whole lines.
  const lines = [s.green(`✓ ${view.id} released (${r.id}). Send this to the customer:`), '', r.text, ''];
  const offers = r.offers.map((x, i) => `${i + 1}. ${x.kind}${x.amountMinor === null ? '' : ` ${formatMoney(x.amountMinor, x.currency)}`}`);
  if (offers.length) lines.push(s.dim(`offers, in order: ${offers.join(' · ')}`));
  lines.push(...missingAmountWarnings(r.offers).map((w) => s.yellow(w)));
  return lines.join('\n');
}

/** Offers that move money but carry no amount (no order was given): the agent must not guess. */
const MONEY_KINDS = new Set(['refund', 'partial_refund', 'coupon', 'return_refund', 'price_difference', 'keep_at_discount']);

export function missingAmountWarnings(offers: readonly { kind: string; amountMinor: number | null }[]): string[] {
  return offers.flatMap((x, i) =>
    MONEY_KINDS.has(x.kind) && x.amountMinor === null
      ? [`⚠ offer ${i + 1} (${x.kind}) has no amount: no order was given. Look the order up and agree the amount before any money moves.`]
      : [],
  );
}

/** The open cases, one line each, with their age against the first-reply SLA (POLICY.md §6). */
export const QUEUE_PAGE = 50;

/**
 * One page of the queue (src/chat/queue-flow.ts); the last line says whether a next page exists
 * and how to see it (the queue never stops silently).
 */
export function renderQueue(q: QueueReply, o: RenderOptions): string {
  const page = q.page + 1;
  if (q.cases.length === 0) return o.style.dim(page > 1 ? `No open cases on page ${page}.` : 'No open cases.');
  const head = `${padDisplay('case', 6)} ${padDisplay('kind', 26)} ${padDisplay('needs', 12)} ${padDisplay('by', 10)} ${padDisplay('age', 8)} message`;
  const lines = [o.style.dim(head)];
  for (const r of q.cases) {
    const kind = `${r.category}${r.subtype ? `/${r.subtype}` : ''}`;
    const needs = r.escalate ? 'supervisor!' : r.approval;
    const sla = ageAgainstSla(r.createdAt, q.now);
    const age = padDisplay(formatDuration(sla.ageMs), 8);
    const agePainted = sla.level === 'breached' ? o.style.red(age) : sla.level === 'late' ? o.style.yellow(age) : age;
    const left = `${padDisplay(r.id, 6)} ${padDisplay(truncateDisplay(kind, 26), 26)} ${padDisplay(needs, 12)} ${padDisplay(truncateDisplay(shortName(r.createdBy), 10), 10)} `;
    lines.push(`${left}${agePainted} ${truncateDisplay(r.preview, Math.max(10, o.width - displayWidth(left) - 9))}`);
  }
  const late = q.cases.filter((r) => ageAgainstSla(r.createdAt, q.now).level !== 'ok').length;
  if (late) lines.push(o.style.yellow(`${late} case${late > 1 ? 's' : ''} past the 1 h first-reply target (POLICY.md §6).`));
  const first = q.page * q.pageSize + 1;
  if (q.next || q.previous) lines.push(o.style.dim(`Cases ${first}–${first + q.cases.length - 1} of ${q.total}${q.next ? `; more open cases: /queue ${q.scope === 'mine' ? 'mine ' : ''}${q.next.revision + 1}` : '; that is all.'}`));
  return lines.join('\n');
}

/** A case's audit log, oldest first. */
export function renderHistory(caseId: string, entries: AuditEntry[], o: RenderOptions): string {
  const s = o.style;
  const lines = [`${s.bold(`History of ${caseId}`)} ${s.dim("(times UTC)")}`];
  for (const e of entries) {
    const when = e.at.replace('T', ' ').slice(0, 19);
    lines.push(`  ${s.dim(when)}  ${padDisplay(e.action, 9)} ${padDisplay(shortName(e.actorId), 10)} ${describe(e)}`);
  }
  return lines.join('\n');
}

function describe(e: AuditEntry): string {
  const d = e.detail as Record<string, unknown>;
  const after = d.after as { offers?: { kind: string; amountMinor: number | null; currency: string }[]; playbookVersion?: string } | undefined;
  const money = (list?: { kind: string; amountMinor: number | null; currency: string }[]) =>
    (list ?? []).map((x) => (x.amountMinor === null ? x.kind : `${x.kind} ${formatMoney(x.amountMinor, x.currency)}`)).join(', ');
  switch (e.action) {
    case 'submitted': return d.orderId ? `order ${String(d.orderId)}${d.orderFound === false ? ' (not found)' : ''}` : 'no order';
    case 'drafted': return `${money(after?.offers)} · playbook ${String(after?.playbookVersion ?? '')}`.trim();
    case 'answered': return `${String(d.fact)} = ${String(d.value)} → rev ${String(d.revision)}: ${money(after?.offers)}`;
    case 'edited': {
      const before = d.before as { offers?: { kind: string; amountMinor: number | null; currency: string }[]; text?: string } | undefined;
      const textChanged = before?.text !== (d.after as { text?: string } | undefined)?.text;
      return `rev ${String(d.revision)}: ${money(before?.offers)} → ${money(after?.offers)}${textChanged ? ' · reply reworded' : ''}`;
    }
    case 'approved': return `rev ${String(d.revision)} as ${String(d.role)}`;
    case 'released': return `${String(d.releaseId)}`;
    case 'rejected': return `“${String(d.reason)}”`;
    case 'category_corrected': {
      const name = (x: unknown) => {
        const l = x as { category?: string; subtype?: string } | undefined;
        return l?.subtype ? `${l.category}/${l.subtype}` : String(l?.category ?? '');
      };
      return `label ${name(d.before)} → ${name(d)}`;
    }
    // Access refusals are kept as `code: reason` (src/chat/people.ts); the code is for machines.
    case 'denied': return `${String(d.attempted)} refused: ${String(d.reason).replace(/^[a-z_]+: /, '').replace(/([^.])$/, '$1.')}`;
    default: return '';
  }
}

/** The help text. */
export function renderHelp(o: RenderOptions): string {
  const s = o.style;
  const rows: [string, string][] = [
    ['TEXT  or  /new [--order ID] [--lang zh|en] TEXT', 'file a complaint as the current agent'],
    ['/show [CASE]', 'the case card (CASE is c12; default: the last case)'],
    ['/answer [CASE] N VALUE', 'answer question N: yes/no, an amount (59.90), a SKU'],
    ['/answer [CASE] FACT VALUE', 'or set any fact by name, e.g. priceNow 49.9'],
    ['/edit [CASE] reply TEXT', 'replace the reply text'],
    ['/edit [CASE] offer N AMOUNT', 'set offer N to AMOUNT (major units, e.g. 12.50)'],
    ['/approve [CASE]', 'approve and release (not your own case or edit)'],
    ['/reject [CASE] REASON', 'reject the draft'],
    ['/execute [CASE] KIND VALUE [NOTE]', 'record what was done: tracking SF123 · refund R1 · ticket T9'],
    ['/returned [CASE]', "record that the customer's return arrived"],
    ['/followup [CASE] send', 'approve the drafted follow-up (goes out through the outbox)'],
    ['/followup [CASE] solved|unsolved|unreachable [satisfied|unsatisfied] [NOTE]', "record the customer's answer"],
    ['/resolve [CASE] [NOTE]  /reopen [CASE] REASON', 'close the case, or send it back to be executed again'],
    ['/review RATING [--order ID] TEXT', 'file a negative review (1–5 stars): analysis, private draft, deadlines'],
    ['/review CASE answered|unanswered|solved [message|sms|phone consent]', "record a contact with the reviewer (a phone call only with consent)"],
    ['/review CASE sms  /review CASE public', 'send the drafted SMS fallback · release the public reply (after resolution)'],
    ['/queue [mine] [PAGE]', 'open cases, oldest first, 50 a page'],
    ['/history [CASE]', 'everything that happened to a case'],
    ['/label [CASE] CATEGORY [SUBTYPE]', "supervisor: correct the case's category (audited; for settle export --labelled)"],
    ['/order ID', 'show a stored order'],
    ['/train [SCENARIO] [--swap]', 'role-play training: each line you type (or /say TEXT) is one turn, /giveup ends it'],
    ['/as agent NAME  /as supervisor NAME', 'switch who you are'],
    ['/whoami  /help  /quit', ''],
  ];
  const w = Math.max(...rows.map(([c]) => displayWidth(c)));
  return [s.bold('Settle console — commands'), ...rows.map(([c, d]) => `  ${s.cyan(padDisplay(c, w))}  ${d}`)].join('\n');
}
