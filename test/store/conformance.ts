/**
 * One conformance suite for every Store implementation (the way abstract-level runs one suite
 * over every LevelDB backend): test/store/sqlite.conformance.test.ts and
 * test/store/postgres.conformance.test.ts run it. What the database itself must refuse (a second
 * release, an audit edit) is checked with raw SQL through `harness.exec`, bypassing the store.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { dueNotices, type Deadline } from '../../src/core/lifecycle/deadlines.ts';
import { KEPT_EDIT_DAYS, type CaseChange, type LifecycleChange, type ReleasePayload, type Store } from '../../src/store/store.ts';
import type { TrainingStore } from '../../src/store/training-store.ts';
import { makeCase, makeDraft } from './make-case.ts';

export interface OpenedForTest {
  store: Store;
  training: TrainingStore;
  /** Raw SQL on the store's database, bypassing the store. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

export interface StoreHarness {
  name: string;
  /** A fresh, empty, migrated store. */
  open(): Promise<OpenedForTest>;
}

const AT = '2026-11-24T02:00:00.000Z';
const later = (s: number) => new Date(Date.parse(AT) + s * 1000).toISOString();
const release = (caseId: string, releaseId: string): ReleasePayload => ({
  releaseId, caseId, lang: 'zh', text: '好的', offers: [], approvedBy: 'console:wang', releasedAt: AT, playbookVersion: 'test',
});
const approve = (caseId: string, releaseId: string, actorId = 'console:wang'): CaseChange => ({
  caseId, from: { status: 'drafted', revision: 1 }, to: { status: 'released', revision: 1 }, authors: [], at: AT,
  decision: { kind: 'approved', actorId }, release: release(caseId, releaseId),
  audit: [{ caseId, at: AT, actorId, action: 'released', detail: {} }],
});

