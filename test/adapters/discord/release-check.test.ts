/**
 * Through Discord: an edit whose reply breaks a release rule, or names money no offer backs in
 * any way of writing it, is refused in a private note with the rule and the quote; the text is
 * kept for the next Edit and the case keeps its draft.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MessageFlags } from 'discord.js';
import { AMOUNT_FORMS, BREACHES, EXTORTION_BREACHES, type Breach } from '../../core/read-agent/release-breaches.ts';
import { CALLBACK, FOLLOW_UP, startHarness, type Harness } from './discord-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  expect(h.fake.invalidCalls().map((c) => ({ route: c.route, problems: c.problems }))).toEqual([]);
  await h.stop();
});

async function tryEdit(card: Parameters<Harness['buttonId']>[0], text: string): Promise<{ content: string; flags: number }> {
  const click = h.fake.click('sup.chen', card.id, h.buttonId(card, 'Edit'));
  const opened = await h.answered(click, (c) => c.route === CALLBACK, 'the edit modal');
  // Submit the modal as Discord would: every field with its prefilled value, the reply replaced.
  const fields = (opened.body as { data: { components: { component: { custom_id: string; value?: string } }[] } }).data.components;
  const values = Object.fromEntries(fields.map((f) => [f.component.custom_id, f.component.value ?? '']));
  const submit = h.fake.submitModal('sup.chen', click.id, { ...values, reply: text });
  const note = await h.answered(submit, (c) => c.route === FOLLOW_UP && c.status === 200, 'the refusal');
  return note.body as { content: string; flags: number };
}

describe('Discord: release check', () => {
  it('every breach and every form of unbacked money is refused privately, nothing saved', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: 'The blender has a small scratch on the side', order: 'DC1001' });
    const tries: Breach[] = [...BREACHES, ...AMOUNT_FORMS.map((f) => ({ rule: 'amount', text: `Sorry about the scratch. ${f}` }))];
    for (const b of tries) {
      const note = await tryEdit(card, b.text);
      expect(note.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
      expect({ text: b.text, refused: note.content.includes('Release refused') }).toEqual({ text: b.text, refused: true });
      if (b.rule !== 'amount') expect(note.content).toContain(`(${b.rule})`);
      expect(note.content).toContain('Your text is kept');
    }
    expect((await h.desk.get(caseId)).revision).toBe(1);
    const denied = (await h.desk.history(caseId)).filter((e) => e.action === 'denied' && e.detail['code'] === 'release_refused');
    expect(denied).toHaveLength(tries.length);
  });

  it('M-1: money or WhatsApp offered in an extortion case is refused', async () => {
    const { card } = await h.fileCase('agent.li', { message: 'Pay me 500 yuan or I will leave a one-star review and complain everywhere', order: 'DC1001' });
    for (const b of EXTORTION_BREACHES) expect((await tryEdit(card, b.text)).content).toContain('(M-1)');
  });
});
