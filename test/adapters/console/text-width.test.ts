import { describe, expect, it } from 'vitest';
import { displayWidth, padDisplay, truncateDisplay, wrapDisplay } from '../../../src/adapters/console/text-width.ts';
import { createStyle } from '../../../src/adapters/console/style.ts';

describe('terminal width of text', () => {
  it('counts CJK and full-width characters as two columns, ANSI codes as none', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('少发了')).toBe(6);
    expect(displayWidth('T恤，好')).toBe(7);
    expect(displayWidth(createStyle(true).red('红色'))).toBe(4);
  });

  it('pads mixed text to the same column', () => {
    const rows = [padDisplay('物流', 10) + '|', padDisplay('logistics', 10) + '|', padDisplay('少发 x', 10) + '|'];
    expect(new Set(rows.map(displayWidth))).toEqual(new Set([11]));
  });

  it('wraps Chinese between characters and English between words, never past the width', () => {
    const zh = wrapDisplay('亲，非常抱歉给您带来不便，我们已经为您安排补发缺少的白色T恤，请注意查收。', 20);
    expect(zh.length).toBeGreaterThan(1);
    for (const l of zh) expect(displayWidth(l)).toBeLessThanOrEqual(20);
    expect(zh.join('')).toBe('亲，非常抱歉给您带来不便，我们已经为您安排补发缺少的白色T恤，请注意查收。');
    expect(wrapDisplay('we are very sorry for the trouble', 12)).toEqual(['we are very', 'sorry for', 'the trouble']);
  });

  it('truncates by columns', () => {
    expect(truncateDisplay('白色T恤少发了一件', 9)).toBe('白色T恤…');
    expect(displayWidth(truncateDisplay('白色T恤少发了一件', 9))).toBeLessThanOrEqual(9);
  });

  it('plain style adds no escape codes', () => {
    expect(createStyle(false).red('x')).toBe('x');
  });
});
