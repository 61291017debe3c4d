/**
 * Negative reviews (issue 17 item 1) once, against every front end, like test/chat/front-ends.test.ts:
 * the same rows run through the real Slack adapter (loopback fake Slack API), the real Discord
 * adapter (loopback fake Discord) and the console (piped lines), each on a real SQLite desk with
 * an injected clock the rows move by hand. The lifecycle scheduler (its reminders, escalations
 * and the SMS fallback it drafts) is ticked on that clock. A row says what a person does and what
 * they must see; each front end says how it is done there and reads back what it showed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageFlags, type APIInteraction, type APIMessage } from 'discord.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeAction } from '../../src/adapters/shared/action-id.ts';
import { createDesk } from '../../src/app/create-desk.ts';
import type { Desk } from '../../src/app/desk.ts';
import { createLifecycleScheduler, type LifecycleNotice } from '../../src/app/lifecycle.ts';
import { handleReview } from '../../src/core/review/handle-review.ts';
import { parseReviewLine } from '../../src/core/review/parse-review.ts';
import { createSilentLogger } from '../../src/logger.ts';
import { loadPlaybook } from '../../src/playbook/load-playbook.ts';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import type { Store } from '../../src/store/store.ts';
import { buttonsOf as discordButtons } from '../fakes/discord/fake-messages.ts';
import type { RecordedCall } from '../fakes/discord/fake-rest.ts';
import { CALLBACK, FOLLOW_UP, ORIGINAL, eventually, startHarness as startDiscordHarness } from '../adapters/discord/discord-harness.ts';
import { buttonsOf as slackButtons, modalState, startHarness as startSlackHarness, USERS, waitFor } from '../adapters/slack/slack-harness.ts';
import { startConsoleSession } from './console-session.ts';

const playbook = loadPlaybook(fileURLToPath(new URL('../../playbooks', import.meta.url)));
const logger = createSilentLogger();
const MIN = 60_000;

/** Tuesday 1 December 2026, 10:00 in Shanghai: working time (the contact limit is 1 h). */
const T0 = Date.parse('2026-12-01T02:00:00Z');
const BROKEN = 'The blender arrived broken, the jar is cracked. One star. I want a refund.';
const EXTORTION = 'Pay me $200 and I will delete this one-star review. Otherwise I will post bad reviews on every product in your shop.';

/** The injected clock of one front end: rows set it. */
class Clock {
  t = T0;
  now = () => new Date(this.t);
  at(minutes: number, from = T0) {
    this.t = Math.max(this.t, from + minutes * MIN);
  }
}

/** What one front end must do for a review, in a person's terms; each returns what they were shown. */
interface ReviewFrontEnd {
  desk: Desk;
  store: Store;
  clock: Clock;
  /** The agent files a review (`viaForm`: the platform's form); the case id and the summary shown. */
  file(rating: number, text: string, opts?: { order?: boolean; viaForm?: boolean }): Promise<{ caseId: string; shown: string }>;
  /** A supervisor approves the private-contact draft on its card. */
  approvePrivate(caseId: string): Promise<void>;
  /** The agent (or a supervisor) types a review step (`unanswered`, `answered phone consent`, `sms`, `public` …): what they were told. */
  step(caseId: string, words: string, as?: 'agent' | 'supervisor'): Promise<string>;
  stop(): Promise<void>;
}

const ticker = (fe: Pick<ReviewFrontEnd, 'store' | 'desk' | 'clock'>) => createLifecycleScheduler({ store: fe.store, desk: fe.desk, clock: fe.clock.now, logger, notifiers: [] });

