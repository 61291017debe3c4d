/**
 * Solutions judged against the core's decision for the same case, by concept: what the policy
 * allows is never a violation (P-1 price protection inside the window, P-3 refunding a verified
 * duplicate charge, Q-2 return with the seller paying postage both ways, §4 seller-paid return
 * for a defect); what it forbids still is. And T-1 is an acknowledgement followed by a plan.
 */
import { describe, expect, it } from 'vitest';
import { parseCaseLine } from '../../../src/core/contract/parse-case.ts';
import { scoreTranscript } from '../../../src/core/training/score-transcript.ts';
import type { Turn } from '../../../src/core/training/transcript.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';

const playbook = loadPlaybook();
const now = new Date('2026-11-24T02:00:00Z');
const cny = (over: Record<string, unknown> = {}) => ({ id: 'T1', currency: 'CNY', items: [{ sku: 'KB', name: '机械键盘', unitPrice: 199, qty: 1 }], total: 199, shippingFee: 0, freeShipping: true, region: '广东', status: 'delivered', paidAt: '2026-11-20T10:00:00+08:00', deliveredAt: '2026-11-22T10:00:00+08:00', sevenDayReturn: true, ...over });
const usd = (over: Record<string, unknown> = {}) => ({ id: 'A1', currency: 'USD', items: [{ sku: 'LAMP', name: 'the desk lamp', unitPrice: 48, qty: 1 }], total: 48, shippingFee: 0, freeShipping: true, region: 'Ohio', status: 'delivered', paidAt: '2026-11-18T09:00:00Z', deliveredAt: '2026-11-22T09:00:00Z', sevenDayReturn: true, warrantyMonths: 12, ...over });

function card(customer: string, agent: string[], order: Record<string, unknown>, facts: Record<string, unknown>, lang: 'zh' | 'en') {
  const caseInput = parseCaseLine({ id: 'c', message: customer, lang, order, facts }, now).value;
  const turns: Turn[] = [{ role: 'customer', text: customer }];
  for (const a of agent) turns.push({ role: 'agent', text: a });
  return scoreTranscript(null, turns, playbook, { caseInput, lang, now });
}

describe('correct solutions score clean', () => {
  it.each([
    ['P-1 zh', '20号买的键盘今天降了30块，能退差价吗？', ['理解您的心情，您的订单在7天价保期内，差价¥30.00今天退给您，24小时内到账。'], cny(), { priceNow: 169 }, 'zh'],
    ['P-1 en', 'I bought the lamp on the 18th and it is $10 cheaper now. Can I get the difference?', ["I understand, that's frustrating. You're within our 7-day price protection, so we'll refund the $10.00 difference today; it will reach you within 24 hours."], usd(), { priceNow: 38 }, 'en'],
    ['P-3 zh', '我被扣了两次款，199扣了两遍！', ['非常抱歉给您带来困扰。核实到确实重复扣款，多扣的¥199.00今天原路退回，24小时内到账。'], cny({ status: 'paid' }), { duplicateCharge: true }, 'zh'],
    ['P-3 en', 'I was charged twice, $48 two times.', ["I'm sorry about that. We've confirmed the duplicate charge and are refunding the extra $48.00 to your card today; it arrives within 24 hours."], usd({ status: 'paid' }), { duplicateCharge: true }, 'en'],
    ['Q-2 zh', '键盘用了两天就坏了，好几个键没反应。', ['非常抱歉给您添麻烦了。确认是质量问题，您可以退货退款或换新，来回运费都由我们承担，今天给您发退货地址，收到后24小时内处理。'], cny(), { misuse: false }, 'zh'],
    ['Q-1 zh, two options in one sentence', '键盘有个小划痕，有点瑕疵。', ['非常抱歉给您带来不好的体验。给您两个方案：送您一张¥5.00的优惠券，或者退您¥15.00的差价，您看哪个合适？今天内为您处理。'], cny(), { customerInsistsReturn: false }, 'zh'],
    ['§4 zh, change of mind: the customer pays return postage', '键盘不太喜欢，想退货。', ['理解您的想法，这件支持七天无理由退货。退回的运费需要您承担，我们收到货检查无误后24小时内给您退款¥199.00。'], cny(), {}, 'zh'],
    ['§4 en', 'The lamp stopped working after two days. I want to return it.', ["I'm so sorry it failed so soon. Return shipping is on us: we'll email a prepaid label within 2 hours, and refund the full $48.00 once it's back, within 24 hours."], usd(), { misuse: false }, 'en'],
  ])('%s', (_name, customer, agent, order, facts, lang) => {
    const c = card(customer, agent, order, facts, lang as 'zh' | 'en');
    expect(c.violations).toEqual([]);
    expect(c.criteria.find((x) => x.id === 'solution')?.score).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['Q-1 zh: ¥15 on a ¥199 item, inside the playbook\'s 5–10 %', '键盘有个小划痕,有点瑕疵。', ['非常抱歉。留下键盘的话退您15元差价作为补偿,或者包邮退换,您选一种,今天内处理。'], cny(), { customerInsistsReturn: false }, 'zh'],
    ['P-1 en: store credit a little above the cash difference', 'I bought the lamp on the 18th and it is $10 cheaper now.', ["I understand. You're inside our 7-day price protection: would you like the $10.00 back to your card, or a $12 store credit? Either is done within 24 hours."], usd(), { priceNow: 38 }, 'en'],
    ['Q-2 en: a small goodwill coupon beside the repair', 'The lamp flickers since yesterday.', ["Sorry about that. Could you send a short video of the flicker? I've also added a $5 coupon to your account, and I'll reply within 2 hours."], usd(), {}, 'en'],
    ['P-2 en: a paid service is not an offer', 'Can I change the engraving on my order?', ["Of course, I understand. For $12 we can re-engrave it with a new name; I'll confirm the slot within 1 hour."], usd(), {}, 'en'],
  ])('by concept: %s', (_name, customer, agent, order, facts, lang) => {
    const c = card(customer, agent, order, facts, lang as 'zh' | 'en');
    expect(c.violations.filter((v) => /^[LQPM]-\d/.test(v.rule))).toEqual([]);
  });

  it('still a violation: a Q-1 partial refund past the playbook\'s top percentage', () => {
    const c = card('键盘有个小划痕,有点瑕疵。', ['不好意思,直接给您退一百块钱好不好。'], cny(), { customerInsistsReturn: false }, 'zh');
    expect(c.violations.map((v) => v.rule)).toContain('Q-1');
  });

  it('still a violation: paying over what the policy allows (P-3 refunding twice the duplicate)', () => {
    const c = card('I was charged twice, $48 two times.', ["Sorry! We'll refund you $96.00 today."], usd({ status: 'paid' }), { duplicateCharge: true }, 'en');
    expect(c.violations.map((v) => v.rule)).toContain('P-3');
  });

  it('still a violation: the customer told to pay return postage for a defect (§4)', () => {
    const c = card('The lamp stopped working after two days.', ["Sorry. You can return it, but you'll have to pay the return shipping."], usd(), { misuse: false }, 'en');
    expect(c.violations.map((v) => v.rule)).toContain('§4');
  });
});

