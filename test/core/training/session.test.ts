import { describe, expect, it } from 'vitest';
import { policyKinds } from '../../../src/core/training/policy-outcome.ts';
import { scoreTranscript } from '../../../src/core/training/score-transcript.ts';
import type { Session } from '../../../src/core/training/session.ts';
import { agentTurn, startSession } from '../../../src/core/training/session.ts';
import type { OfferKind } from '../../../src/core/types.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';
import { findScenario, loadScenarios } from '../../../src/training/load-scenarios.ts';

const playbook = loadPlaybook('playbooks');
const library = loadScenarios();
const t0 = new Date('2026-11-24T02:00:00Z');
const after = (s: number) => new Date(t0.getTime() + s * 1000);
const start = (id: string) => startSession(findScenario(library, id), t0, playbook);

/** Plays replies `seconds` apart; returns every result. */
function play(session: Session, replies: string[], seconds = 20) {
  let s = session;
  return replies.map((text, i) => {
    const r = agentTurn(s, text, after((i + 1) * seconds));
    s = r.session;
    return r;
  });
}

describe('scripted customer: mood state machine', () => {
  it('L-4 empathy + asking about the 面单 weight reveals it; a reship plan resolves', () => {
    const [ask, fix] = play(start('missing-item-zh'), [
      '非常抱歉让您着急了。请问您方便拍一下快递面单吗?我核对一下重量。',
      '确实是我们少发了,非常抱歉。今天就给您补发,1小时内发单号给您。',
    ]);
    expect(ask?.customerReply).toContain('0.4公斤');
    expect(ask?.session.revealed).toEqual(['weightMatchesCustomerClaim']);
    expect(ask?.session.mood).toBe('calm');
    expect(fix).toMatchObject({ ended: true, reason: 'resolved' });
    expect(fix?.customerReply).toBe('好,那你们尽快补发,发了告诉我单号。');
  });

  it('T-3 a taboo phrase makes the customer angrier; a second one and they walk away', () => {
    const [first, second] = play(start('missing-item-zh'), ['没办法,快递的事我们也不知道。', '这是常有的事,您自己再找找。']);
    expect(first?.session.mood).toBe('furious');
    expect(first?.ended).toBeUndefined();
    expect(second).toMatchObject({ ended: true, reason: 'walked_away' });
    expect(second?.session.mood).toBe('walked_away');
  });

  it('a slow reply makes the customer complain about the wait and angrier', () => {
    const s = start('payment-twice-en');
    const r = agentTurn(s, 'Let me check.', after(600));
    expect(r.event?.slow).toBe(true);
    expect(r.session.mood).toBe('furious');
    expect(s.scenario.lines.slow).toContain(r.customerReply);
  });

  it('a furious customer is not resolved by a plan alone, but calms down on empathy + plan', () => {
    const s = start('damaged-urgent-zh');
    expect(s.mood).toBe('furious');
    const r = agentTurn(s, '非常抱歉,花瓶碎了您一定很难过。今天就给您补发一个,顺丰加急。', after(20));
    expect(r.session.mood).toBe('upset');
    expect(r.reason).toBe('resolved');
  });

  it('a question that names options is answered (the hidden fact), not taken as a deal', () => {
    const [, choice, deal] = play(start('quality-problem-en'), [
      "That's frustrating, I'm sorry. Did you have the lid locked when it happened?",
      'Would you prefer a return or a replacement?',
      "I'll email you a return label within the hour and ship a replacement when the courier scans it.",
    ]);
    expect(choice?.ended).toBeUndefined();
    expect(choice?.event?.revealed).toEqual(['customerInsistsReturn']);
    expect(deal).toMatchObject({ ended: true, reason: 'resolved' });
  });

  it('§4 telling the customer to pay the return postage on our mistake makes them angrier, no deal', () => {
    const [r] = play(start('wrong-item-zh'), ['您把灰色的寄回来,运费您自己出,我们给您换黑色的。']);
    expect(r?.ended).toBeUndefined();
    expect(r?.session.mood).toBe('furious');
    expect(r?.event?.line).toBe('angrier');
  });

  it('/giveup ends the session with no customer reply', () => {
    const r = agentTurn(start('price-drop-zh'), '/giveup', after(5));
    expect(r).toMatchObject({ ended: true, reason: 'gave_up', customerReply: '' });
  });

  it('M-1 money offered to an extortionist is taken; evidence + escalation ends the attempt', () => {
    const [paid] = play(start('extortion-zh'), ['好的,我马上给您转100元,别给差评。']);
    expect(paid).toMatchObject({ ended: true, reason: 'resolved' });
    expect(paid?.event?.line).toBe('acceptMoney');
    const [firm] = play(start('extortion-zh'), ['理解您的心情,但我们不能私下转账。我已保存聊天记录和签收记录作为证据,并提交主管处理。']);
    expect(firm?.event?.line).toBe('accept');
  });

  it('Q-4 showing the purchase invoice answers a counterfeit claim', () => {
    const [r] = play(start('counterfeit-zh'), ['非常理解您的担心。我们是正品,我把进货发票发给您看,并请主管跟进。']);
    expect(r).toMatchObject({ ended: true, reason: 'resolved' });
  });

  it('after maxTurns without a plan the customer walks away', () => {
    const s = start('not-received-en');
    const results = play(s, Array.from({ length: s.scenario.maxTurns }, () => 'Hmm.'));
    expect(results.at(-1)).toMatchObject({ ended: true, reason: 'walked_away' });
  });

  it('is deterministic: the same replies at the same times give the same transcript', () => {
    const replies = ['Sorry to hear that. Could you send a photo?', 'We will look into it.', 'I can offer a coupon.'];
    const a = play(start('not-as-described-en'), replies).at(-1)?.session.turns;
    const b = play(start('not-as-described-en'), replies).at(-1)?.session.turns;
    expect(a).toEqual(b);
  });
});

