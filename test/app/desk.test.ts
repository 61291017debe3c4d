import { afterEach, describe, expect, it } from 'vitest';
import { MAX_MESSAGE_CHARS, UserError } from '../../src/core/errors.ts';
import { chen, li, openDesk, wang, zhao, type DeskFixture } from './desk-fixture.ts';

let fx: DeskFixture;
afterEach(async () => {
  await fx?.store.close();
});

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (e) {
    if (e instanceof UserError) return e.code;
    throw e;
  }
  return undefined;
}

const MINOR_DEFECT = '耳机外壳有一点划痕，小瑕疵，不影响使用';
const QUALITY = '沙发坐了两天就塌了，质量太差了';
const COUNTERFEIT = '收到的耳机是假货吧，和专柜的不一样';

describe('submit', () => {
  it('files a case: classified, drafted by policy, with the filer recorded as its author', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: MINOR_DEFECT, orderId: 'T1003' });
    expect(v).toMatchObject({ id: 'c1', status: 'drafted', revision: 1, orderId: 'T1003', createdBy: 'console:li', authors: ['console:li'] });
    expect(v.draft).toMatchObject({ category: 'quality', subtype: 'minor_defect', approval: 'agent', escalate: false });
    expect(v.draft.offers.find((o) => o.kind === 'partial_refund')?.amountMinor).toBeGreaterThan(0);
    const h = await fx.desk.history('c1');
    expect(h.map((e) => e.action)).toEqual(['submitted', 'drafted']);
    expect(h[1]?.detail).toMatchObject({ after: { playbookVersion: v.draft.playbookVersion } });
  });

  it('an unknown order id still files the case; the draft says the order was not found', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: MINOR_DEFECT, orderId: 'NOPE-9' });
    expect(v.status).toBe('drafted');
    expect(v.orderId).toBe('NOPE-9');
    expect(v.draft.checklist[0]).toContain('NOPE-9');
    expect((await fx.desk.history(v.id))[0]?.detail).toMatchObject({ orderId: 'NOPE-9', orderFound: false });
  });

  it('refuses an empty or over-long message with a clear code, and creates nothing', async () => {
    fx = await openDesk();
    expect(await codeOf(fx.desk.submit({ actor: li, message: '  \n ' }))).toBe('empty_message');
    expect(await codeOf(fx.desk.submit({ actor: li, message: '差'.repeat(MAX_MESSAGE_CHARS + 1) }))).toBe('message_too_long');
    expect(await codeOf(fx.desk.submit({ actor: li, message: 'x', facts: { urgent: 'very' as unknown as boolean } }))).toBe('invalid_input');
    expect(await fx.desk.queue()).toEqual([]);
  });

  it('never writes the customer message (phone, address) to the log', async () => {
    fx = await openDesk();
    await fx.desk.submit({ actor: li, message: `${MINOR_DEFECT}，电话13812345678，地址广东省深圳市南山区科技园路1号` });
    expect(fx.logs()).toContain('case submitted');
    expect(fx.logs()).not.toContain('13812345678');
    expect(fx.logs()).not.toContain('科技园路');
  });
});

