/**
 * The conversation layer's behaviour, once, against every front end: the same table of cases
 * (file, question, edit, approve twice, reject, refused click, the release check — every breach,
 * every way of writing unbacked money, links and card numbers, at agent level, in an extortion case,
 * an edited amount whose old figure stays in the text —, training turn) runs through the
 * real Slack adapter (loopback fake Slack API), the real Discord adapter (loopback fake
 * Discord) and the real `settle console` command (piped lines), each on a real SQLite desk. A row says what a person
 * does and what they must see; each front end says how that is done on its platform — a Slack
 * button, a Discord button, a typed `/approve c1` — and reads back what it showed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageFlags, type APIInteraction, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_PAGE } from '../../src/adapters/console/render-case.ts';
import { QUEUE_PAGE_SIZE } from '../../src/adapters/discord/render-pages.ts';
import { HOME_PAGE_SIZE } from '../../src/adapters/slack/blocks/home.ts';
import { decodeAction } from '../../src/adapters/shared/action-id.ts';
import { createDesk } from '../../src/app/create-desk.ts';
import { createLifecycleScheduler, type LifecycleNotifier } from '../../src/app/lifecycle.ts';
import type { LifecycleButton } from '../../src/chat/lifecycle-card.ts';
import { sortQueue } from '../../src/chat/queue-order.ts';
import type { Desk } from '../../src/app/desk.ts';
import { openChatTraining, type ChatTraining } from '../../src/app/open-training.ts';
import type { FactKey } from '../../src/core/types.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite-store.ts';
import { buttonsOf as discordButtons } from '../fakes/discord/fake-messages.ts';
import type { RecordedCall } from '../fakes/discord/fake-rest.ts';
import { CALLBACK, FOLLOW_UP, ORIGINAL, eventually, startHarness as startDiscordHarness } from '../adapters/discord/discord-harness.ts';
import { buttonsOf as slackButtons, modalState, startHarness as startSlackHarness, textOf, USERS, waitFor } from '../adapters/slack/slack-harness.ts';
import { AMOUNT_FORMS, BREACHES, EXTORTION_BREACHES, LEAK_FORMS, type Breach } from '../core/read-agent/release-breaches.ts';
import { startConsoleSession } from './console-session.ts';

/** Q-2 with an order: a partial refund above the agent threshold, and a yes/no question (misuse). */
const BROKEN = 'The blender stopped working after two days, it is broken';
const SCENARIO = 'payment-twice-en';

/** What one front end must be able to do, in a person's terms; each returns what they were shown. */
interface FrontEnd {
  desk: Desk;
  /** The agent files `message` (BROKEN by default) for the blender order; the case id on the card. */
  file(message?: string): Promise<string>;
  /** The revision the card shows now. */
  cardRevision(caseId: string): Promise<number>;
  /** The agent answers the card's yes/no question about `fact` with No. */
  answerNo(caseId: string, fact: FactKey): Promise<void>;
  /** A supervisor (or `who`) sets offer `index` to `amount` in the edit form (or command). */
  editAmount(caseId: string, index: number, amount: string, who?: Who): Promise<void>;
  /** A supervisor approves, then approves again from the same card: the release posts shown, and the second note. */
  approveTwice(caseId: string): Promise<{ releases: number; second: string }>;
  /** A supervisor rejects with a reason. */
  reject(caseId: string, reason: string): Promise<void>;
  /** The filer clicks Approve on their own draft: the private note. */
  approveOwn(caseId: string): Promise<string>;
  /** `who` replaces the reply text in the edit form (or command): the refusal shown, or '' when the edit was saved. */
  editReply(caseId: string, text: string, who: Who): Promise<string>;
  /** A second supervisor (who edited nothing) approves the case: the private note shown when it is refused, or '' when it was released. */
  approveNote(caseId: string): Promise<string>;
  /** Cases a queue page holds on this front end. */
  pageSize: number;
  /** A supervisor opens the queue and clicks (or types) the next page: the case ids each page showed. */
  queuePages(): Promise<[string[], string[]]>;
  /** The agent starts SCENARIO and writes `line`: the customer's answer as shown. */
  trainingTurn(line: string): Promise<string>;
  /** Lifecycle rows: the store and the SQLite file under the desk (a restarted process opens it again). */
  store: SqliteStore;
  dbPath: string;
  /** The notifier `settle start` hands this front end's scheduler. */
  notifier: LifecycleNotifier;
  /** A supervisor approves the case on its card; resolves once the card shows the lifecycle. */
  release(caseId: string): Promise<void>;
  /**
   * `who` presses lifecycle `button` on the card as it is now (with a form's `fields`, typed on the
   * console's line) — `times` presses of that same button; resolves with the private note of each.
   */
  lifecycle(caseId: string, button: LifecycleButton, who: Who, fields?: Record<string, string>, times?: number): Promise<string[]>;
  /** The reminders (in the case's thread) and escalations (in the supervisors' channel) posted for the case. */
  notices(caseId: string): { thread: string[]; supervisors: string[] };
  stop(): Promise<void>;
}

type Who = 'agent' | 'supervisor';

interface OpenOptions {
  /** The injected clock of the desk and the adapter. */
  clock: () => Date;
  /** Lifecycle rows: a supervisors' channel (SLACK_APPROVALS_CHANNEL, DISCORD_SUPERVISOR_CHANNEL_ID). */
  supervisorChannel?: boolean;
}

const SLACK_SUPERVISORS = 'C_SUPERVISORS';
/** What approveNote's wait sees when the case was released (the wait needs a truthy value). */
const RELEASED = '(released)';
const DISCORD_SUPERVISORS = '1300000000000000151';

