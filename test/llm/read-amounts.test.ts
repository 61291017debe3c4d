import { describe, expect, it } from 'vitest';
import { parseChineseNumeral, readAmounts, readIdentifiers, readItemCounts } from '../../src/llm/read-amounts.ts';

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);

describe('readAmounts', () => {
  it('reads digits with separators and decimals, full-width too', () => {
    expect(sorted(readAmounts('退款 ¥59.90，共 1,000 元，订单 T1001，５０元'))).toEqual([50, 59.9, 1000, 1001]);
  });
  it('reads Chinese numerals that carry a unit', () => {
    expect(sorted(readAmounts('补偿两百元，三天内到，百分之二十'))).toEqual([3, 20, 200]);
  });
  it('does not read 一下 / 一起 / 万一 as amounts', () => {
    expect(readAmounts('请您稍等一下，我们一起看看，万一还有问题')).toEqual([]);
  });
  it('reads English number words with a unit or a scale, not "no one"', () => {
    expect(sorted(readAmounts('We will add two hundred dollars within three days'))).toEqual([3, 200]);
    expect(readAmounts('no one likes waiting; it is one of those days')).toEqual([]);
    expect(readAmounts('a thousand apologies')).toEqual([1000]);
  });
  it('parses Chinese numerals', () => {
    expect(parseChineseNumeral('两百五十')).toBe(250);
    expect(parseChineseNumeral('十二')).toBe(12);
    expect(parseChineseNumeral('一万零五')).toBe(10005);
  });
});

describe('readItemCounts', () => {
  it('reads counts of items, not amounts or durations', () => {
    expect(sorted(readItemCounts('买了三件只收到2件，等了5天，退我1000元'))).toEqual([2, 3]);
    expect(readItemCounts('I ordered two shirts, got 1 item, refund 1000 please')).toEqual([2, 1]);
  });
});

describe('readIdentifiers', () => {
  it('finds order and tracking numbers as written, not amounts', () => {
    expect(readIdentifiers('订单T1001还没到，运单号：SF1234567890，#4471 也一样，退我1000元')).toEqual(['T1001', 'SF1234567890', '#4471']);
    expect(readIdentifiers('订单号 202611240001 的衣服')).toEqual(['202611240001']);
    expect(readIdentifiers('refund 1000 dollars now')).toEqual([]);
  });
});
