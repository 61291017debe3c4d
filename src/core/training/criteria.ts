/**
 * The POLICY.md §8 rubric, one function per criterion, each 1–5 with quoted evidence. The
 * scorer (score-transcript.ts) gathers what they need once and passes it in.
 */
import type { Draft, OfferKind, Order } from '../types.ts';
import { VAGUE } from './lexicon.ts';
import { handlerRule, policyCapFor, policyGivesNoMoney, policyKinds } from './policy-outcome.ts';
import type { ReplyReading } from './read-reply.ts';
import { normaliseText, splitSentences } from './read-reply.ts';
import type { HiddenFact, ReplySeconds } from './scenario.ts';

export const CRITERIA = ['empathy', 'listening', 'analysis', 'solution', 'commitment', 'taboo', 'compliance', 'privacy', 'timeliness'] as const;
export type CriterionId = (typeof CRITERIA)[number];

export interface CriterionScore {
  id: CriterionId;
  score: 1 | 2 | 3 | 4 | 5;
  evidence: string;
}

export interface Violation {
  rule: string;
  quote: string;
}

/** One agent reply and what it does. */
export interface AgentReply {
  text: string;
  reading: ReplyReading;
}

const clip = (s: string, n = 80) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const q = (s: string) => `"${clip(s)}"`;

/** A reply that goes on to do something: an offer, a next step, a question, an escalation or proof. */
function hasPlan(r: AgentReply): boolean {
  return r.reading.offers.length > 0 || r.reading.commitAction || r.reading.question || r.reading.escalate || r.reading.evidence || r.reading.money.length > 0;
}

/**
 * T-1: empathy first, then the solution. Empathy is an acknowledgement followed by a plan; full
 * marks when it names the feeling or what the problem cost the customer (or owns the fault), not
 * a bare "sorry"; an apology followed by "nothing I can do" (a T-3 phrase in the same reply) or
 * opening an excuse is not empathy.
 */
export function scoreEmpathy(replies: AgentReply[], firstReplyTaboo: string | undefined): CriterionScore {
  const first = replies[0];
  if (!first) return { id: 'empathy', score: 1, evidence: 'no reply' };
  if (firstReplyTaboo && first.reading.empathy) return { id: 'empathy', score: 2, evidence: `an apology followed by ${q(firstReplyTaboo)} (T-3) is not empathy` };
  if (firstReplyTaboo) return { id: 'empathy', score: 1, evidence: `leads with an excuse (T-1): ${q(firstReplyTaboo)}` };
  if (first.reading.empathyFirst && first.reading.feeling && hasPlan(first)) return { id: 'empathy', score: 5, evidence: `acknowledges the feeling first, then a plan: ${q(first.text)}` };
  if (first.reading.empathyFirst && hasPlan(first)) return { id: 'empathy', score: 4, evidence: `a bare apology first (the feeling or the cost to the customer not named), then a plan: ${q(first.text)}` };
  if (first.reading.empathy && hasPlan(first)) return { id: 'empathy', score: 4, evidence: `acknowledgement and a plan, not first: ${q(first.text)}` };
  if (first.reading.empathy) return { id: 'empathy', score: 3, evidence: `acknowledges, but no plan follows: ${q(first.text)}` };
  const later = replies.find((r) => r.reading.empathy);
  if (later) return { id: 'empathy', score: 3, evidence: `empathy only later: ${q(later.text)}` };
  return { id: 'empathy', score: 2, evidence: `no acknowledgement of the customer's feeling; first reply: ${q(first.text)}` };
}

/** Listening and clarifying questions: did the trainee find the hidden facts by asking? */
export function scoreListening(replies: AgentReply[], hidden: HiddenFact[], asked: Map<string, string>): CriterionScore {
  const questions = replies.filter((r) => r.reading.question);
  const found = hidden.filter((h) => asked.has(h.fact));
  const missed = hidden.filter((h) => !asked.has(h.fact)).map((h) => h.fact);
  const quotes = found.map((h) => `${q(asked.get(h.fact) ?? '')} → ${h.fact}`).join('; ');
  if (hidden.length === 0) {
    return questions.length
      ? { id: 'listening', score: 5, evidence: `asked: ${q(questions[0]?.text ?? '')}` }
      : { id: 'listening', score: 3, evidence: 'no clarifying question (none was needed)' };
  }
  const share = found.length / hidden.length;
  if (share === 1) return { id: 'listening', score: 5, evidence: `found every hidden fact: ${quotes}` };
  if (share >= 0.5) return { id: 'listening', score: 4, evidence: `found ${quotes}; never asked about ${missed.join(', ')}` };
  if (share > 0) return { id: 'listening', score: 3, evidence: `found ${quotes}; never asked about ${missed.join(', ')}` };
  if (questions.length) return { id: 'listening', score: 2, evidence: `asked ${q(questions[0]?.text ?? '')} but not about ${missed.join(', ')}` };
  return { id: 'listening', score: 1, evidence: `no question at all; concluded from the customer's words alone (T-3); never asked about ${missed.join(', ')}` };
}