describe('T-1: empathy is an acknowledgement followed by a plan', () => {
  const order = usd();
  it('an apology then "nothing I can do" is not empathy', () => {
    const c = card('My parcel is late.', ["I'm so sorry, but there's nothing I can do about the courier."], order, {}, 'en');
    const empathy = c.criteria.find((x) => x.id === 'empathy');
    expect(empathy?.score).toBeLessThanOrEqual(2);
    expect(empathy?.evidence).toContain('not empathy');
  });
  it('an acknowledgement followed by a plan scores 5, quoting it', () => {
    const c = card('My parcel is late.', ["I'm so sorry your parcel is late, I understand how annoying that is. I'll chase the courier now and update you within 2 hours."], order, {}, 'en');
    const empathy = c.criteria.find((x) => x.id === 'empathy');
    expect(empathy?.score).toBe(5);
    expect(empathy?.evidence).toContain("I'm so sorry your parcel is late");
  });
  it('an apology with no plan is only partial', () => {
    const c = card('包裹还没到。', ['非常抱歉让您久等了。'], cny(), {}, 'zh');
    expect(c.criteria.find((x) => x.id === 'empathy')?.score).toBe(3);
  });
});

describe('every criterion quotes its evidence', () => {
  it('the scorecard names what it saw', () => {
    const c = card('I was charged twice, $48 two times.', ["I'm sorry about that. Could you confirm the two dates on your statement?", "Thanks. We're refunding the extra $48.00 today; it arrives within 24 hours and I'll follow up tomorrow."], usd({ status: 'paid' }), { duplicateCharge: true }, 'en');
    for (const x of c.criteria) expect(x.evidence.length, x.id).toBeGreaterThan(10);
    expect(c.criteria.find((x) => x.id === 'commitment')?.evidence).toContain('within 24 hours');
  });
});

describe('tone rules broken outright are violations', () => {
  const order = usd();
  it('T-1: the first reply leads with an excuse', () => {
    const c = card('My parcel is late.', ["I don't know, the courier is slow."], order, {}, 'en');
    expect(c.violations.map((v) => v.rule)).toEqual(expect.arrayContaining(['T-1', 'T-3']));
  });
  it('T-2: only apologising', () => {
    const c = card('包裹还没到。', ['非常抱歉。', '真的很抱歉给您添麻烦了。'], cny(), {}, 'zh');
    expect(c.violations.map((v) => v.rule)).toContain('T-2');
  });
  it('T-7: vague comfort and no step with a time', () => {
    const c = card('My parcel is late.', ["Sorry about that, we'll look into it."], order, {}, 'en');
    expect(c.violations.map((v) => v.rule)).toContain('T-7');
    const ok = card('My parcel is late.', ["Sorry about that, we'll look into it and update you within 2 hours."], order, {}, 'en');
    expect(ok.violations.map((v) => v.rule)).not.toContain('T-7');
  });
});
