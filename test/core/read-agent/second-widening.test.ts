/**
 * The families widened after the t1/t2 sets (docs/training.md, "Two more sets"): each rule in both
 * languages, and the correct sentences that were misread before — they must stay clean.
 */
import { describe, expect, it } from 'vitest';
import { checkRelease } from '../../../src/core/read-agent/check-release.ts';
import { findLinks } from '../../../src/core/read-agent/normalize-text.ts';
import { readAgent, type ReadContext } from '../../../src/core/read-agent/read-agent.ts';
import { parseCaseLine } from '../../../src/core/contract/parse-case.ts';
import { draftCase } from '../../../src/core/settle-case.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';

const playbook = loadPlaybook(new URL('../../../playbooks', import.meta.url).pathname);

const EXTORTION: ReadContext = { category: 'malicious', subtype: 'extortion' };
const DEFECT: ReadContext = { category: 'quality', returnPayer: 'seller', outboundPayer: 'seller' };
const rules = (text: string, ctx: ReadContext = {}) => [...new Set(readAgent(text, ctx).findings.map((f) => f.rule))];

describe('breaches found (zh and en)', () => {
  it.each([
    ['T-3', '色差是正常的哦', {}],
    ['T-3', 'A little pull is normal for wool, madam, it is not really a defect.', {}],
    ['T-3', '亲亲 这个得您自己去联系品牌官方售后哈,跟我们店没关系的呢', {}],
    ['T-3', 'Kindly contact the courier directly sir, it is not in our control.', {}],
    ['T-3', '我们仓库每单都称重的,一般不会少发', {}],
    ['T-3', "If you'd paid for express this wouldn't have happened.", {}],
    ['T-4', '我们也会给您账号标记成恶意买家的', {}],
    ['T-4', 'Your account has been flagged as a problem buyer in our system.', {}],
    ['T-4', '这种恶意差评我们会向平台举报的', {}],
    ['T-4', 'Unfair reviews like this will be reported to the platform.', {}],
    ['§4', '衣服开线的话您寄回来给您换,但是寄回的快递费自理哈', DEFECT],
    ['§4', 'Refund approved; kindly bear the return shipping yourself.', DEFECT],
    ['M-1', '东西您留着,钱也全退给您,只求您高抬贵手。', EXTORTION],
    ['M-1', 'We can do 10x the price like you said.', EXTORTION],
    ['T-6', '退款已原路退回您的银行卡6222 0212 3456 7890 123,请注意查收。', { public: true }],
    ['T-6', 'Thanks Maria, we verified your passport no. X4829103 for the customs form.', {}],
    ['T-6', "We'll text you at 555.867.5309 as soon as it ships.", {}],
  ] as [string, string, ReadContext][])('%s: %s', (rule, text, ctx) => {
    expect(rules(text, ctx)).toContain(rule);
  });
});

describe('correct sentences stay clean', () => {
  it.each([
    ['评价是您的权利,您可以根据真实体验填写。', EXTORTION],
    ['是支付通道重复扣款,不是您操作的问题,非常抱歉!', {}],
    ['如果耳机确实存在质量问题,您可以在平台上直接申请退货退款,我们会按规则处理。', EXTORTION],
    ['We don\'t send payments through PayPal; any refund goes through the platform to your original payment method.', EXTORTION],
    ["The listing says free shipping, so you don't owe the $12.", {}],
    ["I'll update you by 6 pm tomorrow either way.", { public: true }],
    ['Since it is a no-reason return, return shipping is on you, but your original shipping stays free.', { category: 'quality', returnPayer: 'customer', outboundPayer: 'seller' }],
    ['质量问题的退货运费由我们承担,您寄回时先垫付的运费,我们收货后24小时内退给您。', DEFECT],
    ['亲,跟您确认下收件电话13812345678还在用吗?补发的快递员会打这个号码联系您。', {}],
    ['我们已经向平台反映了物流问题', {}],
    ["It's normal to feel frustrated, and I'm sorry.", {}],
  ] as [string, ReadContext][])('%s', (text, ctx) => {
    expect(readAgent(text, ctx).findings.map((f) => `${f.rule} ${f.family}: ${f.quote}`)).toEqual([]);
  });
});

describe('links', () => {
  it('finds t.me, wa.me, URLs and bare domains; not decimals, times or sentence ends', () => {
    expect(findLinks('加 t.me/settle_help 或 wa.me/8613800000000, or see https://x.example/a and shop.com')).toEqual(['t.me/settle_help', 'wa.me/8613800000000', 'https://x.example/a', 'shop.com']);
    expect(findLinks('退款3.5元, 4.5 stars. Thanks. Then at 3.30 pm.')).toEqual([]);
  });

  it('a link in a reply is refused at release with its sentence', () => {
    const parsed = parseCaseLine({ id: 'x', message: 'The blender stopped working after two days, it is broken', now: '2026-11-24T10:00:00+08:00' }, new Date('2026-11-24T02:00:00Z'));
    const c = parsed.value!;
    const r = checkRelease('Sorry. Add us on t.me/settle_help for the refund.', c, draftCase(c, playbook), playbook, 'supervisor');
    expect(r.refusals).toContainEqual(expect.objectContaining({ rule: 'link', quote: 'Add us on t.me/settle_help for the refund.' }));
  });
});