const playbook = loadPlaybook(fileURLToPath(new URL('../../playbooks', import.meta.url)));
const logger = createSilentLogger();

function openTraining(dir: string): ChatTraining & { close(): Promise<void> } {
  const store = openSqliteStore(join(dir, 'training.db'), { backgroundCheckpoint: false });
  const opened = openChatTraining({ store: store.training, playbook, logger });
  if (!opened) throw new Error('training did not open');
  return { ...opened, close: () => store.close() };
}

async function slackFrontEnd(o: OpenOptions): Promise<FrontEnd> {
  const dir = mkdtempSync(join(tmpdir(), 'settle-fe-slack-'));
  const training = openTraining(dir);
  const h = await startSlackHarness({ training: training.service, clock: o.clock, ...(o.supervisorChannel ? { approvalsChannel: SLACK_SUPERVISORS } : {}) });
  const slackUser = (who: Who) => (who === 'agent' ? USERS.agent : USERS.sup);
  const cards = new Map<string, { channel: string; ts: string }>();
  const blocksOf = (caseId: string) => {
    const at = cards.get(caseId)!;
    return h.fake.messages.get(`${at.channel}/${at.ts}`)!.blocks as unknown[];
  };
  const notesTo = (user: { id: string }) => h.fake.callsTo('chat.postEphemeral', true).filter((c) => c.args.user === user.id).map((c) => String(c.args.text));
  const button = (caseId: string, label: string) => slackButtons(blocksOf(caseId)).find((b) => b.label === label && b.id.includes(`|${caseId}|`))!.id;
  const revision = async (caseId: string) => Number(/rev (\d+)/.exec(textOf(blocksOf(caseId)))?.[1]);
  const releasesIn = (ts: string) => h.fake.callsTo('chat.postMessage', true).filter((c) => c.args.thread_ts === ts).length;
  const openForm = async (caseId: string, label: string, user: { id: string; name: string }) => {
    const before = h.fake.callsTo('views.open', true).length;
    await h.sender.click(button(caseId, label), user, cards.get(caseId)!);
    return (await waitFor(() => h.fake.callsTo('views.open', true)[before], `the ${label} form`)).args.view as { private_metadata: string };
  };
  const redrawnPast = (caseId: string, rev: number) => waitFor(async () => (await revision(caseId)) > rev || undefined, 'the redrawn card');
  return {
    desk: h.desk,
    async file(message = BROKEN) {
      const before = h.fake.callsTo('chat.postMessage', true).length;
      await h.sender.command(`order:TB1001 ${message}`, USERS.agent);
      const post = await waitFor(() => h.fake.callsTo('chat.postMessage', true)[before], 'the card');
      const caseId = decodeAction(slackButtons(post.args.blocks as unknown[]).find((b) => b.label === 'Approve')!.id)!.caseId;
      const ts = await waitFor(async () => (await h.desk.get(caseId)).channel?.messageId, 'the card location');
      cards.set(caseId, { channel: String(post.args.channel), ts });
      return caseId;
    },
    cardRevision: revision,
    async answerNo(caseId, fact) {
      const rev = await revision(caseId);
      const no = slackButtons(blocksOf(caseId)).find((b) => b.label === 'No' && decodeAction(b.id)?.fact === fact)!;
      await h.sender.click(no.id, USERS.agent, cards.get(caseId)!);
      await redrawnPast(caseId, rev);
    },
    async editAmount(caseId, index, amount, who = 'supervisor') {
      const rev = await revision(caseId);
      const view = await openForm(caseId, 'Edit', slackUser(who));
      const saved = await h.sender.submit('settle_edit', view.private_metadata, modalState(view, { [`amount_${index}`]: amount }), slackUser(who));
      expect(saved.text).toBe('');
      await redrawnPast(caseId, rev);
    },
    async approveTwice(caseId) {
      const approve = button(caseId, 'Approve');
      const ts = cards.get(caseId)!.ts;
      await h.sender.click(approve, USERS.sup, cards.get(caseId)!);
      await waitFor(() => releasesIn(ts) === 1 || undefined, 'the release in the thread');
      await h.sender.click(approve, USERS.sup, cards.get(caseId)!);
      const second = await waitFor(() => notesTo(USERS.sup)[0], 'the note to the second click');
      return { releases: releasesIn(ts), second };
    },
    async reject(caseId, reason) {
      const view = await openForm(caseId, 'Reject', USERS.sup);
      await h.sender.submit('settle_reject', view.private_metadata, { reason: { type: 'plain_text_input', value: reason } }, USERS.sup);
      await waitFor(() => textOf(blocksOf(caseId)).includes('Rejected by') || undefined, 'the rejected card');
    },
    async approveOwn(caseId) {
      await h.sender.click(button(caseId, 'Approve'), USERS.agent, cards.get(caseId)!);
      return waitFor(() => notesTo(USERS.agent).find((t) => !t.includes('drafted and posted')), 'the refusal');
    },
    async editReply(caseId, text, who) {
      const user = slackUser(who);
      const rev = await revision(caseId);
      const view = await openForm(caseId, 'Edit', user);
      const res = await h.sender.submit('settle_edit', view.private_metadata, modalState(view, { reply: text }), user);
      const errors = (res.json as { errors?: Record<string, string> } | undefined)?.errors;
      if (errors) return Object.values(errors).join(' ');
      await redrawnPast(caseId, rev);
      return '';
    },
    async approveNote(caseId) {
      const before = notesTo(USERS.sup2).length;
      const ts = cards.get(caseId)!.ts;
      const released = releasesIn(ts);
      await h.sender.click(button(caseId, 'Approve'), USERS.sup2, cards.get(caseId)!);
      // A refusal note, or the release in the thread ('' then).
      const seen = await waitFor(() => notesTo(USERS.sup2)[before] ?? (releasesIn(ts) > released ? RELEASED : undefined), 'the note or the release');
      return seen === RELEASED ? '' : seen;
    },
    pageSize: HOME_PAGE_SIZE,
    async queuePages() {
      const before = h.fake.callsTo('views.publish', true).length;
      const shown = (n: number) => waitFor(() => h.fake.callsTo('views.publish', true)[before + n], `home page ${n + 1}`).then((c) => (c.args.view as { blocks: unknown[] }).blocks);
      const idsOf = (blocks: unknown[]) => [...textOf(blocks).matchAll(/`(c\d+)`/g)].map((m) => m[1]!);
      await h.sender.homeOpened(USERS.sup, 'EvQUEUE1');
      const first = await shown(0);
      await h.sender.homeClick(slackButtons(first).find((b) => b.label === 'Next →')!.id, USERS.sup);
      return [idsOf(first), idsOf(await shown(1))];
    },
    async trainingTurn(line) {
      await h.sender.command(`train ${SCENARIO}`, USERS.agent, 'C_TRAIN');
      const opening = await waitFor(() => [...h.fake.messages.values()].find((m) => m.channel === 'C_TRAIN' && !m.threadTs && /Give up|放弃/.test(JSON.stringify(m.blocks))), 'the opening');
      await h.sender.threadMessage(USERS.agent, { channel: 'C_TRAIN', threadTs: opening.ts }, line, 'EvTRAIN1');
      return waitFor(() => [...h.fake.messages.values()].find((m) => m.channel === 'C_TRAIN' && m.threadTs === opening.ts)?.text, 'the answer in the thread');
    },
    store: h.store,
    dbPath: h.dbPath,
    notifier: h.notifier,
    async release(caseId) {
      await h.sender.click(button(caseId, 'Approve'), USERS.sup, cards.get(caseId)!);
      await waitFor(() => textOf(blocksOf(caseId)).includes('Lifecycle:') || undefined, 'the released card with its lifecycle');
    },
    async lifecycle(caseId, name, who, fields = {}, times = 1) {
      const user = slackUser(who);
      const id = slackButtons(blocksOf(caseId)).find((b) => decodeAction(b.id)?.move === name)?.id;
      if (!id) throw new Error(`no ${name} button on ${caseId}: ${slackButtons(blocksOf(caseId)).map((b) => b.label).join(', ')}`);
      const notes: string[] = [];
      for (let n = 0; n < times; n++) {
        const before = notesTo(user).length;
        if (name === 'execute' || name === 'reopen') {
          const opened = h.fake.callsTo('views.open', true).length;
          await h.sender.click(id, user, cards.get(caseId)!);
          const form = await waitFor(() => h.fake.callsTo('views.open', true)[opened] ?? (notesTo(user).length > before ? 'note' : undefined), `the ${name} form`);
          if (form !== 'note') {
            const view = form.args.view as { private_metadata: string; callback_id: string };
            const saved = await h.sender.submit(view.callback_id, view.private_metadata, modalState(view, fields), user);
            if (saved.text) notes.push(saved.text);
          }
        } else await h.sender.click(id, user, cards.get(caseId)!);
        if (notes.length <= n) notes.push(await waitFor(() => notesTo(user)[before], `the note to ${name}`));
      }
      return notes;
    },
    notices(caseId) {
      const posts = h.fake.callsTo('chat.postMessage', true).map((c) => c.args);
      const ts = cards.get(caseId)?.ts;
      return {
        thread: posts.filter((a) => a.thread_ts === ts && String(a.text).startsWith(`⏰ ${caseId}:`)).map((a) => String(a.text)),
        supervisors: posts.filter((a) => a.channel === SLACK_SUPERVISORS && !a.thread_ts && String(a.text).startsWith(`🚨 ${caseId}:`)).map((a) => String(a.text)),
      };
    },
    async stop() {
      await h.stop();
      await training.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function discordFrontEnd(o: OpenOptions): Promise<FrontEnd> {
  const dir = mkdtempSync(join(tmpdir(), 'settle-fe-discord-'));
  const training = openTraining(dir);
  const h = await startDiscordHarness({ training: training.service, clock: o.clock, ...(o.supervisorChannel ? { env: { DISCORD_SUPERVISOR_CHANNEL_ID: DISCORD_SUPERVISORS } } : {}) });
  const member = (who: Who) => (who === 'agent' ? 'agent.li' : 'sup.chen');
  const cards = new Map<string, APIMessage>();
  const current = (caseId: string) => h.fake.message(cards.get(caseId)!.id);
  const revision = async (caseId: string) => Number(/rev (\d+)/.exec(current(caseId).embeds[0]?.footer?.text ?? '')?.[1]);
  const privateNotes = (i: APIInteraction): string[] => h.fake.callsFor(i).flatMap((c: RecordedCall) => {
    const data = (c.route === CALLBACK ? (c.body as { data?: { content?: string; flags?: number } }).data : c.body) as { content?: string; flags?: number } | undefined;
    return data?.content && ((data.flags ?? 0) & MessageFlags.Ephemeral) ? [data.content] : [];
  });
  /** Public follow-ups to these clicks: the released reply, posted for the channel. */
  const releasePosts = (...clicks: APIInteraction[]) => clicks.flatMap((i) => h.fake.callsFor(i)).filter((c) => c.route === FOLLOW_UP && c.status === 200 && !(((c.body as { flags?: number }).flags ?? 0) & MessageFlags.Ephemeral)).length;
  const redrawnPast = (caseId: string, rev: number) => eventually(async () => (await revision(caseId)) > rev || undefined, 'the redrawn card');
  const openForm = async (caseId: string, label: string, user: string) => {
    const click = h.fake.click(user, cards.get(caseId)!.id, h.buttonId(current(caseId), label));
    const call = await h.answered(click, (c) => c.route === CALLBACK, `the ${label} form`);
    const form = (call.body as { data: { components: { component: { custom_id: string; value?: string } }[] } }).data;
    return { click, values: Object.fromEntries(form.components.map((c) => [c.component.custom_id, c.component.value ?? ''])) };
  };
  return {
    desk: h.desk,
    async file(message = BROKEN) {
      const { card, caseId } = await h.fileCase('agent.li', { message, order: 'DC1001' });
      cards.set(caseId, card);
      // The card's place is saved just after it is drawn (the scheduler's reminders reply to it).
      await eventually(async () => (await h.desk.get(caseId)).channel?.messageId, 'the card location');
      return caseId;
    },
    cardRevision: revision,
    async answerNo(caseId, fact) {
      const rev = await revision(caseId);
      const no = discordButtons(current(caseId)).find((b) => b.label.endsWith('No') && decodeAction(b.custom_id)?.fact === fact)!;
      h.fake.click('agent.li', cards.get(caseId)!.id, no.custom_id);
      await redrawnPast(caseId, rev);
    },
    async editAmount(caseId, index, amount, who = 'supervisor') {
      const rev = await revision(caseId);
      const { click, values } = await openForm(caseId, 'Edit', member(who));
      const submit = h.fake.submitModal(member(who), click.id, { ...values, [`amount:${index}`]: amount });
      await h.answered(submit, (c) => c.route === ORIGINAL && c.status === 200, 'the redrawn card');
      await redrawnPast(caseId, rev);
    },
    async approveTwice(caseId) {
      const seen = structuredClone(current(caseId));
      const approve = h.buttonId(seen, 'Approve');
      const first = h.fake.click('sup.chen', seen.id, approve);
      await h.answered(first, (c) => c.route === FOLLOW_UP && c.status === 200, 'the release');
      const again = h.fake.clickOn('sup.chen', seen, approve);
      const second = await eventually(() => privateNotes(again)[0], 'the note to the second click');
      return { releases: releasePosts(first, again), second };
    },
    async reject(caseId, reason) {
      const { click } = await openForm(caseId, 'Reject', 'sup.chen');
      const submit = h.fake.submitModal('sup.chen', click.id, { reason });
      await h.answered(submit, (c) => c.route === ORIGINAL && c.status === 200, 'the rejected card');
    },
    async approveOwn(caseId) {
      const click = h.fake.click('agent.li', cards.get(caseId)!.id, h.buttonId(current(caseId), 'Approve'));
      return eventually(() => privateNotes(click)[0], 'the refusal');
    },
    async editReply(caseId, text, who) {
      const { click, values } = await openForm(caseId, 'Edit', member(who));
      const submit = h.fake.submitModal(member(who), click.id, { ...values, reply: text });
      const rev = await revision(caseId);
      const answer = await h.answered(submit, (c) => (c.route === FOLLOW_UP || c.route === ORIGINAL) && c.status === 200, 'the refusal or the redrawn card');
      if (answer.route === FOLLOW_UP) return privateNotes(submit).join(' ');
      await redrawnPast(caseId, rev);
      return '';
    },
    async approveNote(caseId) {
      const click = h.fake.click('sup.liu', cards.get(caseId)!.id, h.buttonId(current(caseId), 'Approve'));
      const seen = await eventually(() => privateNotes(click)[0] ?? (releasePosts(click) > 0 ? RELEASED : undefined), 'the note or the release');
      return seen === RELEASED ? '' : seen;
    },
    pageSize: QUEUE_PAGE_SIZE,
    async queuePages() {
      const idsOf = (m: APIMessage) => (m.embeds[0]?.fields ?? []).map((f) => /(c\d+)/.exec(f.name)![1]!);
      const cmd = h.fake.slash('sup.chen', 'queue');
      await h.answered(cmd, (c) => c.route === ORIGINAL && c.status === 200, 'the queue');
      const first = structuredClone(h.fake.message(h.fake.rest.interactions.get(cmd.id)?.originalMessageId ?? ''));
      const next = h.fake.click('sup.chen', first.id, discordButtons(first).find((b) => b.label === 'Next')!.custom_id);
      await h.answered(next, (c) => c.route === ORIGINAL && c.status === 200, 'page 2');
      return [idsOf(first), idsOf(h.fake.message(first.id))];
    },
    async trainingTurn(line) {
      const cmd = h.fake.slash('agent.li', 'train', { scenario: SCENARIO });
      await h.answered(cmd, (c) => c.route === ORIGINAL && c.status === 200, 'the opening');
      const opening = h.fake.message(h.fake.rest.interactions.get(cmd.id)?.originalMessageId ?? '');
      const reply = h.fake.click('agent.li', opening.id, h.buttonId(opening, 'Reply'));
      await h.answered(reply, (c) => c.route === CALLBACK, 'the reply form');
      const submit = h.fake.submitModal('agent.li', reply.id, { line });
      const turn = await h.answered(submit, (c) => c.route === FOLLOW_UP && c.status === 200, 'the turn');
      return JSON.stringify(turn.body);
    },
    store: h.store,
    dbPath: h.dbPath,
    notifier: h.notifier,
    async release(caseId) {
      h.fake.click('sup.chen', cards.get(caseId)!.id, h.buttonId(current(caseId), 'Approve'));
      await eventually(() => (current(caseId).embeds[0]?.fields ?? []).some((f) => f.name.startsWith('Lifecycle:')) || undefined, 'the released card with its lifecycle');
    },
    async lifecycle(caseId, name, who, fields = {}, times = 1) {
      const seen = structuredClone(current(caseId));
      const id = discordButtons(seen).find((b) => decodeAction(b.custom_id)?.move === name)?.custom_id;
      if (!id) throw new Error(`no ${name} button on ${caseId}: ${discordButtons(seen).map((b) => b.label).join(', ')}`);
      const notes: string[] = [];
      for (let n = 0; n < times; n++) {
        const click = h.fake.clickOn(member(who), seen, id);
        let answering = click;
        if (name === 'execute' || name === 'reopen') {
          const first = await eventually(() => h.fake.callsFor(click).find((c) => c.route === CALLBACK || c.route === FOLLOW_UP), `the ${name} form`);
          const modal = first.route === CALLBACK && (first.body as { type?: number }).type === 9;
          if (modal) answering = h.fake.submitModal(member(who), click.id, fields);
        }
        notes.push(await eventually(() => privateNotes(answering)[0], `the note to ${name}`));
      }
      return notes;
    },
    notices(caseId) {
      const card = cards.get(caseId);
      const posts = h.fake.rest.calls.filter((c) => c.route === 'POST /channels/{channel_id}/messages' && c.status === 200)
        .map((c) => ({ channel: c.params.channel_id, body: c.body as { content?: string; message_reference?: { message_id?: string } } }));
      return {
        thread: posts.filter((p) => p.channel === card?.channel_id && p.body.message_reference?.message_id === card?.id && String(p.body.content).startsWith(`⏰ ${caseId}:`)).map((p) => String(p.body.content)),
        supervisors: posts.filter((p) => p.channel === DISCORD_SUPERVISORS && String(p.body.content).startsWith(`🚨 ${caseId}:`)).map((p) => String(p.body.content)),
      };
    },
    async stop() {
      expect(h.fake.invalidCalls().map((c) => ({ route: c.route, problems: c.problems }))).toEqual([]);
      await h.stop();
      await training.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * The console, kept open (console-session.ts): each step types lines (as the agent `li` or the
 * supervisor `wang`) and reads what they printed.
 */
async function consoleFrontEnd(o: OpenOptions): Promise<FrontEnd> {
  const dir = mkdtempSync(join(tmpdir(), 'settle-fe-console-'));
  const store = openSqliteStore(join(dir, 'settle.db'));
  const now = o.clock().getTime();
  await store.upsertOrders([{
    id: 'TB1001', currency: 'CNY', items: [{ sku: 'BLENDER-1', name: 'Blender', unitPriceMinor: 89900, qty: 1 }], totalMinor: 89900,
    shippingFeeMinor: 0, freeShipping: true, status: 'delivered', sevenDayReturn: true,
    paidAt: new Date(now - 5 * 86_400_000).toISOString(), deliveredAt: new Date(now - 2 * 86_400_000).toISOString(),
  }], new Date(now).toISOString());
  const desk = createDesk({ store, playbook, clock: o.clock, logger });
  const training = openTraining(dir);
  let notify: LifecycleNotifier = async () => undefined;
  const { type, output, end } = startConsoleSession({
    desk, width: 100, logger, clock: o.clock, training: training.service, getOrder: (id) => store.getOrder(id),
    // The console prints the scheduler's notices where its people read: this notifier is the one `settle console` runs.
    scheduler: (n) => ((notify = n), { stop: async () => undefined }),
  });
  const as = (who: Who) => (who === 'agent' ? '/as agent li' : '/as supervisor wang');
  /** The console command of a lifecycle button (a form's fields typed on its line). */
  const commandOf = (caseId: string, name: LifecycleButton, fields: Record<string, string>): string => {
    switch (name) {
      case 'returned': return `/returned ${caseId}`;
      case 'execute': return `/execute ${caseId} ${fields.tracking ? `tracking ${fields.tracking}` : fields.refund ? `refund ${fields.refund}` : `ticket ${fields.ticket ?? ''}`}${fields.note ? ` ${fields.note}` : ''}`;
      case 'send_followup': return `/followup ${caseId} send`;
      case 'solved': case 'unsolved': case 'unreachable': return `/followup ${caseId} ${name}`;
      case 'resolve': return `/resolve ${caseId}`;
      case 'reopen': return `/reopen ${caseId} ${fields.reason ?? ''}`;
    }
  };
  const revision = async (caseId: string) => Number([...output().matchAll(new RegExp(`┌ ${caseId} .* rev (\\d+)`, 'g'))].at(-1)?.[1]);
  return {
    desk,
    async file(message = BROKEN) {
      const shown = await type('/as agent li', `/new --order TB1001 ${message}`);
      return /┌ (c\d+) /.exec(shown)![1]!;
    },
    cardRevision: revision,
    async answerNo(caseId, fact) {
      await type('/as agent li', `/show ${caseId}`, `/answer ${caseId} ${fact} no`);
    },
    async editAmount(caseId, index, amount, who = 'supervisor') {
      await type(as(who), `/show ${caseId}`, `/edit ${caseId} offer ${index + 1} ${amount}`);
    },
    async approveTwice(caseId) {
      const shown = await type('/as supervisor wang', `/show ${caseId}`, `/approve ${caseId}`, `/approve ${caseId}`);
      const lines = shown.split('\n');
      return { releases: lines.filter((l) => l.startsWith(`✓ ${caseId} released`)).length, second: lines.find((l) => l.includes('already')) ?? '' };
    },
    async reject(caseId, reason) {
      await type('/as supervisor wang', `/show ${caseId}`, `/reject ${caseId} ${reason}`);
    },
    async approveOwn(caseId) {
      const shown = await type('/as agent li', `/show ${caseId}`, `/approve ${caseId}`);
      return shown.split('\n').find((l) => l.startsWith('✗')) ?? '';
    },
    async editReply(caseId, text, who) {
      const shown = await type(as(who), `/show ${caseId}`, `/edit ${caseId} reply ${text}`);
      return shown.split('\n').filter((l) => l.startsWith('✗')).join(' ');
    },
    async approveNote(caseId) {
      const shown = await type('/as supervisor chen', `/show ${caseId}`, `/approve ${caseId}`);
      return shown.split('\n').filter((l) => l.startsWith('✗')).join(' ');
    },
    pageSize: QUEUE_PAGE,
    async queuePages() {
      const idsOf = (text: string) => [...text.matchAll(/^(c\d+) /gm)].map((m) => m[1]!);
      return [idsOf(await type('/as supervisor wang', '/queue')), idsOf(await type('/queue 2'))];
    },
    async trainingTurn(line) {
      // In a session, a typed line is the trainee's turn.
      const shown = await type('/as agent li', `/train ${SCENARIO}`, line);
      return shown.split('\n').find((l) => l.startsWith('Customer [')) ?? '';
    },
    store,
    dbPath: join(dir, 'settle.db'),
    notifier: (n) => notify(n),
    async release(caseId) {
      await type('/as supervisor wang', `/show ${caseId}`, `/approve ${caseId}`);
    },
    async lifecycle(caseId, name, who, fields = {}, times = 1) {
      const command = commandOf(caseId, name, fields);
      const shown = await type(as(who), `/show ${caseId}`, ...Array.from({ length: times }, () => command));
      return shown.split('\n').filter((l) => /^[✓✗ℹ]/.test(l));
    },
    notices(caseId) {
      const lines = output().split('\n');
      return { thread: lines.filter((l) => l.startsWith(`⏰ ${caseId}:`)), supervisors: lines.filter((l) => l.startsWith(`🚨 ${caseId}:`)) };
    },
    async stop() {
      await end();
      await training.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The front ends: one row each, like `settle start`'s table. */
const FRONT_ENDS: [string, (o: OpenOptions) => Promise<FrontEnd>][] = [['slack', slackFrontEnd], ['discord', discordFrontEnd], ['console', consoleFrontEnd]];

/** The cases: what a person does, and what everyone must see, whatever the front end. */
const CASES: [string, (fe: FrontEnd) => Promise<void>][] = [
  ['file: the agent files a complaint; the card shows the drafted case', async (fe) => {
    const caseId = await fe.file();
    const view = await fe.desk.get(caseId);
    expect({ status: view.status, category: view.draft.category, revision: await fe.cardRevision(caseId) }).toEqual({ status: 'drafted', category: 'quality', revision: 1 });
  }],
  ['question: answering the card\'s yes/no question decides the draft again and redraws it', async (fe) => {
    const caseId = await fe.file();
    await fe.answerNo(caseId, 'misuse');
    const view = await fe.desk.get(caseId);
    expect({ misuse: view.facts.misuse, revision: view.revision, card: await fe.cardRevision(caseId) }).toEqual({ misuse: false, revision: 2, card: 2 });
  }],
  ['edit: a supervisor lowers the partial refund; the amount is saved in minor units and the card redrawn', async (fe) => {
    const caseId = await fe.file();
    const index = (await fe.desk.get(caseId)).draft.offers.findIndex((o) => o.kind === 'partial_refund');
    await fe.editAmount(caseId, index, '200');
    const view = await fe.desk.get(caseId);
    expect({ amount: view.draft.offers[index]?.amountMinor, revision: view.revision, card: await fe.cardRevision(caseId) }).toEqual({ amount: 20000, revision: 2, card: 2 });
  }],
  ['approve twice: one release, shown once; the second approval is told nothing went out again', async (fe) => {
    const caseId = await fe.file();
    const { releases, second } = await fe.approveTwice(caseId);
    expect(releases).toBe(1);
    expect(second).toMatch(/nothing was sent (twice|again)/);
    expect((await fe.desk.history(caseId)).filter((e) => e.action === 'released')).toHaveLength(1);
  }],
  ['reject: a supervisor rejects with a reason; the case says why', async (fe) => {
    const caseId = await fe.file();
    await fe.reject(caseId, 'Ask for a video of the fault first');
    const view = await fe.desk.get(caseId);
    expect({ status: view.status, reason: view.rejectReason }).toEqual({ status: 'rejected', reason: 'Ask for a video of the fault first' });
  }],
  ['refused click: the filer cannot approve their own supervisor-level draft; told privately, audited, nothing released', async (fe) => {
    const caseId = await fe.file();
    const note = await fe.approveOwn(caseId);
    expect(note).toMatch(/supervisor|someone else/i);
    expect((await fe.desk.get(caseId)).status).toBe('drafted');
    expect((await fe.desk.history(caseId)).filter((e) => e.action === 'denied')).toHaveLength(1);
  }],
  ['queue: a supervisor sees the open cases in the queue order (next deadline first, then oldest), a page at a time, and pages on', async (fe) => {
    // More open cases than a page holds (filed at the desk: the filing itself is the first row's).
    const filer = { id: 'console:filler', displayName: 'filler', role: 'agent' as const, platform: 'console' as const };
    for (let n = (await fe.desk.queue({ limit: 500 })).length; n <= fe.pageSize; n++) await fe.desk.submit({ actor: filer, message: `${BROKEN} (#${n})` });
    const open = await fe.desk.queue({ limit: 500 });
    const [first, second] = await fe.queuePages();
    // The order is queue-order.ts's (its own test says which); here: every front end pages it alike.
    expect(first).toEqual(sortQueue(open).slice(0, fe.pageSize).map((c) => c.id));
    expect(second).toEqual(sortQueue(open).slice(fe.pageSize, 2 * fe.pageSize).map((c) => c.id));
  }],
  ['release check: every breach and every way of writing unbacked money or a leak, typed into the reply, is refused with the rule and the quote, audited, nothing saved', async (fe) => {
    const caseId = await fe.file();
    const tries: Breach[] = [...BREACHES, ...LEAK_FORMS, ...AMOUNT_FORMS.map((f) => ({ rule: 'amount', text: `Sorry about the blender. ${f}` }))];
    for (const b of tries) {
      const note = await fe.editReply(caseId, b.text, 'supervisor');
      expect({ text: b.text, refused: /Release refused|不能发出/.test(note) }).toEqual({ text: b.text, refused: true });
      if (b.rule !== 'amount' && b.rule !== 'link') expect({ text: b.text, note }).toEqual({ text: b.text, note: expect.stringContaining(b.rule) });
      if (b.rule === 'link') expect(note).toContain('t.me/settle_help');
    }
    // Card and ID numbers are shown masked in the refusal, never as typed.
    const shown = await fe.editReply(caseId, LEAK_FORMS[3]!.text, 'supervisor');
    expect(shown).not.toContain('4111 l111 1111 111l');
    expect((await fe.desk.get(caseId)).revision).toBe(1);
    const denied = (await fe.desk.history(caseId)).filter((e) => e.action === 'denied' && e.detail['code'] === 'release_refused');
    expect(denied).toHaveLength(tries.length + 1);
  }],
  ['release check at agent level: an agent typing "We will refund ¥5,000 in cash." is refused like a supervisor', async (fe) => {
    const caseId = await fe.file();
    const note = await fe.editReply(caseId, 'We will refund ¥5,000 in cash.', 'agent');
    expect(note).toMatch(/Release refused|不能发出/);
    expect(note).toContain('5,000');
    expect((await fe.desk.get(caseId)).draft.reply.text).not.toContain('5,000');
  }],
  ['release check, M-1: in an extortion case money or WhatsApp offered in the reply is refused', async (fe) => {
    const caseId = await fe.file('Pay me 500 yuan or I will leave a one-star review and complain everywhere');
    for (const b of EXTORTION_BREACHES) expect({ text: b.text, note: await fe.editReply(caseId, b.text, 'supervisor') }).toEqual({ text: b.text, note: expect.stringContaining('M-1') });
  }],
  ['release check: an amount edited while the reply names the old figure another way is refused at approval until text and offers agree', async (fe) => {
    const caseId = await fe.file();
    const index = (await fe.desk.get(caseId)).draft.offers.findIndex((o) => o.kind === 'partial_refund');
    const old = (await fe.desk.get(caseId)).draft.offers[index]!.amountMinor! / 100;
    // One supervisor edits (text, then amount); another, who edited nothing, approves.
    expect(await fe.editReply(caseId, `Sorry about the blender. We can refund ${old} yuan and you keep it.`, 'supervisor')).toBe('');
    await fe.editAmount(caseId, index, '200');
    const refused = await fe.approveNote(caseId);
    expect(refused).toMatch(/Release refused|不能发出/);
    expect(refused).toContain(`${old} yuan`);
    expect((await fe.desk.get(caseId)).status).toBe('drafted');
    expect(await fe.editReply(caseId, 'Sorry about the blender. We can refund 200 yuan and you keep it.', 'supervisor')).toBe('');
    expect(await fe.approveNote(caseId)).toBe('');
    expect((await fe.desk.history(caseId)).filter((e) => e.action === 'released')).toHaveLength(1);
  }],
  ['training turn: the trainee\'s line is answered by the customer', async (fe) => {
    const answer = await fe.trainingTurn('Sorry to hear you were charged twice. Could you send me the order number?');
    expect(answer).toMatch(/Customer \[\w+\]/);
  }],
];

describe.each(FRONT_ENDS)('%s front end', (_name, open) => {
  let fe: FrontEnd;
  beforeAll(async () => {
    fe = await open({ clock: () => new Date() });
  });
  afterAll(async () => {
    await fe.stop();
  });
  it.each(CASES)('%s', async (_case, run) => {
    await run(fe);
  });
});

/** A lifecycle row's world: one front end on an injected clock, and its scheduler (as `settle start` runs it). */
interface LifecycleWorld {
  fe: FrontEnd;
  setNow(ms: number): void;
  /** One scheduler tick on the front end's store. */
  tick(): Promise<void>;
  /** A restarted process: a new store, desk and scheduler on the same SQLite file, posting through the same front end. */
  restart(): Promise<{ tick(): Promise<void>; close(): Promise<void> }>;
}

const stateOf = async (fe: FrontEnd, caseId: string) => (await fe.desk.get(caseId)).lifecycle?.state;
const audited = async (fe: FrontEnd, caseId: string, action: string) => (await fe.desk.history(caseId)).filter((e) => e.action === action).length;

/** The lifecycle after release, on every front end (docs/lifecycle.md): the same walks, the same counts. */
const LIFECYCLE_CASES: [string, (w: LifecycleWorld) => Promise<void>][] = [
  ['walk: executed → follow-up drafted when due, approved once (pressed twice) → answer recorded → resolved', async ({ fe, setNow, tick }) => {
    const caseId = await fe.file();
    await fe.release(caseId);
    const [executed] = await fe.lifecycle(caseId, 'execute', 'agent', { tracking: 'SF1234567' });
    expect(executed).toContain(`${caseId} executed: trackingNumber SF1234567`);
    expect(await stateOf(fe, caseId)).toBe('executed');
    const followUp = (await fe.desk.get(caseId)).deadlines.find((d) => d.kind === 'follow_up' && !d.metAt)!;
    setNow(Date.parse(followUp.remindAt));
    await tick();
    const drafted = fe.notices(caseId).thread.filter((t) => t.includes('the follow-up is due'));
    expect(drafted).toHaveLength(1);
    expect((await fe.desk.get(caseId)).lifecycle?.data.followUp?.status).toBe('drafted');
    const [approved, again] = await fe.lifecycle(caseId, 'send_followup', 'supervisor', {}, 2);
    expect(approved).toContain(`${caseId}: follow-up approved; it goes to the customer through the outbox, once.`);
    expect(again).toContain(`${caseId}: the follow-up was already approved; nothing was sent twice.`);
    expect(await fe.store.getRelease(caseId, 'follow_up')).toMatchObject({ status: 'pending', payload: { kind: 'follow_up' } });
    expect(await audited(fe, caseId, 'follow_up_sent')).toBe(1);
    const [answer] = await fe.lifecycle(caseId, 'solved', 'agent');
    expect(answer).toContain(`${caseId}: follow-up answer recorded (solved).`);
    const [resolved] = await fe.lifecycle(caseId, 'resolve', 'agent');
    expect(resolved).toContain(`${caseId} resolved.`);
    expect(await stateOf(fe, caseId)).toBe('resolved');
  }],
  ['reopen: a resolved case is reopened by a supervisor; an agent is refused, told privately, audited', async ({ fe }) => {
    const caseId = await fe.file();
    await fe.release(caseId);
    await fe.lifecycle(caseId, 'execute', 'agent', { refund: 'R-778' });
    await fe.lifecycle(caseId, 'unreachable', 'agent');
    await fe.lifecycle(caseId, 'resolve', 'agent');
    expect(await stateOf(fe, caseId)).toBe('resolved');
    const [refused] = await fe.lifecycle(caseId, 'reopen', 'agent', { reason: 'the blender broke again' });
    expect(refused).toContain('Only a supervisor may reopen a resolved case.');
    expect(await stateOf(fe, caseId)).toBe('resolved');
    expect(await audited(fe, caseId, 'denied')).toBe(1);
    const [reopened] = await fe.lifecycle(caseId, 'reopen', 'supervisor', { reason: 'the blender broke again' });
    expect(reopened).toContain(`${caseId} reopened: the blender broke again. Execute it again.`);
    expect(await stateOf(fe, caseId)).toBe('reopened');
  }],
  ['deadline: reminded once in the case\'s thread, escalated once to the supervisors, across a restart', async ({ fe, setNow, tick, restart }) => {
    const caseId = await fe.file();
    const firstReply = (await fe.desk.get(caseId)).deadlines.find((d) => d.kind === 'first_reply')!;
    setNow(Date.parse(firstReply.remindAt));
    await tick();
    await tick();
    const restarted = await restart();
    try {
      await restarted.tick();
      expect(fe.notices(caseId)).toEqual({ thread: [expect.stringContaining('first reply to the customer is due in')], supervisors: [] });
      setNow(Date.parse(firstReply.dueAt) + 60_000);
      await restarted.tick();
      await tick();
      await restarted.tick();
      const { thread, supervisors } = fe.notices(caseId);
      expect(thread).toHaveLength(1);
      expect(supervisors).toEqual([expect.stringContaining('first reply to the customer is overdue')]);
    } finally {
      await restarted.close();
    }
  }],
];

describe.each(FRONT_ENDS)('%s front end: the lifecycle', (_name, open) => {
  let now = Date.now();
  const clock = () => new Date(now);
  let w: LifecycleWorld;
  beforeAll(async () => {
    const fe = await open({ clock, supervisorChannel: true });
    const schedulerOn = (store: SqliteStore, desk: Desk) => createLifecycleScheduler({ store, desk, clock, logger, notifiers: [fe.notifier] });
    const scheduler = schedulerOn(fe.store, fe.desk);
    w = {
      fe,
      setNow: (ms) => void (now = Math.max(now, ms)),
      tick: async () => void (await scheduler.tick()),
      async restart() {
        const store = openSqliteStore(fe.dbPath, { backgroundCheckpoint: false });
        const again = schedulerOn(store, createDesk({ store, playbook, clock, logger }));
        return { tick: async () => void (await again.tick()), close: () => store.close() };
      },
    };
  });
  afterAll(async () => {
    await w.fe.stop();
  });
  it.each(LIFECYCLE_CASES)('%s', async (_case, run) => {
    await run(w);
  });
});
