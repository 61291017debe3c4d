/**
 * The LLM ports with metrics: every chat-completion call counted by prompt and outcome
 * (`countCall`, given to createLlm), and every answer the model gave but Settle did not use
 * counted as a fallback. Decorators, so the LLM code stays free of metrics.
 */
import type { ChatOutcome } from '../llm/chat-client.ts';
import type { VoiceResult } from '../llm/customer-voice.ts';
import type { ClassifierAssist, ReplyPolisher } from '../llm/ports.ts';
import type { LlmUse, SettleMetrics } from './metrics.ts';

/** A reason as a bounded label: `new_amount:1000` → `new_amount`. */
const reasonLabel = (reason: string) => reason.split(':')[0]!.slice(0, 60);

export function countCall(m: SettleMetrics | undefined, prompt: string, outcome: ChatOutcome): void {
  m?.llmCalls.inc({ prompt, outcome: outcome.ok ? 'ok' : outcome.failure });
}

function fellBack(m: SettleMetrics, use: LlmUse, reason: string): void {
  m.llmFallbacks.inc({ use, reason: reasonLabel(reason) });
}

/** The training voice's results (createLlm's `onVoice`): the scripted line said after the model was asked. */
export function countVoice(m: SettleMetrics | undefined, r: VoiceResult): void {
  if (m && r.used === 'script' && r.reason !== 'nothing_to_say') fellBack(m, 'voice', r.reason);
}

export function instrumentAssist(assist: ClassifierAssist, m: SettleMetrics): ClassifierAssist {
  return {
    async assist(input, rules) {
      try {
        const r = await assist.assist(input, rules);
        // `model_…` reasons come only after the model was asked; skips (`rules_confident`) are no calls.
        if (r.decidedBy === 'rules' && r.reason.startsWith('model_')) fellBack(m, 'classify', r.reason);
        return r;
      } catch (e) {
        fellBack(m, 'classify', 'assist_failed');
        throw e;
      }
    },
  };
}

export function instrumentPolish(polish: ReplyPolisher, m: SettleMetrics): ReplyPolisher {
  return {
    async polish(draft, customerMessage) {
      try {
        const r = await polish.polish(draft, customerMessage);
        if (r.used === 'template' && r.reason !== 'no_template') fellBack(m, 'polish', r.reason);
        return r;
      } catch (e) {
        fellBack(m, 'polish', 'polish_failed');
        throw e;
      }
    },
  };
}
