import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/core/classify/classify.ts';
import { mentionsAmount } from '../../../src/core/classify/judge-malicious.ts';
import type { Category, CustomerContext } from '../../../src/core/types.ts';

const cat = (text: string, customer?: CustomerContext) => classify({ text, customer });

describe('classify: POLICY.md §1 subtypes from what customers write', () => {
  it.each([
    ['L-1 not_shipped', '亲,付款五天了还没发货', 'logistics', 'not_shipped'],
    ['L-2 no_tracking', 'The tracking number shows nothing, no info at all', 'logistics', 'no_tracking'],
    ['L-3 not_received', '物流显示已签收,但我没收到', 'logistics', 'not_received'],
    ['L-3 tracking_anomaly', 'package stuck in customs for three weeks', 'logistics', 'tracking_anomaly'],
    ['L-4 missing_item', '买了两件只收到一件,少发了', 'logistics', 'missing_item'],
    ['L-5 wrong_item', 'You sent me the wrong size', 'logistics', 'wrong_item'],
    ['L-6 promo_delay', '双十一买的到现在还没发,太慢了', 'logistics', 'promo_delay'],
    ['L-7 lost_or_damaged', 'the box arrived crushed and the glass is shattered', 'logistics', 'lost_or_damaged'],
    ['Q-1 minor_defect', '袖子上有个线头,小瑕疵', 'quality', 'minor_defect'],
    ['Q-2 quality_problem', 'It stopped working after two days', 'quality', 'quality_problem'],
    ['Q-3 not_as_described', '色差太大,跟描述不符', 'quality', 'not_as_described'],
    ['Q-4 counterfeit_claim', 'these are fake, not authentic at all', 'quality', 'counterfeit_claim'],
    ['Q-5 warranty_repair', '还在保修期,怎么寄修', 'quality', 'warranty_repair'],
    ['Q-6 change_of_mind', 'I changed my mind, can I return it? unopened', 'quality', 'change_of_mind'],
    ['P-1 price_drop', '刚买就降价了,能退差价吗', 'price', 'price_drop'],
    ['P-2 shipping_fee', 'The listing said free shipping but I was charged shipping', 'price', 'shipping_fee'],
    ['P-3 payment_issue', '同一个订单扣了两次钱', 'price', 'payment_issue'],
    ['P-4 price_difference', 'the coupon was not applied at checkout', 'price', 'price_difference'],
  ])('%s', (_rule, text, category, subtype) => {
    const c = cat(text);
    expect([c.category, c.subtype]).toEqual([category, subtype]);
    expect(c.confidence).toBeGreaterThan(0.35);
    expect(c.signals.length).toBeGreaterThan(0);
  });

  it('explains the decision through its signals', () => {
    expect(cat('亲,少发了一件').signals).toContain('zh:少发');
    expect(cat('my parcel never arrived').signals).toContain('en:never arriv*');
  });
});

describe('classify: hard negatives — angry, rude or threatening, but a concrete problem and no money demand', () => {
  it.each<[string, string, Category]>([
    ['the brief: 开胶 + 不退就差评 is quality', '鞋子开胶了,不退我就差评', 'quality'],
    ['the brief: BBB report + parcel never came is logistics', "I'll report you to the BBB, the parcel never came", 'logistics'],
    ['12315 threat over an unshipped order', '付款一周了还不发货,再拖我就打12315投诉', 'logistics'],
    ['one-star threat over a broken item, asking a replacement', 'The blender stopped working after two days, I will leave a one-star review if you do not replace it', 'quality'],
    ['1-star threat over a broken item', 'Absolute garbage, it stopped working after a day. Refund me or I leave 1 star.', 'quality'],
    ['swearing over a lost parcel', '妈的,快递把我的包裹弄丢了', 'logistics'],
    ['lawyer threat with a concrete defect', 'I will call my lawyer, the heater sparked and burned the carpet', 'quality'],
    ['chargeback threat over a double charge', 'You charged me twice, fix it or I file a chargeback', 'price'],
    ['差评 over a price drop, asking the difference with an amount', '降价了30块,给我退差价,不然差评', 'price'],
    ['complaint to the platform over a wrong item', '发错颜色了还不理人,我要投诉到平台', 'logistics'],
    ['counterfeit claim with a report threat', "These are fake. I'm reporting you for selling counterfeits.", 'quality'],
  ])('%s', (_name, text, category) => {
    expect(cat(text).category).toBe(category);
  });

  it('LABELLING.md 7: the threat over a real problem is a secondary malicious signal for the supervisor (M-2)', () => {
    expect(cat('鞋子开胶了,不退我就差评').secondary).toContain('malicious');
    expect(cat('妈的,快递把我的包裹弄丢了').secondary).not.toContain('malicious');
  });

  it.each([
    ['差评 with no problem and no money', '你们服务态度太差了,我要给差评'],
    ['"I\'ll report you" alone', "I'm going to report you."],
    ['投诉 with no problem', '等着,我会去投诉的'],
  ])('%s → other, not malicious', (_name, text) => {
    expect(cat(text).category).toBe('other');
  });
});