async function slackFrontEnd(): Promise<ReviewFrontEnd> {
  const clock = new Clock();
  const h = await startSlackHarness({ deskClock: clock.now });
  const cards = new Map<string, { channel: string; ts: string }>();
  /** Everything said in a card's thread after `from` posts. */
  const threadText = (caseId: string, from: number) => h.fake.callsTo('chat.postMessage', true).slice(from).filter((c) => c.args.thread_ts === cards.get(caseId)?.ts).map((c) => String(c.args.text)).join('\n');
  const whispers = (from: number) => h.fake.responses.slice(from).map((r) => String(r.body.text ?? '')).join('\n');
  const posts = () => h.fake.callsTo('chat.postMessage', true).length;
  return {
    desk: h.desk,
    store: h.store,
    clock,
    async file(rating, text, opts = {}) {
      const before = posts();
      const order = opts.order ? 'TB1001' : '';
      if (opts.viaForm) {
        const opened = h.fake.callsTo('views.open', true).length;
        await h.sender.command('review', USERS.agent);
        const view = (await waitFor(() => h.fake.callsTo('views.open', true)[opened], 'the review form')).args.view as { private_metadata: string; callback_id: string };
        expect(view.callback_id).toBe('settle_review');
        const saved = await h.sender.submit('settle_review', view.private_metadata, modalState(view, { rating: String(rating), text, order }), USERS.agent);
        expect(saved.text).toBe('');
      } else {
        await h.sender.command(`review ${rating}${order ? ` order:${order}` : ''} ${text}`, USERS.agent);
      }
      const post = await waitFor(() => h.fake.callsTo('chat.postMessage', true).slice(before).find((c) => !c.args.thread_ts), 'the card');
      const caseId = decodeAction(slackButtons(post.args.blocks as unknown[]).find((b) => b.label === 'Approve')!.id)!.caseId;
      const ts = await waitFor(async () => (await h.desk.get(caseId)).channel?.messageId, 'the card location');
      cards.set(caseId, { channel: String(post.args.channel), ts });
      const shown = await waitFor(() => threadText(caseId, before) || undefined, 'the summary in the thread');
      return { caseId, shown };
    },
    async approvePrivate(caseId) {
      const at = cards.get(caseId)!;
      const msg = h.fake.messages.get(`${at.channel}/${at.ts}`)!;
      await h.sender.click(slackButtons(msg.blocks as unknown[]).find((b) => b.label === 'Approve')!.id, USERS.sup, at);
      await waitFor(() => h.fake.callsTo('chat.postMessage', true).some((c) => c.args.thread_ts === at.ts && String(c.args.text).includes('Approved')) || undefined, 'the release in the thread');
    },
    async step(caseId, words, as = 'agent') {
      const [from, said] = [posts(), h.fake.responses.length];
      await h.sender.command(`review ${caseId} ${words}`, as === 'agent' ? USERS.agent : USERS.sup);
      return waitFor(() => threadText(caseId, from) || whispers(said) || undefined, `the answer to review ${caseId} ${words}`);
    },
    stop: () => h.stop(),
  };
}

async function discordFrontEnd(): Promise<ReviewFrontEnd> {
  const clock = new Clock();
  const h = await startDiscordHarness({ clock: clock.now });
  const cards = new Map<string, APIMessage>();
  const privateNotes = (i: APIInteraction): string[] => h.fake.callsFor(i).flatMap((c: RecordedCall) => {
    const data = (c.route === CALLBACK ? (c.body as { data?: { content?: string; flags?: number } }).data : c.body) as { content?: string; flags?: number } | undefined;
    return data?.content && ((data.flags ?? 0) & MessageFlags.Ephemeral) ? [data.content] : [];
  });
  return {
    desk: h.desk,
    store: h.store,
    clock,
    async file(rating, text, opts = {}) {
      const order: Record<string, string> = opts.order ? { order: 'DC1001' } : {};
      let answered: APIInteraction;
      if (opts.viaForm) {
        const cmd = h.fake.slash('agent.li', 'review', { rating: String(rating), ...order });
        await h.answered(cmd, (c) => c.route === CALLBACK, 'the review form');
        answered = h.fake.submitModal('agent.li', cmd.id, { rating: String(rating), text, order: opts.order ? 'DC1001' : '' });
      } else {
        answered = h.fake.slash('agent.li', 'review', { rating: String(rating), text, ...order });
      }
      await h.answered(answered, (c) => c.route === ORIGINAL && c.status === 200, 'the card');
      const card = h.fake.message(h.fake.rest.interactions.get(answered.id)?.originalMessageId ?? '');
      const caseId = decodeAction(discordButtons(card).find((b) => decodeAction(b.custom_id)?.action === 'approve')!.custom_id)!.caseId;
      cards.set(caseId, card);
      const shown = await eventually(() => privateNotes(answered).join('\n') || undefined, 'the summary');
      return { caseId, shown };
    },
    async approvePrivate(caseId) {
      const card = h.fake.message(cards.get(caseId)!.id);
      const click = h.fake.click('sup.chen', card.id, h.buttonId(card, 'Approve'));
      await h.answered(click, (c) => c.route === FOLLOW_UP && c.status === 200, 'the release');
    },
    async step(caseId, words, as = 'agent') {
      const [step, ...rest] = words.split(' ');
      const cmd = h.fake.slash(as === 'agent' ? 'agent.li' : 'sup.chen', 'review', { case: caseId, step: [step, ...rest].join(' ') });
      return eventually(() => privateNotes(cmd).join('\n') || undefined, `the answer to review ${caseId} ${words}`);
    },
    async stop() {
      expect(h.fake.invalidCalls().map((c) => ({ route: c.route, problems: c.problems }))).toEqual([]);
      await h.stop();
    },
  };
}

