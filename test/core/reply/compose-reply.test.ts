import { describe, expect, it } from 'vitest';
import { CHECKLIST_KEYS, COMMITMENTS, EMPATHY_KEYS, SITUATIONS } from '../../../src/core/playbook/keys.ts';
import { PLACEHOLDERS, renderTemplate, type TemplateVars } from '../../../src/core/playbook/template.ts';
import { findPersonalData, findTaboos } from '../../../src/core/reply/guard.ts';
import { decide } from '../../../src/core/policy/decide.ts';
import { ALL_SUBTYPES, FACT_KEYS, LANGS, OFFER_KINDS } from '../../../src/core/types.ts';
import { cls, draftFor, makeCase, order, playbook } from '../policy/helpers.ts';

const SAMPLE: TemplateVars = { item: '白色T恤', amount: '¥59.00', amount2: '¥5.00', percent: '30', postage: '¥6.00', hours: '1小时', days: '3–5' };

describe('every template, both languages', () => {
  for (const lang of LANGS) {
    const r = playbook.replies[lang];
    const entries: [string, string][] = [
      ...EMPATHY_KEYS.map((k) => [`empathy.${k}`, renderTemplate(r.empathy[k].template, SAMPLE)] as [string, string]),
      ...SITUATIONS.map((k) => [`situations.${k}`, renderTemplate(r.situations[k].template, SAMPLE)] as [string, string]),
      ...COMMITMENTS.map((k) => [`commitments.${k}`, renderTemplate(r.commitments[k].template, SAMPLE)] as [string, string]),
      ['apology', renderTemplate(r.apology.template, SAMPLE)],
      ['closing', renderTemplate(r.closing.template, SAMPLE)],
      ...OFFER_KINDS.map((k) => [`offerNotes.${k}`, renderTemplate(r.offerNotes[k], SAMPLE)] as [string, string]),
      ...FACT_KEYS.map((k) => [`questions.${k}`, r.questions[k]] as [string, string]),
      ...CHECKLIST_KEYS.map((k) => [`checklist.${k}`, renderTemplate(r.checklist[k], SAMPLE)] as [string, string]),
    ];
    it(`T-3/T-4/T-6 ${lang}: no taboo phrase, no compliance breach, no personal data in ${entries.length} texts`, () => {
      for (const [key, text] of entries) {
        expect({ key, hits: findTaboos(text) }).toEqual({ key, hits: [] });
        expect({ key, pd: findPersonalData(text) }).toEqual({ key, pd: [] });
      }
    });
    it(`T-7 ${lang}: every commitment names a time`, () => {
      for (const k of COMMITMENTS) {
        const parts = r.commitments[k].template.parts;
        expect(parts.some((p) => typeof p !== 'string' && (p.name === 'hours' || p.name === 'days'))).toBe(true);
      }
    });
  }

  it('the placeholder vocabulary is the one the composer fills', () => {
    expect([...PLACEHOLDERS].sort()).toEqual(Object.keys(SAMPLE).sort());
  });
});

describe('replies are in the customer\'s language', () => {
  const enOrder = order({ currency: 'USD', region: 'Ohio', items: [{ sku: 'M', name: 'mug', unitPriceMinor: 1250, qty: 2 }], totalMinor: 2500 });
  it.each(ALL_SUBTYPES.map((s) => [s]))('%s: an English reply has no Chinese, a Chinese reply reads 您 and no English words', (subtype) => {
    for (const facts of [{}, { misuse: false, customerInsistsReturn: true, listingAccurate: false, priceNowMinor: 1000, duplicateCharge: true }]) {
      const en = draftFor(subtype, facts, { order: enOrder }, 'en');
      expect(en.reply.text).not.toMatch(/[\u4e00-\u9fa5]/);
      const zh = draftFor(subtype, facts, {}, 'zh');
      expect(zh.reply.text).toMatch(/您/);
      expect(zh.reply.text.replace('白色T恤', '').replace('QQ', '')).not.toMatch(/[A-Za-z]{2,}/);
    }
  });
});

describe('composeReply through decide', () => {
  it('T-1 empathy first, then T-2 apology, then the solution, then T-7 next step, in Chinese register', () => {
    const d = draftFor('lost_or_damaged', { urgent: false });
    const t = d.reply.text;
    const i = (s: string) => t.indexOf(s);
    expect(t.startsWith('亲，')).toBe(true);
    expect(i('理解')).toBeLessThan(i('道歉'));
    expect(i('道歉')).toBeLessThan(i('补发'));
    expect(i('补发白色T恤')).toBeLessThan(i('1小时内'));
    expect(t).toContain('您');
  });

  it('T-2 no apology where the store is not at fault (customer ordered exactly this)', () => {
    expect(draftFor('wrong_item', { customerOrderedThis: true }).reply.text).not.toContain('道歉');
  });

  it('T-7 times come from the playbook SLAs, not from code', () => {
    const slower = { ...playbook, settings: { ...playbook.settings, sla: { ...playbook.settings.sla, reshipTrackingHours: 3, followUpHours: 48 } } };
    const d = decide(makeCase({ urgent: false }), slower, cls('lost_or_damaged', 'en'));
    expect(d.reply.text).toContain('within 3 hours of it shipping');
    expect(d.reply.text).toContain('within 48 hours');
  });

  it('amounts are said with formatMoney in the order currency', () => {
    const d = draftFor('lost_or_damaged', { urgent: false }, { order: order({ currency: 'USD', items: [{ sku: 'M', name: 'mug', unitPriceMinor: 1250, qty: 2 }], totalMinor: 2500 }) }, 'en');
    expect(d.reply.text).toContain('$25.00');
    expect(d.reply.text).toContain("We'll reship mug");
  });

  it('T-6 never repeats the phone, address or ID the customer wrote', () => {
    const message = '电话13812345678，身份证110101199003071234，寄到杭州市西湖区文三路100号3栋501室，快递弄坏了';
    for (const st of ['lost_or_damaged', 'missing_item', 'extortion', 'payment_issue'] as const) {
      const d = decide(makeCase({}, { message }), playbook, cls(st));
      for (const datum of ['13812345678', '110101199003071234', '文三路100号']) expect(d.reply.text).not.toContain(datum);
    }
  });

  it('T-6 personal data in an order field is redacted before it reaches the reply', () => {
    const o = order({ items: [{ sku: 'X', name: '礼盒（联系13812345678）', unitPriceMinor: 5900, qty: 1 }], totalMinor: 5900 });
    const d = draftFor('lost_or_damaged', { urgent: false }, { order: o });
    expect(d.reply.text).not.toContain('13812345678');
    expect(d.reply.text).toContain('***');
  });
});
