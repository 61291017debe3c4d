import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, modalState, startHarness, textOf, USERS, waitFor, type Harness } from './slack-harness.ts';

const BROKEN_BLENDER = 'order:TB1001 The blender stopped working after two days, it is broken';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

/** File a case as the agent and return its posted card. */
async function fileCase(text = BROKEN_BLENDER) {
  const res = await h.sender.command(text, USERS.agent);
  expect(res.status).toBe(200);
  const post = await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'the card');
  const ts = h.fake.messages.values().next().value!.ts;
  return { res, post, message: { channel: String(post.args.channel), ts } };
}

describe('Slack: the whole case flow', () => {
  it('acks /settle at once, posts the card, answers a question, edits, and releases exactly once on approval', async () => {
    const { res, post, message } = await fileCase();
    expect(res.json).toMatchObject({ response_type: 'ephemeral', text: 'Drafting the case…' });
    expect(post.args.channel).toBe('C_AGENTS');
    const card = post.args.blocks as unknown[];
    const text = textOf(card);
    expect(text).toContain('Quality · quality problem — awaiting approval');
    expect(text).toContain('Partial refund ¥269.70');
    expect(text).toContain('Postage: outbound seller');
    expect(text).toContain('Q-2');
    const labels = buttonsOf(card).map((b) => b.label);
    expect(labels).toEqual(expect.arrayContaining(['Approve', 'Edit', 'Reject', 'Yes', 'No']));
    const [summary] = await h.desk.queue();
    expect(summary).toBeDefined();
    const caseId = summary!.id;
    const channel = await waitFor(async () => (await h.desk.get(caseId)).channel?.messageId && (await h.desk.get(caseId)).channel, 'card location recorded');
    expect(channel).toMatchObject({ platform: 'slack', channelId: 'C_AGENTS', messageId: message.ts });

    // The agent answers "misuse? → No": the draft is decided again and the card redrawn.
    const misuseNo = buttonsOf(card).find((b) => b.id.startsWith(`s1|an|${caseId}|1|`) && b.label === 'No')!;
    await h.sender.click(misuseNo.id, USERS.agent, message);
    await waitFor(() => (h.fake.callsTo('chat.update', true).length >= 1 ? true : undefined), 'redraw after answer');
    const afterAnswer = await h.desk.get(caseId);
    expect(afterAnswer.revision).toBe(2);
    expect(afterAnswer.facts.misuse).toBe(false);
    expect(textOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks)).toContain('rev 2');

    // A supervisor edits the reply and the partial refund.
    const edit = buttonsOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks).find((b) => b.label === 'Edit')!;
    await h.sender.click(edit.id, USERS.sup, message);
    const opened = await waitFor(() => h.fake.callsTo('views.open', true)[0], 'edit modal');
    const index = afterAnswer.draft.offers.findIndex((o) => o.kind === 'partial_refund');
    const values = modalState(opened.args.view, {
      reply: 'We are sorry your blender failed. We will refund ¥200.00 and you keep it.',
      [`amount_${index}`]: '200',
    });
    expect(Object.keys(values)).toContain(`amount_${index}`);
    const modal = opened.args.view as { private_metadata: string };
    const saved = await h.sender.submit('settle_edit', modal.private_metadata, values, USERS.sup);
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    const edited = await h.desk.get(caseId);
    expect(edited.revision).toBe(3);
    expect(edited.draft.reply.text).toContain('refund ¥200.00');
    expect(edited.draft.offers.find((o) => o.kind === 'partial_refund')?.amountMinor).toBe(20000);
    await waitFor(() => textOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks).includes('rev 3') || undefined, 'redraw after edit');

    // Another supervisor approves: the buttons give way to who approved, the reply goes in the thread.
    const approve = buttonsOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks).find((b) => b.label === 'Approve')!;
    expect(approve.id).toBe(`s1|ap|${caseId}|3`);
    await h.sender.click(approve.id, USERS.sup2, message);
    const thread = await waitFor(() => h.fake.callsTo('chat.postMessage', true).find((c) => c.args.thread_ts === message.ts), 'thread post');
    expect(String(thread.args.text)).toContain('We are sorry your blender failed');
    expect(String(thread.args.text)).toContain('<@U_AGENT>');
    // The thread post and the redraw are independent calls (actions.ts): wait for the redraw too.
    const finalCard = await waitFor(() => {
      const blocks = h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks;
      return buttonsOf(blocks).some((b) => b.label === 'Approve') ? undefined : blocks;
    }, 'the final card');
    expect(textOf(finalCard)).toMatch(/Approved by <@U_SUP2> at \d\d:\d\d/);
    const released = await h.desk.get(caseId);
    expect(released.status).toBe('released');
    expect(released.release?.text).toContain('We are sorry your blender failed');
    const actions = (await h.desk.history(caseId)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['submitted', 'answered', 'edited', 'approved', 'released']));
  });

  it('a money question is answered in a small form (bad input kept open); an old card button is refused as stale', async () => {
    const { post, message } = await fileCase('I received the wrong color, I ordered blue but got red');
    const card = post.args.blocks as unknown[];
    const enter = buttonsOf(card).find((b) => b.label === 'Enter…')!;
    expect(enter).toBeDefined();
    const oldApprove = buttonsOf(card).find((b) => b.label === 'Approve')!;
    await h.sender.click(enter.id, USERS.agent, message);
    const opened = await waitFor(() => h.fake.callsTo('views.open', true)[0], 'answer modal');
    const meta = (opened.args.view as { private_metadata: string }).private_metadata;
    const bad = await h.sender.submit('settle_answer', meta, modalState(opened.args.view, { value: 'a lot' }), USERS.agent);
    expect(bad.json).toMatchObject({ response_action: 'errors' });
    expect(String((bad.json?.errors as Record<string, string>).value)).toContain('enter an amount');
    const good = await h.sender.submit('settle_answer', meta, modalState(opened.args.view, { value: '35' }), USERS.agent);
    expect(good.text).toBe('');
    const caseId = enter.id.split('|')[2]!;
    const answered = await h.desk.get(caseId);
    expect(answered.revision).toBe(2);
    expect(answered.facts.wrongItemValueMinor).toBe(3500);
    await h.sender.click(oldApprove.id, USERS.sup, message);
    const note = await waitFor(() => h.fake.callsTo('chat.postEphemeral', true)[0], 'stale note');
    expect(String(note.args.text)).toContain('changed');
    expect((await h.desk.get(caseId)).status).toBe('drafted');
    // The card is redrawn at the current revision, so the next click acts on what is current.
    await waitFor(() => buttonsOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks).some((b) => b.id === `s1|ap|${caseId}|2`) || undefined, 'redrawn card');
  });

  it('/settle help explains, without creating anything', async () => {
    const res = await h.sender.command('help', USERS.agent);
    expect(res.status).toBe(200);
    expect(String(res.json?.text)).toContain('/settle <customer message>');
    expect(await h.desk.queue()).toEqual([]);
  });

  it('/settle alone opens the form; submitting it files the case', async () => {
    await h.sender.command('', USERS.agent);
    const opened = await waitFor(() => h.fake.callsTo('views.open', true)[0], 'new case modal');
    const view = opened.args.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('settle_new_case');
    const res = await h.sender.submit(view.private_metadata ? 'settle_new_case' : '', view.private_metadata, {
      message: { type: 'plain_text_input', value: '我买的套装少了一个配件,怎么回事?' },
      order: { type: 'plain_text_input', value: null },
      lang: { type: 'static_select', selected_option: { value: 'zh' } },
      facts: { type: 'plain_text_input', value: 'weightMatchesCustomerClaim: yes' },
    }, USERS.agent);
    expect(res.status).toBe(200);
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'card from modal');
    expect(textOf(post.args.blocks as unknown[])).toContain('物流 · 少发 — 待审批');
    const [summary] = await h.desk.queue();
    expect((await h.desk.get(summary!.id)).facts.weightMatchesCustomerClaim).toBe(true);
  });

  it('keeps the form open with an error for an unknown fact line', async () => {
    const res = await h.sender.submit('settle_new_case', JSON.stringify({ channelId: 'C_AGENTS' }), {
      message: { type: 'plain_text_input', value: 'parcel never arrived' },
      facts: { type: 'plain_text_input', value: 'colourOfSky: blue' },
    }, USERS.agent);
    expect(res.json).toMatchObject({ response_action: 'errors' });
    expect(String((res.json?.errors as Record<string, string>).facts)).toContain('colourOfSky');
    expect(await h.desk.queue()).toEqual([]);
  });

  it('tells the agent to retry when Slack says the trigger expired', async () => {
    h.fake.failNext('views.open', 'expired_trigger_id');
    await h.sender.command('', USERS.agent);
    const reply = await waitFor(() => h.fake.responses[0], 'response_url message');
    expect(String(reply.body.text)).toContain('run `/settle` again');
  });

  it('posts drafts to SLACK_APPROVALS_CHANNEL and tells the agent where', async () => {
    await h.stop();
    h = await startHarness({ approvalsChannel: 'C_APPROVALS' });
    await h.sender.command('The parcel never arrived, tracking stuck for 2 weeks', USERS.agent);
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'card');
    expect(post.args.channel).toBe('C_APPROVALS');
    const told = await waitFor(() => h.fake.responses.find((r) => String(r.body.text).includes('<#C_APPROVALS>')), 'whisper');
    expect(told.body.response_type).toBe('ephemeral');
  });

  it('tells the agent to invite the bot when it is not in the channel; the case is kept', async () => {
    h.fake.failNext('chat.postMessage', 'not_in_channel');
    await h.sender.command('The parcel never arrived', USERS.agent);
    const told = await waitFor(() => h.fake.responses.find((r) => String(r.body.text).includes('/invite @Settle')), 'whisper');
    expect(String(told.body.text)).toMatch(/Case `c1` is drafted/);
    expect(await h.desk.queue()).toHaveLength(1);
  });

  it('a supervisor rejects with a reason; the card says who and why', async () => {
    const { message } = await fileCase();
    const reject = buttonsOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks).find((b) => b.label === 'Reject')!;
    await h.sender.click(reject.id, USERS.sup, message);
    const opened = await waitFor(() => h.fake.callsTo('views.open', true)[0], 'reject modal');
    const meta = (opened.args.view as { private_metadata: string }).private_metadata;
    const empty = await h.sender.submit('settle_reject', meta, { reason: { type: 'plain_text_input', value: '  ' } }, USERS.sup);
    expect(empty.json).toMatchObject({ response_action: 'errors' });
    await h.sender.submit('settle_reject', meta, { reason: { type: 'plain_text_input', value: 'Ask for a video of the fault first' } }, USERS.sup);
    await waitFor(() => textOf(h.fake.messages.get(`${message.channel}/${message.ts}`)!.blocks).includes('Rejected by <@U_SUP>') || undefined, 'rejected card');
    const [first] = await h.store.listCases({ status: ['rejected'] });
    expect(first?.status).toBe('rejected');
  });
});
