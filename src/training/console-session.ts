/**
 * The role-play on a terminal (or piped stdin): Settle plays the customer turn by turn, then
 * prints the scorecard and the policy-correct resolution, saves the session, and asks the
 * trainee to rate themself. `runSwapSession` is the other way round: Settle is the agent.
 */
import type { Writable } from 'node:stream';
import type { Playbook } from '../core/playbook/schema.ts';
import type { CriterionId } from '../core/training/criteria.ts';
import { CRITERIA } from '../core/training/criteria.ts';
import type { CustomerVoice } from '../core/training/customer-voice.ts';
import type { Scenario } from '../core/training/scenario.ts';
import { GIVE_UP } from '../core/training/session.ts';
import type { Lang } from '../core/types.ts';
import { formatMoney } from '../core/money.ts';
import type { LineReader } from './line-reader.ts';
import { CRITERION_LABELS } from './render-scorecard.ts';
import type { ScenarioLibrary } from './load-scenarios.ts';
import { createTrainingService } from './training-service.ts';
import type { TrainingStore } from './training-store.ts';
import { newSessionId } from './training-store.ts';

export interface ConsoleDeps {
  reader: LineReader;
  out: Writable;
  store: TrainingStore;
  playbook: Playbook;
  clock: () => Date;
  library: ScenarioLibrary;
  voice?: CustomerVoice;
}

function describeOrder(s: Scenario): string {
  const o = s.case.order;
  if (!o) return '';
  const items = o.items.map((i) => `${i.name || i.sku} ×${i.qty} @ ${formatMoney(i.unitPriceMinor, o.currency)}`).join(', ');
  return `Order ${o.id}: ${items}; total ${formatMoney(o.totalMinor, o.currency)}${o.status ? `; ${o.status}` : ''}${o.region ? `; ${o.region}` : ''}`;
}

/**
 * Plays one scenario through the same training service the chat threads use (the console is
 * one more thread), so every turn is saved as it happens; returns the session id.
 */
export async function runPlaySession(scenario: Scenario, trainee: string, deps: ConsoleDeps): Promise<string> {
  const { reader, out, store, playbook, clock, library } = deps;
  const service = createTrainingService({ store, library, playbook, ...(deps.voice ? { voice: deps.voice } : {}) });
  const threadKey = `console:${newSessionId()}`;
  out.write(`\n== ${scenario.title} (${scenario.id}, ${scenario.lang}) ==\n`);
  out.write(`Customer: ${scenario.persona.name} — ${scenario.persona.description}\n${describeOrder(scenario)}\n`);
  out.write(`You are the agent. Type your replies; ${GIVE_UP} to stop.\n\n`);
  const { sessionId } = await service.start({ threadKey, trainee, scenarioId: scenario.id }, clock());
  out.write(`${scenario.persona.name} [${scenario.persona.mood}]: ${scenario.opening}\n`);
  for (;;) {
    const line = await reader.ask('you> ');
    const text = line === undefined ? GIVE_UP : line.trim();
    if (!text) continue;
    const r = await service.reply(threadKey, text, clock());
    if (r.customerReply) out.write(`${scenario.persona.name} [${r.mood}]: ${r.customerReply}\n`);
    if (r.ended) {
      out.write(`\n-- session ended: ${r.reason?.replace('_', ' ')} --\n\n`);
      if (r.summary) out.write(r.summary);
      break;
    }
  }
  out.write(`Session ${sessionId} saved for ${trainee}.\n`);
  await collectRatings(sessionId, trainee, 'self', deps);
  out.write(`Peers can rate it: settle train rate ${sessionId} --as NAME\n`);
  return sessionId;
}

/** Asks for a 1–5 rating per criterion (Enter skips one; end of input stops) and stores them. */
export async function collectRatings(sessionId: string, rater: string, kind: 'self' | 'peer' | 'instructor', deps: Pick<ConsoleDeps, 'reader' | 'out' | 'store' | 'clock'>): Promise<number> {
  const { reader, out, store, clock } = deps;
  out.write(`\n${kind === 'self' ? 'Self-assessment' : `Rating by ${rater} (${kind})`}: 1 = poor … 5 = excellent; Enter skips.\n`);
  const scores: Partial<Record<CriterionId, number>> = {};
  for (const c of CRITERIA) {
    let answer: string | undefined;
    for (;;) {
      answer = await reader.ask(`  ${CRITERION_LABELS[c]}: `);
      if (answer === undefined || answer.trim() === '' || /^[1-5]$/.test(answer.trim())) break;
      out.write('  please answer 1, 2, 3, 4 or 5 (or Enter to skip)\n');
    }
    if (answer === undefined) break;
    if (answer.trim()) scores[c] = Number(answer.trim());
  }
  const n = Object.keys(scores).length;
  if (n) await store.rate(sessionId, rater, kind, scores, clock());
  out.write(`${n} rating(s) saved.\n`);
  return n;
}

/** Role swap: the trainee is the customer, Settle answers with its own drafts (through the training service). */
export async function runSwapSession(scenario: Scenario | null, lang: Lang, trainee: string, deps: ConsoleDeps): Promise<string> {
  const { reader, out, store, playbook, clock, library } = deps;
  const service = createTrainingService({ store, library, playbook });
  const threadKey = `console:${newSessionId()}`;
  const { sessionId } = await service.startSwap({ threadKey, trainee, lang, ...(scenario ? { scenarioId: scenario.id } : {}) }, clock());
  out.write(`\n== Role swap${scenario ? `: ${scenario.title}` : ''} ==\nYou are the customer; Settle is the agent and answers with its own drafts.\n`);
  if (scenario) out.write(`${describeOrder(scenario)}\nThe customer's story: ${scenario.persona.description}\n`);
  out.write(`Type what the customer says; ${GIVE_UP} to stop.\n\n`);
  for (;;) {
    const line = await reader.ask('customer> ');
    const text = line === undefined ? GIVE_UP : line.trim();
    if (!text) continue;
    const r = await service.swapReply(threadKey, text, clock());
    if (r.agentReply) out.write(`Settle (agent): ${r.agentReply}\n`);
    if (r.draft && !r.ended) {
      const offers = r.draft.offers.map((o) => `${o.kind}${o.amountMinor !== null ? ` ${formatMoney(o.amountMinor, o.currency)}` : ''}`).join(', ') || 'no offer';
      out.write(`  [draft: ${r.draft.category}/${r.draft.subtype || '—'} · ${r.draft.rules.join(', ')} · ${offers} · release by ${r.draft.approval}${r.draft.escalate ? ' · escalate' : ''}]\n`);
    }
    if (r.ended) {
      out.write(`\n-- session ended: ${r.reason?.replace('_', ' ')} --\n`);
      break;
    }
  }
  out.write(`Session ${sessionId} saved.\n`);
  return sessionId;
}
