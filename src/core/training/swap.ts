/**
 * Role swap (POLICY.md §8, 000 实训 step 3): the trainee plays the customer and Settle plays the
 * agent with its own drafts, as a demonstration of the policy at work. Each customer message is
 * drafted by `draftCase` on everything the customer said so far; the draft's open questions are
 * asked one at a time and the customer's answers become facts.
 */
import type { ContractFacts } from '../contract/parse-case.ts';
import { factsFromContract } from '../contract/parse-case.ts';
import type { Playbook } from '../playbook/schema.ts';
import { draftCase } from '../settle-case.ts';
import type { CaseInput, Draft, FactKey, Lang, Order } from '../types.ts';
import { AGREE } from './lexicon.ts';
import { normaliseText } from './read-reply.ts';
import type { Scenario, TrainingSettings } from './scenario.ts';
import { GIVE_UP } from './session.ts';
import type { EndReason, Turn } from './transcript.ts';

export interface SwapSession {
  /** The scenario whose order the trainee-customer complains about (null: no order). */
  scenario: Scenario | null;
  lang: Lang;
  turns: Turn[];
  /** Facts learned from the customer's answers, CONTRACT.md form. */
  answers: Partial<Record<FactKey, boolean | number | string>>;
  asked: FactKey[];
  pending?: FactKey;
  lastDraft?: Draft;
  ended?: EndReason;
  /** How to ask the customer for each fact, and the closing line (from _training.json). */
  script: SwapScript;
}

export interface SwapScript {
  questions: Partial<Record<FactKey, string>>;
  closing: string;
}

export interface SwapResult {
  session: SwapSession;
  /** Settle's reply as the agent ('' when the session ended without one). */
  agentReply: string;
  draft?: Draft;
  ended?: boolean;
  reason?: EndReason;
}

/** Starts a swap: Settle waits for the trainee's first customer message. */
export function swapRoles(scenario: Scenario | null, lang: Lang, settings: TrainingSettings): SwapSession {
  const l = scenario?.lang ?? lang;
  return { scenario, lang: l, turns: [], answers: {}, asked: [], script: { questions: settings.swapQuestions[l], closing: settings.swapClosing[l] } };
}

const NO = /不|没|否|^no\b|\bnot\b|n't|\bnope\b/;
const YES = /是|对|一样|有|相同|没错|yes|yeah|\bsame\b|correct|right|true/;

/** Reads the customer's answer to a question about `fact` into its contract type, if it can. */
export function readAnswer(fact: FactKey, text: string, order?: Order): boolean | number | string | undefined {
  const t = normaliseText(text);
  if (fact === 'missingSku') {
    return order?.items.find((i) => t.includes(i.sku.toLowerCase()) || (i.name && t.includes(i.name.toLowerCase())))?.sku;
  }
  if (['wrongItemValue', 'returnShippingCost', 'priceNow', 'verifiedDifference'].includes(fact)) {
    const m = t.match(/\d+(?:\.\d+)?/);
    return m ? Number(m[0]) : undefined;
  }
  if (NO.test(t)) return false;
  if (YES.test(t)) return true;
  return undefined;
}

function caseOf(session: SwapSession, now: Date): CaseInput {
  const message = session.turns.filter((t) => t.role === 'customer').map((t) => t.text).join('\n');
  const base = session.scenario?.case;
  const currency = base?.order?.currency ?? 'CNY';
  return {
    id: session.scenario?.id ?? 'swap',
    message,
    lang: session.lang,
    now: base?.now ?? now,
    order: base?.order,
    customer: base?.customer,
    facts: { ...(base?.facts ?? {}), ...factsFromContract(session.answers as ContractFacts, currency) },
  };
}

/** One customer message from the trainee → Settle's drafted agent reply. */
export function swapTurn(session: SwapSession, text: string, now: Date, playbook: Playbook): SwapResult {
  if (session.ended) return { session, agentReply: '', ended: true, reason: session.ended };
  const at = now.toISOString();
  const trimmed = text.trim().toLowerCase();
  if (trimmed === GIVE_UP || trimmed === '/end') {
    return { session: { ...session, ended: 'gave_up' }, agentReply: '', ended: true, reason: 'gave_up' };
  }
  const answers = { ...session.answers };
  const value = session.pending ? readAnswer(session.pending, text, session.scenario?.case.order) : undefined;
  if (session.pending && value !== undefined) answers[session.pending] = value;
  // "好的,谢谢" after Settle's proposal closes the session (an unreadable answer to a question too).
  const agreed = session.lastDraft !== undefined && value === undefined && AGREE.test(normaliseText(text.trim()));
  const withCustomer: SwapSession = { ...session, answers, pending: undefined, turns: [...session.turns, { role: 'customer', text, at }] };
  if (agreed) {
    const closing = session.script.closing;
    const ended: SwapSession = { ...withCustomer, ended: 'resolved', turns: [...withCustomer.turns, { role: 'agent', text: closing, at }] };
    return { session: ended, agentReply: closing, draft: session.lastDraft, ended: true, reason: 'resolved' };
  }
  const draft = draftCase(caseOf(withCustomer, now), playbook);
  // Ask only what a customer can answer, phrased for the customer, one question at a time.
  const next = draft.questions.find((qn) => !withCustomer.asked.includes(qn.fact) && answers[qn.fact] === undefined && session.script.questions[qn.fact]);
  const question = next ? session.script.questions[next.fact] : undefined;
  const agentReply = question ? `${draft.reply.text}\n${question}` : draft.reply.text;
  const s: SwapSession = {
    ...withCustomer,
    lastDraft: draft,
    pending: next?.fact,
    asked: next ? [...withCustomer.asked, next.fact] : withCustomer.asked,
    turns: [...withCustomer.turns, { role: 'agent', text: agentReply, at }],
  };
  return { session: s, agentReply, draft };
}
