/**
 * The two word readers policy keeps (message-cues.ts), because the classifier's output has no field
 * for them: a health or safety incident, and a repair request. Both languages, and the near misses
 * that must not trigger them.
 */
import { describe, expect, it } from 'vitest';
import { asksForRepair, reportsSafetyIncident } from '../../../src/core/policy/message-cues.ts';

describe('reportsSafetyIncident (Q-2 with the safety setting)', () => {
  it.each([
    ['zh', '用了面霜脸上起了红疹，又痒又疼'],
    ['zh', '充电器冒烟了，还烧焦了一块'],
    ['zh', '孩子被暖手宝烫伤了'],
    ['en', 'I got a rash from the face cream'],
    ['en', 'The charger melted and smelled of smoke'],
    ['en', 'The kettle handle burned my hand'],
  ])('reads an incident (%s): %s', (_lang, text) => {
    expect(reportsSafetyIncident(text)).toBe(true);
  });

  it.each([
    ['zh', '衣服颜色和图片不一样'],
    ['zh', '耳机左边没声音了'],
    ['en', 'The kettle stopped working after a week'],
    ['en', 'The shirt is the wrong size'],
  ])('no incident (%s): %s', (_lang, text) => {
    expect(reportsSafetyIncident(text)).toBe(false);
  });
});

describe('asksForRepair (Q-5)', () => {
  it.each([
    ['zh', '手表坏了，能帮我修一下吗'],
    ['zh', '吹风机不转了，想返修'],
    ['en', 'Can you repair my headphones?'],
    ['en', 'I just want to get it fixed'],
  ])('a repair request (%s): %s', (_lang, text) => {
    expect(asksForRepair(text)).toBe(true);
  });

  it.each([
    ['zh', '耳机坏了，我要退货退款'],
    ['en', 'It broke, I want my money back'],
    ['en', 'Please fix the tracking number'],
  ])('not a repair request (%s): %s', (_lang, text) => {
    expect(asksForRepair(text)).toBe(false);
  });
});
