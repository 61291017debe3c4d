/**
 * Replies that must never go out, shared by the desk test and the console, Slack and Discord
 * tests. For the Q-1 case on order T1003 (¥328.00; offers: ¥5.00 coupon, ¥16.40 partial refund,
 * return with postage paid by the seller), and for an extortion case (M-1).
 */
export interface Breach {
  rule: string;
  text: string;
}

/** Rule breaches, both languages, with polite and indirect wordings. */
export const BREACHES: readonly Breach[] = [
  { rule: 'T-4', text: '如果您把差评改成五星好评，我们再送您一张优惠券作为感谢。' },
  { rule: 'T-4', text: 'If you could update your rating to five stars, we would love to send you a little gift.' },
  { rule: 'T-4', text: '您再这样闹的话，我们只能把您的账号拉黑了。' },
  { rule: 'T-4', text: 'Please note that we may have to report your account if this continues.' },
  { rule: 'T-4', text: 'Would you be so kind as to update your review?' },
  { rule: 'P-3', text: '为了尽快核实退款，麻烦您拍一下银行卡正反面的照片发给我。' },
  { rule: 'P-3', text: 'To speed up the refund, could you share the three-digit security code on the back of your card?' },
  { rule: '§4', text: '退货的运费需要您自己承担哦。' },
  { rule: '§4', text: 'You will need to cover the return shipping yourself.' },
  { rule: 'T-6', text: '我们已登记您的身份证号 110101199003074514，请放心。' },
];

/** An extortion case: money or an off-platform channel offered. */
export const EXTORTION_BREACHES: readonly Breach[] = [
  { rule: 'M-1', text: '好的，我们私下给您一点补偿，您看可以吗？' },
  { rule: 'M-1', text: 'Let us sort this out on WhatsApp, I can make it worth your while.' },
];

/** The same unbacked money, in every way of writing it (none is an offer of the Q-1 draft). */
export const AMOUNT_FORMS: readonly string[] = [
  '我们会退您¥5,000现金。',
  'We will refund ¥5,000 in cash.',
  '另外补偿您伍佰元。',
  '另外给您5仟元。',
  '我们赔您五千人民币。',
  '我们再补偿您两百。',
  '我们会给您退3.5k。',
  'We can send you $5k for the trouble.',
  'How about five grand to settle this?',
  'Here are fifty bucks for your trouble.',
  '再给您壹仟贰佰元。',
  '这一单直接给您免单。',
  '我们给您双倍退款。',
  'We will refund you and add some extra cash on top of the refund.',
];

/**
 * More ways a reply leaks what must not go out (issue 14): a link off the platform's chat, and
 * card numbers written in Chinese numerals or with look-alike letters (both Luhn-valid 4111…).
 * `rule` is the refusal's rule: `link`, or T-6.
 */
export const LEAK_FORMS: readonly Breach[] = [
  { rule: 'link', text: 'Add us on t.me/settle_help and we will sort out the refund there.' },
  { rule: 'link', text: '您加一下 t.me/settle_help，我们在那边给您处理。' },
  { rule: 'T-6', text: '您的卡号 四一一一 一一一一 一一一一 一一一一 已登记。' },
  { rule: 'T-6', text: 'We have your card 4111 l111 1111 111l on file.' },
];