async function consoleFrontEnd(): Promise<ReviewFrontEnd> {
  const clock = new Clock();
  const dir = mkdtempSync(join(tmpdir(), 'settle-review-console-'));
  const store = openSqliteStore(join(dir, 'settle.db'));
  await store.upsertOrders([{
    id: 'TB1001', currency: 'CNY', items: [{ sku: 'BLENDER-1', name: 'Blender', unitPriceMinor: 89900, qty: 1 }], totalMinor: 89900,
    shippingFeeMinor: 0, freeShipping: true, status: 'delivered', sevenDayReturn: true,
    paidAt: new Date(T0 - 5 * 86_400_000).toISOString(), deliveredAt: new Date(T0 - 2 * 86_400_000).toISOString(),
  }], new Date(T0).toISOString());
  const desk = createDesk({ store, playbook, clock: clock.now, logger });
  const c = startConsoleSession({ desk, logger, width: 100, clock: clock.now, getOrder: (id) => store.getOrder(id) });
  return {
    desk,
    store,
    clock,
    async file(rating, text, opts = {}) {
      const shown = await c.type('/as agent li', `/review ${rating}${opts.order ? ' --order TB1001' : ''} ${text}`);
      return { caseId: /✓ (c\d+) review filed/.exec(shown)![1]!, shown };
    },
    async approvePrivate(caseId) {
      const shown = await c.type('/as supervisor wang', `/show ${caseId}`, `/approve ${caseId}`);
      expect(shown).toContain(`✓ ${caseId} released`);
    },
    async step(caseId, words, as = 'agent') {
      const shown = await c.type(as === 'agent' ? '/as agent li' : '/as supervisor wang', `/show ${caseId}`, `/review ${caseId} ${words}`);
      return shown.split('\n').filter((l) => /^[✓✗]/.test(l) || (!l.startsWith('│') && !l.startsWith('┌') && !l.startsWith('└') && !/›|^Now acting|^You are/.test(l))).join('\n');
    },
    async stop() {
      await c.end();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const FRONT_ENDS: [string, () => Promise<ReviewFrontEnd>][] = [['slack', slackFrontEnd], ['discord', discordFrontEnd], ['console', consoleFrontEnd]];

/** The review deadlines' notices of one case (its release opens the complaint's own deadlines too). */
const mine = (notices: LifecycleNotice[], caseId: string) => notices.filter((n) => n.view.id === caseId && n.deadline.startsWith('review_')).map((n) => `${n.deadline}:${n.notice}${n.smsDrafted ? ':sms-drafted' : ''}`);

const CASES: [string, (fe: ReviewFrontEnd) => Promise<void>][] = [
  ['intake → private draft approved → unanswered → SMS fallback drafted at 1 h → answered → resolved → public reply released', async (fe) => {
    const tick = ticker(fe);
    const start = fe.clock.t;
    const { caseId, shown } = await fe.file(1, BROKEN, { order: true, viaForm: true });
    expect(shown).toMatch(new RegExp(`${caseId} review filed \\(1★, negative\\): logistics/lost_or_damaged · demand refund · order (TB|DC)1001`));
    const filed = await fe.desk.get(caseId);
    expect(filed.review).toMatchObject({ rating: 1, postedAt: new Date(start).toISOString(), analysis: { category: 'logistics', demand: 'refund' } });
    // Working time: analysis met at intake, private contact within 1 h, SMS 1 h after that.
    expect(filed.deadlines.map((d) => [d.kind, d.dueAt, Boolean(d.metAt)])).toEqual([
      ['review_analysis', new Date(start + 5 * MIN).toISOString(), true],
      ['review_contact', new Date(start + 60 * MIN).toISOString(), false],
      ['review_sms', new Date(start + 120 * MIN).toISOString(), false],
    ]);

    fe.clock.at(10, start);
    await fe.approvePrivate(caseId);
    expect((await fe.store.getRelease(caseId))?.payload).toMatchObject({ channel: 'platform_message', text: filed.draft.reply.text });
    expect(await fe.step(caseId, 'unanswered')).toMatch(/unanswered recorded \(message\)/);
    expect(mine(await tick.tick(), caseId)).toEqual([]);

    // One hour after the private message went out, still unanswered: Settle drafts the SMS.
    fe.clock.at(70, start);
    expect(mine(await tick.tick(), caseId)).toEqual(['review_sms:reminder:sms-drafted']);
    expect((await fe.desk.get(caseId)).review?.sms.status).toBe('drafted');
    expect(await fe.step(caseId, 'sms')).toMatch(/SMS fallback approved; it goes to the customer by SMS/);
    expect((await fe.store.getRelease(caseId, 'review_sms'))?.payload).toMatchObject({ kind: 'review_sms', channel: 'sms', offers: [] });

    fe.clock.at(80, start);
    expect(await fe.step(caseId, 'answered phone consent called back')).toMatch(/answered recorded \(phone, with the customer's consent\)/);
    expect(await fe.step(caseId, 'solved')).toMatch(new RegExp(`${caseId} resolved`));
    const said = await fe.step(caseId, 'public');
    expect(said).toMatch(/public reply released/);
    const pub = (await fe.store.getRelease(caseId, 'review_public'))!.payload;
    expect(pub).toMatchObject({ kind: 'review_public', channel: 'public_review', offers: [], text: filed.review!.publicReply.text });
    // T-5, T-6: the public reply says it was handled, nothing of the review or the order.
    expect(pub.text).not.toMatch(/blender|jar|refund|1001|¥|\$/i);
    expect(said).toContain(pub.text);

    const done = await fe.desk.get(caseId);
    expect(done.lifecycle?.state).toBe('resolved');
    expect(done.deadlines.filter((d) => d.kind.startsWith('review_')).map((d) => [d.kind, Boolean(d.metAt), Boolean(d.escalatedAt)])).toEqual([
      ['review_analysis', true, false], ['review_contact', true, false], ['review_sms', true, false],
    ]);
    fe.clock.at(24 * 60, start);
    expect(mine(await tick.tick(), caseId)).toEqual([]);
    expect((await fe.desk.history(caseId)).map((e) => e.action).filter((a) => a.startsWith('review_'))).toEqual(['review_analysed', 'review_unanswered', 'review_sms_drafted', 'review_sms_sent', 'review_answered', 'review_solved', 'review_public_sent']);
  }],
  ['the public reply is refused before the private case is resolved, and a phone call without consent is not recorded', async (fe) => {
    const { caseId } = await fe.file(2, BROKEN);
    expect(await fe.step(caseId, 'public')).toMatch(/approve the private-contact draft first/);
    await fe.approvePrivate(caseId);
    expect(await fe.step(caseId, 'public')).toMatch(/the public reply goes out only after the private case is resolved/);
    expect(await fe.step(caseId, 'answered phone')).toMatch(/A phone call only with the customer's consent/);
    expect(await fe.store.getRelease(caseId, 'review_public')).toBeUndefined();
    expect((await fe.desk.get(caseId)).review?.contacts).toEqual([]);
  }],
  ['a missed deadline is escalated once: the private contact not sent within the hour', async (fe) => {
    const tick = ticker(fe);
    const start = fe.clock.t;
    const { caseId } = await fe.file(1, BROKEN);
    fe.clock.at(50, start);
    expect(mine(await tick.tick(), caseId)).toEqual(['review_contact:reminder']);
    fe.clock.at(61, start);
    expect(mine(await tick.tick(), caseId)).toEqual(['review_contact:escalation']);
    fe.clock.at(62, start);
    expect(mine(await tick.tick(), caseId)).toEqual([]);
    expect((await fe.desk.history(caseId)).filter((e) => e.action === 'escalated').map((e) => e.detail.deadline)).toEqual(['review_contact']);
  }],
  ['a malicious review gets the neutral factual reply, the evidence checklist, and no money', async (fe) => {
    const { caseId, shown } = await fe.file(1, EXTORTION);
    expect(shown).toMatch(/Malicious \(M-1\): no money is offered/);
    const view = await fe.desk.get(caseId);
    expect({ category: view.draft.category, approval: view.draft.approval, escalate: view.draft.escalate }).toEqual({ category: 'malicious', approval: 'supervisor', escalate: true });
    expect(view.draft.offers.every((o) => !o.amountMinor)).toBe(true);
    expect(view.review?.checklist.length).toBeGreaterThan(2);
    // The same neutral factual text `settle review` answers for it (M-1), not "handled".
    const expected = handleReview(parseReviewLine({ id: 'm', rating: 1, text: EXTORTION }, fe.clock.now()).value, playbook);
    expect(view.review?.publicReply.text).toBe(expected.publicReply.text);
    expect(view.review?.checklist).toEqual(expected.checklist);
    await fe.approvePrivate(caseId);
    expect((await fe.store.getRelease(caseId))?.payload.offers.every((o) => !o.amountMinor)).toBe(true);
    await fe.step(caseId, 'solved');
    // M-1: the public reply needs a supervisor; it carries no money either.
    expect(await fe.step(caseId, 'public')).toMatch(/Only a supervisor may release the public reply/);
    expect(await fe.step(caseId, 'public', 'supervisor')).toMatch(/public reply released/);
    expect((await fe.store.getRelease(caseId, 'review_public'))?.payload.offers).toEqual([]);
  }],
];

describe.each(FRONT_ENDS)('%s front end: negative reviews', (_name, open) => {
  let fe: ReviewFrontEnd;
  beforeAll(async () => {
    fe = await open();
  });
  afterAll(async () => {
    await fe.stop();
  });
  it.each(CASES)('%s', async (_case, run) => {
    await run(fe);
  });
});
