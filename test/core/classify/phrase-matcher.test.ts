import { describe, expect, it } from 'vitest';
import { PhraseMatcher } from '../../../src/core/classify/phrase-matcher.ts';

const found = (phrases: string[], text: string): string[] =>
  new PhraseMatcher(phrases).findAll(text).map((m) => `${phrases[m.phrase]}@${m.start}`);

describe('PhraseMatcher', () => {
  it('finds overlapping Chinese phrases anywhere', () => {
    expect(found(['还没发', '没发货', '发货'], '还没发货')).toEqual(['还没发@0', '没发货@1', '发货@2']);
  });

  it('anchors Latin phrases on word boundaries', () => {
    expect(found(['lost'], 'closet is lost')).toEqual(['lost@10']);
    expect(found(['sue'], 'an issue')).toEqual([]);
  });

  it('a trailing * matches any word ending', () => {
    expect(found(['not arriv*'], 'has not arrived')).toEqual(['not arriv*@4']);
    expect(found(['not arriv'], 'has not arrived')).toEqual([]);
  });

  it('shares suffixes through failure links (the classic he/she/hers, in Han characters)', () => {
    expect(found(['甲乙', '丙甲乙', '甲乙丁丙'], '戊丙甲乙丁丙')).toEqual(['丙甲乙@1', '甲乙@2', '甲乙丁丙@2']);
  });

  it('matches emoji phrases by code units', () => {
    expect(found(['😡'], 'so 😡😡')).toEqual(['😡@3', '😡@5']);
  });
});
