import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CriterionId } from '../../../src/core/training/criteria.ts';
import { CRITERIA } from '../../../src/core/training/criteria.ts';
import { scoreTranscript } from '../../../src/core/training/score-transcript.ts';
import type { Turn } from '../../../src/core/training/transcript.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { findScenario, loadScenarios } from '../../../src/training/load-scenarios.ts';

interface Pair {
  criterion: CriterionId;
  rule: string;
  lang: 'zh' | 'en';
  good: { scenario: string; turns: Turn[] };
  bad: { scenario: string; turns: Turn[] };
}

const pairs = JSON.parse(readFileSync(new URL('../../fixtures/training/criteria-pairs.json', import.meta.url), 'utf8')) as Pair[];
const playbook = loadPlaybook('playbooks');
const library = loadScenarios();
const score = (t: { scenario: string; turns: Turn[] }) => scoreTranscript(findScenario(library, t.scenario), t.turns, playbook);
const criterion = (card: ReturnType<typeof score>, id: CriterionId) => card.criteria.find((c) => c.id === id)?.score ?? 0;

describe('the scorer separates good from bad trainee transcripts, criterion by criterion', () => {
  it('fixtures cover every criterion in both languages', () => {
    for (const id of CRITERIA) for (const lang of ['zh', 'en']) expect(pairs.some((p) => p.criterion === id && p.lang === lang), `${id} ${lang}`).toBe(true);
  });

  it.each(pairs.map((p) => [`${p.rule} ${p.criterion} (${p.lang}, ${p.good.scenario})`, p] as const))('%s: good scores higher than bad', (_name, p) => {
    const good = score(p.good);
    const bad = score(p.bad);
    expect(criterion(good, p.criterion)).toBeGreaterThan(criterion(bad, p.criterion));
    expect(good.total).toBeGreaterThan(bad.total);
  });

  it('every good transcript scores at least 80 with no violation', () => {
    for (const p of pairs) {
      const card = score(p.good);
      expect(card.violations, `${p.criterion} ${p.lang}`).toEqual([]);
      expect(card.total, `${p.criterion} ${p.lang}: ${JSON.stringify(card.criteria)}`).toBeGreaterThanOrEqual(80);
    }
  });
});

const pair = (id: CriterionId, lang: string, rule?: string) => {
  const p = pairs.find((x) => x.criterion === id && x.lang === lang && (!rule || x.rule === rule));
  if (!p) throw new Error(`no fixture ${id} ${lang}`);
  return p;
};

