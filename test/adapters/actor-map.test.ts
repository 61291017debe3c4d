/**
 * One person on two platforms (SETTLE_ACTOR_MAP): Li files on Discord and, as a Slack
 * supervisor, tries to approve on Slack — refused as the author, privately and audited; another
 * supervisor releases it. Both front ends run through their loopback fakes over ONE desk.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeAction } from '../../src/adapters/shared/action-id.ts';
import { startHarness as startDiscord, type Harness as DiscordHarness } from './discord/discord-harness.ts';
import { startHarness as startSlack, USERS, waitFor, type Harness as SlackHarness } from './slack/slack-harness.ts';

let slack: SlackHarness | undefined;
let discord: DiscordHarness | undefined;
afterEach(async () => {
  await discord?.stop();
  await slack?.stop();
});

describe('SETTLE_ACTOR_MAP: separation of duties across platforms', () => {
  it('a person who filed on Discord cannot approve the case on Slack; someone else can', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-actor-map-'));
    const map = join(dir, 'actors.json');
    writeFileSync(map, JSON.stringify({ people: [{ actor: 'li', slack: USERS.sup.id, discord: '1300000000000000202' }] }));
    slack = await startSlack({ env: { SETTLE_ACTOR_MAP: map } });
    const desk = slack.desk;
    discord = await startDiscord({ env: { SETTLE_ACTOR_MAP: map }, wrapDesk: () => desk });

    const { caseId } = await discord.fileCase('agent.li', { message: 'The blender stopped working after two days, it is broken' });
    expect((await desk.get(caseId)).createdBy).toBe('person:li');

    const where = { channel: 'C_AGENTS', ts: '1700000000.000100' };
    const approve = encodeAction({ action: 'approve', caseId, revision: 1 });
    await slack.sender.click(approve, USERS.sup, where);
    const note = await waitFor(() => slack!.fake.callsTo('chat.postEphemeral', true).find((c) => c.args.user === USERS.sup.id), 'the refusal');
    expect(String(note.args.text)).toContain('someone else must approve it');
    expect((await desk.get(caseId)).status).toBe('drafted');
    const denied = (await desk.history(caseId)).filter((e) => e.action === 'denied');
    expect(denied).toMatchObject([{ actorId: 'person:li', detail: { attempted: 'approve', platform: 'slack' } }]);

    await slack.sender.click(approve, USERS.sup2, where);
    await waitFor(async () => (await desk.get(caseId)).status === 'released' || undefined, 'the release');
    expect((await desk.get(caseId)).decidedBy).toBe('slack:U_SUP2');
  });
});
