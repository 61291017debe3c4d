/**
 * The Discord case flow end to end: a real discord.js client (the adapter) logged in to the
 * fake Discord, a real desk on a SQLite file. Tests act as guild members and check what they
 * would see: the card, its buttons, ephemeral notes, the released reply.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InteractionResponseType, MessageFlags } from 'discord.js';
import type { Desk } from '../../../src/app/desk.ts';
import { buttonsOf, isEphemeral, visibleText } from '../../fakes/discord/fake-messages.ts';
import { CALLBACK, FOLLOW_UP, ORIGINAL, eventually, startHarness, type Harness } from './discord-harness.ts';

/** The buttons that decide a draft; a released card keeps only its lifecycle buttons (docs/lifecycle.md). */
const decisionButtons = (m: Parameters<typeof buttonsOf>[0]) => buttonsOf(m).filter((b) => !b.custom_id.startsWith('s1|lc|'));

// Q-2 with an order: a partial refund above the agent threshold → needs a supervisor.
export const SUPERVISOR_LEVEL = 'The blender stopped working after two days, it is broken';
// Q-1 minor defect: within the agent threshold.
export const AGENT_LEVEL = 'The blender has a small scratch on the side';

let h: Harness;
afterEach(async () => {
  // Whatever a test did, every body the adapter sent must be valid under Discord's schema.
  expect(h.fake.invalidCalls().map((c) => ({ route: c.route, problems: c.problems }))).toEqual([]);
  await h.stop();
});

