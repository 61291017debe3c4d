import { describe, expect, it } from 'vitest';
import { isTruncated, splitText, truncate } from '../../../src/adapters/shared/truncate.ts';

describe('truncate', () => {
  it('leaves text within the limit untouched', () => {
    expect(truncate('hello', 5)).toBe('hello');
  });
  it('cuts to the limit and ends with an ellipsis', () => {
    const out = truncate('abcdefghij', 6);
    expect(out).toBe('abcde…');
    expect(out.length).toBeLessThanOrEqual(6);
  });
  it('never splits a surrogate pair (emoji)', () => {
    const text = 'ab😀😀😀';
    for (let max = 1; max < text.length; max++) {
      const out = truncate(text, max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
      expect(out).not.toMatch(/(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });
  it('keeps Chinese characters whole and within the limit', () => {
    const out = truncate('我买的套装少了一个配件怎么回事', 8);
    expect(out).toBe('我买的套装少了…');
  });
  it('keeps a flag emoji (two code points) whole', () => {
    expect(truncate('x🇨🇳🇨🇳', 6)).toBe('x🇨🇳…');
  });
  it('reports whether text would be cut', () => {
    expect(isTruncated('abc', 3)).toBe(false);
    expect(isTruncated('abcd', 3)).toBe(true);
  });
});

describe('splitText', () => {
  it('splits into chunks within the limit that join back to the text', () => {
    const text = '货'.repeat(4000);
    const chunks = splitText(text, 3000);
    expect(chunks.map((c) => c.length)).toEqual([3000, 1000]);
    expect(chunks.join('')).toBe(text);
  });
  it('prefers a line break in the second half of a chunk', () => {
    const chunks = splitText(`${'a'.repeat(8)}\n${'b'.repeat(5)}`, 10);
    expect(chunks).toEqual(['aaaaaaaa', 'bbbbb']);
  });
  it('never splits a surrogate pair', () => {
    const chunks = splitText('😀'.repeat(5), 3);
    expect(chunks.every((c) => c.length <= 3 && !/^[\uDC00-\uDFFF]/.test(c))).toBe(true);
    expect(chunks.join('')).toBe('😀'.repeat(5));
  });
});
