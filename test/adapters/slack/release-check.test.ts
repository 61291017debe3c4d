/**
 * Through Slack: an edit whose reply breaks a release rule, or names money no offer backs in any
 * way of writing it, is refused in the modal with the rule and the quote; the case keeps its
 * draft, and text that disagrees with an edited amount is refused until both agree.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AMOUNT_FORMS, BREACHES, EXTORTION_BREACHES, type Breach } from '../../core/read-agent/release-breaches.ts';
import { buttonsOf, modalState, startHarness, USERS, waitFor, type Harness } from './slack-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

/** Files a case and opens its Edit modal as the supervisor. */
async function openEdit(command: string) {
  await h.sender.command(command, USERS.agent);
  await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'the card');
  const message = [...h.fake.messages.values()].at(-1)!;
  const ref = { channel: message.channel, ts: message.ts };
  const [summary] = await h.desk.queue();
  const edit = buttonsOf(message.blocks).find((b) => b.label === 'Edit')!;
  const before = h.fake.callsTo('views.open', true).length;
  await h.sender.click(edit.id, USERS.sup, ref);
  const opened = await waitFor(() => h.fake.callsTo('views.open', true)[before], 'edit modal');
  return { caseId: summary!.id, view: opened.args.view as { private_metadata: string } };
}

async function submitReply(view: { private_metadata: string }, changes: Record<string, string>) {
  const res = await h.sender.submit('settle_edit', view.private_metadata, modalState(view, changes), USERS.sup);
  expect(res.status).toBe(200);
  return res.json as { response_action?: string; errors?: Record<string, string> } | undefined;
}

describe('Slack: release check', () => {
  it('every breach and every form of unbacked money is refused in the edit modal, nothing saved', async () => {
    const { caseId, view } = await openEdit('order:TB1001 The blender has a small scratch on the side');
    const tries: Breach[] = [...BREACHES, ...AMOUNT_FORMS.map((f) => ({ rule: 'amount', text: `Sorry about the scratch. ${f}` }))];
    for (const b of tries) {
      const r = await submitReply(view, { reply: b.text });
      expect({ text: b.text, action: r?.response_action }).toEqual({ text: b.text, action: 'errors' });
      expect(r?.errors?.['reply']).toContain('Release refused');
      if (b.rule !== 'amount') expect(r?.errors?.['reply']).toContain(`(${b.rule})`);
    }
    const c = await h.desk.get(caseId);
    expect(c.revision).toBe(1);
    const denied = (await h.desk.history(caseId)).filter((e) => e.action === 'denied' && e.detail['code'] === 'release_refused');
    expect(denied).toHaveLength(tries.length);
  });

  it('M-1: money or WhatsApp offered in an extortion case is refused', async () => {
    const { view } = await openEdit('order:TB1001 Pay me 500 yuan or I will leave a one-star review and complain everywhere');
    for (const b of EXTORTION_BREACHES) {
      const r = await submitReply(view, { reply: b.text });
      expect(r?.errors?.['reply']).toContain('(M-1)');
    }
  });

  it('an amount edited while the reply names the old figure another way is refused until text and offers agree', async () => {
    const { caseId, view } = await openEdit('order:TB1001 The blender has a small scratch on the side');
    const draft = (await h.desk.get(caseId)).draft;
    const index = draft.offers.findIndex((o) => o.kind === 'partial_refund');
    const old = (draft.offers[index]!.amountMinor ?? 0) / 100;
    const words = `Sorry about the scratch. We can refund ${old} yuan today.`;
    const r = await submitReply(view, { reply: words, [`amount_${index}`]: String(old - 1) });
    expect(r?.errors?.['reply']).toContain(`${old} yuan`);
    expect((await h.desk.get(caseId)).revision).toBe(1);
    const fixed = await submitReply(view, { reply: `Sorry about the scratch. We can refund ${old - 1} yuan today.`, [`amount_${index}`]: String(old - 1) });
    expect(fixed?.response_action).toBeUndefined();
    expect((await h.desk.get(caseId)).revision).toBe(2);
  });
});