describe('Discord: the case flow', () => {
  beforeEach(async () => {
    h = await startHarness();
  });

  it('/settle case → deferred → draft card → supervisor approves → card final, reply released once', async () => {
    const { interaction, card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const [callback, edit] = h.fake.callsFor(interaction);
    expect(callback).toMatchObject({ route: CALLBACK, status: 204, body: { type: InteractionResponseType.DeferredChannelMessageWithSource } });
    expect(isEphemeral(card)).toBe(false);
    expect(edit?.route).toBe(ORIGINAL);
    const view = await h.desk.get(caseId);
    expect(card.embeds[0]?.title).toBe('Quality · quality problem — awaiting approval');
    expect(card.embeds[0]?.description).toContain(view.draft.reply.text);
    expect(visibleText(card)).toContain('Needs a supervisor');
    expect(visibleText(card)).toContain('¥269.70');
    expect(buttonsOf(card).slice(0, 3).map((b) => b.label)).toEqual(['Approve', 'Edit', 'Reject']);
    const channel = await eventually(async () => (await h.desk.get(caseId)).channel?.messageId && (await h.desk.get(caseId)).channel, 'the card location');
    expect(channel).toEqual({ platform: 'discord', channelId: card.channel_id, messageId: card.id });

    const click = h.fake.click('sup.chen', card.id, h.buttonId(card, 'Approve'));
    const release = await h.answered(click, (c) => c.route === FOLLOW_UP && c.status === 200, 'the released reply');
    const calls = h.fake.callsFor(click);
    expect(calls[0]).toMatchObject({ route: CALLBACK, body: { type: InteractionResponseType.DeferredMessageUpdate } });
    const final = h.fake.message(card.id);
    expect(decisionButtons(final)).toEqual([]);
    expect(buttonsOf(final).map((b) => b.label)).toEqual(['Return arrived', 'Executed…']);
    expect(final.embeds[0]?.title).toBe('Quality · quality problem — released');
    expect(visibleText(final)).toMatch(/Approved by <@1300000000000000204> at \d\d:\d\d · released at \d\d:\d\d/);
    const released = await h.desk.get(caseId);
    expect(released.status).toBe('released');
    const body = release.body as { content: string; flags?: number };
    expect(body.flags ?? 0).toBe(0);
    expect(body.content).toContain(released.release?.text.slice(0, 200));
    expect(body.content).toContain('<@1300000000000000204>');
    expect((await h.desk.history(caseId)).filter((e) => e.action === 'released')).toHaveLength(1);
  });

  it('answers a Yes/No question with a button: the draft is decided again and the card redrawn', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const click = h.fake.click('agent.zhao', card.id, h.buttonId(card, '2. Yes'));
    await h.answered(click, (c) => c.route === ORIGINAL && c.status === 200, 'the redrawn card');
    const view = await h.desk.get(caseId);
    expect(view.revision).toBe(2);
    expect(view.facts.customerInsistsReturn).toBe(true);
    const redrawn = h.fake.message(card.id);
    expect(redrawn.embeds[0]?.footer?.text).toBe(`Case ${caseId} · rev 2`);
    expect(buttonsOf(redrawn).every((b) => b.custom_id.split('|')[3] === '2')).toBe(true);
  });

  it('answers a money question through a modal: a bad amount is refused privately, a good one re-decides', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: 'The price dropped right after I bought the blender, refund the difference', order: 'DC1001' });
    expect(visibleText(card)).toContain('**1.** What is the item\'s current price?');
    const open = h.fake.click('agent.li', card.id, h.buttonId(card, '1. Enter…'));
    const modal = await h.answered(open, (c) => c.route === CALLBACK, 'the modal');
    expect((modal.body as { type: number }).type).toBe(InteractionResponseType.Modal);
    const bad = h.fake.submitModal('agent.li', open.id, { value: 'cheaper' });
    const refusal = await h.answered(bad, (c) => c.route === CALLBACK, 'the refusal');
    expect(refusal.body).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    expect((refusal.body as { data: { content: string } }).data.content).toContain('priceNow: enter an amount');
    const again = h.fake.click('agent.li', card.id, h.buttonId(card, '1. Enter…'));
    await h.answered(again, (c) => c.route === CALLBACK, 'the modal again');
    const good = h.fake.submitModal('agent.li', again.id, { value: '¥850.00' });
    await h.answered(good, (c) => c.route === ORIGINAL && c.status === 200, 'the redrawn card');
    const view = await h.desk.get(caseId);
    expect(view.revision).toBe(2);
    expect(view.facts.priceNowMinor).toBe(85000);
    expect(visibleText(h.fake.message(card.id))).toContain('¥49.00');
  });

  it('the lang option sets the reply language: an English complaint answered in Chinese, card in Chinese', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: AGENT_LEVEL, order: 'DC1001', lang: 'zh' });
    expect((await h.desk.get(caseId)).draft.reply.lang).toBe('zh');
    expect(card.embeds[0]?.title).toBe('质量 · 瑕疵 — 待审批');
    expect(buttonsOf(card).slice(0, 3).map((b) => b.label)).toEqual(['批准', '修改', '驳回']);
  });

  it('a long complaint: no message opens a modal first; 4 000 characters fit the card and show whole, paginated', async () => {
    const open = h.fake.slash('agent.li', 'case', { order: 'DC1001' });
    await h.answered(open, (c) => c.route === CALLBACK, 'the modal');
    const modal = h.fake.callsFor(open)[0]?.body as { type: number; data: { custom_id: string } };
    expect(modal.type).toBe(InteractionResponseType.Modal);
    expect(modal.data.custom_id).toBe('settle:case:auto');
    const paragraph = '搅拌机用了两天就坏了，电机有烧焦的味道，我非常失望。The blender stopped working after two days and smells burnt.\n';
    const complaint = paragraph.repeat(60).slice(0, 4000);
    const submit = h.fake.submitModal('agent.li', open.id, { message: complaint, order: 'DC1001' });
    await h.answered(submit, (c) => c.route === ORIGINAL && c.status === 200, 'the card');
    const card = h.fake.message(h.fake.rest.interactions.get(submit.id)?.originalMessageId ?? '');
    const embed = card.embeds[0];
    const customer = embed?.fields?.[0]?.value ?? '';
    expect(customer.length).toBeLessThanOrEqual(1024);
    expect(customer).toContain('…');
    const caseId = (card.embeds[0]?.footer?.text ?? '').split(' ')[1] ?? '';
    expect((await h.desk.get(caseId)).message).toBe(complaint);

    // Mostly Chinese: the card speaks the reply's language.
    const show = h.fake.click('sup.chen', card.id, h.buttonId(card, '查看完整消息'));
    // The first page is the interaction reply, the rest follow-ups; all private to the clicker.
    const first = (await h.answered(show, (c) => c.route === CALLBACK, 'the first page')).body as { data: { content: string } };
    const total = Number(/\(1\/(\d+)\)/.exec(first.data.content)?.[1]);
    expect(total).toBeGreaterThan(1);
    await eventually(() => h.fake.callsFor(show).filter((c) => c.status === 200 || c.status === 204).length === total || undefined, 'every page');
    const pages = h.fake.callsFor(show).map((c) => (c.route === CALLBACK ? (c.body as { data: { content: string; flags: number } }).data : (c.body as { content: string; flags: number })));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.every((p) => (p.flags & MessageFlags.Ephemeral) !== 0 && p.content.length <= 2000)).toBe(true);
    const rebuilt = pages.map((p) => p.content.slice(p.content.indexOf('\n') + 1)).join('');
    expect(rebuilt.replace(/\n/g, '')).toBe(complaint.replace(/\n/g, ''));
  });

  it('a message option longer than a command allows opens the modal with it prefilled', async () => {
    const long = 'The blender broke. '.repeat(60);
    const open = h.fake.slash('agent.li', 'case', { message: long });
    await h.answered(open, (c) => c.route === CALLBACK, 'the modal');
    const body = h.fake.callsFor(open)[0]?.body as { type: number; data: { components: { component: { custom_id: string; value?: string } }[] } };
    expect(body.type).toBe(InteractionResponseType.Modal);
    expect(body.data.components[0]?.component.value).toBe(long);
  });

  it('Edit over the cap: told privately, nothing lost (text kept for the next Edit); within the cap the card is redrawn', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: AGENT_LEVEL, order: 'DC1001' });
    const edit = h.fake.click('agent.zhao', card.id, h.buttonId(card, 'Edit'));
    await h.answered(edit, (c) => c.route === CALLBACK, 'the edit modal');
    expect((h.fake.callsFor(edit)[0]?.body as { type: number }).type).toBe(InteractionResponseType.Modal);
    const myText = 'Sorry about the scratch! We will refund the whole price and you keep it.';
    const tooMuch = h.fake.submitModal('agent.zhao', edit.id, { reply: myText, 'amount:0': '5.00', 'amount:1': '5000.00', 'amount:3': '899.00' });
    const note = await h.answered(tooMuch, (c) => c.route === FOLLOW_UP && c.status === 200, 'the refusal');
    const refusal = note.body as { content: string; flags: number; embeds: { description: string }[] };
    expect(refusal.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(refusal.content).toMatch(/goes past what a agent may grant|over|past/i);
    expect(refusal.content).toContain('Your text is kept');
    expect(refusal.embeds[0]?.description).toBe(myText);
    expect((await h.desk.get(caseId)).revision).toBe(1);
    expect(h.fake.message(card.id).embeds[0]?.footer?.text).toBe(`Case ${caseId} · rev 1`);
    expect((await h.desk.history(caseId)).some((e) => e.action === 'denied' && e.detail.code === 'over_cap')).toBe(true);

    const again = h.fake.click('agent.zhao', card.id, h.buttonId(card, 'Edit'));
    await h.answered(again, (c) => c.route === CALLBACK, 'the second modal');
    const modal = (h.fake.callsFor(again)[0]?.body as { data: { components: { component: { custom_id: string; value?: string } }[] } }).data;
    expect(modal.components.map((c) => [c.component.custom_id, c.component.value])).toEqual([
      ['reply', myText], ['amount:0', '5.00'], ['amount:1', '5000.00'], ['amount:3', '899.00'],
    ]);
    const ok = h.fake.submitModal('agent.zhao', again.id, { reply: myText, 'amount:0': '5.00', 'amount:1': '20.00', 'amount:3': '899.00' });
    await h.answered(ok, (c) => c.route === ORIGINAL && c.status === 200, 'the redrawn card');
    const view = await h.desk.get(caseId);
    expect(view.revision).toBe(2);
    expect(view.draft.reply.text).toBe(myText);
    expect(view.draft.offers[1]?.amountMinor).toBe(2000);
    expect(h.fake.message(card.id).embeds[0]?.description).toContain(myText);
    expect(visibleText(h.fake.message(card.id))).toContain('¥20.00');
  });

  it('Edit reads amounts with the one grammar: `30,01` is refused naming the offer, `¥12.50` is 1250 fen', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: AGENT_LEVEL, order: 'DC1001' });
    const before = await h.desk.get(caseId);
    const myText = before.draft.reply.text;
    const edit = h.fake.click('agent.zhao', card.id, h.buttonId(card, 'Edit'));
    await h.answered(edit, (c) => c.route === CALLBACK, 'the edit modal');
    const comma = h.fake.submitModal('agent.zhao', edit.id, { reply: myText, 'amount:0': '5.00', 'amount:1': '30,01', 'amount:3': '899.00' });
    const note = await h.answered(comma, (c) => c.route === CALLBACK, 'the refusal');
    const refusal = (note.body as { data: { content: string; flags: number } }).data;
    expect(refusal.flags & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    expect(refusal.content).toContain(`Offer 2 (Partial refund): '30,01' is not an amount`);
    expect((await h.desk.get(caseId)).revision).toBe(before.revision);

    const again = h.fake.click('agent.zhao', card.id, h.buttonId(card, 'Edit'));
    await h.answered(again, (c) => c.route === CALLBACK, 'the second modal');
    const ok = h.fake.submitModal('agent.zhao', again.id, { reply: myText, 'amount:0': '5.00', 'amount:1': '¥12.50', 'amount:3': '899.00' });
    await h.answered(ok, (c) => c.route === ORIGINAL && c.status === 200, 'the redrawn card');
    expect((await h.desk.get(caseId)).draft.offers[1]).toMatchObject({ kind: 'partial_refund', amountMinor: 1250 });
  });

  it('Reject asks for a reason in a modal; the card shows who rejected and why, without buttons', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const click = h.fake.click('sup.chen', card.id, h.buttonId(card, 'Reject'));
    await h.answered(click, (c) => c.route === CALLBACK, 'the reject modal');
    const submit = h.fake.submitModal('sup.chen', click.id, { reason: 'Ask for the video first.' });
    await h.answered(submit, (c) => c.route === ORIGINAL && c.status === 200, 'the final card');
    const final = h.fake.message(card.id);
    expect(buttonsOf(final)).toEqual([]);
    expect(visibleText(final)).toMatch(/Rejected by <@1300000000000000204> at \d\d:\d\d: Ask for the video first\./);
    expect((await h.desk.get(caseId)).status).toBe('rejected');
  });
});

