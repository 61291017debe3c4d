/**
 * Slack access through the loopback fakes: nobody is staff unless a key says so (deny by
 * default), a guest never is, refusals are ephemeral and audited, a typo'd case id releases
 * nothing, a stale revision is refused with the redrawn card, and a reply longer than Slack's
 * field is never released cut.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../../src/adapters/shared/action-id.ts';
import { NO_CASE } from '../../../src/app/access.ts';
import type { Actor } from '../../../src/app/desk.ts';
import type { SlackUser } from '../../fakes/slack/slack-sender.ts';
import { buttonsOf, modalState, startHarness, USERS, waitFor, type Harness, type HarnessOptions } from './slack-harness.ts';

const SUPERVISOR_LEVEL = 'order:TB1001 The blender stopped working after two days, it is broken';
const CONSOLE_SUP: Actor = { id: 'console:wang', displayName: 'wang', role: 'supervisor', platform: 'console' };

let h: Harness;
afterEach(async () => {
  await h?.stop();
});

async function start(options: HarnessOptions = {}) {
  h = await startHarness(options);
}

async function fileAs(user: SlackUser, text = SUPERVISOR_LEVEL) {
  await h.sender.command(text, user);
  const post = await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'the card');
  const message = { channel: String(post.args.channel), ts: [...h.fake.messages.values()][0]!.ts };
  const approve = buttonsOf(post.args.blocks as unknown[]).find((b) => b.label === 'Approve')!;
  return { message, approve, caseId: approve.id.split('|')[2]! };
}

const notesTo = (user: SlackUser) => h.fake.callsTo('chat.postEphemeral', true).filter((c) => c.args.user === user.id).map((c) => String(c.args.text));
const responses = () => h.fake.responses.map((r) => r.body as { response_type?: string; text?: string });
const releases = () => h.fake.callsTo('chat.postMessage', true).filter((c) => c.args.thread_ts);

describe('Slack: staff access, denied by default', () => {
  it.each([
    ['a member in no list', USERS.member, 'anyone', 'Only staff can file a case; SLACK_AGENT_IDS or SLACK_AGENT_GROUP grants it'],
    ['a guest that SLACK_AGENT_GROUP lists', USERS.guest, 'anyone', 'Guest accounts cannot file a case'],
  ])('%s cannot file: told privately which key grants it, audited, nothing drafted', async (_who, user, role, says) => {
    await start();
    const res = await h.sender.command('The parcel never arrived', user);
    expect(res.status).toBe(200);
    const refusal = await waitFor(() => responses().find((r) => r.text?.includes('Nothing was filed')), 'the refusal');
    expect(refusal.response_type).toBe('ephemeral');
    expect(refusal.text).toContain(says);
    expect(await h.desk.queue()).toEqual([]);
    expect(h.fake.callsTo('chat.postMessage')).toEqual([]);
    const denied = await h.desk.history(NO_CASE);
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ actorId: `slack:${user.id}`, action: 'denied', detail: { attempted: 'file', role } });
  });

  it('a member in no list and a guest cannot approve or release, even an agent-level draft', async () => {
    await start();
    const { message, approve, caseId } = await fileAs(USERS.agent, 'order:TB1001 The blender has a small scratch on the side');
    expect((await h.desk.get(caseId)).draft.approval).toBe('agent');
    for (const user of [USERS.member, USERS.guest]) {
      await h.sender.click(approve.id, user, message);
      await waitFor(() => notesTo(user)[0], 'the refusal');
      expect(notesTo(user)[0]).toMatch(/^:no_entry: (Only staff can approve a draft|Guest accounts cannot approve a draft)/);
    }
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    expect(releases()).toEqual([]);
    const denied = (await h.desk.history(caseId)).filter((e) => e.action === 'denied');
    expect(denied.map((e) => [e.actorId, e.detail.code ?? String(e.detail.reason).split(':')[0], e.detail.guest ?? false])).toEqual([
      ['slack:U_MEMBER', 'not_staff', false],
      ['slack:U_GUEST', 'not_staff', true],
    ]);
    // A member of SLACK_AGENT_GROUP who is no guest may approve it.
    await h.sender.click(approve.id, USERS.groupAgent, message);
    await waitFor(() => releases()[0], 'the release');
    expect((await h.desk.get(caseId)).decidedBy).toBe('slack:U_GROUPAGENT');
  });

  it('with no agent configured only supervisors can file; a supervisor still can', async () => {
    await start({ env: { SLACK_AGENT_IDS: null, SLACK_AGENT_GROUP: null } });
    await h.sender.command('The parcel never arrived', USERS.agent);
    await waitFor(() => responses().find((r) => r.text?.includes('Nothing was filed')), 'the refusal');
    const { caseId } = await fileAs(USERS.sup);
    expect((await h.desk.get(caseId)).createdBy).toBe('slack:U_SUP');
  });

  it('SLACK_CASE_CHANNELS: filing elsewhere is refused, naming the key; the listed channel works', async () => {
    await start({ env: { SLACK_CASE_CHANNELS: 'C_CASES' } });
    await h.sender.command('The parcel never arrived', USERS.agent, 'C_RANDOM');
    const refusal = await waitFor(() => responses().find((r) => r.text?.includes('Nothing was filed')), 'the refusal');
    expect(refusal.text).toContain('SLACK_CASE_CHANNELS');
    await h.sender.command('The parcel never arrived', USERS.agent, 'C_CASES');
    await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'the card');
    expect(await h.desk.queue()).toHaveLength(1);
  });

  it("the App Home of someone who is not staff shows no cases, only which key grants access", async () => {
    await start();
    await fileAs(USERS.agent);
    await h.sender.homeOpened(USERS.member, 'EvHOME_MEMBER');
    const home = await waitFor(() => h.fake.callsTo('views.publish', true)[0], 'the home view');
    const shown = JSON.stringify(home.args.view);
    expect(shown).toContain('SLACK_AGENT_IDS or SLACK_AGENT_GROUP');
    expect(shown).not.toContain('blender');
  });

  it("a typo'd case id releases nothing: the click is answered privately with not_found", async () => {
    await start();
    const { message, caseId } = await fileAs(USERS.agent);
    await h.sender.click(encodeAction({ action: 'approve', caseId: 'c99', revision: 1 }), USERS.sup, message);
    const note = await waitFor(() => notesTo(USERS.sup)[0], 'the note');
    expect(note).toContain('No case c99');
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    expect(releases()).toEqual([]);
  });

  it('a revision that changed since the card was drawn is refused with the new card', async () => {
    await start();
    const { message, approve, caseId } = await fileAs(USERS.agent);
    const before = await h.desk.get(caseId);
    await h.desk.edit(caseId, CONSOLE_SUP, { replyText: `${before.draft.reply.text} (checked)` }, 1);
    await h.sender.click(approve.id, USERS.sup2, message);
    const note = await waitFor(() => notesTo(USERS.sup2)[0], 'the refusal');
    expect(note).toMatch(/changed/);
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    await waitFor(() => buttonsOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks).some((b) => b.id === `s1|ap|${caseId}|2`) || undefined, 'the redrawn card');
  });

  it('a 4,500-character reply is not offered in the 3,000-character field; an amounts-only edit and the release keep it whole', async () => {
    await start();
    const { message, caseId } = await fileAs(USERS.agent);
    const long = `${'We are very sorry about the blender. '.repeat(125)}`.slice(0, 4_500);
    expect(long).toHaveLength(4_500);
    await h.desk.edit(caseId, CONSOLE_SUP, { replyText: long }, 1);
    const rev2 = encodeAction({ action: 'edit', caseId, revision: 2 });
    await h.sender.click(rev2, USERS.sup, message);
    const opened = await waitFor(() => h.fake.callsTo('views.open', true)[0], 'the edit modal');
    const view = opened.args.view as { blocks: { block_id?: string }[]; private_metadata: string };
    expect(view.blocks.map((b) => b.block_id)).not.toContain('reply');
    const current = await h.desk.get(caseId);
    const index = current.draft.offers.findIndex((o) => o.amountMinor !== null);
    const saved = await h.sender.submit('settle_edit', view.private_metadata, modalState(opened.args.view, { [`amount_${index}`]: '200' }), USERS.sup);
    expect(saved.text).toBe('');
    const edited = await h.desk.get(caseId);
    expect(edited.revision).toBe(3);
    expect(edited.draft.reply.text).toBe(long);
    await h.sender.click(encodeAction({ action: 'approve', caseId, revision: 3 }), USERS.sup2, message);
    await waitFor(() => releases()[0], 'the release');
    expect((await h.desk.get(caseId)).release?.text).toBe(long);
  });
});