describe('classify: malicious (POLICY.md §2, M-1)', () => {
  it.each([
    ['threat + money → extortion', '给我转200块,不然给你差评', 'extortion', 'threat+money'],
    ['threat + money (en) → extortion', 'Pay me $30 or I leave a 1 star review on every item', 'extortion', 'threat+money'],
    ['good review for money → extortion', '给我50块红包我就改好评', 'extortion', 'review-for-money'],
    ['extortion even with a trivial real flaw', '有个线头,赔我300块精神损失费,不然12315投诉', 'extortion', 'threat+money'],
    ['WeChat → off_platform (M-S1)', '加我微信私聊,这里不方便', 'off_platform', 'M-S1'],
    ['money on WhatsApp or one-star reviews → extortion', 'Send me $50 on WhatsApp or I leave one-star reviews on all your products.', 'extortion', 'threat+money'],
    ['WhatsApp → off_platform (M-S1)', 'add me on whatsapp, we settle it privately', 'off_platform', 'off-platform'],
    ['announced buy-then-refund → serial_abuse', 'I will buy again and refund again, every time', 'serial_abuse', 'buy-refund-repeat'],
  ])('%s', (_name, text, subtype, signal) => {
    const c = cat(text);
    expect([c.category, c.subtype]).toEqual(['malicious', subtype]);
    expect(c.signals).toContain(signal);
    expect(c.confidence).toBeGreaterThanOrEqual(0.7);
  });

  it('a bare legal threat with no concrete problem and no demand is not a dispute that pays: a human reads it', () => {
    // The rule's verdict (legal-threat-no-problem) decides only when the model gives malicious ≥ 0.2.
    expect(['malicious', 'other']).toContain(cat('My lawyer will contact you. Expect legal action.').category);
  });

  it('M-S2 + M-S4 + M-S8 profile with an out-of-proportion demand → pro_bad_reviewer', () => {
    const c = cat('东西不好,要求赔偿300元', { accountAgeDays: 3, reviewCount: 20, negativeReviewRatio: 0.95 });
    expect([c.category, c.subtype]).toEqual(['malicious', 'pro_bad_reviewer']);
    expect(c.signals).toEqual(expect.arrayContaining(['acct:M-S2', 'acct:M-S4', 'acct:M-S8']));
  });

  it('LABELLING.md 9: the §2 profile with a refund-and-keep demand → malicious (English, no amount named)', () => {
    const c = cat('Poor quality. Full refund and I am keeping it.', { accountAgeDays: 5, reviewCount: 18, negativeReviewRatio: 0.94, refundCount90d: 9, chatAccountMatchesBuyer: false });
    expect(c.category).toBe('malicious');
    expect(c.signals).toEqual(expect.arrayContaining(['acct:M-S2', 'acct:M-S7']));
  });

  it.each([
    ['zh', '鞋子穿了两天就开胶了，给我换一双，不换我就差评'],
    ['en', "The kettle stopped heating after a week. Replace it or I'm leaving a one-star review."],
  ])('LABELLING.md 7: a threat over a real problem asking only the normal remedy keeps its category, malicious secondary (%s)', (_lang, text) => {
    const c = cat(text);
    expect(c.category).toBe('quality');
    expect(c.secondary).toContain('malicious');
  });

  it('"every time" in a complaint is not a serial pattern', () => {
    expect(cat('The heater trips the breaker every time I turn it on').category).toBe('quality');
  });

  it('M-S7 (many refunds) + refusing every remedy → serial_abuse', () => {
    const c = cat('任何方案我都不接受,就要差评', { refundCount90d: 8 });
    expect([c.category, c.subtype]).toEqual(['malicious', 'serial_abuse']);
    expect(c.signals).toContain('acct:M-S7');
  });

  it('M-2 a suspicious account with a concrete problem keeps its category; malicious is secondary', () => {
    const c = cat('少发了一件,麻烦补发', { accountAgeDays: 2, reviewCount: 0, hasAvatar: false, chatAccountMatchesBuyer: false });
    expect(c.category).toBe('logistics');
    expect(c.secondary).toContain('malicious');
    expect(c.signals).toEqual(expect.arrayContaining(['acct:M-S2', 'acct:M-S6']));
  });

  it('a long-standing ordinary account adds no malicious signal', () => {
    const c = cat('一直没收到货', { accountAgeDays: 400, reviewCount: 25, negativeReviewRatio: 0.04, refundCount90d: 0, chatAccountMatchesBuyer: true });
    expect(c.category).toBe('logistics');
    expect(c.secondary).not.toContain('malicious');
    expect(c.signals.some((s) => s.startsWith('acct:'))).toBe(false);
  });

  it('paying with WeChat Pay is not an off-platform request', () => {
    expect(cat('微信支付显示成功,订单还是待付款').category).toBe('price');
  });
});