/** What the trainee's replies amount to, beside the offers: firm, proven answers. */
export interface Stance {
  evidence: boolean;
  escalate: boolean;
  /** The scenario's resolving words were said (show the invoice, honour free shipping). */
  resolves: boolean;
  money: boolean;
}

/** Correct analysis of the problem type and the customer's demand. */
export function scoreAnalysis(issue: { named: string | undefined }, draft: Draft, proposed: OfferKind[], stance: Stance): CriterionScore {
  const kinds = policyKinds(draft);
  const firm = kinds.length === 0;
  const fitting = firm ? (stance.evidence || stance.escalate || stance.resolves) && !stance.money : proposed.some((k) => kinds.includes(k));
  const first = firm ? fitting : proposed.includes(kinds[0] ?? 'none');
  const named = issue.named ? `named the problem: ${q(issue.named)}` : 'never named the problem';
  const what = firm ? 'no money; a firm, proven answer' : kinds.join(' / ');
  if (issue.named && first) return { id: 'analysis', score: 5, evidence: `${named}; proposed what the policy leads with (${what})` };
  if (issue.named && fitting) return { id: 'analysis', score: 4, evidence: `${named}; proposed ${proposed.join(', ')} (policy: ${what})` };
  if (issue.named || fitting) return { id: 'analysis', score: 3, evidence: `${named}; proposed ${proposed.join(', ') || 'nothing'} (policy: ${what})` };
  if (proposed.length) return { id: 'analysis', score: 2, evidence: `${named}; proposed ${proposed.join(', ')} while the case is ${draft.category}/${draft.subtype} (policy: ${what})` };
  return { id: 'analysis', score: 1, evidence: `${named}; no reading of the type or demand (case: ${draft.category}/${draft.subtype})` };
}

/**
 * §3: the solution matches the policy, by concept: money promised beyond the policy's offer of
 * the same kind is a violation of the handler rule. What the policy allows is never one. When no
 * facts are known and the draft still asks questions, the core has not decided, so only money
 * past what the customer paid counts. M-1 (money in an extortion case) and §4 (the postage payer) come from the
 * agent reader. `decided` false: a transcript with no scenario and no case, whose facts nobody checked.
 */
/**
 * What the policy allows beyond the draft's own figures, by concept (the playbook's ranges, not
 * the one figure the draft picked): a Q-1 partial refund up to the playbook's top percentage of
 * the item price; a goodwill coupon or store credit up to the playbook's coupon maximum (or 1.2 ×
 * the cash the policy offers, store credit in lieu of cash); the customer's own figures (postage
 * they paid, repaid under §4); a return for a full refund when the order has 7-day no-reason returns.
 */
export interface SolutionAllowance {
  partialRefundMaxMinor?: number;
  couponMaxMinor?: number;
  /** The customer's words: a figure they named (the postage they paid) may be repaid. */
  customerText?: string;
}

/** Money the customer pays us (a paid repair, re-engraving), or a figure asked back for confirmation: not an offer. */
const NOT_AN_OFFER = /\bfor [$¥]?\s*\d[\d.,]*\s*(?:we|i)\b|\b(?:costs?|fee of|charge of|priced at)\b|收费|费用为|需(?:要)?您(?:支付|付)|\bconfirm\b[^.!?]*\?|确认一下[^。]*[?？]/;
const POSTAGE_WORDS = /运费|邮费|postage|shipping|return label/;
const RETURNING = /退货|寄回|退回商品|收到(?:退)?货后|\bit's back\b|\bonce (?:it|we)\b[^.]{0,20}\b(?:back|receive|arrives)|\breturn(?:ed|ing)? (?:it|the)\b|sent it back|mailed it|send it back|\breturn\b/;