describe('what a trainee sees on the scorecard', () => {
  it('T-3 a reply with 没办法 gets a T-3 violation quoting it', () => {
    const card = score(pair('taboo', 'zh').bad);
    expect(card.violations).toContainEqual({ rule: 'T-3', quote: '没办法' });
    expect(card.criteria.find((c) => c.id === 'taboo')?.evidence).toContain('没办法');
  });

  it('T-3 with a curly apostrophe: "I don\u2019t know"', () => {
    const turns: Turn[] = [{ role: 'customer', text: 'Where is my parcel?' }, { role: 'agent', text: 'I don\u2019t know, sorry.' }];
    expect(scoreTranscript(null, turns, playbook, { lang: 'en', now: new Date(0) }).violations.map((v) => v.rule)).toContain('T-3');
  });

  it('T-3 "happens all the time" in English', () => {
    expect(score(pair('taboo', 'en').bad).violations.map((v) => v.rule)).toContain('T-3');
  });

  it('L-4 an offer beyond policy (退您100元 on a ¥59 missing shirt) is flagged', () => {
    const card = score(pair('solution', 'zh').bad);
    expect(card.violations).toContainEqual(expect.objectContaining({ rule: 'L-4', quote: expect.stringContaining('100元') }));
    expect(criterion(card, 'solution')).toBe(1);
  });

  it('Q-1 a partial refund over the Q-1 amount is flagged even though a full return would cost more', () => {
    const scenario = findScenario(library, 'minor-defect-zh');
    const policy = scoreTranscript(scenario, [], playbook).policy;
    const partial = policy.offers.find((o) => o.kind === 'partial_refund')?.amountMinor ?? 0;
    const turns: Turn[] = [
      { role: 'customer', text: scenario.opening },
      { role: 'agent', text: `非常抱歉。给您补偿${(partial + 3000) / 100}元,今天到账。` },
    ];
    const card = scoreTranscript(scenario, turns, playbook);
    expect(card.violations).toContainEqual(expect.objectContaining({ rule: 'Q-1' }));
    const within: Turn[] = [turns[0]!, { role: 'agent', text: `非常抱歉。给您补偿${partial / 100}元,今天到账。` }];
    expect(scoreTranscript(scenario, within, playbook).violations).toEqual([]);
  });

  it('P-3 refunding $90 for a $45 duplicate charge is flagged', () => {
    expect(score(pair('solution', 'en').bad).violations).toContainEqual(expect.objectContaining({ rule: 'P-3', quote: expect.stringContaining('$90') }));
  });

  it.each(['zh', 'en'])('M-1 money to a malicious customer is flagged; evidence and escalation score 5 (%s)', (lang) => {
    const p = pair('solution', lang, 'M-1');
    const bad = score(p.bad);
    expect(bad.violations.map((v) => v.rule)).toContain('M-1');
    expect(criterion(score(p.good), 'solution')).toBe(5);
  });

  it('T-4 cash for a good review (好评返现) is a T-4 violation', () => {
    const card = score(pair('compliance', 'zh').bad);
    expect(card.violations.some((v) => v.rule === 'T-4' && v.quote.includes('返现'))).toBe(true);
    expect(criterion(card, 'compliance')).toBe(1);
  });

  it('T-4 a bonus for a 5-star review', () => {
    expect(score(pair('compliance', 'en').bad).violations.map((v) => v.rule)).toContain('T-4');
  });

  it('asking about the hidden fact (底单/面单 weight) raises listening and names the fact', () => {
    const good = score(pair('listening', 'zh').good);
    const bad = score(pair('listening', 'zh').bad);
    expect(good.revealed).toEqual(['weightMatchesCustomerClaim']);
    expect(criterion(good, 'listening')).toBe(5);
    expect(criterion(bad, 'listening')).toBeLessThanOrEqual(2);
    expect(good.criteria.find((c) => c.id === 'listening')?.evidence).toContain('面单');
  });

  it('T-1 an empathic opening raises empathy', () => {
    expect(criterion(score(pair('empathy', 'zh').good), 'empathy')).toBe(5);
    expect(criterion(score(pair('empathy', 'zh').bad), 'empathy')).toBeLessThanOrEqual(2);
  });

  it('a slow reply lowers timeliness, with the seconds on the card', () => {
    const bad = score(pair('timeliness', 'zh').bad);
    expect(criterion(bad, 'timeliness')).toBeLessThanOrEqual(2);
    expect(bad.replyTimes.map((r) => r.seconds)).toEqual([400, 490]);
    expect(criterion(score(pair('timeliness', 'zh').good), 'timeliness')).toBe(5);
  });

  it('T-6 personal data is flagged without being repeated on the card', () => {
    const card = score(pair('privacy', 'zh').bad);
    expect(card.violations.map((v) => v.rule)).toContain('T-6');
    expect(JSON.stringify(card.violations)).not.toContain('13812345678');
  });

  it('P-3 asking for the card number and CVV is a privacy violation', () => {
    expect(score(pair('privacy', 'en').bad).violations.map((v) => v.rule)).toContain('P-3');
  });

  it('the policy-correct resolution is the core decision with every fact known', () => {
    const card = score(pair('empathy', 'zh').good);
    expect(card.policy).toMatchObject({ category: 'logistics', subtype: 'missing_item' });
    expect(card.policy.offers[0]?.kind).toBe('reship');
  });

  it('total runs 0..100: all 5s give 100', () => {
    const card = score(pair('empathy', 'en').good);
    const expected = Math.round((card.criteria.reduce((a, c) => a + c.score - 1, 0) / 36) * 100);
    expect(card.total).toBe(expected);
  });
});

describe('a transcript without a scenario', () => {
  it('is scored against the core draft of what the customer said; no timestamps → timeliness not measured', () => {
    const turns: Turn[] = [
      { role: 'customer', text: 'I was charged twice for my order, two payments of $45 on my statement.' },
      { role: 'agent', text: "I'm sorry about that. Nothing we can do, it's your bank." },
    ];
    const card = scoreTranscript(null, turns, playbook, { now: new Date('2026-11-24T00:00:00Z') });
    expect(card.scenario).toBeNull();
    expect(card.policy.category).toBe('price');
    expect(card.violations.map((v) => v.rule)).toContain('T-3');
    expect(card.criteria.find((c) => c.id === 'timeliness')).toMatchObject({ score: 3 });
  });
});

describe('§6 first reply within the store SLA', () => {
  it('a reply after more than firstReplyHours is a §6 violation and timeliness 1', () => {
    const hours = playbook.settings.sla.firstReplyHours;
    const p = pair('empathy', 'en').good;
    const late = p.turns.map((t, i) => (i === 1 ? { ...t, at: new Date(Date.parse(p.turns[0]!.at!) + (hours * 3600 + 60) * 1000).toISOString() } : t));
    const card = score({ scenario: p.scenario, turns: late });
    expect(card.violations).toContainEqual({ rule: '§6', quote: expect.stringContaining(`limit ${hours} h`) });
    expect(criterion(card, 'timeliness')).toBe(1);
  });
});