describe('classify: non-disputes and thin evidence → other', () => {
  it.each([
    ['stock question', '亲,这款还有货吗?'],
    ['restock question', 'When will the blue one be back in stock?'],
    ['thanks', '收到了,很喜欢,谢谢掌柜'],
    ['thanks (en)', 'Thank you, it arrived and works perfectly 👍'],
    ['invoice request', '麻烦开一张发票'],
    ['invoice request (en)', 'Can I get an invoice for my company?'],
    ['greeting', '在吗'],
    ['greeting (en)', 'hello'],
    ['warranty question before buying', 'What is the warranty period on this item?'],
    ['order change before shipping', '可以修改一下订单的颜色吗?还没发货'],
    ['a lone weak word', '单号'],
  ])('%s', (_name, text) => {
    const c = cat(text);
    expect(c.category).toBe('other');
    expect(c.subtype).toBe('');
    expect(c.secondary).toEqual([]);
  });
});

describe('classify: how customers really type', () => {
  it.each([
    ['emoji', '📦 arrived smashed 💔 the mug is in pieces', 'lost_or_damaged'],
    ['emoji (zh)', '等了半个月还没收到😭😭😭', 'not_received'],
    ['full-width', 'ＰＡＣＫＡＧＥ ＮＯＴ ＲＥＣＥＩＶＥＤ！', 'not_received'],
    ['traditional characters', '寄錯顏色了,我要的是白色', 'wrong_item'],
    ['traditional characters (price)', '優惠券沒有扣,多付了錢', 'price_difference'],
    ['mixed zh/en', '我的package还没到,tracking说delivered了', 'not_received'],
    ['mixed en/zh', 'price drop after I buy, pls 退差价', 'price_drop'],
    ['typos', 'i havent recieved my parcle yet', 'not_received'],
    ['zh typo 差平', '差平!东西质量太差,一用就坏', 'quality_problem'],
    ['zero-width characters', '少\u200b发\u200b了一件', 'missing_item'],
  ])('%s', (_name, text, subtype) => {
    expect(cat(text).subtype).toBe(subtype);
  });
});