/** Words that propose each offer kind, per language: a model trainee's vocabulary. */
const OFFER_PHRASE: Partial<Record<OfferKind, { zh: string; en: string }>> = {
  reship: { zh: '今天给您补发', en: 'I will reship it to you today' },
  refund: { zh: '给您办理退款', en: 'I will refund you' },
  return_refund: { zh: '给您办理退货退款,运费我们承担', en: 'you can return it for a refund, we cover the return shipping' },
  exchange: { zh: '给您换货,运费我们承担', en: 'we will send you a replacement, shipping on us' },
  expedite: { zh: '今天顺丰加急给您补发', en: 'we will reship by express today' },
  coupon: { zh: '送您一张优惠券', en: 'I will send you a coupon' },
  price_difference: { zh: '把差价退给您', en: 'I will refund the difference' },
  switch_variant: { zh: '给您换其他颜色', en: 'we can send another colour' },
  partial_refund: { zh: '给您部分退款', en: 'I can give you a partial refund' },
};

describe('every bundled scenario can be won by a policy-correct trainee', () => {
  it.each(library.scenarios.map((s) => [s.id, s] as const))('%s', (_id, scenario) => {
    let session = startSession(scenario, t0, playbook);
    const zh = scenario.lang === 'zh';
    const asks = scenario.hidden.map((h) => (zh ? `请问${h.ask.map((r) => r.source).join('、') || '具体情况'}?` : `Could you tell me: ${h.ask.map((r) => r.source).join(', ')}?`));
    const opening = zh ? `非常抱歉给您带来麻烦。${asks.join('')}` : `I'm so sorry about this. ${asks.join(' ')}`;
    let r = agentTurn(session, opening, after(20));
    session = r.session;
    expect(session.revealed.sort()).toEqual(scenario.hidden.map((h) => h.fact).sort());
    const kind = policyKinds(session.policy)[0];
    const phrase = kind ? OFFER_PHRASE[kind]?.[scenario.lang] : undefined;
    const plan = phrase
      ?? (zh ? `我们不会私下转账,已保存聊天记录和签收记录作为证据,${scenario.resolveWords[0] ?? ''},并已提交主管处理` : 'We cannot pay outside the platform; I have saved the chat records as evidence and escalated this to my supervisor');
    const commit = zh ? '1小时内给您回复进度,明天再跟进确认。' : 'I will update you within 1 hour and follow up tomorrow.';
    if (!r.ended) r = agentTurn(session, zh ? `理解您的心情,${plan}。${commit}` : `I understand. ${plan}. ${commit}`, after(40));
    expect(r.reason, `${scenario.id}: ${r.customerReply}`).toBe('resolved');
    const card = scoreTranscript(scenario, r.session.turns, playbook);
    expect(card.violations).toEqual([]);
    expect(card.total, JSON.stringify(card.criteria)).toBeGreaterThanOrEqual(70);
  });
});

describe('every bundled scenario can be lost', () => {
  it.each(library.scenarios.map((s) => [s.id, s] as const))('%s: taboo replies make the customer walk away and the card shows it', (_id, scenario) => {
    let session = startSession(scenario, t0, playbook);
    const rude = scenario.lang === 'zh' ? '没办法,这是常有的事。' : "Nothing we can do, it happens all the time.";
    let r = agentTurn(session, rude, after(20));
    for (let i = 2; !r.ended && i <= 3; i++) {
      session = r.session;
      r = agentTurn(session, rude, after(20 * i));
    }
    expect(r.reason).toBe('walked_away');
    const card = scoreTranscript(scenario, r.session.turns, playbook);
    expect(card.violations.filter((v) => v.rule === 'T-3').length).toBeGreaterThanOrEqual(2);
    expect(card.total).toBeLessThan(50);
  });
});
