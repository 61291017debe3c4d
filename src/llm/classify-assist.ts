/**
 * Classification assist: when the learned classifier is unsure (low confidence) or the message is
 * long and mixed, ask the model for a structured reading and combine it with the rules'
 * (combine-classification.ts). The model's JSON is untrusted input: parsed, zod-checked, and on
 * any doubt the rules' classification stands. A message that tries to instruct the model is left
 * to the rules.
 */
import { zodResponseFormat } from 'openai/helpers/zod';
import { z } from 'zod';
import type { Classification, ClassifyInput } from '../core/types.ts';
import { ALL_SUBTYPES } from '../core/types.ts';
import type { ChatClient } from './chat-client.ts';
import { combineClassification } from './combine-classification.ts';
import { detectInjection } from './detect-injection.ts';
import type { AssistResult, ClassifierAssist } from './ports.ts';
import type { PromptSet } from './prompts.ts';
import { sanitizeCustomerText, wrapAsData } from './sanitize.ts';

export const modelReadingSchema = z.object({
  category: z.enum(['logistics', 'quality', 'price', 'malicious', 'other']),
  subtype: z.enum(['', ...ALL_SUBTYPES] as [string, ...string[]]),
  confidence: z.number().min(0).max(1),
  quote: z.string().max(300),
  reason: z.string().max(500),
});

const RESPONSE_FORMAT = zodResponseFormat(modelReadingSchema, 'classification');

export interface AssistOptions {
  chat: ChatClient;
  prompts: PromptSet;
  /** Ask the model when the rules' confidence is below this. */
  belowConfidence: number;
  /** …or when the message is at least this long and the rules saw more than one category. */
  longMixedChars?: number;
  /**
   * An `other` (not a dispute, or unsure) is re-read unless the rules are at least this sure:
   * a complaint wrapped in thanks ("挺好的，谢谢，就是袖口开线了") is where the rules miss most.
   */
  otherBelowConfidence?: number;
}

/** An `other` reading is re-read unless the classifier is at least this sure (default of `otherBelowConfidence`). */
export const OTHER_BELOW_CONFIDENCE = 0.9;

/** Why the model is (not) asked; null means ask. */
export function reasonToSkipAssist(input: ClassifyInput, rules: Classification, o: Pick<AssistOptions, 'belowConfidence' | 'longMixedChars' | 'otherBelowConfidence'>): string | null {
  const unsure = rules.confidence < (rules.category === 'other' ? (o.otherBelowConfidence ?? OTHER_BELOW_CONFIDENCE) : o.belowConfidence);
  const longMixed = [...input.text].length >= (o.longMixedChars ?? 200) && rules.secondary.length > 0;
  if (!unsure && !longMixed) return 'rules_confident';
  const injection = detectInjection(input.text);
  if (injection.suspicious) return `injection_suspected:${injection.markers.join(',')}`;
  return null;
}

function describeRules(rules: Classification): string {
  const also = rules.secondary.length ? rules.secondary.join(', ') : 'none';
  return `category: ${rules.category}; subtype: ${rules.subtype || '-'}; confidence: ${rules.confidence}; also possible: ${also}`;
}

/** Build the assist port over a chat client. */
export function createClassifierAssist(o: AssistOptions): ClassifierAssist {
  return {
    async assist(input, rules): Promise<AssistResult> {
      const skip = reasonToSkipAssist(input, rules, o);
      if (skip) return { classification: rules, decidedBy: 'rules', reason: skip };

      const clean = sanitizeCustomerText(input.text);
      const user = [
        wrapAsData('customer_message', clean.text, { lang: rules.lang }),
        wrapAsData('rules_reading', describeRules(rules)),
      ].join('\n\n');
      const out = await o.chat.complete({ prompt: o.prompts['classify-assist'], user, responseFormat: RESPONSE_FORMAT, maxTokens: 300, temperature: 0 });
      if (!out.ok) return { classification: rules, decidedBy: 'rules', reason: `model_${out.failure}`, ...(out.usage ? { usage: out.usage } : {}) };

      let json: unknown;
      try {
        json = JSON.parse(out.content);
      } catch {
        return { classification: rules, decidedBy: 'rules', reason: 'model_json_invalid', usage: out.usage };
      }
      const reading = modelReadingSchema.safeParse(json);
      if (!reading.success) return { classification: rules, decidedBy: 'rules', reason: 'model_schema_invalid', usage: out.usage };
      // The quote is checked against what the customer visibly wrote, not the sanitized copy.
      const combined = combineClassification(rules, reading.data, input.text);
      return { ...combined, usage: out.usage };
    },
  };
}