describe('classify: secondary categories', () => {
  it('late AND broken carries both concerns', () => {
    const c = cat('The parcel arrived two weeks late and the zipper is broken');
    expect(new Set([c.category, ...c.secondary])).toEqual(new Set(['logistics', 'quality']));
  });

  it('晚到 AND 没声音 carries both concerns', () => {
    const c = cat('快递晚到了一个星期,而且耳机没声音');
    expect(new Set([c.category, ...c.secondary])).toEqual(new Set(['logistics', 'quality']));
  });

  it('a single concern has no secondary', () => {
    expect(cat('耳机没声音了').secondary).toEqual([]);
  });
});

describe('classify: edges', () => {
  it('an empty message is other with no crash', () => {
    const c = classify({ text: '' });
    expect(c).toMatchObject({ category: 'other', subtype: '', secondary: [] });
    expect(c.confidence).toBeGreaterThanOrEqual(0);
    expect(c.confidence).toBeLessThanOrEqual(1);
  });

  it('a 50 000-character message gets a sane answer with a bounded signal list', () => {
    const text = '我买的耳机没声音了,质量太差。'.repeat(3400).slice(0, 50_000);
    expect(text.length).toBe(50_000);
    const c = classify({ text });
    expect([c.category, c.subtype]).toEqual(['quality', 'quality_problem']);
    expect(c.signals.length).toBeLessThanOrEqual(16);
    expect(c.confidence).toBeLessThanOrEqual(0.99);
  });

  it('a 50 000-character message of noise is other', () => {
    const c = classify({ text: 'ab1 😀 '.repeat(10_000) });
    expect(c.category).toBe('other');
  });

  it('is deterministic', () => {
    const input = { text: 'Pay me $50 or 1 star', customer: { accountAgeDays: 1 } };
    expect(classify(input)).toEqual(classify(input));
  });
});

describe('classify: numbers that are not money demands', () => {
  it.each([
    ['phone calls counted', '打了10个电话都没人接,东西还没收到,差评', 'logistics'],
    ['the 12315 hotline', '给我退款,不然我就打12315投诉,快递一直没到', 'logistics'],
    ['a price-drop difference with an amount', '降价了50元,给我补差价,不然差评', 'price'],
  ])('%s', (_name, text, category) => {
    expect(cat(text).category).toBe(category);
  });
});

describe('classify: the structure of a demand, in words no lexicon lists', () => {
  it.each([
    ['zh', '换新的不要，补发也不要，优惠券更不要，我就是要给你们差评'],
    ['en', "I don't want a replacement and I don't want a voucher either. I'm leaving one star and that's that."],
  ])('LABELLING.md 10: two or more remedies refused one by one, with a threat → serial_abuse (%s)', (_lang, text) => {
    expect([cat(text).category, cat(text).subtype]).toEqual(['malicious', 'serial_abuse']);
  });

  it.each([
    ['zh', '杯子边上有个小磕碰，寄回去太麻烦了，我留着用，能退一部分钱吗'],
    ['en', 'The mug has a small chip on the rim. Posting it back is a hassle, so I would keep it if you could refund part of the price.'],
  ])('Q-2: keeping a flawed item for a partial refund is the normal remedy, not refund-and-keep (%s)', (_lang, text) => {
    expect(cat(text).category).toBe('quality');
  });

  it.each([
    ['zh', '杯子边上有个小磕碰，全款退给我，杯子我不寄回，不然差评'],
    ['en', "The mug has a small chip. Refund the full price, I'm keeping it, or it's a one-star review."],
  ])('LABELLING.md 6: a full refund while keeping the item, tied to a threat → malicious (%s)', (_lang, text) => {
    expect(cat(text).category).toBe('malicious');
  });

  it.each([
    ['衬衫前襟有一块指甲盖大小的油渍', false],
    ['屏幕上两块亮斑', false],
    ['给我五块吧', true],
    ['两块钱的东西', true],
    ['赔我五十块', true],
    ['两千块营养费', true],
  ])('一块 before a noun is a piece, not a yuan; a larger number with 块 is money: %s → %s', (text, money) => {
    expect(mentionsAmount(text)).toBe(money);
  });
});
