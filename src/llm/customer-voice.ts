/**
 * The training customer speaking through the model. The scripted session (core/training) still
 * decides everything — mood, what is revealed, whether the case is resolved; the model only
 * phrases the scripted line in the persona's voice. Its text is checked (language, length, no
 * prompt text, no number the customer could not know) and otherwise the scripted line is used.
 */
import { toMajor } from '../core/money.ts';
import type { Session, TurnEvent } from '../core/training/session.ts';
import type { ChatClient } from './chat-client.ts';
import type { LlmUsage } from './ports.ts';
import type { PromptSet } from './prompts.ts';
import { readAmounts } from './read-amounts.ts';
import { sanitizeCustomerText, wrapAsData } from './sanitize.ts';
import { cjkShare, leaksSecret } from './verify-polish.ts';

export interface VoiceRequest {
  /** The session after the trainee's turn; its last turn is the scripted customer line. */
  session: Session;
  event: TurnEvent;
  /** The scripted line (the offline answer). */
  scripted: string;
}

export interface VoiceResult {
  text: string;
  used: 'llm' | 'script';
  reason: string;
  usage?: LlmUsage;
}

/** The persona port for training; `createLlmCustomerVoice` builds it over the model. */
export interface LlmCustomerVoice {
  speak(req: VoiceRequest): Promise<VoiceResult>;
}

const DIRECTION: Record<TurnEvent['line'], string> = {
  calmer: 'You calm down a little; the agent was kind. Say so, and ask what happens next if unclear.',
  angrier: 'You get angrier: the agent brushed you off or blamed you.',
  slow: 'You complain that the agent took too long to answer.',
  pushback: 'You are not satisfied yet; push back and restate what you want.',
  refuse: 'You refuse what the agent offered; it is not enough or not what you want.',
  accept: 'You accept the solution and thank the agent.',
  acceptMoney: 'You accept the money offered.',
  walkAway: 'You have had enough and end the conversation.',
  stillFurious: 'You are still furious, even though the agent proposed something.',
  reveal: 'Answer the agent\'s question, telling the fact given in <tell>.',
};

function describeScenario(session: Session): string {
  const s = session.scenario;
  const c = s.case;
  const order = c.order
    ? `order ${c.order.id}: ${c.order.items.map((i) => `${i.name} ×${i.qty} @ ${toMajor(i.unitPriceMinor, c.order!.currency)} ${c.order!.currency}`).join('; ')}; total ${toMajor(c.order.totalMinor, c.order.currency)} ${c.order.currency}; status ${c.order.status ?? 'unknown'}`
    : 'no order details';
  const told = s.hidden.filter((h) => session.revealed.includes(h.fact)).map((h) => `- ${h.reveal}`);
  return [
    `persona: ${s.persona.name} — ${s.persona.description}`,
    `language: ${s.lang}`,
    `mood now: ${session.mood}`,
    `complaint (opening message): ${s.opening}`,
    order,
    told.length ? `facts already told:\n${told.join('\n')}` : 'facts already told: none',
  ].join('\n');
}

/** Numbers the customer may say: from the scenario's visible parts, the revealed facts and the conversation. */
function knownNumbers(req: VoiceRequest): number[] {
  const s = req.session.scenario;
  const c = s.case;
  const texts = [s.opening, req.scripted, ...req.session.turns.map((t) => t.text), ...s.hidden.filter((h) => req.session.revealed.includes(h.fact)).map((h) => h.reveal)];
  const order = c.order ? [c.order.id, ...c.order.items.map((i) => `${i.qty} ${toMajor(i.unitPriceMinor, c.order!.currency)}`), String(toMajor(c.order.totalMinor, c.order.currency))] : [];
  return readAmounts([...texts, ...order].join('\n'));
}

/** Build the voice over a chat client. */
export function createLlmCustomerVoice(o: { chat: ChatClient; prompts: PromptSet }): LlmCustomerVoice {
  const secrets = Object.values(o.prompts).map((p) => p.text);
  return {
    async speak(req): Promise<VoiceResult> {
      const script = (reason: string, usage?: LlmUsage): VoiceResult => ({ text: req.scripted, used: 'script', reason, ...(usage ? { usage } : {}) });
      if (!req.scripted.trim()) return script('nothing_to_say');
      const transcript = req.session.turns.slice(0, -1).slice(-12).map((t) => `${t.role}: ${sanitizeCustomerText(t.text, 1000).text}`).join('\n');
      const user = [
        wrapAsData('scenario', sanitizeCustomerText(describeScenario(req.session)).text),
        wrapAsData('transcript', transcript),
        wrapAsData('direction', `${DIRECTION[req.event.line]}\nThe scripted line says: ${sanitizeCustomerText(req.scripted).text}`),
        ...(req.event.line === 'reveal' ? [wrapAsData('tell', sanitizeCustomerText(req.scripted).text)] : []),
      ].join('\n\n');
      const out = await o.chat.complete({ prompt: o.prompts['customer-persona'], user, maxTokens: 200, temperature: 0.7 });
      if (!out.ok) return script(`model_${out.failure}`, out.usage);

      const text = out.content.trim().replace(/^(customer|顾客|客户)\s*[:：]\s*/i, '');
      const len = [...text].length;
      if (len < 2 || len > Math.max(300, [...req.scripted].length * 3)) return script(`length:${len}`, out.usage);
      const share = cjkShare(text);
      if (req.session.scenario.lang === 'zh' ? share < 0.5 : share > 0.05) return script(`language:${share.toFixed(2)}`, out.usage);
      if (/<\s*\/?\s*[A-Za-z_|]|\{\s*"/.test(text)) return script('markup', out.usage);
      if (leaksSecret(text, secrets)) return script('prompt_leak', out.usage);
      const known = knownNumbers(req);
      const invented = readAmounts(text).find((n) => !known.some((k) => Math.abs(k - n) < 1e-9));
      if (invented !== undefined) return script(`invented_number:${invented}`, out.usage);
      return { text, used: 'llm', reason: 'verified', usage: out.usage };
    },
  };
}
