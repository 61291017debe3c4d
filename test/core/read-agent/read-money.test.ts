import { describe, expect, it } from 'vitest';
import { parseChineseNumeral, parseEnglishNumber, readMoney, readPercents, readPromises } from '../../../src/core/read-agent/read-money.ts';

const amounts = (text: string) => readMoney(text).map((m) => m.major);

describe('readMoney — every numeral form is money', () => {
  it.each([
    ['我们会退您¥5,000现金', 5000],
    ['退款￥59.9已原路返回', 59.9],
    ['给您补偿伍佰元', 500],
    ['另外给您5仟元', 5000],
    ['赔您五千人民币', 5000],
    ['补偿您两百', 200],
    ['再给您壹仟贰佰元', 1200],
    ['一千二百元已经退回', 1200],
    ['给您退两百五十块钱', 250],
    ['补偿您50块', 50],
    ['RMB 88 will be refunded', 88],
    ['we will refund 20 USD', 20],
    ['I can send you $5k', 5000],
    ['that is 3.5k back to you', 3500],
    ['how about five grand', 5000],
    ['fifty bucks for your trouble', 50],
    ['a hundred dollars credit', 100],
    ['two hundred and fifty dollars', 250],
    ['we can refund you 30 today', 30],
    ['2万元的赔偿', 20000],
  ])('"%s" → %d', (text, major) => {
    expect(amounts(text)).toEqual([major]);
  });

  it('names the currency the words give, or none', () => {
    expect(readMoney('$12.50')[0]?.currency).toBe('USD');
    expect(readMoney('12元')[0]?.currency).toBe('CNY');
    expect(readMoney('补偿您两百')[0]?.currency).toBeNull();
  });
});

describe('readMoney — times, dates, ids, counts and percentages are not money', () => {
  it.each([
    '订单12345678于2026-12-02 10:30发货',
    '3个工作日内到账',
    '退款将在24小时内到账',
    '给您一张优惠券',
    '补发一块电池给您',
    '顺丰单号SF1234567890',
    'your order #10293 ships in 2 days',
    'we will refund you within 5 business days',
    'it weighs 5 kg',
    '30% off your next order',
    'give you 2 options',
    '元旦前送达',
    'we refund $48.00 within 24 hours'.replace('$48.00', 'it'),
  ])('"%s"', (text) => {
    expect(amounts(text)).toEqual([]);
  });
});

describe('numerals', () => {
  it.each([['一千二', 1200], ['两百五', 250], ['一万五', 15000], ['三点五', 3.5], ['一百零五', 105], ['壹万贰仟', 12000], ['十五', 15], ['伍佰', 500]])('%s → %d', (s, n) => {
    expect(parseChineseNumeral(s)).toBe(n);
  });
  it.each([['five', 5], ['twenty five', 25], ['two hundred and fifty', 250], ['a thousand', 1000]])('%s → %d', (s, n) => {
    expect(parseEnglishNumber(s)).toBe(n);
  });
});

describe('promises and percentages', () => {
  it.each([
    ['这一单给您免单', 'free_order'],
    ['我们双倍退款给您', 'double'],
    ['假一赔十', 'double'],
    ['we will refund double what you paid', 'double'],
    ['we will add some extra cash on top of the refund', 'cash_on_top'],
    ['退款之外再额外补偿您一些', 'cash_on_top'],
  ])('"%s" promises %s', (text, kind) => {
    expect(readPromises(text).map((p) => p.kind)).toContain(kind);
  });
  it('reads percentages for the reader to judge', () => {
    expect(readPercents('退您30%的货款').map((p) => p.percent)).toEqual([30]);
    expect(readPercents('refund 15 percent').map((p) => p.percent)).toEqual([15]);
  });
});
