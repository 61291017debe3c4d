/**
 * The agent reader, rule by rule, in both languages: plain, polite, indirect and paraphrased
 * wordings are found with the right rule; what a good agent says is not.
 */
import { describe, expect, it } from 'vitest';
import { readAgent, type ReadContext } from '../../../src/core/read-agent/read-agent.ts';

const rules = (text: string, ctx: ReadContext = {}) => [...new Set(readAgent(text, ctx).findings.map((f) => f.rule))];
const seller: ReadContext = { returnPayer: 'seller' };
const extortion: ReadContext = { category: 'malicious' };

describe('T-3 taboo families, with slack', () => {
  it.each([
    ['zh', '没办法，这是常有的事。'],
    ['zh', '这个我们实在是没有什么好的办法了。'],
    ['zh', '抱歉，这事我们也无能为力。'],
    ['zh', '我也不太清楚。'],
    ['zh', '这种问题挺常见的，您别太在意。'],
    ['zh', '物流慢是正常的现象。'],
    ['zh', '是您自己拍错了尺码。'],
    ['zh', '您当时应该先看一下尺码表再下单。'],
    ['zh', '建议您以后下单前仔细核对一下规格。'],
    ['zh', '要是您下单前问一下客服，就不会这样了。'],
    ['zh', '您可以直接联系快递公司问一下。'],
    ['zh', '这是快递的问题，不归我们管。'],
    ['en', "There's nothing we can do."],
    ['en', "I'm afraid there's not much more that we can do."],
    ['en', 'Sorry, it is out of our hands.'],
    ['en', "I honestly don't know."],
    ['en', 'This happens a lot with online orders.'],
    ['en', 'Scratches like this are pretty common, to be honest.'.replace('Scratches like this', 'Issues like this')],
    ['en', "That's your own fault for ordering the wrong size."],
    ['en', 'You should have read the description before buying.'],
    ['en', 'It would have been better if you had measured first.'],
    ['en', 'Next time, please double-check the size chart.'],
    ['en', 'You will need to contact the courier yourself.'],
    ['en', "That's not our department."],
  ])('%s: "%s"', (_lang, text) => {
    expect(rules(text)).toContain('T-3');
  });

  it.each([
    '非常抱歉让您久等，我马上帮您查，1小时内回复您。',
    '不知道您是否方便拍一张照片？',
    '我暂时不清楚具体原因，我马上帮您核实，半小时内回复您。',
    '物流已经恢复正常，预计明天送达。',
    '我们会联系快递公司核实，今天给您答复。',
    '请问您是否按照说明书安装？',
    "I'm sorry for the wait; I'll chase the courier and update you by noon.",
    "I don't know yet, but I'll check with the warehouse and reply within an hour.",
    'You should have received an email with the tracking number.',
    'Tracking is back to normal and the parcel should arrive tomorrow.',
    'We will contact the courier and get back to you today.',
  ])('clean: "%s"', (text) => {
    expect(rules(text)).not.toContain('T-3');
  });
});

describe('T-4: value for a review, review changes, threats', () => {
  it.each([
    ['zh', '好评返现5元哦。'],
    ['zh', '只要您给个五星好评，我们就送您一个小礼物。'],
    ['zh', '您把差评删了，我马上给您补偿20元。'],
    ['zh', '追评晒图可以领一张10元券。'],
    ['zh', '麻烦您把评价改一下吧。'],
    ['zh', '再闹我们就把您拉黑。'],
    ['zh', '您继续这样我们会举报您的账号。'],
    ['zh', '否则我们将追究您的法律责任。'],
    ['en', 'We can offer a $5 coupon for a 5-star review.'],
    ['en', 'If you could change your rating to five stars, we would send you a little gift.'],
    ['en', "We'll refund the shipping. All we ask in return is that you update your review."],
    ['en', 'Could you please remove the negative review?'],
    ['en', 'If this continues we will have to blacklist you.'],
    ['en', 'We may report your account to the platform.'],
    ['en', 'Delete that review or else.'],
  ])('%s: "%s"', (_lang, text) => {
    expect(rules(text)).toContain('T-4');
  });

  it('a polite request to update the review passes only once the case is solved', () => {
    const ask = 'Now that the replacement has arrived, would you consider updating your review?';
    expect(rules(ask)).toContain('T-4');
    expect(rules(ask, { solved: true })).not.toContain('T-4');
    expect(rules('问题已经解决了，方便的话可以追评一下吗？', { solved: true })).not.toContain('T-4');
  });

  it.each([
    '我们绝不会用返现换好评。',
    '感谢您的评价，我们会继续改进。',
    'Thank you for your feedback, we take every review seriously.',
    'We never offer rewards for reviews.',
  ])('clean: "%s"', (text) => {
    expect(rules(text)).not.toContain('T-4');
  });
});

describe('P-3: never ask for card numbers, CVV, passwords, codes or card photos', () => {
  it.each([
    ['zh', '请提供一下您的银行卡号。'],
    ['zh', '麻烦把卡背面的三位安全码发给我。'],
    ['zh', '请把收到的验证码告诉我。'],
    ['zh', '为了核实，请拍一下银行卡正反面的照片。'],
    ['zh', '您的支付密码是多少？请发给我核对。'],
    ['en', 'Please send me your card number so I can check.'],
    ['en', 'Could you share the CVV on the back of your card?'],
    ['en', 'What is the one-time code you just received?'],
    ['en', 'Please upload a photo of both sides of your bank card.'],
    ['en', 'May I have your password to look into the account?'],
  ])('%s: "%s"', (_lang, text) => {
    expect(rules(text)).toContain('P-3');
  });

  it.each([
    '我们不会向您索要密码或验证码，请勿透露给任何人。',
    '请提供一下卡号后四位，方便核对扣款。',
    'We will never ask for your password or card details.',
    'The refund goes back to the card you paid with.',
    'Please confirm the last four digits of the card.',
  ])('clean: "%s"', (text) => {
    expect(rules(text)).not.toContain('P-3');
  });
});