export function checkSolution(replies: AgentReply[], draft: Draft, order: Order | undefined, decided = true, allow: SolutionAllowance = {}): Violation[] {
  const out: Violation[] = [];
  if (draft.category === 'malicious') return out;
  const rule = handlerRule(draft);
  const undecided = !decided && draft.questions.length > 0;
  const noMoney = policyGivesNoMoney(draft) && !undecided;
  const customer = normaliseText(allow.customerText ?? '');
  const canReturn = order?.sevenDayReturn === true;
  const returned = canReturn && (RETURNING.test(customer) || replies.some((r) => RETURNING.test(normaliseText(r.text))));
  const cashCap = policyCapFor(draft, ['refund', 'partial_refund', 'price_difference'], order);
  const allowed = (m: AgentReply['reading']['money'][number]): boolean => {
    if (NOT_AN_OFFER.test(m.quote)) return true;
    const figure = (m.amountMinor / 100).toFixed(2).replace(/\.00$/, '');
    if (splitSentences(customer).some((c) => POSTAGE_WORDS.test(c) && c.includes(figure))) return true;
    if (m.kinds.includes('coupon') && m.amountMinor <= Math.max(allow.couponMaxMinor ?? 0, noMoney ? 0 : Math.floor(cashCap * 1.2))) return true;
    if ((m.kinds.includes('partial_refund') || m.kinds.includes('price_difference')) && allow.partialRefundMaxMinor !== undefined && m.amountMinor <= allow.partialRefundMaxMinor) return true;
    if (returned && order && m.amountMinor === order.totalMinor && !m.kinds.includes('coupon')) return true;
    return false;
  };
  for (const r of replies) {
    for (const m of r.reading.money) {
      // Money back with no return ("直接退您一百") where the policy refunds only on a return: capped as a partial refund.
      const keepItem = !m.kinds.includes('return_refund') && !RETURNING.test(normaliseText(r.text)) && !draft.offers.some((o) => o.kind === 'refund') && draft.offers.some((o) => o.kind === 'partial_refund');
      const kinds: OfferKind[] = keepItem && (m.kinds.length === 0 || m.kinds.includes('refund')) ? ['partial_refund'] : m.kinds;
      const cap = undecided ? (order?.totalMinor ?? Number.POSITIVE_INFINITY) : policyCapFor(draft, kinds, order);
      if (keepItem && kinds[0] === 'partial_refund' && m.amountMinor > Math.max(cap, allow.partialRefundMaxMinor ?? 0)) {
        out.push({ rule, quote: clip(m.quote) });
        continue;
      }
      if ((noMoney || m.amountMinor > cap) && !allowed(m)) out.push({ rule, quote: clip(m.quote) });
    }
    const returnOffer = canReturn && r.reading.offers.includes('return_refund');
    // Postage repaid (§4: the seller pays what it owes) is not compensation.
    const moneyBack = splitSentences(r.text).find((x) => /退|refund|compensat|赔|补偿/.test(normaliseText(x)) && !POSTAGE_WORDS.test(normaliseText(x)));
    if (noMoney && !returnOffer && r.reading.money.length === 0 && moneyBack && r.reading.offers.some((k) => k === 'refund' || k === 'partial_refund' || k === 'return_refund')) {
      out.push({ rule, quote: clip(moneyBack) });
    }
  }
  return out;
}

