/**
 * Discord access through the loopback fake: a member with no configured role (a customer in the
 * server) can neither file, approve nor release; refusals are ephemeral (flags 64), name the key
 * and are audited; a typo'd case id releases nothing; a stale card is refused with the new one;
 * a reply longer than a Discord field is never put in a form, so never released cut.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MessageFlags, type APIInteraction } from 'discord.js';
import { encodeAction } from '../../../src/adapters/shared/action-id.ts';
import { NO_CASE } from '../../../src/app/access.ts';
import type { Actor } from '../../../src/app/desk.ts';
import type { RecordedCall } from '../../fakes/discord/fake-rest.ts';
import { CALLBACK, FOLLOW_UP, ORIGINAL, eventually, startHarness, type Harness, type HarnessOptions } from './discord-harness.ts';

const SUPERVISOR_LEVEL = 'The blender stopped working after two days, it is broken';
const CONSOLE_SUP: Actor = { id: 'console:wang', displayName: 'wang', role: 'supervisor', platform: 'console' };

let h: Harness;
afterEach(async () => {
  if (h) expect(h.fake.invalidCalls().map((c) => ({ route: c.route, problems: c.problems }))).toEqual([]);
  await h?.stop();
});
const start = async (options: HarnessOptions = {}) => {
  h = await startHarness(options);
};

/** What the person was told privately (ephemeral reply or follow-up). */
function privateNotes(interaction: APIInteraction): string[] {
  return h.fake.callsFor(interaction).flatMap((c: RecordedCall) => {
    const data = (c.route === CALLBACK ? (c.body as { data?: { content?: string; flags?: number } }).data : c.body) as { content?: string; flags?: number } | undefined;
    return data?.content && ((data.flags ?? 0) & MessageFlags.Ephemeral) ? [data.content] : [];
  });
}
const releasePosts = () => h.fake.rest.calls.filter((c) => c.route === FOLLOW_UP && c.status === 200 && !(((c.body as { flags?: number }).flags ?? 0) & MessageFlags.Ephemeral));

