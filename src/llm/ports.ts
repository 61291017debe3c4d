/**
 * What the rest of Settle may ask of the optional LLM. The desk, the CLI and training depend on
 * these interfaces only; `createLlm` (create-llm.ts) builds them over the openai SDK, and with
 * no model configured there is simply no port — every caller has an offline path.
 *
 * None of these can change an offer or an amount: offers come from the policy (decide), the
 * assist only proposes a classification the rules then combine, and polished text is verified.
 */
import type { Classification, ClassifyInput, Draft } from '../core/types.ts';

/** Audit record of one model call: which prompt version, which model, how many tokens. */
export interface LlmUsage {
  model: string;
  promptId: string;
  /** sha256 of the prompt file. */
  promptHash: string;
  promptTokens: number;
  completionTokens: number;
}

export interface AssistResult {
  classification: Classification;
  /** `rules` kept, the model's reading adopted (`llm`), or both agreed (`combined`). */
  decidedBy: 'rules' | 'llm' | 'combined';
  /** Short machine-readable reason: `rules_confident`, `injection_suspected`, `model_timeout` … */
  reason: string;
  usage?: LlmUsage;
}

export interface ClassifierAssist {
  assist(input: ClassifyInput, rules: Classification): Promise<AssistResult>;
}

export interface PolishResult {
  text: string;
  used: 'llm' | 'template';
  /** `verified`, or why the template was kept: `new_amount:1000`, `taboo:T-3`, `refusal` … */
  reason: string;
  usage?: LlmUsage;
}

export interface ReplyPolisher {
  polish(draft: Draft, customerMessage: string): Promise<PolishResult>;
}
