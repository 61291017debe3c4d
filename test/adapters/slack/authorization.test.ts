import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, modalState, startHarness, USERS, waitFor, type Harness } from './slack-harness.ts';
import type { SlackUser } from '../../fakes/slack/slack-sender.ts';

// Q-2 with an order: a partial refund above the agent threshold → needs a supervisor.
const SUPERVISOR_LEVEL = 'order:TB1001 The blender stopped working after two days, it is broken';
// Q-1 minor defect: within the agent threshold.
const AGENT_LEVEL = 'order:TB1001 The blender has a small scratch on the side';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

async function fileAs(user: SlackUser, text: string) {
  await h.sender.command(text, user);
  const post = await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'the card');
  const message = { channel: String(post.args.channel), ts: [...h.fake.messages.values()][0]!.ts };
  const approve = buttonsOf(post.args.blocks as unknown[]).find((b) => b.label === 'Approve')!;
  const caseId = approve.id.split('|')[2]!;
  return { message, approve, caseId };
}

const releasesIn = (h: Harness, ts: string) => h.fake.callsTo('chat.postMessage', true).filter((c) => c.args.thread_ts === ts);

describe('Slack: authorization at click time', () => {
  it('double-click approve → one release, one thread post; the second click is told', async () => {
    const { message, approve, caseId } = await fileAs(USERS.agent, SUPERVISOR_LEVEL);
    const [a, b] = await Promise.all([h.sender.click(approve.id, USERS.sup, message), h.sender.click(approve.id, USERS.sup, message)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await waitFor(() => releasesIn(h, message.ts).length === 1 || undefined, 'thread post');
    await waitFor(() => h.fake.callsTo('chat.postEphemeral', true).length === 1 || undefined, 'note to the second click');
    expect(String(h.fake.callsTo('chat.postEphemeral', true)[0]!.args.text)).toMatch(/already|nothing was sent twice/i);
    // Give any stray second release time to show up before counting.
    await new Promise((r) => setTimeout(r, 200));
    expect(releasesIn(h, message.ts)).toHaveLength(1);
    const history = await h.desk.history(caseId);
    expect(history.filter((e) => e.action === 'released')).toHaveLength(1);
  });

  it('a click on a case decided elsewhere (the console) redraws the final card and releases nothing', async () => {
    const { message, approve, caseId } = await fileAs(USERS.agent, SUPERVISOR_LEVEL);
    await h.desk.approve(caseId, { id: 'console:wang', displayName: 'wang', role: 'supervisor', platform: 'console' }, 1);
    await h.sender.click(approve.id, USERS.sup, message);
    await waitFor(() => h.fake.callsTo('chat.postEphemeral', true)[0], 'note');
    const card = await waitFor(() => h.fake.callsTo('chat.update', true)[0], 'redraw');
    expect(buttonsOf(card.args.blocks as unknown[]).map((b) => b.label)).not.toContain('Approve');
    expect(JSON.stringify(card.args.blocks)).toContain('Approved by console:wang');
    expect(releasesIn(h, message.ts)).toHaveLength(0);
    expect((await h.desk.history(caseId)).filter((e) => e.action === 'denied')).toHaveLength(0);
  });

  it('the released reply still reaches the thread when the card cannot be redrawn', async () => {
    const { message, approve } = await fileAs(USERS.agent, SUPERVISOR_LEVEL);
    h.fake.failNext('chat.update', 'message_not_found');
    await h.sender.click(approve.id, USERS.sup, message);
    await waitFor(() => releasesIn(h, message.ts)[0], 'release in thread');
    const note = await waitFor(() => h.fake.callsTo('chat.postEphemeral', true)[0], 'note about the card');
    expect(String(note.args.text)).toContain('went wrong');
  });

  it('the author cannot approve: a supervisor who filed the case is refused, ephemerally, and it is audited', async () => {
    const { message, approve, caseId } = await fileAs(USERS.sup, SUPERVISOR_LEVEL);
    await h.sender.click(approve.id, USERS.sup, message);
    const note = await waitFor(() => h.fake.callsTo('chat.postEphemeral', true)[0], 'ephemeral refusal');
    expect(note.args.user).toBe(USERS.sup.id);
    expect(String(note.args.text)).toContain('someone else must approve');
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    expect(releasesIn(h, message.ts)).toHaveLength(0);
    const denied = (await h.desk.history(caseId)).filter((e) => e.action === 'denied');
    expect(denied).toHaveLength(1);
    expect(denied[0]).toMatchObject({ actorId: 'slack:U_SUP', detail: { attempted: 'approve' } });
    expect(String(denied[0]!.detail.reason)).toContain('forbidden_author');
  });

  it('a non-supervisor cannot approve a supervisor-level draft: ephemeral explanation + audit', async () => {
    const { message, approve, caseId } = await fileAs(USERS.agent, SUPERVISOR_LEVEL);
    await h.sender.click(approve.id, USERS.agent2, message);
    const note = await waitFor(() => h.fake.callsTo('chat.postEphemeral', true)[0], 'ephemeral refusal');
    expect(note.args).toMatchObject({ channel: message.channel, user: USERS.agent2.id });
    expect(String(note.args.text)).toContain('Only a supervisor');
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    const denied = (await h.desk.history(caseId)).filter((e) => e.action === 'denied');
    expect(denied[0]).toMatchObject({ actorId: 'slack:U_AGENT2', detail: { attempted: 'approve', role: 'agent' } });
    // The card still offers the buttons for someone who may use them.
    expect(buttonsOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks).map((b) => b.label)).toContain('Approve');
  });

  it('a member of SLACK_SUPERVISOR_GROUP is a supervisor (usergroups.users.list, cached)', async () => {
    const { message, approve, caseId } = await fileAs(USERS.agent, SUPERVISOR_LEVEL);
    await h.sender.click(approve.id, USERS.groupSup, message);
    await waitFor(() => releasesIn(h, message.ts)[0], 'release');
    expect((await h.desk.get(caseId)).decidedBy).toBe('slack:U_GROUPSUP');
    const lookups = h.fake.callsTo('usergroups.users.list', true).length;
    await h.sender.command('parcel never arrived', USERS.agent);
    await waitFor(() => h.fake.callsTo('chat.postMessage', true).length >= 3 || undefined, 'second card');
    expect(h.fake.callsTo('usergroups.users.list', true).length).toBe(lookups);
  });

  it('another agent may approve an agent-level draft, but not the agent who filed it', async () => {
    const { message, approve, caseId } = await fileAs(USERS.agent, AGENT_LEVEL);
    expect((await h.desk.get(caseId)).draft.approval).toBe('agent');
    await h.sender.click(approve.id, USERS.agent, message);
    await waitFor(() => h.fake.callsTo('chat.postEphemeral', true)[0], 'refusal for the filer');
    await h.sender.click(approve.id, USERS.agent2, message);
    await waitFor(() => releasesIn(h, message.ts)[0], 'release by a colleague');
    expect((await h.desk.get(caseId)).status).toBe('released');
  });

  it('an edit reads amounts with the one grammar: `30,01` stays in the modal naming the offer, `¥12.50` is saved as 1250 fen', async () => {
    const { message, caseId } = await fileAs(USERS.agent, SUPERVISOR_LEVEL);
    const edit = buttonsOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks).find((b) => b.label === 'Edit')!;
    await h.sender.click(edit.id, USERS.sup, message);
    const opened = await waitFor(() => h.fake.callsTo('views.open', true)[0], 'edit modal');
    const meta = (opened.args.view as { private_metadata: string }).private_metadata;
    const before = await h.desk.get(caseId);
    const index = before.draft.offers.findIndex((o) => o.kind === 'partial_refund');
    const comma = await h.sender.submit('settle_edit', meta, modalState(opened.args.view, { [`amount_${index}`]: '30,01' }), USERS.sup);
    expect(comma.json?.response_action).toBe('errors');
    expect((comma.json?.errors as Record<string, string>)[`amount_${index}`]).toMatch(new RegExp(`^Offer ${index + 1} \\(Partial refund\\): '30,01' is not an amount`));
    expect((await h.desk.get(caseId)).revision).toBe(before.revision);
    const yen = await h.sender.submit('settle_edit', meta, modalState(opened.args.view, { [`amount_${index}`]: '¥12.50' }), USERS.sup);
    expect(yen.text).toBe('');
    expect((await h.desk.get(caseId)).draft.offers[index]?.amountMinor).toBe(1250);
  });

  it('an edit over the caps stays in the modal with the error beside the amount; nothing changes', async () => {
    const { message, caseId } = await fileAs(USERS.agent, SUPERVISOR_LEVEL);
    const edit = buttonsOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks).find((b) => b.label === 'Edit')!;
    await h.sender.click(edit.id, USERS.agent2, message);
    const opened = await waitFor(() => h.fake.callsTo('views.open', true)[0], 'edit modal');
    const meta = (opened.args.view as { private_metadata: string }).private_metadata;
    const before = await h.desk.get(caseId);
    const index = before.draft.offers.findIndex((o) => o.kind === 'partial_refund');
    const res = await h.sender.submit('settle_edit', meta, modalState(opened.args.view, {
      reply: 'Here is a full refund and you keep it.',
      [`amount_${index}`]: '5000',
    }), USERS.agent2);
    expect(res.json?.response_action).toBe('errors');
    const errors = res.json?.errors as Record<string, string>;
    expect(Object.keys(errors)).toContain(`amount_${index}`);
    const after = await h.desk.get(caseId);
    expect(after.revision).toBe(before.revision);
    expect(after.draft.reply.text).toBe(before.draft.reply.text);
  });
});
