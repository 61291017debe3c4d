/**
 * The scorecard of a role-play (POLICY.md §8): every criterion 1–5 with quoted evidence, the
 * rule violations, the reply times, and the core's own decision for comparison. The same
 * function scores a live session and a transcript piped into `settle score`.
 */
import { classify } from '../classify/classify.ts';
import type { Playbook } from '../playbook/schema.ts';
import { readAgent, type Finding, type ReadContext } from '../read-agent/read-agent.ts';
import { draftCase } from '../settle-case.ts';
import type { CaseInput, Draft, FactKey, Lang, OfferKind } from '../types.ts';
import type { AgentReply, CriterionScore, SolutionAllowance, Violation } from './criteria.ts';
import {
  CRITERIA, checkSolution, scoreAnalysis, scoreByViolations, scoreCommitment, scoreEmpathy,
  scoreListening, scorePrivacy, scoreSolution, scoreTimeliness,
} from './criteria.ts';
import { decideScenario, factsAskedBy } from './policy-outcome.ts';
import { normaliseText, quoteMatch, readReply, splitSentences } from './read-reply.ts';
import { AGREE, BUT, COMMIT_TIME, EMPATHY, EXCUSE, FEELING, REPORT_BACK, VAGUE, VAGUE_ACTION, VAGUE_TIME } from './lexicon.ts';
import type { HiddenFact, ReplySeconds, Scenario } from './scenario.ts';
import type { Turn } from './transcript.ts';
import { replyTimes } from './transcript.ts';

export interface Scorecard {
  scenario: string | null;
  /**
   * 0..100: the criteria's scores, 1 → 0 points and 5 → full points, equally weighted, scaled
   * down per violation (VIOLATION_FACTOR): a supervisor ranks a breach below a weak reply.
   */
  total: number;
  criteria: CriterionScore[];
  violations: Violation[];
  replyTimes: { turn: number; seconds: number }[];
  /** Hidden facts the trainee's questions uncovered. */
  revealed: FactKey[];
  /** The core's decision with every fact known: the resolution to compare against. */
  policy: Pick<Draft, 'category' | 'subtype' | 'rules' | 'offers' | 'shipping' | 'escalate' | 'approval' | 'reply' | 'checklist'>;
}

export interface ScoreOptions {
  /** Reply-time thresholds when no scenario gives them (from playbooks/scenarios/_training.json). */
  replySeconds?: ReplySeconds;
  /** The case as `settle draft` takes it (order, facts, customer): the policy decision to judge against. */
  caseInput?: CaseInput;
  /** The replies are public (a review answer): no personal data at all (T-6). Default: private chat. */
  public?: boolean;
  /** The clock for the policy decision of a scenario-less transcript. */
  now?: Date;
  lang?: Lang;
}

/** A transcript with no scenario: the case is what the customer said; the facts to find are the draft's questions. */
function adHocCase(turns: Turn[], options: ScoreOptions): CaseInput {
  const message = turns.filter((t) => t.role === 'customer').map((t) => t.text).join('\n');
  const first = turns.find((t) => t.at)?.at;
  const now = options.now ?? (first ? new Date(first) : new Date(0));
  return { id: 'transcript', message, lang: options.lang, now, facts: {} };
}

