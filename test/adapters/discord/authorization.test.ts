/**
 * Authorization at click time on Discord: supervisors are members holding a role listed in
 * DISCORD_SUPERVISOR_ROLE_IDS (read from the interaction's member, at each click); the author
 * never approves; refusals are ephemeral and in the audit log; a double click releases once.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InteractionResponseType, MessageFlags, type APIInteraction } from 'discord.js';
import { buttonsOf } from '../../fakes/discord/fake-messages.ts';
import type { RecordedCall } from '../../fakes/discord/fake-rest.ts';
import { CALLBACK, FOLLOW_UP, ORIGINAL, eventually, startHarness, type Harness } from './discord-harness.ts';

/** The buttons that decide a draft; a released card keeps only its lifecycle buttons (docs/lifecycle.md). */
const decisionButtons = (m: Parameters<typeof buttonsOf>[0]) => buttonsOf(m).filter((b) => !b.custom_id.startsWith('s1|lc|'));

const SUPERVISOR_LEVEL = 'The blender stopped working after two days, it is broken';
const AGENT_LEVEL = 'The blender has a small scratch on the side';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  expect(h.fake.invalidCalls().map((c) => ({ route: c.route, problems: c.problems }))).toEqual([]);
  await h.stop();
});

/** What the clicker was told privately: the ephemeral first reply or an ephemeral follow-up. */
function privateNotes(interaction: APIInteraction): string[] {
  return h.fake.callsFor(interaction).flatMap((c: RecordedCall) => {
    const data = (c.route === CALLBACK ? (c.body as { data?: { content?: string; flags?: number } }).data : c.body) as { content?: string; flags?: number } | undefined;
    return data?.content && ((data.flags ?? 0) & MessageFlags.Ephemeral) ? [data.content] : [];
  });
}

/** Public follow-ups carrying a released reply. */
function releasePosts(): RecordedCall[] {
  return h.fake.rest.calls.filter((c) => c.route === FOLLOW_UP && c.status === 200 && !(((c.body as { flags?: number }).flags ?? 0) & MessageFlags.Ephemeral));
}

