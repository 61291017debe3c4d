/**
 * A `CaseView` turned into a platform-neutral card: every string a person reads, already in
 * the case's reply language, with the actions that are still possible. Slack's Block Kit and
 * Discord's embeds are thin renderings of this model, so both platforms show the same case.
 */
import type { CaseView } from '../../app/desk.ts';
import type { Lang, Offer } from '../../core/types.ts';
import { formatMoney } from '../../core/money.ts';
import { CATEGORY_LABELS, OFFER_LABELS, PAYER_LABELS, STATUS_LABELS, SUBTYPE_LABELS, UI } from './labels.ts';
import { FACT_INPUTS, type FactInput } from './fact-inputs.ts';
import { truncate } from './truncate.ts';

export { truncate, splitText, isTruncated } from './truncate.ts';
export { encodeAction, decodeAction, type ActionRef, type CardAction } from './action-id.ts';
export { ageAgainstSla, formatDuration, type SlaAge } from './sla.ts';
export { FACT_INPUTS, parseFactValue, type FactInput } from './fact-inputs.ts';
export { UI } from './labels.ts';

export interface OfferLine {
  kind: Offer['kind'];
  /** `Partial refund ¥12.00 — note (Q-1)` */
  text: string;
  /** `¥12.00`, or undefined when no money moves. */
  amount?: string;
  rule: string;
}

export interface QuestionModel {
  fact: CaseView['draft']['questions'][number]['fact'];
  text: string;
  input: FactInput;
  /** Buttons for boolean facts; empty for money/text facts (asked in a modal). */
  choices: { label: string; value: boolean }[];
}

export interface CardModel {
  lang: Lang;
  caseId: string;
  revision: number;
  /** `Logistics · missing item — awaiting approval` */
  title: string;
  status: CaseView['status'];
  /** The customer's message cut to the caller's length; `messageTruncated` says if it was cut. */
  messagePreview: string;
  messageTruncated: boolean;
  orderLine?: string;
  /** The released text once released, the draft's reply before. */
  replyHeading: string;
  reply: string;
  offersHeading: string;
  offers: OfferLine[];
  /** `Postage: outbound seller · return customer` */
  postage: string;
  rules: string[];
  /** Warnings shown above the actions: supervisor needed, escalation. */
  notices: string[];
  questions: QuestionModel[];
  actions: { approve: boolean; edit: boolean; reject: boolean };
  /** `Approved by Li at 14:05`, `Rejected by Li at 14:05: reason`, `Released at 14:06`. */
  decision?: string;
}

export interface PresentOptions {
  /** Maximum characters of the customer message shown on the card. */
  previewChars: number;
  /** Renders an actor id (`slack:U1` → `<@U1>`); default strips the platform prefix. */
  nameOf?: (actorId: string) => string;
  /** IANA zone for decision times; default UTC. */
  timeZone?: string;
}

/** Build the card model of a case. Pure: the same view always gives the same card. */
export function presentCase(view: CaseView, options: PresentOptions): CardModel {
  const lang = view.draft.reply.lang;
  const nameOf = options.nameOf ?? stripPlatform;
  const drafted = view.status === 'drafted';
  const { draft } = view;
  const subtype = draft.subtype === '' ? '' : ` · ${SUBTYPE_LABELS[draft.subtype][lang]}`;
  const notices: string[] = [];
  if (drafted && draft.escalate) notices.push(UI.escalated[lang]);
  else if (drafted && draft.approval === 'supervisor') notices.push(UI.needsSupervisor[lang]);
  return {
    lang,
    caseId: view.id,
    revision: view.revision,
    title: `${CATEGORY_LABELS[draft.category][lang]}${subtype} — ${STATUS_LABELS[view.status][lang]}`,
    status: view.status,
    messagePreview: truncate(view.message, options.previewChars),
    messageTruncated: view.message.length > options.previewChars,
    orderLine: view.orderId ? `${UI.order[lang]} ${view.orderId}` : undefined,
    replyHeading: view.release ? UI.releasedReply[lang] : UI.reply[lang],
    reply: view.release?.text ?? draft.reply.text,
    offersHeading: UI.offers[lang],
    offers: (view.release?.offers ?? draft.offers).map((o) => presentOffer(o, lang)),
    postage: `${UI.postage[lang]}: ${UI.outbound[lang]} ${PAYER_LABELS[draft.shipping.outbound][lang]} · ${UI.return[lang]} ${PAYER_LABELS[draft.shipping.return][lang]}`,
    rules: draft.rules,
    notices,
    questions: drafted
      ? draft.questions.map((q) => ({
          fact: q.fact,
          text: q.text,
          input: FACT_INPUTS[q.fact],
          choices: FACT_INPUTS[q.fact] === 'boolean' ? [{ label: UI.yes[lang], value: true }, { label: UI.no[lang], value: false }] : [],
        }))
      : [],
    actions: { approve: drafted, edit: drafted, reject: drafted },
    decision: describeDecision(view, lang, nameOf, options.timeZone ?? 'UTC'),
  };
}

/** One offer as a line: kind, amount, note, rule. */
export function presentOffer(offer: Offer, lang: Lang): OfferLine {
  const amount = offer.amountMinor === null ? undefined : formatMoney(offer.amountMinor, offer.currency);
  const head = amount ? `${OFFER_LABELS[offer.kind][lang]} ${amount}` : OFFER_LABELS[offer.kind][lang];
  const note = offer.note ? ` — ${offer.note}` : '';
  return { kind: offer.kind, text: `${head}${note} (${offer.rule})`, amount, rule: offer.rule };
}

/** `HH:MM` of an ISO time in `timeZone`. */
export function formatClock(iso: string, timeZone = 'UTC'): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(new Date(iso));
}

function describeDecision(view: CaseView, lang: Lang, nameOf: (id: string) => string, timeZone: string): string | undefined {
  if (view.status === 'drafted' || !view.decidedBy || !view.decidedAt) return undefined;
  const who = nameOf(view.decidedBy);
  const when = formatClock(view.decidedAt, timeZone);
  if (view.status === 'rejected') {
    const reason = view.rejectReason ? `: ${view.rejectReason}` : '';
    return lang === 'zh' ? `${UI.rejectedBy.zh} ${who},${when}${reason}` : `Rejected by ${who} at ${when}${reason}`;
  }
  const approved = lang === 'zh' ? `${UI.approvedBy.zh} ${who},${when}` : `Approved by ${who} at ${when}`;
  if (!view.release) return approved;
  const released = formatClock(view.release.releasedAt, timeZone);
  return lang === 'zh' ? `${approved} · 已发出 ${released}` : `${approved} · released at ${released}`;
}

function stripPlatform(actorId: string): string {
  const colon = actorId.indexOf(':');
  return colon >= 0 ? actorId.slice(colon + 1) : actorId;
}
