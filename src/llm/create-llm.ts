/**
 * Build Settle's optional LLM from settings: one chat client (timeout, retries, circuit breaker)
 * shared by the classification assist, the reply polish and the training voice. No settings
 * (no API key) → null, and every caller answers offline.
 */
import { DEFAULT_BACKOFF, realSleep, type Random, type Sleep } from './backoff.ts';
import { createChatClient, type ChatClient, type ChatOutcome } from './chat-client.ts';
import { createCircuitBreaker, type CircuitBreaker, type Clock } from './circuit-breaker.ts';
import { createClassifierAssist } from './classify-assist.ts';
import { createLlmCustomerVoice, type LlmCustomerVoice, type VoiceResult } from './customer-voice.ts';
import { createReplyPolisher } from './polish-reply.ts';
import type { ClassifierAssist, ReplyPolisher } from './ports.ts';
import { loadPrompts, type PromptSet } from './prompts.ts';
import type { LlmSettings } from './settings.ts';

export interface Llm {
  assist: ClassifierAssist;
  polish: ReplyPolisher;
  voice: LlmCustomerVoice;
  /** Model name and prompt hashes, for the start-up log and the audit trail. */
  model: string;
  prompts: PromptSet;
  breaker: CircuitBreaker;
  chat: ChatClient;
}

export interface LlmDeps {
  clock?: Clock;
  sleep?: Sleep;
  random?: Random;
  promptsDir?: string;
  /** Told of every training-voice answer (used or not, why, usage), for the training log. */
  onVoice?: (r: VoiceResult) => void;
  /** Told of every chat-completion call's outcome, by prompt id (the ops metrics count them). */
  onCall?: (promptId: string, outcome: ChatOutcome) => void;
}

/** The LLM, or null when no API key is configured. Loads and hashes the prompt files (throws `config_invalid` if one is bad). */
export function createLlm(settings: LlmSettings | null, deps: LlmDeps = {}): Llm | null {
  if (!settings) return null;
  const clock = deps.clock ?? (() => new Date());
  const prompts = loadPrompts(deps.promptsDir);
  const breaker = createCircuitBreaker({ failures: settings.breakerFailures, cooldownMs: settings.breakerCooldownMs, clock });
  const client = createChatClient({
    apiKey: settings.apiKey,
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    model: settings.model,
    timeoutMs: settings.timeoutMs,
    retries: settings.retries,
    breaker,
    clock,
    sleep: deps.sleep ?? realSleep,
    backoff: { ...DEFAULT_BACKOFF, random: deps.random ?? Math.random },
  });
  const onCall = deps.onCall;
  const chat: ChatClient = onCall
    ? {
      model: client.model,
      async complete(req) {
        const outcome = await client.complete(req);
        onCall(req.prompt.id, outcome);
        return outcome;
      },
    }
    : client;
  return {
    assist: createClassifierAssist({ chat, prompts, belowConfidence: settings.assistBelowConfidence }),
    polish: createReplyPolisher({ chat, prompts }),
    voice: createLlmCustomerVoice({ chat, prompts, ...(deps.onVoice ? { onResult: deps.onVoice } : {}) }),
    model: settings.model,
    prompts,
    breaker,
    chat,
  };
}