describe('approve: separation of duties and roles', () => {
  it('the filer may not approve; another agent may, and the reply is released once', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: MINOR_DEFECT, orderId: 'T1003' });
    expect(await codeOf(fx.desk.approve(v.id, li, 1))).toBe('forbidden_author');
    const r = await fx.desk.approve(v.id, zhao, 1);
    expect(r.outcome).toBe('released');
    expect(r.view).toMatchObject({ status: 'released', decidedBy: 'console:zhao', release: { text: v.draft.reply.text, offers: v.draft.offers } });
    const again = await fx.desk.approve(v.id, wang, 1);
    expect(again.outcome).toBe('already');
    expect(again.view.release?.id).toBe(r.view.release?.id);
    expect((await fx.desk.history(v.id)).map((e) => e.action)).toEqual(['submitted', 'drafted', 'denied', 'approved', 'released']);
  });

  it('an escalated draft (counterfeit claim, Q-4) needs a supervisor; the refused agent is on record', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: COUNTERFEIT, orderId: 'T1003' });
    expect(v.draft.escalate).toBe(true);
    expect(await codeOf(fx.desk.approve(v.id, zhao, 1))).toBe('forbidden_role');
    expect(await codeOf(fx.desk.reject(v.id, zhao, 'not fake', 1))).toBe('forbidden_role');
    expect((await fx.desk.approve(v.id, wang, 1)).outcome).toBe('released');
    const denied = (await fx.desk.history(v.id)).filter((e) => e.action === 'denied');
    expect(denied.map((e) => [e.actorId, e.detail.attempted, e.detail.code])).toEqual([['console:zhao', 'approve', 'forbidden_role'], ['console:zhao', 'reject', 'forbidden_role']]);
  });

  it('two supervisors approving the same revision at once release exactly once', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: MINOR_DEFECT, orderId: 'T1003' });
    const results = await Promise.all([fx.desk.approve(v.id, wang, 1), fx.desk.approve(v.id, chen, 1), fx.desk.approve(v.id, wang, 1)]);
    expect(results.map((r) => r.outcome).sort()).toEqual(['already', 'already', 'released']);
    expect(fx.store.db.prepare('SELECT COUNT(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    expect((await fx.desk.history(v.id)).filter((e) => e.action === 'released')).toHaveLength(1);
  });

  it('a rejected case cannot be approved; a stale revision is refused', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: MINOR_DEFECT, orderId: 'T1003' });
    const edited = await fx.desk.edit(v.id, zhao, { replyText: '亲，非常抱歉，我们为您补偿。' }, 1);
    expect(await codeOf(fx.desk.approve(v.id, wang, 1))).toBe('stale_revision');
    const rejected = await fx.desk.reject(v.id, wang, '补偿方式不对', edited.revision);
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: '补偿方式不对', decidedBy: 'console:wang' });
    expect(await codeOf(fx.desk.approve(v.id, chen, edited.revision))).toBe('already_decided');
  });
});

