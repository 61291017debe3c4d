/**
 * Reply polish: the model rewrites the policy's template reply so it answers what the customer
 * actually wrote. The result is verified (verify-polish.ts) before it is used; on any failure —
 * model down, refusal, a changed amount, a taboo phrase — the template reply stands and the
 * reason is returned for the audit log. Offers are shown to the model read-only; they never
 * come back from it.
 */
import { formatMoney } from '../core/money.ts';
import type { Draft } from '../core/types.ts';
import type { ChatClient } from './chat-client.ts';
import type { PolishResult, ReplyPolisher } from './ports.ts';
import type { PromptSet } from './prompts.ts';
import { sanitizeCustomerText, wrapAsData } from './sanitize.ts';
import { verifyPolish } from './verify-polish.ts';

export interface PolishOptions {
  chat: ChatClient;
  prompts: PromptSet;
}

function describeOffers(draft: Draft): string {
  if (draft.offers.length === 0) return '(none)';
  return draft.offers
    .map((o, i) => `${i + 1}. ${o.kind}${o.amountMinor === null ? '' : ` ${formatMoney(o.amountMinor, o.currency)}`}`)
    .join('\n');
}

/** Models like to wrap answers in quotes or announce them; take the reply itself. */
export function unwrapReply(content: string): string {
  let t = content.trim().replace(/^(reply|回复|答复)\s*[:：]\s*/i, '');
  const pairs: [string, string][] = [['"', '"'], ['“', '”'], ['「', '」'], ["'", "'"]];
  for (const [open, close] of pairs) {
    if (t.startsWith(open) && t.endsWith(close) && t.length > 2) t = t.slice(open.length, -close.length).trim();
  }
  return t;
}

/** Build the polish port over a chat client. */
export function createReplyPolisher(o: PolishOptions): ReplyPolisher {
  const secrets = Object.values(o.prompts).map((p) => p.text);
  return {
    async polish(draft, customerMessage): Promise<PolishResult> {
      const template = draft.reply.text;
      const keep = (reason: string, usage?: PolishResult['usage']): PolishResult => ({ text: template, used: 'template', reason, ...(usage ? { usage } : {}) });
      if (!template.trim()) return keep('no_template');

      const user = [
        // The template is ours, but it may quote the customer: it gets the same defusing.
        wrapAsData('template_reply', sanitizeCustomerText(template).text, { lang: draft.reply.lang }),
        wrapAsData('offers', describeOffers(draft)),
        wrapAsData('customer_message', sanitizeCustomerText(customerMessage).text),
      ].join('\n\n');
      const maxTokens = Math.min(1200, [...template].length * 3 + 200);
      const out = await o.chat.complete({ prompt: o.prompts['polish-reply'], user, maxTokens, temperature: 0.4 });
      if (!out.ok) return keep(`model_${out.failure}`, out.usage);

      const text = unwrapReply(out.content);
      const verdict = verifyPolish(text, draft, secrets, customerMessage);
      if (!verdict.ok) return keep(verdict.reason, out.usage);
      return { text, used: 'llm', reason: 'verified', usage: out.usage };
    },
  };
}
