/**
 * What a new subtype needs. SUBTYPES in src/core/types.ts is the one table; adding an id there is
 * one line, and then:
 *
 * - the compiler asks for its handler (the Record in policy/logistics|quality|price.ts; malicious
 *   subtypes share decideMalicious) and its chat label (SUBTYPE_LABELS);
 * - EMPATHY_KEYS (playbook/keys.ts) gains it by itself, so each playbook's replies.<lang>.json must
 *   give it an opener or the playbook does not load;
 * - this test asks for the rest: labelled corpus lines in both languages (the learned classifier
 *   is trained on train.jsonl and gated on heldout.jsonl), and a draft that decide() reaches
 *   through the subtype's own handler and opener without throwing.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SUBTYPE_LABELS } from '../../src/adapters/shared/labels.ts';
import { EMPATHY_KEYS } from '../../src/core/playbook/keys.ts';
import { decide } from '../../src/core/policy/decide.ts';
import { ALL_SUBTYPES, categoryOf, LANGS, SUBTYPES } from '../../src/core/types.ts';
import { cls, makeCase, order, playbook } from './policy/helpers.ts';

const corpus = (file: string): { lang: string; subtype: string }[] =>
  readFileSync(new URL(`../fixtures/corpus/${file}`, import.meta.url), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { lang: string; subtype: string });
const TRAIN = corpus('train.jsonl');
const HELDOUT = corpus('heldout.jsonl');
const rawReplies = (lang: string): { empathy: Record<string, { template?: string } | string> } =>
  JSON.parse(readFileSync(new URL(`../../playbooks/replies.${lang}.json`, import.meta.url), 'utf8')) as { empathy: Record<string, { template?: string } | string> };

describe('the subtype table is the only list', () => {
  it('EMPATHY_KEYS is every non-malicious subtype plus the shared openers, nothing hand-copied', () => {
    const own = [...SUBTYPES.logistics, ...SUBTYPES.quality, ...SUBTYPES.price];
    expect([...EMPATHY_KEYS].sort()).toEqual([...own, 'malicious', 'other', 'safety'].sort());
    for (const s of SUBTYPES.malicious) expect(EMPATHY_KEYS).not.toContain(s);
  });
});

describe.each(ALL_SUBTYPES.map((s) => [s, categoryOf(s)] as const))('a subtype needs its pieces: %s (%s)', (subtype, category) => {
  it('a chat label in both languages', () => {
    expect(SUBTYPE_LABELS[subtype].en.trim()).not.toBe('');
    expect(SUBTYPE_LABELS[subtype].zh.trim()).not.toBe('');
  });

  it('an empathy opener in every playbook language (its own, or the shared malicious one)', () => {
    const key = category === 'malicious' ? 'malicious' : subtype;
    for (const lang of LANGS) {
      expect(rawReplies(lang).empathy[key], `replies.${lang}.json empathy.${key}`).toBeTruthy();
      expect(playbook.replies[lang].empathy[key as keyof typeof playbook.replies.zh.empathy]?.rules).toBeDefined();
    }
  });

  it('labelled corpus lines in both languages, for training and for the held-out gate', () => {
    for (const lang of LANGS) {
      expect(TRAIN.filter((r) => r.subtype === subtype && r.lang === lang).length, `train.jsonl ${lang}`).toBeGreaterThan(0);
    }
    expect(HELDOUT.some((r) => r.subtype === subtype), 'heldout.jsonl').toBe(true);
  });

  it.each(LANGS)('decide() drafts it through its own handler and opener (%s)', (lang) => {
    // The order fits the subtype's story: routing by context (route.ts) reads a delivered order
    // behind "not shipped" as not received.
    const fitting = subtype === 'not_shipped' ? order({ status: 'paid', shippedAt: undefined, deliveredAt: undefined }) : order();
    const d = decide(makeCase({}, { order: fitting }), playbook, cls(subtype, lang));
    expect(d.category).toBe(category);
    expect(d.subtype).toBe(subtype);
    expect(d.rules.length).toBeGreaterThan(0);
    expect(d.reply.text.trim()).not.toBe('');
  });
});
