import { describe, expect, it } from 'vitest';
import { detectLang } from '../../../src/core/classify/detect-lang.ts';
import { classify } from '../../../src/core/classify/classify.ts';

describe('detectLang', () => {
  it.each([
    ['plain Chinese', '亲,我的快递还没到', 'zh'],
    ['traditional Chinese', '請問我的訂單怎麼還沒出貨', 'zh'],
    ['plain English', 'My parcel never arrived', 'en'],
    ['full-width English', 'ＭＹ ＯＲＤＥＲ ＩＳ ＷＲＯＮＧ', 'en'],
    ['Chinese with English loan words', '我的package还没到,tracking说delivered了', 'zh'],
    ['English with one Chinese noun', 'The 耳机 I got has no sound on the left side', 'en'],
    ['Chinese with a brand name', '这个charger充不了电', 'zh'],
    ['emoji and digits do not count', '😭😭 等了15天', 'zh'],
  ])('%s → %s', (_name, text, lang) => {
    expect(detectLang(text)).toBe(lang);
  });

  it('empty or emoji-only text falls back (en by default, or the given fallback)', () => {
    expect(detectLang('')).toBe('en');
    expect(detectLang('😡😡', 'zh')).toBe('zh');
  });

  it('classify honours input.lang when given, detects otherwise', () => {
    expect(classify({ text: 'hello', lang: 'zh' }).lang).toBe('zh');
    expect(classify({ text: '你好' }).lang).toBe('zh');
    expect(classify({ text: 'hello' }).lang).toBe('en');
  });
});
