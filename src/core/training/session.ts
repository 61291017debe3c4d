/**
 * The scripted customer of a role-play: a deterministic state machine over the customer's mood
 * (calm → upset → furious → walked away). Empathy with a concrete plan calms the customer;
 * taboo phrases, blame and slow replies make them angrier; asking about a hidden fact makes them
 * tell it (the answer comes before any deal: a question is answered, not accepted); a plan the
 * policy allows (once they are not furious) resolves the session.
 *
 * Pure: the clock comes in as `now`, the session is plain data (store it as JSON).
 */
import type { Playbook } from '../playbook/schema.ts';
import { findTaboos } from '../reply/guard.ts';
import type { Draft, FactKey } from '../types.ts';
import { CUSTOMER_PAYS_POSTAGE } from './lexicon.ts';
import { decideScenario, factsAskedBy, policyKinds } from './policy-outcome.ts';
import { foldApostrophes, normaliseText, readReply } from './read-reply.ts';
import type { LineKey, Mood, Scenario } from './scenario.ts';
import type { EndReason, Turn } from './transcript.ts';
import { secondsBetween } from './transcript.ts';

const LEVEL: Record<Mood, number> = { calm: 0, upset: 1, furious: 2, walked_away: 3 };
const BY_LEVEL: Mood[] = ['calm', 'upset', 'furious', 'walked_away'];

/** The trainee's way out (POLICY.md §8 role-play ends on resolution, give-up or walk-away). */
export const GIVE_UP = '/giveup';

export interface Session {
  scenario: Scenario;
  /** The core's decision with all facts: what counts as an acceptable plan. */
  policy: Draft;
  mood: Mood;
  turns: Turn[];
  revealed: FactKey[];
  ended?: EndReason;
}

/** What happened on one trainee turn, for the scorecard and for an LLM voice to phrase. */
export interface TurnEvent {
  slow: boolean;
  taboo: boolean;
  calmer: boolean;
  revealed: FactKey[];
  line: LineKey | 'reveal';
}

export interface TurnResult {
  session: Session;
  /** The customer's scripted answer ('' when the trainee gave up). */
  customerReply: string;
  event?: TurnEvent;
  ended?: boolean;
  reason?: EndReason;
}

/** Opens a session: the customer's opening message, stamped `now`. */
export function startSession(scenario: Scenario, now: Date, playbook: Playbook): Session {
  return {
    scenario,
    policy: decideScenario(scenario, playbook),
    mood: scenario.persona.mood,
    turns: [{ role: 'customer', text: scenario.opening, at: now.toISOString() }],
    revealed: [],
  };
}

function pick(session: Session, key: LineKey): string {
  const lines = session.scenario.lines[key];
  // Rotate by turn count so a repeated move does not get the same words twice in a row.
  return lines[session.turns.length % lines.length] ?? '';
}

/** Does this reply carry a plan the customer takes? */
function acceptsPlan(session: Session, text: string, reply: ReturnType<typeof readReply>): 'plan' | 'money' | false {
  const { policy, scenario } = session;
  const kinds = policyKinds(policy);
  const t = normaliseText(text);
  const resolves = scenario.resolveWords.some((w) => t.includes(normaliseText(w)));
  const money = reply.money.length > 0 || reply.offers.some((k) => k === 'refund' || k === 'partial_refund' || k === 'return_refund');
  if (kinds.length === 0) {
    // The policy moves nothing (M-1, Q-4 with an invoice, P-2 honoured as listed). A customer
    // takes money if offered (the scorer flags it); otherwise the answer must be firm and proven.
    if (money) return policy.category === 'malicious' ? 'money' : 'plan';
    if (policy.category === 'malicious') return reply.evidence && reply.escalate ? 'plan' : false;
    return resolves || reply.evidence ? 'plan' : false;
  }
  const acceptable = new Set([...kinds, ...scenario.accepts]);
  return resolves || reply.offers.some((k) => acceptable.has(k)) ? 'plan' : false;
}

/**
 * One trainee reply at `now` → the customer's answer. Ends on resolution, on `/giveup`, or when
 * the customer walks away (too angry, or out of patience after `maxTurns`).
 */
export function agentTurn(session: Session, text: string, now: Date): TurnResult {
  if (session.ended) return { session, customerReply: '', ended: true, reason: session.ended };
  const at = now.toISOString();
  if (text.trim().toLowerCase() === GIVE_UP) {
    const s = { ...session, ended: 'gave_up' as const };
    return { session: s, customerReply: '', ended: true, reason: 'gave_up' };
  }
  const turns: Turn[] = [...session.turns, { role: 'agent', text, at }];
  const lastCustomer = [...session.turns].reverse().find((t) => t.role === 'customer');
  const waited = secondsBetween(lastCustomer?.at, at) ?? 0;
  const slow = waited > session.scenario.replySeconds.slow;
  const reply = readReply(text, session.scenario.case.order);
  // Telling a customer to pay postage the seller owes (§4) angers them like a taboo phrase does.
  const unfairPostage = session.policy.shipping.return === 'seller' && CUSTOMER_PAYS_POSTAGE.test(normaliseText(text));
  const taboo = findTaboos(foldApostrophes(text)).length > 0 || unfairPostage;
  const newly = factsAskedBy(text, session.scenario.hidden).filter((h) => !session.revealed.includes(h.fact));
  const plan = taboo ? false : acceptsPlan(session, text, reply);

  let level = LEVEL[session.mood];
  if (taboo) level += 1;
  if (slow) level += 1;
  const calmer = !taboo && reply.empathy && (plan !== false || reply.commitAction || newly.length > 0 || level >= 2);
  if (calmer) level = Math.max(0, level - 1);
  level = Math.min(level, 3);
  const agentTurns = turns.filter((t) => t.role === 'agent').length;
  if (level < 3 && plan === false && agentTurns >= session.scenario.maxTurns) level = 3;

  const mood = BY_LEVEL[level] ?? 'walked_away';
  const base: Session = { ...session, mood, revealed: [...session.revealed, ...newly.map((h) => h.fact)] };
  const event: TurnEvent = { slow, taboo, calmer, revealed: newly.map((h) => h.fact), line: 'pushback' };
  let customerReply: string;
  let reason: EndReason | undefined;
  if (mood === 'walked_away') {
    event.line = 'walkAway';
    reason = 'walked_away';
  } else if (plan !== false && mood !== 'furious' && newly.length === 0) {
    event.line = plan === 'money' ? 'acceptMoney' : 'accept';
    reason = 'resolved';
  } else if (newly.length > 0 && !taboo) {
    event.line = 'reveal';
  } else if (taboo) {
    event.line = 'angrier';
  } else if (slow) {
    event.line = 'slow';
  } else if (plan !== false && mood === 'furious') {
    event.line = 'stillFurious';
  } else if (plan === false && (reply.offers.length > 0 || reply.money.length > 0)) {
    event.line = 'refuse';
  } else if (calmer) {
    event.line = 'calmer';
  }
  const withAgent: Session = { ...base, turns };
  if (event.line === 'reveal') {
    const prefix = slow ? `${pick(withAgent, 'slow')} ` : '';
    customerReply = prefix + newly.map((h) => h.reveal).join(' ');
  } else {
    customerReply = pick(withAgent, event.line);
  }
  const final: Session = { ...withAgent, turns: [...turns, { role: 'customer', text: customerReply, at }], ...(reason ? { ended: reason } : {}) };
  return { session: final, customerReply, event, ...(reason ? { ended: true, reason } : {}) };
}