describe('Discord: respond within 3 seconds', () => {
  it('drafting slower than 3 s still succeeds: the callback is a defer, the card comes later by edit', async () => {
    // Drafting waits on a gate the test opens, not on a real 3.3 s sleep; Discord's clock is moved instead.
    let finishDrafting!: () => void;
    const drafting = new Promise<void>((resolve) => (finishDrafting = resolve));
    h = await startHarness({
      wrapDesk: (desk): Desk => ({
        ...desk,
        submit: async (input) => {
          await drafting;
          return desk.submit(input);
        },
      }),
    });
    const interaction = h.fake.slash('agent.li', 'case', { message: AGENT_LEVEL, order: 'DC1001' });
    const callback = await h.answered(interaction, (c) => c.route === CALLBACK, 'the defer');
    expect(callback.status).toBe(204);
    const state = h.fake.rest.interactions.get(interaction.id);
    expect((state?.response?.at ?? Infinity) - (state?.createdAt ?? 0)).toBeLessThan(3_000);
    const thinking = h.fake.message(state?.originalMessageId ?? '');
    expect((thinking.flags ?? 0) & MessageFlags.Loading).toBe(MessageFlags.Loading);
    expect(h.fake.callsFor(interaction).some((c) => c.route === ORIGINAL)).toBe(false);
    // 3.3 s of drafting, as the fake Discord sees it: its 3-second callback window is now closed.
    if (state) state.createdAt -= 3_300;
    finishDrafting();
    const edit = await h.answered(interaction, (c) => c.route === ORIGINAL, 'the card');
    expect(edit.status).toBe(200);
    const card = h.fake.message(state?.originalMessageId ?? '');
    expect((card.flags ?? 0) & MessageFlags.Loading).toBe(0);
    expect(buttonsOf(card).map((b) => b.label)).toContain('Approve');
  });
});
