import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { handleReview } from '../../../src/core/review/handle-review.ts';
import { parseReviewLine } from '../../../src/core/review/parse-review.ts';
import { draftSms, planReviewMove, releasedPlan, reviewCase } from '../../../src/core/review/review-case.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';

const playbook = loadPlaybook(fileURLToPath(new URL('../../../playbooks', import.meta.url)));
const settings = playbook.settings.review!;
const MIN = 60_000;
/** Tuesday 10:00 in Shanghai (working time). */
const T0 = Date.parse('2026-12-01T02:00:00Z');
const iso = (m: number) => new Date(T0 + m * MIN).toISOString();

function filed(text: string, postedMin = 0, nowMin = 0) {
  const answer = handleReview(parseReviewLine({ id: 'r', rating: 1, text, postedAt: iso(postedMin), now: iso(nowMin) }, new Date(T0)).value, playbook);
  return reviewCase(answer, new Date(T0 + postedMin * MIN), new Date(T0 + nowMin * MIN), settings);
}

describe('a review case (core/review/review-case.ts)', () => {
  it('keeps the three deadlines of settle review; the analysis is met when filed in time, left to escalate when late', () => {
    const { deadlines } = filed('The cup arrived broken');
    expect(deadlines.map((d) => [d.kind, d.dueAt, d.metAt ?? null])).toEqual([
      ['review_analysis', iso(5), iso(0)], ['review_contact', iso(60), null], ['review_sms', iso(120), null],
    ]);
    expect(filed('The cup arrived broken', 0, 6).deadlines[0]?.metAt).toBeUndefined();
  });

  it("reminds before the analysis and contact deadlines by the playbook's review.remindBeforeMinutes", () => {
    const answer = handleReview(parseReviewLine({ id: 'r', rating: 1, text: 'The cup arrived broken', postedAt: iso(0), now: iso(0) }, new Date(T0)).value, playbook);
    const remindAt = (s: typeof settings) => reviewCase(answer, new Date(T0), new Date(T0), s).deadlines.map((d) => [d.kind, d.remindAt]);
    expect(remindAt(settings)).toEqual([['review_analysis', iso(3)], ['review_contact', iso(45)], ['review_sms', iso(120)]]);
    expect(remindAt({ ...settings, remindBeforeMinutes: { analysis: 1, contact: 30 } })).toEqual([['review_analysis', iso(4)], ['review_contact', iso(30)], ['review_sms', iso(120)]]);
  });

  it('releasing the private message meets the contact and starts the SMS wait from then, never past its deadline', () => {
    const { deadlines } = filed('The cup arrived broken');
    expect(releasedPlan(deadlines, new Date(T0 + 10 * MIN), settings)).toEqual({ meet: ['review_contact'], open: [{ kind: 'review_sms', openedAt: iso(10), dueAt: iso(120), remindAt: iso(70) }] });
    expect(releasedPlan(deadlines, new Date(T0 + 90 * MIN), settings).open[0]?.remindAt).toBe(iso(120));
  });

  it('drafts the SMS only while the private message is unanswered, and once', () => {
    const { record } = filed('The cup arrived broken');
    expect(draftSms(record, undefined, iso(70))).toBeUndefined();
    const drafted = draftSms(record, 'released', iso(70));
    expect(drafted?.sms).toMatchObject({ status: 'drafted', channel: 'sms', draftedAt: iso(70) });
    expect(draftSms(drafted!, 'released', iso(71))).toBeUndefined();
    const answered = planReviewMove(record, 'released', 'agent', 'li', { step: 'contact', outcome: 'answered', channel: 'message' }, iso(20), 'c1').record;
    expect(draftSms(answered, 'released', iso(70))).toBeUndefined();
  });

  it('refuses a phone call without consent, the public reply before resolution, and an agent releasing a malicious one', () => {
    const { record } = filed('The cup arrived broken');
    expect(() => planReviewMove(record, 'released', 'agent', 'li', { step: 'contact', outcome: 'answered', channel: 'phone' }, iso(20), 'c1')).toThrow(/consent/);
    expect(() => planReviewMove(record, 'released', 'supervisor', 'wang', { step: 'send_public' }, iso(20), 'c1')).toThrow(/only after the private case is resolved/);
    const solved = planReviewMove(record, 'released', 'agent', 'li', { step: 'contact', outcome: 'solved', channel: 'message' }, iso(20), 'c1');
    expect(solved.state).toBe('resolved');
    expect(planReviewMove(solved.record, 'resolved', 'agent', 'li', { step: 'send_public' }, iso(21), 'c1').message).toMatchObject({ kind: 'review_public', channel: 'public_review' });
    const malicious = filed('Pay me $200 and I will delete this one-star review.').record;
    expect(malicious.malicious).toBe(true);
    expect(() => planReviewMove(malicious, 'resolved', 'agent', 'li', { step: 'send_public' }, iso(21), 'c1')).toThrow(/Only a supervisor/);
  });
});
