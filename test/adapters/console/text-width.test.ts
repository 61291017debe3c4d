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

describe('wrapDisplay with colour codes', () => {
  const dim = (t: string) => `\u001b[2m${t}\u001b[22m`;
  const text = `Was the fault caused by wrong use? ${dim('[misuse: yes/no]')} and then ${dim('a long dim remark that must wrap over two lines')}`;

  it('never splits a code: no line holds a broken escape ("2m[misuse")', () => {
    for (const width of [10, 20, 33, 36, 40, 50]) {
      for (const line of wrapDisplay(text, width)) {
        const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
        expect(plain).not.toContain('\u001b');
        expect(plain).not.toMatch(/\[(0|2|22)m/); // the visible half of a split code
        expect(displayWidth(line)).toBeLessThanOrEqual(width);
      }
    }
  });

  it('closes a colour at the break and opens it again on the next line, so each line stands alone', () => {
    const lines = wrapDisplay(dim('one two three four five six'), 10);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) {
      expect(line.startsWith('\u001b[2m')).toBe(true);
      expect(/\u001b\[(0|22)m$/.test(line)).toBe(true);
    }
    expect(lines.map((l) => l.replace(/\u001b\[[0-9;]*m/g, ''))).toEqual(['one two', 'three four', 'five six']);
  });
});