describe('Discord: authorization at click time', () => {
  it('double-click Approve → one release, one public post; the second click is told nothing went twice', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const approve = h.buttonId(card, 'Approve');
    // Both clicks come from the same card as the member saw it, before any update arrived.
    const snapshot = structuredClone(card);
    const a = h.fake.clickOn('sup.chen', snapshot, approve);
    const b = h.fake.clickOn('sup.chen', snapshot, approve);
    await eventually(() => (privateNotes(a).length + privateNotes(b).length === 1 && releasePosts().length === 1) || undefined, 'one release and one note');
    // Leave time for a stray second release to show before counting.
    await new Promise((r) => setTimeout(r, 300));
    expect(releasePosts()).toHaveLength(1);
    expect([...privateNotes(a), ...privateNotes(b)].join()).toMatch(/nothing was sent twice/);
    expect((await h.desk.history(caseId)).filter((e) => e.action === 'released')).toHaveLength(1);
    expect(decisionButtons(h.fake.message(card.id))).toEqual([]);
  });

  it('the author cannot approve: a supervisor who filed the case is refused, privately, and it is audited', async () => {
    const { card, caseId } = await h.fileCase('sup.chen', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const click = h.fake.click('sup.chen', card.id, h.buttonId(card, 'Approve'));
    const reply = await h.answered(click, (c) => c.route === CALLBACK, 'the refusal');
    expect(reply.body).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    expect(privateNotes(click)[0]).toContain('someone else must approve');
    const denied = await eventually(async () => (await h.desk.history(caseId)).filter((e) => e.action === 'denied').at(0), 'the audit entry');
    expect(denied).toMatchObject({ actorId: 'discord:1300000000000000204', detail: { attempted: 'approve', role: 'supervisor', platform: 'discord' } });
    expect(String(denied.detail.reason)).toContain('forbidden_author');
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    expect(buttonsOf(h.fake.message(card.id)).map((b) => b.label)).toContain('Approve');
    expect(releasePosts()).toHaveLength(0);
  });

  it.each([
    ['an agent (agent role only)', 'agent.zhao', 'discord:1300000000000000203', 'agent', 'forbidden_role', 'Only a supervisor', 'DISCORD_SUPERVISOR_ROLE_IDS'],
    ['a member with no role', 'visitor.ng', 'discord:1300000000000000206', 'anyone', 'not_staff', 'Only staff', 'DISCORD_AGENT_ROLE_IDS'],
  ])('%s cannot approve a supervisor-level draft: ephemeral explanation naming the key + audit', async (_who, username, actorId, role, code, says, key) => {
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const click = h.fake.click(username, card.id, h.buttonId(card, 'Approve'));
    await h.answered(click, (c) => c.route === CALLBACK, 'the refusal');
    expect(privateNotes(click)[0]).toContain(says);
    expect(privateNotes(click)[0]).toContain(key);
    const denied = await eventually(async () => (await h.desk.history(caseId)).filter((e) => e.action === 'denied').at(0), 'the audit entry');
    expect(denied).toMatchObject({ actorId, detail: { attempted: 'approve', role, grantKey: key } });
    expect(String(denied.detail.reason)).toContain(code);
    expect((await h.desk.get(caseId)).status).toBe('drafted');
  });

  it('a non-supervisor cannot reject a supervisor-level draft either (no modal is shown)', async () => {
    const { card } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const click = h.fake.click('agent.zhao', card.id, h.buttonId(card, 'Reject'));
    const reply = await h.answered(click, (c) => c.route === CALLBACK, 'the refusal');
    expect((reply.body as { type: number }).type).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(privateNotes(click)[0]).toContain('Only a supervisor');
  });

  it('another agent may approve an agent-level draft; the role comes from the member at click time', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: AGENT_LEVEL, order: 'DC1001' });
    const click = h.fake.click('agent.zhao', card.id, h.buttonId(card, 'Approve'));
    await h.answered(click, (c) => c.route === FOLLOW_UP && c.status === 200, 'the release');
    const view = await h.desk.get(caseId);
    expect(view).toMatchObject({ status: 'released', decidedBy: 'discord:1300000000000000203' });
  });

  it('a click on a stale card (the draft changed) acts on nothing and shows the current card', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const old = structuredClone(card);
    const answer = h.fake.click('agent.zhao', card.id, h.buttonId(card, '2. No'));
    await h.answered(answer, (c) => c.route === ORIGINAL && c.status === 200, 'the redrawn card');
    const click = h.fake.clickOn('sup.chen', old, h.buttonId(old, 'Approve'));
    await h.answered(click, (c) => c.route === FOLLOW_UP, 'the note');
    expect((h.fake.callsFor(click)[0]?.body as { type: number }).type).toBe(InteractionResponseType.UpdateMessage);
    expect(privateNotes(click)[0]).toMatch(/changed since this card was drawn \(revision 1 → 2\)/);
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    expect(h.fake.message(card.id).embeds[0]?.footer?.text).toBe(`Case ${caseId} · rev 2`);
  });

  it('a click on a decided case redraws the final card, is answered privately, and is not audited as an attempt', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const old = structuredClone(card);
    const first = h.fake.click('sup.chen', card.id, h.buttonId(card, 'Approve'));
    await h.answered(first, (c) => c.route === FOLLOW_UP && c.status === 200, 'the release');
    const late = h.fake.clickOn('sup.liu', old, h.buttonId(old, 'Reject'));
    await h.answered(late, (c) => c.route === FOLLOW_UP && c.status === 200, 'the note');
    expect((h.fake.callsFor(late)[0]?.body as { type: number }).type).toBe(InteractionResponseType.UpdateMessage);
    expect(privateNotes(late)[0]).toMatch(/already decided; nothing was sent twice/);
    expect(decisionButtons(h.fake.message(card.id))).toEqual([]);
    expect((await h.desk.history(caseId)).filter((e) => e.action === 'denied')).toHaveLength(0);
  });
  it('a case approved elsewhere (the console): the next click on the Discord card redraws it as released, nothing twice', async () => {
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    await h.desk.approve(caseId, { id: 'console:wang', displayName: 'wang', role: 'supervisor', platform: 'console' }, 1);
    const click = h.fake.click('sup.chen', card.id, h.buttonId(card, 'Approve'));
    await h.answered(click, (c) => c.route === FOLLOW_UP && c.status === 200, 'the note');
    expect(decisionButtons(h.fake.message(card.id))).toEqual([]);
    expect(h.fake.message(card.id).embeds[0]?.title).toMatch(/released$/);
    expect(releasePosts()).toHaveLength(0);
    expect((await h.desk.history(caseId)).filter((e) => e.action === 'released')).toHaveLength(1);
  });
});
