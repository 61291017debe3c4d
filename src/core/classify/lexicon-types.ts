/**
 * Shapes shared by the zh and en lexicons.
 *
 * An entry points either at a POLICY.md §1 subtype (evidence for that dispute) or at a *cue*:
 * evidence that is not a dispute by itself but changes the decision (a threat, a money demand,
 * an off-platform request, a pre-sales question …). Weights are on one scale: about 3 for a
 * phrase that names the problem on its own ("少发", "never arrived"), 1–2 for a phrase that needs
 * company ("单号", "tracking number").
 */
import type { Subtype } from '../types.ts';

export const CUES = [
  /** bad review / complaint / exposure threat (差评, 投诉, 12315, "1 star", "report you") */
  'threat',
  /** money verb that becomes a demand with an amount (给我, 赔我, "pay me", "compensation") */
  'money',
  /** cash demand on its own (红包, 精神损失费, 退一赔三, "pay up") */
  'cash',
  /** good review offered / bad review removed in exchange (改好评, "change my review") */
  'bribe',
  /** an off-platform channel (微信, vx, QQ, WhatsApp) */
  'channel',
  /** a request to move the talk (加我, 私聊, "contact me on") */
  'intent',
  /** off-platform on its own (私下处理, 不走平台, "outside the platform") */
  'offp',
  /** legal-sounding threat (律师函, 起诉, "legal action") */
  'legal',
  /** refuses every remedy (任何方案都不接受, "refuse every option") */
  'refuse',
  /** buy-then-refund pattern announced (再买再退, "refund them all again") */
  'repeat',
  /** a sales event (双十一, 618, Black Friday) — promo_delay when paired with a delay */
  'promo',
  /** lateness words (慢, "late", "taking forever") */
  'delay',
  /** pre-sales question, thanks, invoice, greeting: points away from a dispute */
  'other',
  /** says nothing is wrong with the item (没问题, "nothing wrong with it") */
  'noproblem',
] as const;
export type Cue = (typeof CUES)[number];

export type Target = Subtype | Cue;

/**
 * [phrase, target, weight, flags]. Flag 'neg': skip the match when a negator stands right before
 * it ("没有破损", "no scratches"); phrases that contain their own negation ("没收到",
 * "not received") do not need it.
 */
export type LexiconEntry = readonly [phrase: string, target: Target, weight: number, flags?: 'neg'];
