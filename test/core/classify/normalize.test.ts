import { describe, expect, it } from 'vitest';
import { normalizeText, toSimplified } from '../../../src/core/classify/normalize.ts';

describe('normalizeText', () => {
  it.each([
    ['full-width letters and punctuation → half-width', 'ＭＹ ＯＲＤＥＲ！', 'my order!'],
    ['full-width digits and yen sign', '¥９９，少发１件', '¥99,少发1件'],
    ['traditional → simplified for lexicon characters', '發錯貨了，差評', '发错货了,差评'],
    ['zero-width and BOM characters removed', '少\u200b发\u200d了\ufeff', '少发了'],
    ['pinyin slip 差平 → 差评', '差平预定', '差评预定'],
    ['pinyin slip 威信 → 微信', '加我威信', '加我微信'],
    ['English typos', 'i havent recieved my parcle', 'i have not received my parcel'],
    ['contractions expanded', "It hasn't arrived, I can't wait", 'it has not arrived, i can not wait'],
    ['curly apostrophe contractions', 'It doesn’t work', 'it does not work'],
    ['filler words dropped', 'it has not even shipped yet', 'it has not shipped'],
    ['emoji kept, whitespace collapsed', '  等了😭\n\n半个月 ', '等了😭 半个月'],
    ['colour → color', 'Wrong COLOUR', 'wrong color'],
  ])('%s', (_name, input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('leaves simplified text untouched', () => {
    expect(toSimplified('物流显示已签收')).toBe('物流显示已签收');
  });

  it('is linear: a 50 000-char message normalises', () => {
    const long = '發貨了嗎？It hasn\u2019t arrived 😡 '.repeat(2000);
    const out = normalizeText(long);
    expect(out.length).toBeGreaterThan(40_000);
    expect(out).toContain('发货了吗?it has not arrived');
  });
});