describe('edit: re-checked against the caps of the editor', () => {
  it('Q-1 an agent may lower or raise within the cap, not past it; the editor may then not approve', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: MINOR_DEFECT, orderId: 'T1003' });
    const idx = v.draft.offers.findIndex((o) => o.kind === 'partial_refund' && o.rule === 'Q-1');
    expect(await codeOf(fx.desk.edit(v.id, zhao, { amounts: [{ index: idx, amountMinor: 5000 }] }, 1))).toBe('over_cap');
    const e = await fx.desk.edit(v.id, zhao, { amounts: [{ index: idx, amountMinor: 2500 }] }, 1);
    expect(e.revision).toBe(2);
    expect(e.draft.offers[idx]?.amountMinor).toBe(2500);
    expect(e.authors).toEqual(['console:li', 'console:zhao']);
    expect(await codeOf(fx.desk.approve(v.id, zhao, 2))).toBe('forbidden_author');
    expect((await fx.desk.approve(v.id, wang, 2)).view.release?.offers[idx]?.amountMinor).toBe(2500);
    const edit = (await fx.desk.history(v.id)).find((h) => h.action === 'edited');
    expect(edit?.detail).toMatchObject({ before: { offers: expect.arrayContaining([expect.objectContaining({ kind: 'partial_refund', amountMinor: v.draft.offers[idx]?.amountMinor })]) } });
    expect(edit?.detail).toMatchObject({ after: { offers: expect.arrayContaining([expect.objectContaining({ kind: 'partial_refund', amountMinor: 2500 })]) } });
  });

  it('Q-2 an agent may lower a refund but not raise it past the agent limit; a supervisor may', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: QUALITY, orderId: 'T1004' });
    const idx = v.draft.offers.findIndex((o) => o.kind === 'partial_refund' && o.rule === 'Q-2');
    expect(v.draft.offers[idx]?.amountMinor).toBe(30000); // 30 % of ¥1,000: over the ¥100 agent limit
    expect(v.draft.approval).toBe('supervisor');
    const lowered = await fx.desk.edit(v.id, zhao, { amounts: [{ index: idx, amountMinor: 8000 }] }, 1);
    expect(lowered.draft.offers[idx]?.amountMinor).toBe(8000);
    let err: UserError | undefined;
    try {
      await fx.desk.edit(v.id, zhao, { amounts: [{ index: idx, amountMinor: 15000 }] }, 2);
    } catch (x) {
      err = x as UserError;
    }
    expect(err?.code).toBe('over_cap');
    expect(err?.message).toContain('agent limit ¥100.00');
    expect(await codeOf(fx.desk.edit(v.id, wang, { amounts: [{ index: idx, amountMinor: 30001 }] }, 2))).toBe('over_cap');
    const e = await fx.desk.edit(v.id, wang, { amounts: [{ index: idx, amountMinor: 15000 }] }, 2);
    expect(e.draft.approval).toBe('supervisor');
    expect(await codeOf(fx.desk.approve(v.id, zhao, 3))).toBe('forbidden_role');
    expect(await codeOf(fx.desk.approve(v.id, wang, 3))).toBe('forbidden_author');
    expect((await fx.desk.approve(v.id, chen, 3)).view.release?.offers[idx]?.amountMinor).toBe(15000);
    expect((await fx.desk.history(v.id)).filter((h) => h.action === 'denied').map((h) => [h.actorId, h.detail.code])).toEqual([
      ['console:zhao', 'over_cap'], ['console:wang', 'over_cap'], ['console:zhao', 'forbidden_role'], ['console:wang', 'forbidden_author'],
    ]);
  });

  it('T-3 an edited reply with a taboo phrase is flagged at the top of the checklist and in the audit', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: MINOR_DEFECT, orderId: 'T1003' });
    const e = await fx.desk.edit(v.id, zhao, { replyText: '这个我们也没办法，您自己看着办吧。' }, 1);
    expect(e.draft.checklist[0]).toMatch(/^⚠ T-3: .*没办法/);
    expect(e.draft.reply.text).toBe('这个我们也没办法，您自己看着办吧。');
    const fixed = await fx.desk.edit(v.id, zhao, { replyText: '亲，非常抱歉，我们马上为您处理。' }, 2);
    expect(fixed.draft.checklist.some((c) => c.startsWith('⚠'))).toBe(false);
    expect((await fx.desk.history(v.id)).find((h) => h.action === 'edited')?.detail.warnings).toHaveLength(1);
  });

  it('refuses money on an offer that moves none, and an empty edit', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: MINOR_DEFECT, orderId: 'T1003' });
    const exchange = v.draft.offers.findIndex((o) => o.amountMinor === null);
    expect(await codeOf(fx.desk.edit(v.id, zhao, { amounts: [{ index: exchange, amountMinor: 100 }] }, 1))).toBe('invalid_input');
    expect(await codeOf(fx.desk.edit(v.id, zhao, {}, 1))).toBe('invalid_input');
    expect(await codeOf(fx.desk.edit(v.id, zhao, { amounts: [{ index: 99, amountMinor: 1 }] }, 1))).toBe('invalid_input');
  });
});

describe('answer: the draft is decided again with the new fact', () => {
  it('L-4 answering the questions of a missing-item case makes a new revision from the policy', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: '买了三件T恤，收到只有两件，少发了一件', orderId: 'T1005' });
    expect(v.draft.questions.map((q) => q.fact)).toContain('missingSku');
    expect(await codeOf(fx.desk.answer(v.id, li, 'missingSku', 'NOT-A-SKU', 1))).toBe('invalid_input');
    const a1 = await fx.desk.answer(v.id, li, 'missingSku', 'TS-W', 1);
    expect(a1.revision).toBe(2);
    expect(a1.facts.missingSku).toBe('TS-W');
    expect(a1.draft.questions.map((q) => q.fact)).not.toContain('missingSku');
    const a2 = await fx.desk.answer(v.id, li, 'weightMatchesCustomerClaim', 'yes', 2);
    expect(a2.revision).toBe(3);
    expect(a2.draft.questions.map((q) => q.fact)).not.toContain('weightMatchesCustomerClaim');
    expect(a2.draft.questions.length).toBeLessThan(v.draft.questions.length);
    expect(await codeOf(fx.desk.answer(v.id, li, 'urgent', true, 2))).toBe('stale_revision');
    const h = await fx.desk.history(v.id);
    expect(h.filter((e) => e.action === 'answered').map((e) => [e.detail.fact, e.detail.value])).toEqual([['missingSku', 'TS-W'], ['weightMatchesCustomerClaim', true]]);
  });

  it('P-1 a money fact is given in major units and stored in minor units', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: '买了一周就降价了，能退差价吗', orderId: 'T1003' });
    const a = await fx.desk.answer(v.id, zhao, 'priceNow', '249', 1);
    expect(a.facts.priceNowMinor).toBe(24900);
    expect(a.authors).toContain('console:zhao');
    expect(await codeOf(fx.desk.answer(v.id, zhao, 'priceNow', 'cheap', 2))).toBe('invalid_input');
  });
});