describe('M-1: money or off-platform contact in an extortion case', () => {
  it.each([
    ['zh', '好吧，我们私下转您100元。'],
    ['zh', '加我微信，我们好商量。'],
    ['zh', '我们可以给您一些补偿，您看怎么样？'],
    ['zh', '给您发个红包，别差评了。'],
    ['en', "OK, I'll send you $60 right away."],
    ['en', "Let's continue on WhatsApp."],
    ['en', 'Message me on t.me/shopdeals and we can sort it out.'],
    ['en', 'We can give you a coupon to make up for it.'],
  ])('%s: "%s"', (_lang, text) => {
    expect(rules(text, extortion)).toContain('M-1');
  });

  it.each([
    '经核实，您的订单已签收，我们无法提供补偿。',
    '所有沟通都在平台内进行，我们不使用微信。',
    '如果商品确有质量问题，我们会按平台规定处理。',
    "We can't send money off the platform.",
    'If the item is faulty we will handle it under the platform rules.',
  ])('clean: "%s"', (text) => {
    expect(rules(text, extortion)).not.toContain('M-1');
  });

  it('money is only M-1 in an extortion case', () => {
    expect(rules('我们补偿您5元优惠券。')).not.toContain('M-1');
  });
});

describe('§4: the customer told to pay return postage the seller owes', () => {
  it.each([
    ['zh', '退回的运费需要您自己承担。'],
    ['zh', '运费自理哦。'],
    ['zh', '邮费需要亲先垫付，我们不报销。'],
    ['zh', '退款时会从退款里扣除运费。'],
    ['en', "You'll need to pay for the return shipping."],
    ['en', 'Return postage is at your own expense.'],
    ['en', 'The return shipping cost will be deducted from your refund.'.replace('The return shipping cost will be deducted from your refund', 'We will deduct the return shipping from your refund')],
  ])('%s: "%s"', (_lang, text) => {
    expect(rules(text, seller)).toContain('§4');
  });

  it.each([
    '退货运费由我们承担。',
    '运费您不用承担，我们会安排上门取件。',
    "Return shipping is on us.",
    "You don't need to pay for the return shipping; we'll email a prepaid label.",
  ])('clean: "%s"', (text) => {
    expect(rules(text, seller)).not.toContain('§4');
  });

  it('when the customer pays by §4 (change of mind), saying so is right', () => {
    expect(rules('七天无理由退货的运费需要您承担。', { returnPayer: 'customer' })).not.toContain('§4');
  });
});

describe('T-6: public vs private', () => {
  const customerText = '我的地址是浙江省杭州市西湖区文三路99号，电话13812345678';
  it('a private reply may repeat the customer\'s own address or phone to confirm a reship', () => {
    expect(rules('我们会把补发的商品寄到浙江省杭州市西湖区文三路99号，到时会打13812345678联系您。', { customerText })).not.toContain('T-6');
  });
  it('a public reply may not', () => {
    expect(rules('已补发到浙江省杭州市西湖区文三路99号。', { customerText, public: true })).toContain('T-6');
  });
  it('nothing else, even privately: an ID number, another phone, a card number', () => {
    expect(rules('您的身份证110101199003074514已登记。', { customerText })).toContain('T-6');
    expect(rules('有事打我电话13900001111。', { customerText })).toContain('T-6');
    expect(rules('卡号4111 1111 1111 1111已记录。', { customerText })).toContain('T-6');
  });
  it('a lone private sentence (no conversation known) may repeat an address or phone for a reship, nothing else', () => {
    expect(rules('补发的包裹会寄到浙江省杭州市西湖区文三路99号。')).not.toContain('T-6');
    expect(rules('We will reship to 42 Willow Lane, apt 3B.')).not.toContain('T-6');
    expect(rules('We will reship to 42 Willow Lane, apt 3B.', { public: true })).toContain('T-6');
    expect(rules("I'll call you at (415) 555-0123 to confirm.")).toContain('T-6');
  });
    it('quotes mask the datum', () => {
    const f = readAgent('您的身份证110101199003074514已登记。').findings.find((x) => x.rule === 'T-6');
    expect(f?.quote).not.toContain('110101199003074514');
    expect(f?.quote).toMatch(/4514$/);
  });
});

describe('offers read from the text', () => {
  it('reads {kind, payer, amount}', () => {
    const order = { id: 'T1', currency: 'CNY', items: [], totalMinor: 19900, shippingFeeMinor: 0, freeShipping: true };
    const r = readAgent('我们退您30元差价。退货运费由我们承担。这一单给您免单。', { order });
    expect(r.offers).toEqual(expect.arrayContaining([
      expect.objectContaining({ kind: 'price_difference', payer: 'seller', amountMinor: 3000 }),
      expect.objectContaining({ kind: 'postage', payer: 'seller' }),
      expect.objectContaining({ kind: 'free_order', amountMinor: 19900 }),
    ]));
  });
});

describe('T-5: a public reply only states the problem was handled', () => {
  it('amounts in a public reply are details for the private chat', () => {
    expect(rules('We have refunded you $20.00 and sent a coupon.', { public: true })).toContain('T-5');
    expect(rules('已为您退款¥20.00。', { public: true })).toContain('T-5');
  });
  it('saying it was handled is fine, and a private reply may name the amount', () => {
    expect(rules('Thank you for your feedback; we have contacted you privately and resolved the issue.', { public: true })).toEqual([]);
    expect(rules('We have refunded you $20.00.')).not.toContain('T-5');
  });
});