export function describeStoreConformance(harness: StoreHarness): void {
  describe(`Store conformance: ${harness.name}`, () => {
    const opened: OpenedForTest[] = [];
    async function open(): Promise<OpenedForTest> {
      const o = await harness.open();
      opened.push(o);
      return o;
    }
    async function withCases(n: number): Promise<OpenedForTest> {
      const o = await open();
      for (let i = 0; i < n; i++) {
        const { rec, first } = makeCase('');
        await o.store.createCase(rec, first, []);
      }
      return o;
    }
    afterEach(async () => {
      for (const o of opened.splice(0)) await o.close();
    });

    describe('cases', () => {
      it('round-trip a case with its current draft, revisions and audit, under ids c1, c2, …', async () => {
        const { store: s } = await open();
        const { rec, first } = makeCase('c1');
        const id = await s.createCase(rec, { ...first, draft: makeDraft('') }, [{ at: AT, actorId: 'console:li', action: 'submitted', detail: { orderId: 'T1001' } }]);
        expect(id).toBe('c1');
        expect(await s.getCase('c1')).toMatchObject({ id: 'c1', status: 'drafted', revision: 1, createdBy: 'console:li', facts: {}, draft: { id: 'c1', rules: ['L-4', 'T-1'] } });
        expect(await s.listAudit('c1')).toEqual([{ seq: expect.any(Number), caseId: 'c1', at: AT, actorId: 'console:li', action: 'submitted', detail: { orderId: 'T1001' } }]);
        expect(await s.createCase(rec, first, [])).toBe('c2');
        expect(await s.getCase('nope')).toBeUndefined();
        await s.setChannel('c2', { platform: 'slack', channelId: 'C1', messageId: '17.1' });
        expect((await s.getCase('c2'))?.channel).toEqual({ platform: 'slack', channelId: 'C1', messageId: '17.1' });
      });

      it('compare-and-set: a move from a revision that moved on is not applied, and writes nothing', async () => {
        const { store: s } = await withCases(1);
        const edit: CaseChange = {
          caseId: 'c1', from: { status: 'drafted', revision: 1 }, to: { status: 'drafted', revision: 2 }, authors: ['console:zhao'], at: AT,
          facts: { urgent: true },
          newRevision: { revision: 2, draft: makeDraft('c1', 'edited'), authorId: 'console:zhao', cause: 'edited', createdAt: AT },
          audit: [{ caseId: 'c1', at: AT, actorId: 'console:zhao', action: 'edited', detail: {} }],
        };
        expect(await s.applyChange(edit)).toBe(true);
        expect(await s.applyChange(edit)).toBe(false);
        expect(await s.applyChange(approve('c1', 'r1'))).toBe(false);
        const got = await s.getCase('c1');
        expect(got).toMatchObject({ revision: 2, authors: ['console:zhao'], facts: { urgent: true }, draft: { reply: { text: 'edited' } } });
        expect((await s.listRevisions('c1')).map((r) => [r.revision, r.cause])).toEqual([[1, 'decided'], [2, 'edited']]);
        expect(await s.listAudit('c1')).toHaveLength(1);
        expect(await s.getRelease('c1')).toBeUndefined();
      });

      it('a rejection records who and why', async () => {
        const { store: s } = await withCases(1);
        const reject: CaseChange = {
          caseId: 'c1', from: { status: 'drafted', revision: 1 }, to: { status: 'rejected', revision: 1 }, authors: [], at: AT,
          decision: { kind: 'rejected', actorId: 'console:wang', reason: 'wrong order' }, audit: [],
        };
        expect(await s.applyChange(reject)).toBe(true);
        expect(await s.getCase('c1')).toMatchObject({ status: 'rejected', decidedBy: 'console:wang', decidedAt: AT, rejectReason: 'wrong order' });
        expect(await s.applyChange(approve('c1', 'r1'))).toBe(false);
      });

      it('one release per case: twenty approvals at once release once, and a bypassing write cannot add a second', async () => {
        const o = await withCases(1);
        const results = await Promise.all(Array.from({ length: 20 }, (_, i) => o.store.applyChange(approve('c1', `r${i}`, `console:s${i}`))));
        expect(results.filter(Boolean)).toHaveLength(1);
        const winner = results.indexOf(true);
        expect((await o.store.getRelease('c1'))?.id).toBe(`r${winner}`);
        expect((await o.store.getCase('c1'))?.decidedBy).toBe(`console:s${winner}`);
        expect(await o.store.listAudit('c1')).toHaveLength(1);
        await expect(o.exec("INSERT INTO outbox (id, case_id, payload, status, next_attempt_at, created_at) VALUES ('x', 'c1', '{}', 'pending', '', '')")).rejects.toThrow(/unique/i);
        await expect(o.exec("INSERT INTO decisions (case_id, decision, revision, actor_id, decided_at) VALUES ('c1', 'rejected', 1, 'x', '')")).rejects.toThrow(/unique/i);
      });

      it('the audit log is append-only at the database level', async () => {
        const o = await open();
        await o.store.appendAudit({ caseId: 'c1', at: AT, actorId: 'x', action: 'denied', detail: { reason: 'r' } });
        await o.store.appendAudit({ caseId: 'c1', at: AT, actorId: 'y', action: 'denied', detail: {} });
        await expect(o.exec("UPDATE audit_log SET action = 'tampered'")).rejects.toThrow(/append-only/);
        await expect(o.exec('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
        const log = await o.store.listAudit('c1');
        expect(log.map((e) => [e.actorId, e.action])).toEqual([['x', 'denied'], ['y', 'denied']]);
        expect(log[0]!.seq).toBeLessThan(log[1]!.seq);
      });

      it('lists cases oldest first, filtered by status and filer, paged', async () => {
        const { store: s } = await open();
        // Created in the order c1, c2, c3, c4 but c2 is the oldest complaint; c3 and c4 share a millisecond.
        for (const [at, by] of [['2026-11-24T03:00:00.000Z', 'console:li'], ['2026-11-24T01:00:00.000Z', 'console:zhao'], ['2026-11-24T04:00:00.000Z', 'console:li'], ['2026-11-24T04:00:00.000Z', 'console:li']] as const) {
          const { rec, first } = makeCase('', at, by);
          await s.createCase(rec, first, []);
        }
        await s.applyChange(approve('c3', 'r3'));
        expect((await s.listCases()).map((c) => c.id)).toEqual(['c2', 'c1', 'c3', 'c4']);
        expect((await s.listCases({ status: ['drafted'] })).map((c) => c.id)).toEqual(['c2', 'c1', 'c4']);
        expect((await s.listCases({ status: ['drafted', 'released'], createdBy: 'console:li' })).map((c) => c.id)).toEqual(['c1', 'c3', 'c4']);
        expect((await s.listCases({ limit: 1, offset: 1 })).map((c) => c.id)).toEqual(['c1']);
      });
    });

    describe('lifecycle and deadlines', () => {
      const deadline = (kind: Deadline['kind'], remindS: number, dueS: number): Deadline => ({ kind, openedAt: AT, remindAt: later(remindS), dueAt: later(dueS) });
      const execute = (caseId: string, seq = 0, message?: ReleasePayload): LifecycleChange => ({
        caseId, from: { state: 'released', seq }, to: { state: 'executed', seq: seq + 1 }, at: later(1),
        data: { executions: [{ at: later(1), by: 'console:li', record: { trackingNumber: 'SF1' } }] },
        deadlines: { meet: ['reship_tracking'], open: [deadline('follow_up', 100, 200)] },
        audit: [{ caseId, at: later(1), actorId: 'console:li', action: 'executed', detail: {} }],
        ...(message ? { message } : {}),
      });

      it('deadlines are stored with the case; release starts the lifecycle and applies its deadline plan', async () => {
        const { store: s } = await open();
        const { rec, first } = makeCase('');
        await s.createCase(rec, first, [], [deadline('first_reply', 10, 20)]);
        expect(await s.listDeadlines('c1')).toEqual([deadline('first_reply', 10, 20)]);
        expect((await s.getCase('c1'))?.lifecycle).toBeUndefined();
        expect(await s.applyChange({ ...approve('c1', 'r1'), deadlines: { meet: ['first_reply'], open: [deadline('reship_tracking', 30, 40)] } })).toBe(true);
        expect(await s.getCase('c1')).toMatchObject({ status: 'released', lifecycle: 'released', lifecycleSeq: 0, lifecycleData: {}, nextDueAt: later(40) });
        expect(await s.listDeadlines('c1')).toEqual([{ ...deadline('first_reply', 10, 20), metAt: AT }, deadline('reship_tracking', 30, 40)]);
      });

      it('a lifecycle move is a compare-and-set: of ten at once one applies, with its data, deadlines, audit and follow-up message', async () => {
        const o = await withCases(1);
        const s = o.store;
        await s.applyChange(approve('c1', 'r1'));
        const msg = (i: number): ReleasePayload => ({ ...release('c1', `f${i}`), kind: 'follow_up', text: 'solved?' });
        const results = await Promise.all(Array.from({ length: 10 }, (_, i) => s.applyLifecycleChange(execute('c1', 0, msg(i)))));
        expect(results.filter(Boolean)).toHaveLength(1);
        expect(await s.getCase('c1')).toMatchObject({ lifecycle: 'executed', lifecycleSeq: 1, lifecycleData: { executions: [{ record: { trackingNumber: 'SF1' } }] } });
        expect((await s.listDeadlines('c1')).map((d) => d.kind)).toEqual(['follow_up']);
        expect((await s.listAudit('c1')).map((e) => e.action)).toEqual(['released', 'executed']);
        expect(await s.getRelease('c1')).toMatchObject({ id: 'r1', kind: 'reply' });
        expect(await s.getRelease('c1', 'follow_up')).toMatchObject({ id: `f${results.indexOf(true)}`, kind: 'follow_up', payload: { kind: 'follow_up', text: 'solved?' } });
        expect(await s.countPendingReleases()).toBe(2);
        await expect(o.exec("INSERT INTO outbox (id, case_id, kind, payload, status, next_attempt_at, created_at) VALUES ('x', 'c1', 'follow_up', '{}', 'pending', '', '')")).rejects.toThrow(/unique/i);
        expect(await s.applyLifecycleChange(execute('c1', 0))).toBe(false);
        // Not released: no lifecycle move applies.
        const { rec, first } = makeCase('');
        await s.createCase(rec, first, []);
        expect(await s.applyLifecycleChange(execute('c2', 0))).toBe(false);
      });

      it('claims each reminder once and each escalation once, as dueNotices says; a missed reminder is escalated only; met deadlines never', async () => {
        const { store: s } = await withCases(3);
        // c1: reminder at +10, due +20. c2: due +5 without its reminder claimed. c3: met.
        await s.applyChange({ ...approve('c1', 'r1'), deadlines: { meet: [], open: [deadline('reship_tracking', 10, 20)] } });
        await s.applyChange({ ...approve('c2', 'r2'), deadlines: { meet: [], open: [deadline('refund_unshipped', 1, 5)] } });
        await s.applyChange({ ...approve('c3', 'r3'), deadlines: { meet: [], open: [deadline('reship_tracking', 1, 5)] } });
        await s.applyLifecycleChange(execute('c3'));
        const claim = async (t: number) => (await s.claimDueDeadlines(later(t), 10)).map((n) => `${n.caseId}:${n.kind}:${n.notice}`);
        expect(await claim(0)).toEqual([]);
        const before = await s.listDeadlines('c1');
        expect(dueNotices(before, new Date(later(12))).map((n) => n.notice)).toEqual(['reminder']);
        expect(await claim(12)).toEqual(['c2:refund_unshipped:escalation', 'c1:reship_tracking:reminder']);
        expect(await claim(13)).toEqual([]);
        expect(dueNotices(await s.listDeadlines('c1'), new Date(later(13)))).toEqual([]);
        expect(await claim(20)).toEqual(['c1:reship_tracking:escalation']);
        expect(await claim(30)).toEqual([]);
        expect((await s.listDeadlines('c1'))[0]).toMatchObject({ remindedAt: later(12), escalatedAt: later(20) });
        expect((await s.listDeadlines('c2'))[0]).toMatchObject({ remindedAt: later(12), escalatedAt: later(12) });
        expect((await s.listAudit('c1')).filter((e) => e.actorId === 'settle').map((e) => [e.action, e.detail.deadline])).toEqual([['reminded', 'reship_tracking'], ['escalated', 'reship_tracking']]);
      });

      it('twenty claimers at once share the due notices: each goes to exactly one', async () => {
        const { store: s } = await withCases(6);
        for (let i = 1; i <= 6; i++) await s.applyChange({ ...approve(`c${i}`, `r${i}`), deadlines: { meet: [], open: [deadline('reship_tracking', 1, 5)] } });
        const claims = await Promise.all(Array.from({ length: 20 }, () => s.claimDueDeadlines(later(2), 2)));
        expect(claims.flat().map((n) => n.caseId).sort()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5', 'c6']);
        const escalations = await Promise.all(Array.from({ length: 20 }, () => s.claimDueDeadlines(later(6), 10)));
        expect(escalations.flat().map((n) => `${n.caseId}:${n.notice}`).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `c${i}:escalation`));
      });

      it('a review case keeps its record from filing, its review deadlines, and one SMS and one public reply in the outbox', async () => {
        const { store: s } = await open();
        const { rec, first } = makeCase('');
        const record = { rating: 1, postedAt: AT, sms: { status: 'planned' } } as unknown as NonNullable<LifecycleChange['data']['review']>;
        await s.createCase({ ...rec, lifecycleData: { review: record } }, first, [], [{ ...deadline('review_analysis', 1, 5), metAt: AT }, deadline('review_contact', 30, 60), deadline('review_sms', 120, 120)]);
        expect((await s.getCase('c1'))?.lifecycleData).toEqual({ review: record });
        expect((await s.listDeadlines('c1')).map((d) => [d.kind, d.metAt ?? null])).toEqual([['review_analysis', rec.createdAt], ['review_contact', null], ['review_sms', null]]);
        await s.applyChange({ ...approve('c1', 'r1'), deadlines: { meet: ['review_contact'], open: [] } });
        const send = (kind: 'review_sms' | 'review_public', seq: number, id: string): LifecycleChange => ({
          caseId: 'c1', from: { state: 'released', seq }, to: { state: 'released', seq: seq + 1 }, at: later(2), data: { review: { ...record, rating: seq } },
          deadlines: { meet: ['review_sms'], open: [] }, audit: [], message: { ...release('c1', id), kind, channel: kind === 'review_sms' ? 'sms' : 'public_review' },
        });
        expect(await s.applyLifecycleChange(send('review_sms', 0, 's1'))).toBe(true);
        expect(await s.applyLifecycleChange(send('review_public', 1, 'p1'))).toBe(true);
        expect(await s.getRelease('c1', 'review_sms')).toMatchObject({ id: 's1', kind: 'review_sms', payload: { channel: 'sms' } });
        expect(await s.getRelease('c1', 'review_public')).toMatchObject({ id: 'p1', kind: 'review_public', payload: { channel: 'public_review' } });
        expect((await s.listDeadlines('c1')).filter((d) => d.metAt).map((d) => d.kind)).toEqual(['review_analysis', 'review_contact', 'review_sms']);
        await expect(s.applyLifecycleChange(send('review_sms', 2, 's2'))).rejects.toThrow(/unique|one message/i);
        expect(await s.countPendingReleases()).toBe(3);
      });

      it('the open queue holds drafts and unresolved releases, by next deadline: overdue first, none last', async () => {
        const { store: s } = await withCases(4);
        await s.applyChange({ ...approve('c1', 'r1'), deadlines: { meet: [], open: [deadline('reship_tracking', 50, 60)] } });
        await s.applyChange({ ...approve('c2', 'r2'), deadlines: { meet: [], open: [deadline('refund_unshipped', 1, 5)] } });
        await s.applyChange(approve('c4', 'r4'));
        await s.applyLifecycleChange({ caseId: 'c4', from: { state: 'released', seq: 0 }, to: { state: 'resolved', seq: 1 }, at: AT, data: {}, audit: [] });
        const open = await s.listCases({ open: true, order: 'deadline' });
        expect(open.map((c) => [c.id, c.nextDueAt ?? null])).toEqual([['c2', later(5)], ['c1', later(60)], ['c3', null]]);
        expect((await s.listCases({ open: true })).map((c) => c.id)).toEqual(['c1', 'c2', 'c3']);
      });
    });

    describe('orders and outbox', () => {
      it('upserts orders by id', async () => {
        const { store: s } = await open();
        const o = { id: 'T1', currency: 'CNY', items: [{ sku: 'A', name: 'a', unitPriceMinor: 5900, qty: 1 }], totalMinor: 5900, shippingFeeMinor: 0, freeShipping: true };
        expect(await s.upsertOrders([o, { ...o, id: 'T2' }], AT)).toBe(2);
        await s.upsertOrders([{ ...o, totalMinor: 100 }], AT);
        expect(await s.getOrder('T1')).toEqual({ ...o, totalMinor: 100 });
        expect(await s.getOrder('T3')).toBeUndefined();
      });

      it('lists due releases, records failed attempts, and delivers once', async () => {
        const { store: s } = await withCases(1);
        await s.applyChange(approve('c1', 'r1'));
        expect((await s.listDueReleases(AT, 10)).map((r) => r.id)).toEqual(['r1']);
        await s.markAttemptFailed('r1', 'HTTP 503', later(5));
        expect(await s.listDueReleases(AT, 10)).toEqual([]);
        expect((await s.listDueReleases(later(5), 10))[0]).toMatchObject({ attempts: 1, lastError: 'HTTP 503', status: 'pending', payload: { releaseId: 'r1', text: '好的' } });
        await s.markDelivered('r1', later(6));
        await s.markDelivered('r1', later(7));
        expect(await s.countPendingReleases()).toBe(0);
        expect(await s.getRelease('c1')).toMatchObject({ status: 'delivered', attempts: 2, deliveredAt: later(6) });
      });

      it('claims: rows claimed at once go to one claimer each, and come back when the claim runs out', async () => {
        const { store: s } = await withCases(6);
        for (let i = 1; i <= 6; i++) await s.applyChange(approve(`c${i}`, `r${i}`));
        const claims = await Promise.all([1, 2, 3, 4].map(() => s.claimDueReleases(AT, 2, later(30))));
        const ids = claims.flat().map((r) => r.id);
        expect(ids.sort()).toEqual(['r1', 'r2', 'r3', 'r4', 'r5', 'r6']);
        expect(await s.claimDueReleases(later(29), 10, later(60))).toEqual([]);
        expect(await s.countPendingReleases()).toBe(6);
        await s.markDelivered('r1', later(1));
        const again = await s.claimDueReleases(later(30), 10, later(60));
        expect(again.map((r) => r.id).sort()).toEqual(['r2', 'r3', 'r4', 'r5', 'r6']);
        expect(again[0]?.nextAttemptAt).toBe(later(60));
      });
    });

    describe('shared state for several processes', () => {
      it('a lease has one holder at a time, is renewed by it, and passes on when it expires or is given up', async () => {
        const { store: s } = await open();
        expect(await s.tryLease('checkpoint', 'p1', AT, later(10))).toBe(true);
        expect(await s.tryLease('checkpoint', 'p2', later(1), later(11))).toBe(false);
        expect(await s.tryLease('checkpoint', 'p1', later(5), later(15))).toBe(true);
        expect(await s.tryLease('checkpoint', 'p2', later(12), later(22))).toBe(false);
        expect(await s.tryLease('other', 'p2', later(12), later(22))).toBe(true);
        expect(await s.tryLease('checkpoint', 'p2', later(15), later(25))).toBe(true);
        expect(await s.tryLease('checkpoint', 'p1', later(16), later(26))).toBe(false);
        await s.releaseLease('checkpoint', 'p1');
        expect(await s.tryLease('checkpoint', 'p1', later(17), later(27))).toBe(false);
        await s.releaseLease('checkpoint', 'p2');
        expect(await s.tryLease('checkpoint', 'p1', later(18), later(28))).toBe(true);
      });

      it('a request id is new once until it expires', async () => {
        const { store: s } = await open();
        expect(await s.rememberRequest('slack:Ev1', AT, later(60))).toBe(true);
        expect(await s.rememberRequest('slack:Ev1', later(1), later(61))).toBe(false);
        expect(await s.rememberRequest('slack:Ev2', later(1), later(61))).toBe(true);
        expect(await s.rememberRequest('slack:Ev1', later(60), later(120))).toBe(true);
        const repeats = await Promise.all(Array.from({ length: 10 }, () => s.rememberRequest('slack:Ev3', later(2), later(62))));
        expect(repeats.filter(Boolean)).toHaveLength(1);
      });
    });

    describe('what a person continues from', () => {
      it('a kept edit is per case and person, replaced by the next, forgotten on request, and dropped after KEPT_EDIT_DAYS', async () => {
        const { store: s } = await open();
        await s.keepEdit('c1', 'discord:1', { replyText: '退 500', amounts: { 0: '500' } }, AT);
        await s.keepEdit('c1', 'discord:2', { replyText: 'other', amounts: {} }, AT);
        expect(await s.getKeptEdit('c1', 'discord:1')).toEqual({ replyText: '退 500', amounts: { 0: '500' } });
        expect(await s.getKeptEdit('c2', 'discord:1')).toBeUndefined();
        await s.keepEdit('c1', 'discord:1', { replyText: '退 300', amounts: { 1: '300' } }, later(1));
        expect(await s.getKeptEdit('c1', 'discord:1')).toEqual({ replyText: '退 300', amounts: { 1: '300' } });
        await s.forgetEdit('c1', 'discord:1');
        expect(await s.getKeptEdit('c1', 'discord:1')).toBeUndefined();
        expect(await s.getKeptEdit('c1', 'discord:2')).toEqual({ replyText: 'other', amounts: {} });
        // Keeping another a week and a second later drops the old one.
        await s.keepEdit('c9', 'discord:3', { replyText: 'x', amounts: {} }, later(KEPT_EDIT_DAYS * 86_400 + 1));
        expect(await s.getKeptEdit('c1', 'discord:2')).toBeUndefined();
        expect(await s.getKeptEdit('c9', 'discord:3')).toEqual({ replyText: 'x', amounts: {} });
      });

      it('the case a person last opened is theirs alone and follows what they open next', async () => {
        const { store: s } = await open();
        expect(await s.getLastOpened('console:wang')).toBeUndefined();
        await s.setLastOpened('console:wang', 'c1', AT);
        await s.setLastOpened('console:li', 'c2', AT);
        expect(await s.getLastOpened('console:wang')).toBe('c1');
        await s.setLastOpened('console:wang', 'c3', later(1));
        expect([await s.getLastOpened('console:wang'), await s.getLastOpened('console:li')]).toEqual(['c3', 'c2']);
      });
    });

    describe('report queries (weekly report, labelled export)', () => {
      it('cases created in [from, to), in filing order, with first and current draft, decision, release and the latest correction', async () => {
        const { store: s } = await open();
        // c1, c2 filed in the same millisecond (filing order decides), c3 later, c4 at `to` (outside).
        for (const at of [AT, AT, later(60), later(3600)]) {
          const { rec, first } = makeCase('', at);
          await s.createCase({ ...rec, lang: 'zh', customer: { accountAgeDays: 3, reviewCount: 0 } }, first, []);
        }
        const edited = makeDraft('c1', '亲，已为您补发，单号1小时内发您。');
        expect(await s.applyChange({
          caseId: 'c1', from: { status: 'drafted', revision: 1 }, to: { status: 'drafted', revision: 2 }, authors: ['console:zhao'], at: later(1),
          newRevision: { revision: 2, draft: edited, authorId: 'console:zhao', cause: 'edited', createdAt: later(1) },
          audit: [{ caseId: 'c1', at: later(1), actorId: 'console:zhao', action: 'edited', detail: {} }],
        })).toBe(true);
        expect(await s.applyChange({ ...approve('c1', 'rel_1'), from: { status: 'drafted', revision: 2 }, to: { status: 'released', revision: 2 } })).toBe(true);
        expect(await s.applyChange({
          caseId: 'c2', from: { status: 'drafted', revision: 1 }, to: { status: 'rejected', revision: 1 }, authors: [], at: later(2),
          decision: { kind: 'rejected', actorId: 'console:wang', reason: 'threat' }, audit: [],
        })).toBe(true);
        for (const [subtype, at] of [['wrong_item', later(3)], ['lost_or_damaged', later(4)]] as const) {
          await s.appendAudit({ caseId: 'c3', at, actorId: 'console:wang', action: 'category_corrected', detail: { category: 'logistics', subtype } });
        }

        const cases = await s.listReportCases({ from: AT, to: later(3600) });
        expect(cases.map((c) => [c.id, c.status, c.revisions, c.decision?.kind, c.correction?.subtype])).toEqual([
          ['c1', 'released', 2, 'approved', undefined],
          ['c2', 'rejected', 1, 'rejected', undefined],
          ['c3', 'drafted', 1, undefined, 'lost_or_damaged'],
        ]);
        const [c1] = cases;
        expect(c1).toMatchObject({
          message: '少发了一件白色T恤', orderId: 'T1001', lang: 'zh', customer: { accountAgeDays: 3, reviewCount: 0 }, createdAt: AT,
          classification: { category: 'logistics', subtype: 'missing_item' },
          firstDraft: { reply: { text: makeDraft('c1').reply.text } }, finalDraft: { reply: { text: edited.reply.text } },
          decision: { kind: 'approved', actorId: 'console:wang', at: AT }, release: { text: '好的', offers: [], at: AT },
        });
        expect(cases[2]!.correction).toEqual({ category: 'logistics', subtype: 'lost_or_damaged', actorId: 'console:wang', at: later(4) });
        expect(await s.listReportCases({ from: later(3601), to: later(7200) })).toEqual([]);
      });

      it('training figures: sessions that ended in the range with a total, and their mean', async () => {
        const { store: s, training: t } = await open();
        expect(await s.trainingFigures({ from: AT, to: later(3600) })).toEqual({ sessions: 0, meanTotal: null });
        const card = (total: number) => ({ scenario: 'x', total, violations: [], replyTimes: [], revealed: [], criteria: [] }) as never;
        await t.saveSession({ id: 's1', trainee: 'lin', scenarioId: null, lang: 'zh', mode: 'play', startedAt: AT, transcript: [], endedAt: later(10), endReason: 'resolved', scorecard: card(60) });
        await t.saveSession({ id: 's2', trainee: 'amy', scenarioId: null, lang: 'en', mode: 'play', startedAt: AT, transcript: [], endedAt: later(20), endReason: 'resolved', scorecard: card(75) });
        await t.saveSession({ id: 's3', trainee: 'amy', scenarioId: null, lang: 'en', mode: 'play', startedAt: AT, transcript: [], endedAt: later(7200), endReason: 'resolved', scorecard: card(10) });
        await t.saveSession({ id: 's4', trainee: 'bo', scenarioId: null, lang: 'en', mode: 'play', startedAt: AT, transcript: [] });
        expect(await s.trainingFigures({ from: AT, to: later(3600) })).toEqual({ sessions: 2, meanTotal: 67.5 });
      });
    });

    describe('training store', () => {
      const card = { scenario: 'missing-item-zh', total: 60, violations: [], replyTimes: [], revealed: [], criteria: [{ id: 'empathy' as const, score: 4 as const, evidence: 'x' }] };

      it('keeps sessions by thread, updates their progress, and keeps ratings', async () => {
        const { training: t } = await open();
        await t.saveSession({ id: 's1', trainee: 'lin', scenarioId: 'missing-item-zh', lang: 'zh', mode: 'play', startedAt: AT, transcript: [{ role: 'customer', text: '少发了', at: AT }], threadKey: 'slack:C1:1', state: { mood: 2 } });
        await t.saveSession({ id: 's2', trainee: 'amy', scenarioId: null, lang: 'en', mode: 'swap', startedAt: later(1), transcript: [] });
        expect(await t.activeInThread('slack:C1:1')).toMatchObject({ id: 's1', state: { mood: 2 } });
        await t.saveSession({ id: 's1', trainee: 'lin', scenarioId: 'missing-item-zh', lang: 'zh', mode: 'play', startedAt: AT, transcript: [], threadKey: 'slack:C1:1', endedAt: later(9), endReason: 'resolved', scorecard: card as never });
        expect(await t.activeInThread('slack:C1:1')).toBeUndefined();
        expect(await t.getSession('s1')).toMatchObject({ endReason: 'resolved', scorecard: { total: 60 } });
        expect(await t.sessions('lin')).toEqual([{ id: 's1', trainee: 'lin', scenarioId: 'missing-item-zh', startedAt: AT, total: 60, scores: { empathy: 4 } }]);
        expect((await t.sessions()).map((s) => s.id)).toEqual(['s1', 's2']);
        await t.rate('s1', 'amy', 'peer', { empathy: 2, listening: 3 }, new Date(later(10)));
        await t.rate('s1', 'amy', 'peer', { empathy: 3 }, new Date(later(11)));
        expect((await t.ratings()).map((r) => [r.criterion, r.score])).toEqual([['listening', 3], ['empathy', 3]]);
        await expect(t.rate('s1', 'amy', 'peer', { empathy: 6 }, new Date(AT))).rejects.toThrow(/1–5/);
        await expect(t.rate('nope', 'amy', 'peer', { empathy: 3 }, new Date(AT))).rejects.toThrow(/no training session 'nope'/);
        await expect(t.getSession('nope')).rejects.toThrow(/no training session/);
      });

      it('a turn is a compare-and-set on the turn count: of two turns from the same count one lands, and none after the end', async () => {
        const { training: t } = await open();
        const base = { id: 's1', trainee: 'lin', scenarioId: 'missing-item-zh', lang: 'zh', mode: 'play' as const, startedAt: AT, threadKey: 'slack:C1:1', state: { mood: 2 } };
        await t.saveSession({ ...base, transcript: [] });
        expect((await t.getSession('s1')).turn).toBe(0);
        const line = (text: string) => ({ ...base, transcript: [{ role: 'agent' as const, text, at: AT }] });
        const raced = await Promise.all([t.saveTurn(line('a'), 0), t.saveTurn(line('b'), 0)]);
        expect(raced.filter(Boolean)).toHaveLength(1);
        const after = await t.getSession('s1');
        expect(after.turn).toBe(1);
        expect(after.transcript[0]?.text).toBe(raced[0] ? 'a' : 'b');
        expect(await t.saveTurn(line('c'), 0)).toBe(false);
        expect(await t.saveTurn({ ...line('d'), endedAt: later(1), endReason: 'resolved' }, 1)).toBe(true);
        expect(await t.getSession('s1')).toMatchObject({ turn: 2, endReason: 'resolved', transcript: [{ text: 'd' }] });
        expect(await t.saveTurn(line('e'), 2)).toBe(false);
        expect(await t.activeInThread('slack:C1:1')).toBeUndefined();
      });
    });
  });
}
