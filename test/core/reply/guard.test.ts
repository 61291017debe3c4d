import { describe, expect, it } from 'vitest';
import { findPersonalData, findTaboos, redactPersonalData } from '../../../src/core/reply/guard.ts';

describe('findTaboos — T-3 taboo phrases', () => {
  it.each([
    ['T-3 不知道', '这个我不知道，您自己查一下吧', '不知道'],
    ['T-3 没办法', '快递暴力导致的，我们也没办法', '没办法'],
    ['T-3 这是常有的事', '亲，这是常有的事，耐心等等', '这是常有的事'],
    ['T-3 blaming the customer (zh)', '是您自己拍错了', '是您自己'],
    ['T-3 passing it on (zh)', '这个您去找快递吧', '去找快递吧'],
    ['T-3 "there\'s nothing we can do"', "Sorry, there's nothing we can do.", "there's nothing we can do"],
    ['T-3 "this happens all the time"', 'Relax, this happens all the time.', 'this happens all the time'],
    ['T-3 I don\'t know', "I don't know where your parcel is.", "I don't know"],
    ['T-3 I don’t know, typed with a curly apostrophe', 'I don’t know where your parcel is.', "I don't know"],
    ['T-3 blaming the customer (en)', "It's your own fault for choosing the wrong size.", "It's your own fault"],
    ['T-3 not our problem', 'That is not our problem, contact the courier yourself.', 'not our problem'],
    ['T-3 passing it on (en)', "You'll have to take it up with the courier.", "You'll have to take it up with the courier"],
  ])('%s', (_name, text, quote) => {
    const hits = findTaboos(text);
    expect(hits.map((h) => h.quote)).toContain(quote);
    expect(hits.find((h) => h.quote === quote)?.rule).toBe('T-3');
  });
});

describe('findTaboos — T-4 compliance', () => {
  it.each([
    ['T-4 好评返现', '给个好评返现5元哦', 'T-4'],
    ['T-4 cash for a five-star review', "Leave a five-star review and we'll send you $5 cash.", 'T-4'],
    ['T-4 forcing a review change', '您必须删掉差评，否则我们不处理', 'T-4'],
    ['T-4 threatening the customer (zh)', '不改评价的话后果自负', 'T-4'],
    ['T-4 threatening the customer (en)', 'Remove the review or else.', 'T-4'],
    ['T-4 refund for a positive review', 'We will refund you if you leave a positive review.', 'T-4'],
  ])('%s', (_name, text, rule) => {
    expect(findTaboos(text).map((h) => h.rule)).toContain(rule);
  });
});

describe('findTaboos — what a good agent says passes', () => {
  it.each([
    '亲，非常理解您的心情，我们马上给您补发，补发后1小时内把单号发给您。',
    '不知道您是否方便拍一张照片给我们？',
    "I'm sorry your parcel arrived damaged. We'll reship it today and send the tracking number within 1 hour.",
    'If everything is sorted, would you consider updating your review? No pressure at all.',
    "We'll take it up with the courier ourselves, so you don't have to.",
  ])('%s', (text) => {
    expect(findTaboos(text)).toEqual([]);
  });

  it('filters by language', () => {
    const text = "没办法 / there's nothing we can do";
    expect(findTaboos(text, 'zh').map((h) => h.quote)).toEqual(['没办法']);
    expect(findTaboos(text, 'en').map((h) => h.quote)).toEqual(["there's nothing we can do"]);
  });
});

describe('findPersonalData / redactPersonalData — T-6', () => {
  it.each([
    ['CN mobile', '我的手机13812345678', '13812345678'],
    ['CN mobile with spaces and +86', '电话 +86 138 1234 5678 谢谢', '+86 138 1234 5678'],
    ['landline', '座机021-62345678', '021-62345678'],
    ['US phone', 'call me at (415) 555-0123', '(415) 555-0123'],
    ['international phone', 'my number is +44 20 7946 0958', '+44 20 7946 0958'],
    ['email', 'write to li.ming+shop@example.com please', 'li.ming+shop@example.com'],
    ['CN ID number', '身份证110101199003071234', '110101199003071234'],
    ['CN ID number with X', '身份证号 11010119900307123X', '11010119900307123X'],
    ['zh street address', '寄到杭州市西湖区文三路100号3栋2单元501室', '文三路100号3栋2单元501室'],
    ['zh estate address', '我住阳光花园5栋1201室', '阳光花园5栋1201室'],
    ['zh street address typed with spaces', '地址:浙江省杭州市西湖区文三路 99 号', '文三路 99 号'],
    ['zh lane address with spaces', '寄到上海市浦东新区张江路 88 弄 5 号 1201 室', '张江路 88 弄'],
    ['anything after an address label', '收件地址：滨江区某某公寓东门快递柜', '滨江区某某公寓东门快递柜'],
    ['en street address', 'Ship to 221 Baker Street, Apt 2B, London', '221 Baker Street, Apt 2B'],
  ])('%s', (_name, text, datum) => {
    const found = findPersonalData(text);
    expect(found.some((f) => f.includes(datum))).toBe(true);
    const red = redactPersonalData(text);
    expect(red).not.toContain(datum);
    expect(red).toContain('***');
  });

  it.each([
    '退款¥177.00，订单T1001，预计3–5个工作日',
    'Refund $1,200.00 for order 2026112400123 within 24 hours',
    '江浙沪运费¥6，其他地区¥10–15',
    '2026-11-24T10:00:00+08:00',
    '浙江',
    '请您提供收货地址，我们马上补发',
  ])('does not flag amounts, order ids, dates or bare regions: %s', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });
});
