/**
 * The training customer speaking through the model (`CustomerVoice` of core/training). The
 * scripted session still decides everything — mood, what is revealed, whether the case is
 * resolved; the model only phrases the scripted line in the persona's voice. Its text is checked (language, length, no
 * prompt text, no number the customer could not know) and otherwise the scripted line is used.
 */
import { toMajor } from '../core/money.ts';
import type { CustomerVoice, CustomerVoiceInput } from '../core/training/customer-voice.ts';
import type { TurnEvent } from '../core/training/session.ts';
import type { ChatClient } from './chat-client.ts';
import type { LlmUsage } from './ports.ts';
import type { PromptSet } from './prompts.ts';
import { readAmounts } from './read-amounts.ts';
import { sanitizeCustomerText, wrapAsData } from './sanitize.ts';
import { cjkShare, leaksSecret } from './verify-polish.ts';

export interface VoiceResult {
  text: string;
  used: 'llm' | 'script';
  reason: string;
  usage?: LlmUsage;
}

/** The training port (core/training/customer-voice.ts) plus the detailed answer for the audit log. */
export interface LlmCustomerVoice extends CustomerVoice {
  speakDetailed(input: CustomerVoiceInput): Promise<VoiceResult>;
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

function describeScenario(input: CustomerVoiceInput): string {
  const s = input.scenario;
  const c = s.case;
  const o = c.order;
  const order = o
    ? `order ${o.id}: ${o.items.map((i) => `${i.name} ×${i.qty} @ ${toMajor(i.unitPriceMinor, o.currency)} ${o.currency}`).join('; ')}; total ${toMajor(o.totalMinor, o.currency)} ${o.currency}; status ${o.status ?? 'unknown'}`
    : 'no order details';
  return [
    `persona: ${s.persona.name} — ${s.persona.description}`,
    `language: ${s.lang}`,
    `mood now: ${input.mood}`,
    `complaint (opening message): ${s.opening}`,
    order,
  ].join('\n');
}

/**
 * Numbers the customer may say: from the opening, the order, the conversation so far and the
 * scripted line (which carries any fact revealed this turn). Unrevealed facts stay unsaid.
 */
function knownNumbers(input: CustomerVoiceInput): number[] {
  const s = input.scenario;
  const o = s.case.order;
  const order = o ? [o.id, ...o.items.map((i) => `${i.qty} ${toMajor(i.unitPriceMinor, o.currency)}`), String(toMajor(o.totalMinor, o.currency))] : [];
  return readAmounts([s.opening, input.scripted, ...input.transcript.map((t) => t.text), ...order].join('\n'));
}

/** Build the voice over a chat client. */
export function createLlmCustomerVoice(o: { chat: ChatClient; prompts: PromptSet; onResult?: (r: VoiceResult) => void }): LlmCustomerVoice {
  const secrets = Object.values(o.prompts).map((p) => p.text);
  const speakDetailed = async (req: CustomerVoiceInput): Promise<VoiceResult> => {
    const script = (reason: string, usage?: LlmUsage): VoiceResult => ({ text: req.scripted, used: 'script', reason, ...(usage ? { usage } : {}) });
    if (!req.scripted.trim()) return script('nothing_to_say');
    const line: TurnEvent['line'] = req.event?.line ?? 'pushback';
    const transcript = req.transcript.slice(-12).map((t) => `${t.role}: ${sanitizeCustomerText(t.text, 1000).text}`).join('\n');
    const user = [
      wrapAsData('scenario', sanitizeCustomerText(describeScenario(req)).text),
      wrapAsData('transcript', transcript),
      wrapAsData('direction', `${DIRECTION[line]}\nThe scripted line says: ${sanitizeCustomerText(req.scripted).text}`),
      ...(line === 'reveal' ? [wrapAsData('tell', sanitizeCustomerText(req.scripted).text)] : []),
    ].join('\n\n');
    const out = await o.chat.complete({ prompt: o.prompts['customer-persona'], user, maxTokens: 200, temperature: 0.7 });
    if (!out.ok) return script(`model_${out.failure}`, out.usage);

    const text = out.content.trim().replace(/^(customer|顾客|客户)\s*[:：]\s*/i, '');
    const len = [...text].length;
    if (len < 2 || len > Math.max(300, [...req.scripted].length * 3)) return script(`length:${len}`, out.usage);
    if (leaksSecret(text, secrets)) return script('prompt_leak', out.usage);
    if (/<\s*\/?\s*[A-Za-z_|]|\{\s*"/.test(text)) return script('markup', out.usage);
    const share = cjkShare(text);
    if (req.scenario.lang === 'zh' ? share < 0.5 : share > 0.05) return script(`language:${share.toFixed(2)}`, out.usage);
    const known = knownNumbers(req);
    const invented = readAmounts(text).find((n) => !known.some((k) => Math.abs(k - n) < 1e-9));
    if (invented !== undefined) return script(`invented_number:${invented}`, out.usage);
    return { text, used: 'llm', reason: 'verified', usage: out.usage };
  };
  return {
    speakDetailed,
    async speak(input) {
      const r = await speakDetailed(input);
      o.onResult?.(r);
      return r.text;
    },
  };
}
