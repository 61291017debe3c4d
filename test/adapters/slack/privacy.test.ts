import { afterEach, describe, expect, it } from 'vitest';
import { BOT_TOKEN, SIGNING_SECRET, buttonsOf, startHarness, USERS, waitFor, type Harness } from './slack-harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.stop();
});

describe('Slack logs', () => {
  it('never contain the customer phone number, address or the tokens, even at debug level (Bolt and WebClient included)', async () => {
    const lines: string[] = [];
    h = await startHarness({ logLines: lines });
    const phone = '13812345678';
    await h.sender.command(`order:TB1001 搅拌机坏了,快联系我 ${phone},地址:浙江省杭州市西湖区文三路 99 号`, USERS.agent);
    const post = await waitFor(() => h!.fake.callsTo('chat.postMessage', true)[0], 'card');
    const approve = buttonsOf(post.args.blocks as unknown[]).find((b) => b.id.startsWith('s1|ap|'))!;
    await h.sender.click(approve.id, USERS.sup, { channel: String(post.args.channel), ts: [...h.fake.messages.values()][0]!.ts });
    await waitFor(() => h!.fake.callsTo('chat.postMessage', true).length >= 2 || undefined, 'release');
    expect(lines.length).toBeGreaterThan(5);
    const all = lines.join('\n');
    expect(all).toContain('slack case filed');
    expect(all).toContain('http request body: [payload omitted]');
    expect(all).not.toContain(phone);
    expect(all).not.toContain('文三路 99 号');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
  });
});
