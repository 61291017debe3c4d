/**
 * The role-play on a terminal (or piped stdin): Settle plays the customer turn by turn, then
 * prints the scorecard and the policy-correct resolution, saves the session, and asks the
 * trainee to rate themself. `runSwapSession` is the other way round: Settle is the agent.
 */
import { randomUUID } from 'node:crypto';
import type { Writable } from 'node:stream';
import type { Playbook } from '../core/playbook/schema.ts';
import type { CriterionId } from '../core/training/criteria.ts';
import { CRITERIA } from '../core/training/criteria.ts';
import type { CustomerVoice } from '../core/training/customer-voice.ts';
import { scriptedVoice } from '../core/training/customer-voice.ts';
import { scoreTranscript } from '../core/training/score-transcript.ts';
import type { Scenario, TrainingSettings } from '../core/training/scenario.ts';
import { GIVE_UP, agentTurn, startSession } from '../core/training/session.ts';
import { swapRoles, swapTurn } from '../core/training/swap.ts';
import type { Lang } from '../core/types.ts';
import { formatMoney } from '../core/money.ts';
import type { LineReader } from './line-reader.ts';
import { CRITERION_LABELS, renderPolicy, renderScorecard } from './render-scorecard.ts';
import type { TrainingStore } from './training-store.ts';

export interface ConsoleDeps {
  reader: LineReader;
  out: Writable;
  store: TrainingStore;
  playbook: Playbook;
  clock: () => Date;
  settings: TrainingSettings;
  voice?: CustomerVoice;
}

/** A short id people can type: `tr-` and 8 hex digits. */
export function newSessionId(): string {
  return `tr-${randomUUID().replace(/-/g, '').slice(0, 8)}`;
}

function describeOrder(s: Scenario): string {
  const o = s.case.order;
  if (!o) return '';
  const items = o.items.map((i) => `${i.name || i.sku} ×${i.qty} @ ${formatMoney(i.unitPriceMinor, o.currency)}`).join(', ');
  return `Order ${o.id}: ${items}; total ${formatMoney(o.totalMinor, o.currency)}${o.status ? `; ${o.status}` : ''}${o.region ? `; ${o.region}` : ''}`;
}

/** Plays one scenario; returns the saved session id. */
export async function runPlaySession(scenario: Scenario, trainee: string, deps: ConsoleDeps): Promise<string> {
  const { reader, out, store, playbook, clock } = deps;
  const voice = deps.voice ?? scriptedVoice;
  const id = newSessionId();
  out.write(`\n== ${scenario.title} (${scenario.id}, ${scenario.lang}) ==\n`);
  out.write(`Customer: ${scenario.persona.name} — ${scenario.persona.description}\n${describeOrder(scenario)}\n`);
  out.write(`You are the agent. Type your replies; ${GIVE_UP} to stop.\n\n`);
  let session = startSession(scenario, clock(), playbook);
  out.write(`${scenario.persona.name} [${session.mood}]: ${scenario.opening}\n`);
  const startedAt = session.turns[0]?.at ?? clock().toISOString();
  for (;;) {
    const line = await reader.ask('you> ');
    const text = line === undefined ? GIVE_UP : line.trim();
    if (!text) continue;
    const r = agentTurn(session, text, clock());
    if (r.customerReply) {
      const spoken = await voice.speak({ scenario, transcript: r.session.turns.slice(0, -1), scripted: r.customerReply, mood: r.session.mood, event: r.event });
      const turns = r.session.turns.slice(0, -1);
      const last = r.session.turns.at(-1);
      session = { ...r.session, turns: last ? [...turns, { ...last, text: spoken }] : turns };
      out.write(`${scenario.persona.name} [${session.mood}]: ${spoken}\n`);
    } else session = r.session;
    if (r.ended) {
      out.write(`\n-- session ended: ${r.reason?.replace('_', ' ')} --\n\n`);
      break;
    }
  }
  const card = scoreTranscript(scenario, session.turns, playbook);
  out.write(renderScorecard(card));
  out.write('\n');
  out.write(renderPolicy(card));
  store.saveSession({
    id, trainee, scenarioId: scenario.id, lang: scenario.lang, mode: 'play', startedAt, endedAt: clock().toISOString(),
    ...(session.ended ? { endReason: session.ended } : {}), scorecard: card, transcript: session.turns,
  });
  out.write(`Session ${id} saved for ${trainee}.\n`);
  await collectRatings(id, trainee, 'self', deps);
  out.write(`Peers can rate it: settle train rate ${id} --as NAME\n`);
  return id;
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
  if (n) store.rate(sessionId, rater, kind, scores, clock());
  out.write(`${n} rating(s) saved.\n`);
  return n;
}

/** Role swap: the trainee is the customer, Settle answers with its own drafts. */
export async function runSwapSession(scenario: Scenario | null, lang: Lang, trainee: string, deps: ConsoleDeps): Promise<string> {
  const { reader, out, store, playbook, clock } = deps;
  const id = newSessionId();
  let session = swapRoles(scenario, lang, deps.settings);
  out.write(`\n== Role swap${scenario ? `: ${scenario.title}` : ''} ==\nYou are the customer; Settle is the agent and answers with its own drafts.\n`);
  if (scenario) out.write(`${describeOrder(scenario)}\nThe customer's story: ${scenario.persona.description}\n`);
  out.write(`Type what the customer says; ${GIVE_UP} to stop.\n\n`);
  const startedAt = clock().toISOString();
  for (;;) {
    const line = await reader.ask('customer> ');
    const text = line === undefined ? GIVE_UP : line.trim();
    if (!text) continue;
    const r = swapTurn(session, text, clock(), playbook);
    session = r.session;
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
  store.saveSession({
    id, trainee, scenarioId: scenario?.id ?? null, lang: session.lang, mode: 'swap', startedAt, endedAt: clock().toISOString(),
    ...(session.ended ? { endReason: session.ended } : {}), transcript: session.turns,
  });
  out.write(`Session ${id} saved.\n`);
  return id;
}
