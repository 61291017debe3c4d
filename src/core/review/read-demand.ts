/**
 * What the reviewer asks for (POLICY.md §7 "analyse: problem type, the customer's demand"), read
 * from the review text by a small phrase table. The first demand of the table that the text
 * names wins (money before goods before words): it tells the agent where the private talk starts,
 * it never decides an offer — offers come from the policy rules alone.
 */

/** Every demand, in the order they are tried. */
export const DEMANDS = ['refund', 'compensation', 'replacement', 'repair', 'delivery', 'apology'] as const;
export type Demand = (typeof DEMANDS)[number] | 'unstated';

const PHRASES: Record<(typeof DEMANDS)[number], RegExp> = {
  refund: /退款|退钱|退货|退了|refund|money back|return it/i,
  compensation: /赔偿|补偿|赔我|赔钱|给我\s*\d|转我|红包|compensat|reimburs|pay me|give me [$¥€£]?\d|[$¥€£]\s?\d/i,
  replacement: /换货|换一个|换个|补发|重发|再发|replace|exchange|send (?:me )?(?:a )?(?:new|another)|resend/i,
  repair: /维修|修好|保修|repair|fix it|warranty/i,
  delivery: /发货|催|快点发|什么时候到|物流|ship|deliver|where is my/i,
  apology: /道歉|说法|态度|apolog|rude|attitude/i,
};

/** The main demand of a review text, or `unstated` when it names none. */
export function readDemand(text: string): Demand {
  for (const d of DEMANDS) if (PHRASES[d].test(text)) return d;
  return 'unstated';
}
