/**
 * A negative review, start to finish (POLICY.md T-5, T-6, M-1, §6; seeds 001 5.3.3): analyse it
 * (type, demand, order background) with the same classifier and policy as every case, draft the
 * private contact in the customer's language, the SMS fallback, and the public reply — which
 * only says the problem was handled (no details, no personal data) and goes out only once the
 * private case is resolved. A malicious review gets the neutral factual reply, the evidence
 * checklist and no money (M-1). Pure: the clock is the input's `now`.
 */
import { UserError } from '../errors.ts';
import type { CompiledEntry, Playbook } from '../playbook/schema.ts';
import { renderTemplate, type TemplateVars } from '../playbook/template.ts';
import type { Situation } from '../playbook/keys.ts';
import { findPersonalData, redactPersonalData } from '../reply/guard.ts';
import { classify } from '../classify/classify.ts';
import { hasDelivered } from '../policy/case-context.ts';
import { draftCase } from '../settle-case.ts';
import type { Category, Draft, Lang, Offer, OrderStatus, Role, Subtype } from '../types.ts';
import { reviewDeadlines, type ReviewDeadline } from './deadlines.ts';
import type { ReviewInput } from './parse-review.ts';
import { readDemand, type Demand } from './read-demand.ts';
import { readReviewWords } from './review-words.ts';

export interface ReviewText {
  text: string;
  lang: Lang;
  /** POLICY.md rules its templates cite. */
  rules: string[];
}

/** The `settle review` answer (docs/CONTRACT.md, addition). */
export interface ReviewAnswer {
  id: string;
  rating: number;
  /** At or below the playbook's `review.negativeAtOrBelow`: the deadlines run. */
  negative: boolean;
  analysis: {
    category: Category;
    subtype: Subtype | '';
    demand: Demand;
    confidence: number;
    /** What the store knows of the order, when it was given. */
    background?: { orderId: string; status?: OrderStatus; totalMinor: number; currency: string; deliveredAt?: string };
  };
  privateDraft: ReviewText;
  /** Sent only when the private message is unanswered at the `sms_fallback` deadline. */
  smsDraft: ReviewText;
  publicReply: ReviewText & { releaseAfter: 'private_case_resolved' };
  /** The policy's offers (minor units); none with money for a malicious review. */
  offers: Offer[];
  approval: Role;
  /** A supervisor looks first: the policy says so, or a deadline is already past. */
  escalate: boolean;
  /** Agent-facing: for a malicious review the M-1 evidence checklist. */
  checklist: string[];
  /** Empty for a review that is not negative. */
  deadlines: ReviewDeadline[];
  /** A phone call only with the customer's consent, and recorded (001 5.3.3). */
  phoneCall: 'only_with_consent_recorded';
  playbookVersion: string;
}

const NO_VARS = (item: string, amount: string): TemplateVars => ({ item, amount, amount2: amount, percent: '', postage: '', hours: '', days: '' });

/** The M-1 neutral, factual public reply: the same situation text the malicious handler uses. */
function neutralSituation(subtype: Subtype | '', delivered: boolean): Situation {
  if (subtype === 'off_platform') return 'M-1.off_platform';
  return delivered ? 'M-1.neutral_delivered' : 'M-1.neutral';
}

/** Handles one parsed review with `playbook`. Throws UserError when the playbook has no review settings. */
export function handleReview(input: ReviewInput, playbook: Playbook): ReviewAnswer {
  return analyseReview(input, playbook).answer;
}

/**
 * The answer, and the policy's draft it came from (the case a chat front end files: its reply is
 * the private-contact draft, its offers the answer's). Throws like `handleReview`.
 */
export function analyseReview(input: ReviewInput, playbook: Playbook): { answer: ReviewAnswer; draft: Draft } {
  const settings = playbook.settings.review;
  if (!settings) throw new UserError('playbook_invalid', 'store.json has no "review" settings (working hours, time zone, review deadlines); see playbooks/store.json');
  const c = input.case;
  // The review's own rating words are no threat: it is already public (review-words.ts).
  const words = readReviewWords(c.message);
  const cls = classify({ text: words.text, lang: c.lang, customer: c.customer });
  if (words.masked.length) cls.signals = [...cls.signals, 'review:rating-words-masked'];
  if (words.leverage) cls.signals = [...cls.signals, 'review:leverage'];
  const draft = draftCase(c, playbook, cls);
  const lang = draft.reply.lang;
  const replies = playbook.replies[lang];
  if (!replies.review) throw new UserError('playbook_invalid', `replies.${lang}.json has no "review" texts (opener, publicHandled, sms); see playbooks/replies.${lang}.json`);
  const vars = NO_VARS(replies.words.item, replies.words.amount);
  const say = (e: CompiledEntry): ReviewText => ({ text: renderTemplate(e.template, vars), lang, rules: [...e.rules] });

  const malicious = draft.category === 'malicious';
  const o = c.order;
  const delivered = hasDelivered(c);
  const publicText = malicious ? say(replies.situations[neutralSituation(draft.subtype, delivered)]) : say(replies.review.publicHandled);
  // T-6: templates are checked at load, but say it here too — a public reply never carries personal data.
  if (findPersonalData(publicText.text).length) publicText.text = redactPersonalData(publicText.text);

  const opener = say(replies.review.opener);
  const privateDraft: ReviewText = malicious
    ? { text: draft.reply.text, lang, rules: draft.rules }
    : { text: `${opener.text}${lang === 'zh' ? '' : ' '}${draft.reply.text}`, lang, rules: [...new Set([...opener.rules, ...draft.rules])] };

  const negative = input.rating <= settings.negativeAtOrBelow;
  const deadlines = negative ? reviewDeadlines(input.postedAt, c.now, settings) : [];
  // M-1: whatever a rule might have offered, a malicious review gets no money.
  const offers = malicious ? draft.offers.filter((f) => f.kind === 'none' || f.amountMinor === 0) : draft.offers;
  const answer: ReviewAnswer = {
    id: c.id,
    rating: input.rating,
    negative,
    analysis: {
      category: draft.category,
      subtype: draft.subtype,
      demand: readDemand(c.message),
      confidence: draft.confidence,
      ...(o ? { background: { orderId: o.id, status: o.status, totalMinor: o.totalMinor, currency: o.currency, deliveredAt: o.deliveredAt } } : {}),
    },
    privateDraft,
    smsDraft: say(replies.review.sms),
    publicReply: { ...publicText, releaseAfter: 'private_case_resolved' },
    offers,
    approval: malicious ? 'supervisor' : draft.approval,
    escalate: draft.escalate || deadlines.some((d) => d.status === 'overdue'),
    checklist: draft.checklist,
    deadlines,
    phoneCall: 'only_with_consent_recorded',
    playbookVersion: draft.playbookVersion,
  };
  return { answer, draft };
}