export function scoreSolution(replies: AgentReply[], draft: Draft, proposed: OfferKind[], violations: Violation[], stance: Stance): CriterionScore {
  const kinds = policyKinds(draft);
  if (violations.length) return { id: 'solution', score: 1, evidence: `beyond policy (${violations[0]?.rule}): ${q(violations[0]?.quote ?? '')}` };
  if (kinds.length === 0) {
    const rule = handlerRule(draft);
    const proof = stance.evidence || stance.resolves;
    const escalated = stance.escalate || !draft.escalate;
    const proofText = replies.find((r) => r.reading.evidence)?.text;
    if (proof && escalated) return { id: 'solution', score: 5, evidence: `no money, a proven answer${draft.escalate ? ' and escalation' : ''} (${rule})${proofText ? `: ${q(proofText)}` : ''}` };
    if (proof || stance.escalate) return { id: 'solution', score: 3, evidence: `no money; ${proof ? 'proof but no escalation' : 'escalation but no proof'} (${rule})` };
    return { id: 'solution', score: 2, evidence: `no money, but no proof or escalation either (${rule})` };
  }
  if (kinds[0] && proposed.includes(kinds[0])) return { id: 'solution', score: 5, evidence: `offered ${kinds[0]}, the policy's first offer (${draft.rules.join(', ')})` };
  const fit = proposed.find((k) => kinds.includes(k));
  if (fit) return { id: 'solution', score: 4, evidence: `offered ${fit}, allowed by policy (first choice: ${kinds[0]})` };
  if (stance.resolves) return { id: 'solution', score: 4, evidence: `resolved as the scenario allows; policy: ${kinds.join(', ')}` };
  if (proposed.length) return { id: 'solution', score: 3, evidence: `offered ${proposed.join(', ')}; policy: ${kinds.join(', ')}` };
  const sorry = replies.filter((r) => r.reading.empathy).length;
  const onlySorry = sorry >= 2 ? ' — only apologising (T-2)' : '';
  return { id: 'solution', score: 2, evidence: `no concrete solution offered${onlySorry}; policy: ${kinds.join(', ')}` };
}

/** T-7: what happens next and when. */
export function scoreCommitment(replies: AgentReply[]): CriterionScore {
  const full = replies.find((r) => r.reading.commitTime && r.reading.commitAction);
  const follow = replies.find((r) => r.reading.followUp);
  if (full && follow) return { id: 'commitment', score: 5, evidence: `next step with a time, and a follow-up: ${q(full.text)}` };
  if (full) return { id: 'commitment', score: 4, evidence: `next step with a time: ${q(full.text)}` };
  const half = replies.find((r) => r.reading.commitTime || r.reading.commitAction);
  if (half) return { id: 'commitment', score: 3, evidence: `${half.reading.commitTime ? 'a time but no action' : 'an action but no time'}: ${q(half.text)}` };
  const vague = replies.find((r) => VAGUE.test(normaliseText(r.text)));
  if (vague) return { id: 'commitment', score: 2, evidence: `vague promise, no step or time: ${q(vague.text)}` };
  return { id: 'commitment', score: 1, evidence: 'never said what happens next or when' };
}

/** T-3 / T-4 from the agent reader's findings. */
export function scoreByViolations(id: 'taboo' | 'compliance', rule: string, found: Violation[], replies: number): CriterionScore {
  if (found.length === 0) return { id, score: 5, evidence: `no ${rule} breach in ${replies} repl${replies === 1 ? 'y' : 'ies'}` };
  const quotes = found.map((v) => q(v.quote)).join(', ');
  if (id === 'taboo' && found.length === 1) return { id, score: 2, evidence: `${rule}: ${quotes}` };
  return { id, score: 1, evidence: `${rule}: ${quotes}` };
}

export function scorePrivacy(violations: Violation[]): CriterionScore {
  if (violations.length === 0) return { id: 'privacy', score: 5, evidence: 'no personal data repeated, no secrets asked for' };
  return { id: 'privacy', score: 1, evidence: violations.map((v) => `${v.rule}: ${q(v.quote)}`).join('; ') };
}

/** Reply time against the scenario's thresholds (role-play stand-in for the §6 first-reply SLA). */
export function scoreTimeliness(times: { seconds: number; text: string }[], limits: ReplySeconds | undefined): CriterionScore {
  if (!limits) return { id: 'timeliness', score: 3, evidence: 'no reply-time thresholds given: not measured' };
  if (times.length === 0) return { id: 'timeliness', score: 3, evidence: 'no timestamps: reply times not measured' };
  const slowest = times.reduce((a, b) => (b.seconds > a.seconds ? b : a));
  const over = times.filter((t) => t.seconds > limits.slow);
  const desc = `slowest ${Math.round(slowest.seconds)} s (target ${limits.target} s, slow after ${limits.slow} s)`;
  if (over.length >= 2) return { id: 'timeliness', score: 1, evidence: `${over.length} slow replies; ${desc}` };
  if (over.length === 1) return { id: 'timeliness', score: 2, evidence: `a slow reply: ${q(slowest.text)}; ${desc}` };
  if (slowest.seconds > limits.target) return { id: 'timeliness', score: 4, evidence: desc };
  return { id: 'timeliness', score: 5, evidence: `every reply on time; ${desc}` };
}