describe('queue, history, denied attempts, channels', () => {
  it('lists open cases oldest first, filtered by filer', async () => {
    fx = await openDesk();
    const a = await fx.desk.submit({ actor: li, message: MINOR_DEFECT, orderId: 'T1003' });
    const b = await fx.desk.submit({ actor: zhao, message: COUNTERFEIT, orderId: 'T1003' });
    await fx.desk.submit({ actor: li, message: QUALITY, orderId: 'T1004' });
    await fx.desk.approve(a.id, wang, 1);
    const q = await fx.desk.queue();
    expect(q.map((s) => s.id)).toEqual([b.id, 'c3']);
    expect(q[0]).toMatchObject({ escalate: true, approval: 'supervisor', createdBy: 'console:zhao', preview: COUNTERFEIT });
    expect((await fx.desk.queue({ createdBy: 'console:li' })).map((s) => s.id)).toEqual(['c3']);
  });

  it('records an adapter-refused attempt and keeps a card reference', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: MINOR_DEFECT });
    await fx.desk.recordDenied(v.id, { ...zhao, platform: 'slack', id: 'slack:U9' }, 'approve', 'not a supervisor');
    await fx.desk.setChannel(v.id, { platform: 'slack', channelId: 'C1', messageId: '171.01' });
    expect((await fx.desk.get(v.id)).channel).toEqual({ platform: 'slack', channelId: 'C1', messageId: '171.01' });
    expect((await fx.desk.history(v.id)).at(-1)).toMatchObject({ action: 'denied', actorId: 'slack:U9', detail: { attempted: 'approve', reason: 'not a supervisor' } });
    expect(await codeOf(fx.desk.get('c999'))).toBe('not_found');
    expect(await codeOf(fx.desk.history('c999'))).toBe('not_found');
  });
});

describe('label (a supervisor corrects what the message is)', () => {
  it('records category_corrected with the label before and what Settle drafted; the draft stays as it was', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: QUALITY, orderId: 'T1004' });
    const r = await fx.desk.label(v.id, wang, 'quality', 'minor_defect');
    expect(r).toEqual({ caseId: v.id, before: { category: v.draft.category, subtype: v.draft.subtype }, after: { category: 'quality', subtype: 'minor_defect' } });
    // A second correction starts from the first: a subtype alone names its category.
    expect((await fx.desk.label(v.id, chen, 'price_drop')).before).toEqual({ category: 'quality', subtype: 'minor_defect' });
    const entries = (await fx.desk.history(v.id)).filter((e) => e.action === 'category_corrected');
    expect(entries.map((e) => [e.actorId, e.detail.category, e.detail.subtype])).toEqual([[wang.id, 'quality', 'minor_defect'], [chen.id, 'price', 'price_drop']]);
    expect(entries[1]!.detail.drafted).toEqual({ category: v.draft.category, subtype: v.draft.subtype });
    expect((await fx.desk.get(v.id)).draft).toEqual(v.draft);
  });

  it('an agent is refused (forbidden_role), audited as denied; a bad label is invalid_input and records nothing', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: QUALITY, orderId: 'T1004' });
    expect(await codeOf(fx.desk.label(v.id, zhao, 'other'))).toBe('forbidden_role');
    expect((await fx.desk.history(v.id)).at(-1)).toMatchObject({ action: 'denied', actorId: zhao.id, detail: { attempted: 'label', code: 'forbidden_role' } });
    const before = (await fx.desk.history(v.id)).length;
    expect(await codeOf(fx.desk.label(v.id, wang, 'other', 'price_drop'))).toBe('invalid_input');
    expect(await codeOf(fx.desk.label(v.id, wang, 'nonsense'))).toBe('invalid_input');
    expect((await fx.desk.history(v.id)).length).toBe(before);
    expect(await codeOf(fx.desk.label('c999', wang, 'other'))).toBe('not_found');
  });
});
