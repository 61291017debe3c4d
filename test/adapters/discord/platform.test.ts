/**
 * Discord platform behaviour: only the Guilds intent, help and queue, 429s waited out and
 * logged, a dropped gateway resumed without losing an interaction, nothing secret in the logs.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayIntentBits, InteractionResponseType, MessageFlags } from 'discord.js';
import { visibleText } from '../../fakes/discord/fake-messages.ts';
import { CALLBACK, FOLLOW_UP, ORIGINAL, eventually, startHarness, type Harness } from './discord-harness.ts';

const SUPERVISOR_LEVEL = 'The blender stopped working after two days, it is broken';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  expect(h.fake.invalidCalls().map((c) => ({ route: c.route, problems: c.problems }))).toEqual([]);
  await h.stop();
});

describe('Discord: platform behaviour', () => {
  it('identifies with the Guilds intent only (no privileged intent)', () => {
    expect(h.fake.gateway.identifies.map((i) => i.intents)).toEqual([GatewayIntentBits.Guilds]);
  });

  it('/settle help answers at once, privately', async () => {
    const i = h.fake.slash('visitor.ng', 'help');
    const reply = await h.answered(i, (c) => c.route === CALLBACK, 'help');
    expect(reply.body).toMatchObject({ type: InteractionResponseType.ChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    expect((reply.body as { data: { content: string } }).data.content).toContain('/settle case');
  });

  it('/settle queue: supervisors see every open case with its age, agents their own; paged by 10', async () => {
    for (let n = 0; n < 11; n++) await h.desk.submit({ actor: { id: 'discord:1300000000000000202', displayName: 'li', role: 'agent', platform: 'discord' }, message: `${SUPERVISOR_LEVEL} (#${n})`, orderId: 'DC1001' });
    await h.desk.submit({ actor: { id: 'discord:1300000000000000203', displayName: 'zhao', role: 'agent', platform: 'discord' }, message: SUPERVISOR_LEVEL, orderId: 'DC1001' });
    const sup = h.fake.slash('sup.chen', 'queue');
    await h.answered(sup, (c) => c.route === ORIGINAL && c.status === 200, 'the queue');
    expect(h.fake.callsFor(sup)[0]?.body).toMatchObject({ type: InteractionResponseType.DeferredChannelMessageWithSource, data: { flags: MessageFlags.Ephemeral } });
    const page1 = h.fake.message(h.fake.rest.interactions.get(sup.id)?.originalMessageId ?? '');
    expect(page1.embeds[0]?.title).toBe('Approval queue — 1');
    expect(page1.embeds[0]?.fields).toHaveLength(10);
    expect(visibleText(page1)).toMatch(/🟢 \d+ min · due in \d+ (min|h)/);
    const next = h.fake.click('sup.chen', page1.id, 's1|pg|queue|1');
    await h.answered(next, (c) => c.route === ORIGINAL && c.status === 200, 'page 2');
    const page2 = h.fake.message(page1.id);
    expect(page2.embeds[0]?.title).toBe('Approval queue — 2');
    expect(page2.embeds[0]?.fields).toHaveLength(2);

    const agent = h.fake.slash('agent.zhao', 'queue');
    await h.answered(agent, (c) => c.route === ORIGINAL && c.status === 200, 'the agent queue');
    const mine = h.fake.message(h.fake.rest.interactions.get(agent.id)?.originalMessageId ?? '');
    expect(mine.embeds[0]?.title).toBe('My open cases — 1');
    expect(mine.embeds[0]?.fields).toHaveLength(1);
  });

  it('a 429 on the released reply is waited out (retry-after), retried once, and logged', async () => {
    const { card } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    h.fake.rateLimitNext(FOLLOW_UP, { retryAfterSeconds: 1 });
    const click = h.fake.click('sup.chen', card.id, h.buttonId(card, 'Approve'));
    await h.answered(click, (c) => c.route === FOLLOW_UP && c.status === 200, 'the release after the wait');
    const posts = h.fake.callsFor(click).filter((c) => c.route === FOLLOW_UP);
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    expect(posts[0]?.body).toEqual(posts[1]?.body);
    const logged = h.logs().split('\n').filter((l) => l.includes('rate limited'));
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0] ?? '{}')).toMatchObject({ level: 40, part: 'discord', method: 'POST', global: false });
  });

  it('a global 429 on the card edit is waited out too', async () => {
    h.fake.rateLimitNext(ORIGINAL, { retryAfterSeconds: 1, global: true });
    const { card } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    expect(card.embeds).toHaveLength(1);
    expect(h.fake.rest.calls.filter((c) => c.route === ORIGINAL).map((c) => c.status)).toEqual([429, 200]);
    expect(h.logs()).toContain('"global":true');
  });

  it('survives a dropped gateway: resumes the session and still answers what arrived meanwhile', async () => {
    h.fake.gateway.dropConnections();
    const { card, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    expect(card.embeds[0]?.footer?.text).toBe(`Case ${caseId} · rev 1`);
    expect(h.fake.gateway.resumes).toHaveLength(1);
    expect(h.fake.gateway.identifies).toHaveLength(1);
    await eventually(() => h.logs().includes('discord gateway resumed') || undefined, 'the resume log line');
    expect(h.logs()).toContain('discord gateway reconnecting');
  });

  it('an interaction delivered again (a gateway replay, or to a second Settle process on the same store) files nothing: its id is claimed in the store', async () => {
    const { interaction, caseId } = await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    const other = await h.startAnother();
    try {
      // Both sessions receive the dispatch; each finds the delivery already claimed.
      h.fake.send(interaction);
      await eventually(() => h.logs().split('\n').filter((l) => l.includes('replayed delivery ignored')).length === 2 || undefined, 'both processes to ignore the replay');
      expect((await h.desk.queue()).map((c) => c.id)).toEqual([caseId]);
      expect(h.fake.callsFor(interaction).filter((c) => c.route === CALLBACK)).toHaveLength(1);
    } finally {
      await other.stop();
    }
  });

  it('never logs the bot token', async () => {
    await h.fileCase('agent.li', { message: SUPERVISOR_LEVEL, order: 'DC1001' });
    expect(h.logs()).not.toContain(h.fake.world.token);
    expect(h.logs()).toContain('discord adapter ready');
  });
});