describe('Discord: staff access, denied by default', () => {
  it('a member with no role cannot file: a private refusal naming DISCORD_AGENT_ROLE_IDS, audited, nothing drafted', async () => {
    await start();
    const cmd = h.fake.slash('visitor.ng', 'case', { message: 'I want a refund for everything', order: 'DC1001' });
    await h.answered(cmd, (c) => c.route === CALLBACK, 'the refusal');
    expect(privateNotes(cmd)[0]).toBe('⛔ Only staff can file a case; DISCORD_AGENT_ROLE_IDS grants it. Nothing was filed.');
    expect(await h.desk.queue()).toEqual([]);
    expect((await h.desk.history(NO_CASE))[0]).toMatchObject({ actorId: 'discord:1300000000000000206', detail: { attempted: 'file', role: 'anyone', grantKey: 'DISCORD_AGENT_ROLE_IDS' } });
    // Nor open the form, nor see the queue.
    const form = h.fake.slash('visitor.ng', 'case', {});
    await h.answered(form, (c) => c.route === CALLBACK, 'the refusal');
    expect((h.fake.callsFor(form)[0]?.body as { type: number }).type).not.toBe(9);
    const queue = h.fake.slash('visitor.ng', 'queue', {});
    await h.answered(queue, (c) => c.route === CALLBACK, 'the refusal');
    expect(privateNotes(queue)[0]).toContain('Only staff can see the queue');
  });

  it('a member with no role cannot release even an agent-level draft; an agent can', async () => {
    await start();
    const { card, caseId } = await h.fileCase('agent.li', { message: 'The blender has a small scratch on the side', order: 'DC1001' });
    expect((await h.desk.get(caseId)).draft.approval).toBe('agent');
    const click = h.fake.click('visitor.ng', card.id, h.buttonId(card, 'Approve'));
    await h.answered(click, (c) => c.route === CALLBACK, 'the refusal');
    expect(privateNotes(click)[0]).toContain('Only staff can approve a draft; DISCORD_AGENT_ROLE_IDS grants it');
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    expect(releasePosts()).toHaveLength(0);
    const ok = h.fake.click('agent.zhao', card.id, h.buttonId(card, 'Approve'));
    await h.answered(ok, (c) => c.route === FOLLOW_UP && c.status === 200, 'the release');
    expect((await h.desk.get(caseId)).decidedBy).toBe('discord:1300000000000000203');
  });

  it('with no agent role configured, agents are nobody: only supervisors file', async () => {
    await start({ env: { DISCORD_AGENT_ROLE_IDS: null } });
    const cmd = h.fake.slash('agent.li', 'case', { message: SUPERVISOR_LEVEL });
    await h.answered(cmd, (c) => c.route === CALLBACK, 'the refusal');
    expect(privateNotes(cmd)[0]).toContain('Nothing was filed');
    const { caseId } = await h.fileCase('sup.chen', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    expect((await h.desk.get(caseId)).createdBy).toBe('discord:1300000000000000204');
  });

  it('DISCORD_CASE_CHANNEL_IDS: a case filed in another channel is refused, naming the key', async () => {
    await start({ env: { DISCORD_CASE_CHANNEL_IDS: '1300000000000000151' } });
    const cmd = h.fake.slash('agent.li', 'case', { message: SUPERVISOR_LEVEL }, '1300000000000000150');
    await h.answered(cmd, (c) => c.route === CALLBACK, 'the refusal');
    expect(privateNotes(cmd)[0]).toContain('DISCORD_CASE_CHANNEL_IDS');
    const ok = h.fake.slash('agent.li', 'case', { message: SUPERVISOR_LEVEL }, '1300000000000000151');
    await h.answered(ok, (c) => c.route === ORIGINAL && c.status === 200, 'the card');
    expect(await h.desk.queue()).toHaveLength(1);
  });

  it("a typo'd case id releases nothing", async () => {
    await start();
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const forged = structuredClone(card);
    const approveId = h.buttonId(card, 'Approve');
    const typo = encodeAction({ action: 'approve', caseId: 'c99', revision: 1 });
    for (const row of forged.components ?? []) for (const b of (row as { components?: { custom_id?: string }[] }).components ?? []) if (b.custom_id === approveId) b.custom_id = typo;
    const click = h.fake.clickOn('sup.chen', forged, typo);
    await h.answered(click, (c) => c.route === CALLBACK || c.route === FOLLOW_UP, 'the answer');
    await eventually(() => privateNotes(click)[0], 'the note');
    expect(privateNotes(click)[0]).toContain('No case c99');
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    expect(releasePosts()).toHaveLength(0);
  });

  it('a revision that changed since the card was drawn is refused, with the new card', async () => {
    await start();
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const seen = structuredClone(card);
    await h.desk.edit(caseId, CONSOLE_SUP, { replyText: `${(await h.desk.get(caseId)).draft.reply.text} (checked)` }, 1);
    const click = h.fake.clickOn('sup.chen', seen, h.buttonId(seen, 'Approve'));
    await eventually(() => privateNotes(click)[0], 'the note');
    expect(privateNotes(click)[0]).toContain('revision 1 → 2');
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    expect(h.fake.message(card.id).embeds[0]?.footer?.text).toBe(`Case ${caseId} · rev 2`);
  });

  it('a 4,500-character reply is never put in a Discord form (it would be cut): amounts only; the release keeps it whole', async () => {
    await start();
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const long = 'We are very sorry about the blender. '.repeat(125).slice(0, 4_500);
    await h.desk.edit(caseId, CONSOLE_SUP, { replyText: long }, 1);
    // A click on the old card redraws it at rev 2 (and acts on nothing).
    h.fake.click('sup.chen', card.id, h.buttonId(card, 'Approve'));
    const fresh = await eventually(() => (h.fake.message(card.id).embeds[0]?.footer?.text === `Case ${caseId} · rev 2` ? h.fake.message(card.id) : undefined), 'the card at rev 2');
    const edit = h.fake.click('agent.zhao', card.id, h.buttonId(fresh, 'Edit'));
    await h.answered(edit, (c) => c.route === CALLBACK, 'the edit form');
    // The draft has money offers: the form holds their amounts only, never the reply.
    const form = h.fake.callsFor(edit)[0]?.body as { type: number; data: { title: string; components: { component: { custom_id: string; value?: string } }[] } };
    expect(form.type).toBe(9);
    expect(form.data.title).toBe(`Edit amounts ${caseId}`);
    expect(form.data.components.map((c) => c.component.custom_id)).not.toContain('reply');
    // The first amount lowered, the others as shown.
    const typed = Object.fromEntries(form.data.components.map((c, i) => [c.component.custom_id, i === 0 ? '10.00' : (c.component.value ?? '')]));
    const submit = h.fake.submitModal('agent.zhao', edit.id, typed);
    await h.answered(submit, (c) => c.route === ORIGINAL && c.status === 200, 'the redrawn card');
    const current = await h.desk.get(caseId);
    expect(current.revision).toBe(3);
    expect(current.draft.reply.text).toBe(long);
    const approve = h.fake.click('sup.chen', card.id, h.buttonId(h.fake.message(card.id), 'Approve'));
    await h.answered(approve, (c) => c.route === FOLLOW_UP && c.status === 200, 'the release');
    const released = await h.desk.get(caseId);
    expect(released.status).toBe('released');
    expect(released.release?.text).toBe(long);
    expect(current.revision).toBe(released.revision);
  });
});
