/**
 * The desk refuses to let text out that breaks a release rule or names money no offer backs:
 * on the edit (the text never becomes the draft) and on approval (a draft whose text and offers
 * disagree). Each refusal names the rule and the words, and is audited.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { isUserError } from '../../src/core/errors.ts';
import { AMOUNT_FORMS, BREACHES, EXTORTION_BREACHES, LEAK_FORMS } from '../core/read-agent/release-breaches.ts';
import { chen, li, openDesk, wang, zhao, type DeskFixture } from './desk-fixture.ts';

let fx: DeskFixture;
afterEach(async () => {
  await fx?.store.close();
});

const Q1 = '耳机外壳有一点划痕，小瑕疵，不影响使用';

async function refusal(p: Promise<unknown>) {
  try {
    await p;
  } catch (e) {
    if (isUserError(e)) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

/** Files the scratch case (Q1) and has wang (a supervisor) replace its reply; returns the case and the refusal. */
async function refuseEdit(replyText: (v: Awaited<ReturnType<DeskFixture['desk']['submit']>>) => string) {
  fx = await openDesk();
  const v = await fx.desk.submit({ actor: li, message: Q1, orderId: 'T1003' });
  return { v, e: await refusal(fx.desk.edit(v.id, wang, { replyText: replyText(v) }, v.revision)) };
}

describe('release check on the desk', () => {
  it.each(BREACHES)('$rule: an edited reply "$text" is refused with the rule and the quote, audited', async ({ rule, text }) => {
    const { v, e } = await refuseEdit(() => text);
    expect(e.code).toBe('release_refused');
    expect(e.details?.['rule']).toBe(rule);
    expect(e.message).toContain(rule);
    expect((await fx.desk.get(v.id)).draft.reply.text).toBe(v.draft.reply.text);
    const denied = (await fx.desk.history(v.id)).find((a) => a.action === 'denied');
    expect(denied?.detail).toMatchObject({ attempted: 'edit', code: 'release_refused', rule });
  });

  it.each(LEAK_FORMS)('$rule: "$text" (a link, a card number in Chinese numerals or look-alike letters) is refused, the card never shown as typed', async ({ rule, text }) => {
    const { e } = await refuseEdit(() => text);
    expect(e.code).toBe('release_refused');
    expect(e.details?.['rule']).toBe(rule);
    expect(e.message).not.toMatch(/4111 l111|四一一一 一一一一 一一一一/);
  });

  it.each(EXTORTION_BREACHES)('M-1: in an extortion case "$text" is refused', async ({ text }) => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: '不给我赔500块我就给你们差评，天天投诉你们', orderId: 'T1001' });
    expect(v.draft.category).toBe('malicious');
    const e = await refusal(fx.desk.edit(v.id, wang, { replyText: `${v.draft.reply.text}${text}` }, v.revision));
    expect(e.details?.['rule']).toBe('M-1');
  });

  it.each(AMOUNT_FORMS)('an amount no offer backs, written "%s", is refused even for a supervisor', async (form) => {
    const { e } = await refuseEdit((v) => `${v.draft.reply.text}${form}`);
    expect(e.code).toBe('release_refused');
    expect(e.details?.['rule']).toBe('amount');
    expect(String(e.details?.['quote'])).toContain(form.slice(0, 4));
  });

  it('amounts the draft offers, the order total and a playbook postage figure pass', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: Q1, orderId: 'T1003' });
    const text = '非常抱歉给您带来不便。我们可以退您16.4元差价，或者送您5元优惠券；如需退货，订单¥328.00全额退回，运费由我们承担。';
    const edited = await fx.desk.edit(v.id, zhao, { replyText: text }, v.revision);
    const r = await fx.desk.approve(v.id, wang, edited.revision);
    expect(r.outcome).toBe('released');
    expect(r.view.release?.text).toBe(text);
  });

  it('an edited amount the reply names verbatim is re-rendered; written another way, release waits until text and offers agree', async () => {
    fx = await openDesk();
    const v = await fx.desk.submit({ actor: li, message: Q1, orderId: 'T1003' });
    const index = v.draft.offers.findIndex((o) => o.kind === 'partial_refund');
    const lowered = await fx.desk.edit(v.id, zhao, { amounts: [{ index, amountMinor: 1100 }] }, v.revision);
    expect(lowered.draft.reply.text).toContain('¥11.00');
    expect(lowered.draft.reply.text).not.toContain('¥16.40');

    const worded = await fx.desk.edit(lowered.id, zhao, { replyText: '非常抱歉，我们退您十一元差价，今天内到账。' }, lowered.revision);
    const again = await fx.desk.edit(worded.id, chen, { amounts: [{ index, amountMinor: 900 }] }, worded.revision);
    expect(again.draft.reply.text).toContain('十一元');
    const e = await refusal(fx.desk.approve(again.id, wang, again.revision));
    expect(e.code).toBe('release_refused');
    expect(String(e.details?.['quote'])).toContain('十一元');
    expect((await fx.desk.get(v.id)).status).toBe('drafted');
    const denied = (await fx.desk.history(v.id)).filter((a) => a.action === 'denied').map((a) => a.detail['attempted']);
    expect(denied).toContain('approve');
  });
});
