import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buttonsOf, startHarness, USERS, waitFor, type Harness } from './slack-harness.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/slack/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;

let h: Harness;
beforeEach(async () => {
  h = await startHarness({ socketMode: true });
});
afterEach(async () => {
  await h.stop();
});

describe('Slack in Socket Mode (SLACK_APP_TOKEN)', () => {
  it('connects with the app token, acks /settle over the socket, and approves through an interactive envelope', async () => {
    await h.socket!.connectedPromise;
    expect(h.fake.callsTo('apps.connections.open', true)).toHaveLength(1);
    const ack = await h.socket!.deliver('slash_commands', { ...fixture('slash-command.json'), text: 'order:TB1001 The blender stopped working after two days, it is broken', trigger_id: h.fake.issueTrigger() });
    expect(ack).toMatchObject({ response_type: 'ephemeral', text: 'Drafting the case…' });
    const post = await waitFor(() => h.fake.callsTo('chat.postMessage', true)[0], 'card');
    const approve = buttonsOf(post.args.blocks as unknown[]).find((b) => b.label === 'Approve')!;
    const ts = [...h.fake.messages.values()][0]!.ts;
    const click = fixture('block-actions.json') as Record<string, unknown> & { actions: Record<string, unknown>[] };
    await h.socket!.deliver('interactive', {
      ...click,
      trigger_id: h.fake.issueTrigger(),
      container: { type: 'message', message_ts: ts, channel_id: 'C_AGENTS', is_ephemeral: false },
      message: { ...(click.message as object), ts },
      actions: [{ ...click.actions[0], action_id: approve.id, value: approve.id }],
    });
    const thread = await waitFor(() => h.fake.callsTo('chat.postMessage', true).find((c) => c.args.thread_ts === ts), 'release in thread');
    expect(String(thread.args.text)).toContain('send this to the customer');
    const caseId = approve.id.split('|')[2]!;
    expect((await h.desk.get(caseId)).decidedBy).toBe(`slack:${USERS.sup.id}`);
  });
});
