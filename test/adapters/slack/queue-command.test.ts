/**
 * `/settle queue` on Slack (issue 16: the queue by deadline on Slack as on Discord and the
 * console): a private message with the queue flow's page in its order, agents their own cases,
 * supervisors all, non-staff refused; the pager replaces the message in place.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sortQueue } from '../../../src/chat/queue-order.ts';
import { HOME_PAGE_SIZE } from '../../../src/adapters/slack/blocks/home.ts';
import { buttonsOf, startHarness, textOf, USERS, waitFor, type Harness } from './slack-harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  await h.stop();
});

const agent = (id: string) => ({ id: `slack:${id}`, displayName: id, role: 'agent' as const, platform: 'slack' as const });
const idsIn = (blocks: unknown) => [...JSON.stringify(blocks).matchAll(/`(c\d+)`/g)].map((m) => m[1]!);
type Response = { text?: string; blocks?: unknown; replace_original?: boolean };
const responses = () => h.fake.responses.map((r) => r.body as Response);

describe('/settle queue on Slack', () => {
  it('a supervisor gets every open case privately, in the queue order; an agent only their own; a member is refused', async () => {
    await h.desk.submit({ actor: agent(USERS.agent.id), message: 'The parcel never arrived' });
    await h.desk.submit({ actor: agent(USERS.agent2.id), message: 'The kettle arrived with a dent' });
    await h.desk.submit({ actor: agent(USERS.agent.id), message: '少发了一件白色T恤' });
    const open = await h.desk.queue({ limit: 100 });

    await h.sender.command('queue', USERS.sup);
    const all = await waitFor(() => responses().find((r) => r.text?.startsWith('Approval queue')), 'the supervisor queue');
    expect(idsIn(all.blocks)).toEqual(sortQueue(open).map((c) => c.id));

    await h.sender.command('queue', USERS.agent);
    const mine = await waitFor(() => responses().find((r) => r.text?.startsWith('My open cases')), 'the agent queue');
    expect(idsIn(mine.blocks)).toEqual(sortQueue(open.filter((c) => c.createdBy === `slack:${USERS.agent.id}`)).map((c) => c.id));

    await h.sender.command('queue', USERS.member);
    const refused = await waitFor(() => responses().find((r) => r.text?.startsWith(':no_entry:')), 'the refusal');
    expect(refused.blocks).toBeUndefined();
    expect(responses().filter((r) => r.blocks)).toHaveLength(2);
  });

  it('pages: `/settle queue 2` is the second page, and Next → on the message replaces it with that page', async () => {
    for (let n = 0; n <= HOME_PAGE_SIZE; n++) await h.desk.submit({ actor: agent(USERS.agent.id), message: `The parcel never arrived (#${n})` });
    const order = sortQueue(await h.desk.queue({ limit: 100 })).map((c) => c.id);

    await h.sender.command('queue 2', USERS.sup);
    const second = await waitFor(() => responses().find((r) => r.blocks), 'page 2');
    expect(idsIn(second.blocks)).toEqual(order.slice(HOME_PAGE_SIZE));

    await h.sender.command('queue', USERS.sup);
    const first = await waitFor(() => responses().filter((r) => r.blocks)[1], 'page 1');
    expect(idsIn(first.blocks)).toEqual(order.slice(0, HOME_PAGE_SIZE));
    const next = buttonsOf(first.blocks as unknown[]).find((b) => b.label === 'Next →');
    expect(next).toBeDefined();
    await h.sender.click(next!.id, USERS.sup, { channel: 'C_AGENTS', ts: '1700000000.000100' });
    const replaced = await waitFor(() => responses().filter((r) => r.blocks)[2], 'the next page in place');
    expect(replaced.replace_original).toBe(true);
    expect(idsIn(replaced.blocks)).toEqual(order.slice(HOME_PAGE_SIZE));
    expect(textOf(replaced.blocks as unknown[])).toContain('next deadline first');
  });
});
