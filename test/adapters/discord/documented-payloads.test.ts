/**
 * The adapter must not depend on the extras of the fake's own payload builders: Discord's
 * documented sample payloads (test/fixtures/discord, thinner than today's gateway) drive the
 * same flow — a case filed from a slash command, approved from a button.
 */
import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { APIInteraction, APIMessage } from 'discord.js';
import { buttonsOf } from '../../fakes/discord/fake-messages.ts';
import { makeSnowflake, makeToken, type FakeMember } from '../../fakes/discord/fake-world.ts';
import { AGENT_ROLE, FOLLOW_UP, ORIGINAL, SUPERVISOR_ROLE, startHarness, type Harness } from './discord-harness.ts';

function fixture(name: string): Record<string, unknown> {
  const { _source: _ignored, ...payload } = JSON.parse(readFileSync(new URL(`../../fixtures/discord/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
  return payload;
}

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(async () => {
  expect(h.fake.invalidCalls().map((c) => ({ route: c.route, problems: c.problems }))).toEqual([]);
  await h.stop();
});

/** The fixture, re-addressed to the fake's guild and a fresh interaction, as `who`. */
function readdress(payload: Record<string, unknown>, who: FakeMember, extra: Record<string, unknown> = {}): APIInteraction {
  const member = structuredClone(payload.member) as { user: Record<string, unknown>; roles: string[] };
  member.user.id = who.id;
  member.user.username = who.username;
  member.roles = who.roles;
  const id = makeSnowflake();
  return {
    ...payload,
    id,
    token: makeToken(`interaction:${id}`),
    application_id: h.fake.world.applicationId,
    guild_id: h.fake.world.guild.id,
    authorizing_integration_owners: { 0: h.fake.world.guild.id },
    channel_id: h.fake.world.guild.channels[0]?.id,
    member,
    ...extra,
  } as unknown as APIInteraction;
}

describe('Discord: documented payload shapes', () => {
  it('files a case from the documented slash-command shape and approves it from the documented button shape', async () => {
    const agent: FakeMember = { id: '1300000000000000299', username: 'Mason', roles: [AGENT_ROLE] };
    const command = h.fake.send(readdress(fixture('chat-input-command.json'), agent));
    await h.answered(command, (c) => c.route === ORIGINAL && c.status === 200, 'the card');
    const card: APIMessage = h.fake.message(h.fake.rest.interactions.get(command.id)?.originalMessageId ?? '');
    expect(buttonsOf(card).map((b) => b.label).slice(0, 3)).toEqual(['Approve', 'Edit', 'Reject']);
    expect(card.channel_id).toBe(h.fake.world.guild.channels[0]?.id);
    const caseId = (card.embeds[0]?.footer?.text ?? '').split(' ')[1] ?? '';
    expect((await h.desk.get(caseId)).createdBy).toBe('discord:1300000000000000299');

    const supervisor: FakeMember = { id: '1300000000000000298', username: 'Ada', roles: [SUPERVISOR_ROLE] };
    const button = fixture('button-click.json');
    const approve = h.buttonId(card, 'Approve');
    const click = h.fake.send(readdress(button, supervisor, { message: card, data: { custom_id: approve, component_type: 2 } }));
    await h.answered(click, (c) => c.route === FOLLOW_UP && c.status === 200, 'the release');
    expect(await h.desk.get(caseId)).toMatchObject({ status: 'released', decidedBy: 'discord:1300000000000000298' });
  });
});