const plan = (r: AgentReply) => r.reading.offers.length > 0 || r.reading.commitAction || r.reading.question || r.reading.escalate || r.reading.evidence || r.reading.money.length > 0;
const DONE = /已(经)?[^。!?！？,，]{0,8}(联系|通知|回复|发|退|安排|处理|提交|转)|\b(i|we)('ve| have) (already )?(contacted|sent|emailed|messaged|refunded|arranged|processed|submitted|passed|escalated|booked|issued)\b|\balready (contacted|sent|emailed|messaged|refunded|arranged)\b/;
const GREETING = /^(hi|hello|hey|dear [a-z]+|您好|你好|亲|在的)[\s,.!，。！~]*$/;

/**
 * T-1, never lead with an excuse: the first reply's opening sentence (past a greeting) is an
 * excuse, a deflection or a flat no with no acknowledgement in it ("这个是快递路上压的", "The
 * courier broke it, not us"); or the first reply opens "sorry, but <excuse>" and offers no plan.
 */
export function leadingExcuse(first: AgentReply | undefined): string | undefined {
  if (!first) return undefined;
  const sentences = splitSentences(first.text).filter((x) => !GREETING.test(normaliseText(x)));
  const opening = sentences[0];
  if (opening) {
    const n = normaliseText(opening);
    if (EXCUSE.test(n) && !EMPATHY.test(n) && !FEELING.test(n)) return opening;
  }
  if (plan(first)) return undefined;
  return sentences.find((x) => {
    const n = normaliseText(x);
    const but = BUT.exec(n);
    return but !== null && EMPATHY.test(n.slice(0, but.index)) && EXCUSE.test(n.slice(but.index));
  });
}

/**
 * T-7 per sentence: a next step or an arrival whose time is left open ("过几天就能发了", "It will
 * arrive soon", "someone will contact you", "有结果了再联系您"), or a promise to report back with
 * no time, in a reply that names no concrete time for any step.
 */
export function vagueCommitments(replies: AgentReply[]): Violation[] {
  const out: Violation[] = [];
  for (const r of replies) {
    if (r.reading.commitTime && r.reading.commitAction) continue;
    for (const sentence of splitSentences(r.text)) {
      const n = normaliseText(sentence);
      if (COMMIT_TIME.test(n)) continue;
      // Done already ("我们已私信联系您", "I've contacted the carrier") is no promise.
      if (DONE.test(n) && !/\bwill\b|'ll\b|会|再|将/.test(n)) continue;
      if ((VAGUE_TIME.test(n) && VAGUE_ACTION.test(n)) || (REPORT_BACK.test(n) && !r.reading.commitTime)) out.push({ rule: 'T-7', quote: sentence });
    }
  }
  return out;
}

/**
 * Tone rules broken outright (not merely scored low): T-1 the first reply leads with an excuse
 * (a T-3 phrase before any plan, or leadingExcuse); T-2 only apologising — two or more apologies
 * and never an offer, a step or a question; T-7 a commitment with its time left open
 * (vagueCommitments), or nothing but vague comfort ("我们会尽快处理", "we'll look into it") and no
 * step with a time anywhere.
 */
function toneViolations(replies: AgentReply[], excuse: string | undefined): Violation[] {
  const out: Violation[] = [];
  if (excuse) out.push({ rule: 'T-1', quote: excuse });
  const sorry = replies.filter((r) => r.reading.empathy);
  if (sorry.length >= 2 && !replies.some(plan)) out.push({ rule: 'T-2', quote: sorry[0]?.text ?? '' });
  const vague = vagueCommitments(replies);
  out.push(...vague);
  const comfort = replies.find((r) => VAGUE.test(normaliseText(r.text)));
  if (comfort && !replies.some((r) => r.reading.commitTime && r.reading.commitAction)) {
    const quote = quoteMatch(comfort.text, VAGUE) ?? comfort.text;
    if (!vague.some((v) => v.quote.includes(quote) || quote.includes(v.quote))) out.push({ rule: 'T-7', quote });
  }
  return out;
}

/** A customer turn that accepts the fix: after it, a polite review-update request is allowed (T-4). */
const SOLVED_CUE = /谢谢|多谢|满意|解决了|收到了|已经收到|可以的|没问题|\bthank|\bgreat\b|\bperfect\b|works for me|that'?s fine|appreciate|sounds good|problem solved|all good/;

function formatDuration(seconds: number): string {
  if (seconds < 120) return `${Math.round(seconds)} s`;
  if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
  return `${Math.round((seconds / 3600) * 10) / 10} h`;
}

/**
 * What each violation leaves of the total: ×0.9 for tone (T-1, T-2, T-3, T-7) and a late reply (§6), ×0.6 for
 * giving in to extortion (M-1: money or an off-platform channel to a malicious customer, POLICY.md
 * "妥协退让助长恶意行为"), ×0.8 for any other breach. Multiplied, so more breaches always rank lower
 * and no total hits a floor.
 */
export const VIOLATION_FACTOR: Readonly<Record<string, number>> = { 'T-3': 0.9, '§6': 0.9, 'T-1': 0.9, 'T-2': 0.9, 'T-7': 0.9, 'M-1': 0.6 };
const DEFAULT_VIOLATION_FACTOR = 0.8;

function withViolations(points: number, violations: readonly { rule: string }[]): number {
  return Math.round(violations.reduce((acc, v) => acc * (VIOLATION_FACTOR[v.rule] ?? DEFAULT_VIOLATION_FACTOR), points));
}

function pointsOf(criteria: CriterionScore[]): number {
  const sum = criteria.reduce((acc, c) => acc + (c.score - 1), 0);
  return Math.round((sum / (criteria.length * 4)) * 100);
}

/** The playbook's ranges for the concepts the draft names (criteria.ts SolutionAllowance). */
function allowanceOf(draft: Draft, playbook: Playbook, c: CaseInput, customerText: string): SolutionAllowance {
  const currency = c.order?.currency ?? 'CNY';
  const settings = playbook.settings;
  const out: SolutionAllowance = { customerText, couponMaxMinor: settings.coupons.maxMinor[currency] ?? 0 };
  if (draft.rules.includes('Q-1') && c.order) {
    const price = Math.max(0, ...c.order.items.map((i) => i.unitPriceMinor));
    const cap = settings.minorDefectRefund.capMinor[currency] ?? Number.POSITIVE_INFINITY;
    out.partialRefundMaxMinor = Math.min(cap, Math.floor((price * settings.minorDefectRefund.percentMax) / 100));
  }
  return out;
}

/**
 * Offers judged by concept: money promised at an offer's own figure is that offer; a new unit sent for a faulty one is the policy's exchange when the
 * policy exchanges, and its reship when it reships ("we'll send you a new pair" = 换货 in Q-2,
 * "a replacement is on its way" = 补发 in L-7).
 */
function sameConcepts(proposed: OfferKind[], draft: Draft, replies: AgentReply[]): OfferKind[] {
  const kinds = new Set(draft.offers.map((o) => o.kind));
  const out = new Set(proposed);
  // Money promised at exactly an offer's figure is that offer ("I've refunded the $10" = the $10 price difference).
  for (const r of replies) for (const m of r.reading.money) for (const o of draft.offers) if (o.amountMinor !== null && o.amountMinor === m.amountMinor) out.add(o.kind);
  if (out.has('reship') && kinds.has('exchange') && !kinds.has('reship')) out.add('exchange');
  if (out.has('exchange') && kinds.has('reship') && !kinds.has('exchange')) out.add('reship');
  return [...out];
}

/** Scores a trainee's replies. `scenario` null: scored against the core's draft of what the customer said. */
export function scoreTranscript(scenario: Scenario | null, turns: Turn[], playbook: Playbook, options: ScoreOptions = {}): Scorecard {
  const c = scenario?.case ?? options.caseInput ?? adHocCase(turns, options);
  const draft = scenario ? decideScenario(scenario, playbook) : draftCase(c, playbook);
  const lang = scenario?.lang ?? options.lang ?? draft.reply.lang;
  const hidden: HiddenFact[] = scenario?.hidden ?? draft.questions.map((qn) => ({ fact: qn.fact, facts: {}, ask: [], reveal: '' }));
  const limits = scenario?.replySeconds ?? options.replySeconds;

  const agentTurns = turns.filter((t) => t.role === 'agent');
  const replies: AgentReply[] = agentTurns.map((t) => ({ text: t.text, reading: readReply(t.text, c.order) }));
  const proposed = sameConcepts([...new Set(replies.flatMap((r) => r.reading.offers))] as OfferKind[], draft, replies);

  const asked = new Map<string, string>();
  for (const r of replies) for (const h of factsAskedBy(r.text, hidden)) if (!asked.has(h.fact)) asked.set(h.fact, r.text);

  // The agent reader, per agent turn, in the case's context (every language: a trainee may
  // switch mid-chat). A review-update request is allowed once the customer has accepted a fix.
  const customerText = turns.filter((t) => t.role === 'customer').map((t) => t.text).join('\n');
  const base: ReadContext = { category: draft.category, subtype: draft.subtype, hostile: draft.rules.includes('M-2'), returnPayer: draft.shipping.return, outboundPayer: draft.shipping.outbound, customerText, public: options.public ?? false };
  if (c.order) base.order = c.order;
  const findings: Finding[][] = [];
  let solved = false;
  for (const t of turns) {
    if (t.role === 'customer') {
      if (findings.length > 0 && (AGREE.test(normaliseText(t.text).trim()) || SOLVED_CUE.test(normaliseText(t.text)))) solved = true;
      continue;
    }
    findings.push(readAgent(t.text, { ...base, solved }).findings);
  }
  const all = findings.flat();
  const ofRule = (...rules: string[]) => all.filter((f) => rules.includes(f.rule)).map((f) => ({ rule: f.rule, quote: f.quote }));
  const t3 = ofRule('T-3');
  const t4 = ofRule('T-4');
  // T-1 from the structural T-3 families (an excuse phrase), not the model's reading of blame.
  const firstTaboo = findings[0]?.find((f) => f.rule === 'T-3' && f.family !== 'model')?.quote ?? leadingExcuse(replies[0]);
  const solutionViolations = [...checkSolution(replies, draft, c.order, Boolean(scenario || options.caseInput), allowanceOf(draft, playbook, c, customerText)), ...ofRule('M-1', '§4')];
  const privacyViolations = ofRule('T-6', 'P-3', 'T-5');

  const named = scenario
    ? agentTurns.find((t) => scenario.issueWords.some((w) => normaliseText(t.text).includes(normaliseText(w))))?.text
    : agentTurns.find((t) => classify({ text: t.text, lang }).category === draft.category)?.text;

  const stance = {
    evidence: replies.some((r) => r.reading.evidence),
    escalate: replies.some((r) => r.reading.escalate),
    resolves: Boolean(scenario && agentTurns.some((t) => scenario.resolveWords.some((w) => normaliseText(t.text).includes(normaliseText(w))))),
    money: replies.some((r) => r.reading.money.length > 0) || proposed.some((k) => k === 'refund' || k === 'partial_refund'),
  };
  const times = replyTimes(turns).map((r) => ({ seconds: r.seconds, text: turns[r.index]?.text ?? '' }));
  // §6: whatever the role-play thresholds, a reply past the store's first-reply SLA breaks the policy.
  const slaSeconds = playbook.settings.sla.firstReplyHours * 3600;
  const slaViolations: Violation[] = times
    .filter((t) => t.seconds > slaSeconds)
    .map((t) => ({ rule: '§6', quote: `replied after ${formatDuration(t.seconds)} (limit ${playbook.settings.sla.firstReplyHours} h)` }));
  const criteria: CriterionScore[] = [
    scoreEmpathy(replies, firstTaboo),
    scoreListening(replies, hidden, asked),
    scoreAnalysis({ named }, draft, proposed, stance),
    scoreSolution(replies, draft, proposed, solutionViolations, stance),
    scoreCommitment(replies),
    scoreByViolations('taboo', 'T-3', t3, replies.length),
    scoreByViolations('compliance', 'T-4', t4, replies.length),
    scorePrivacy(privacyViolations),
    slaViolations.length ? { id: 'timeliness', score: 1, evidence: slaViolations.map((v) => v.quote).join('; ') } : scoreTimeliness(times, limits),
  ];
  // The rubric's order is part of the contract of a scorecard: keep it stable.
  criteria.sort((a, b) => CRITERIA.indexOf(a.id) - CRITERIA.indexOf(b.id));
  const violations = [...t3, ...t4, ...solutionViolations, ...privacyViolations, ...slaViolations, ...toneViolations(replies, firstTaboo)].map((v) => ({ rule: v.rule, quote: v.quote }));
  return {
    scenario: scenario?.id ?? null,
    total: withViolations(pointsOf(criteria), violations),
    criteria,
    violations,
    replyTimes: replyTimes(turns).map((r) => ({ turn: r.index, seconds: Math.round(r.seconds) })),
    revealed: [...asked.keys()] as FactKey[],
    policy: {
      category: draft.category, subtype: draft.subtype, rules: draft.rules, offers: draft.offers, shipping: draft.shipping,
      escalate: draft.escalate, approval: draft.approval, reply: draft.reply, checklist: draft.checklist,
    },
  };
}
