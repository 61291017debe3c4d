/** Negative reviews (POLICY.md T-5, T-6, M-1, §6) through the real classifier, policy and bundled playbook. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_PLAYBOOK_DIR } from '../../../src/cli/paths.ts';
import { isUserError } from '../../../src/core/errors.ts';
import { readAgent } from '../../../src/core/read-agent/read-agent.ts';
import { handleReview } from '../../../src/core/review/handle-review.ts';
import { parseReviewLine } from '../../../src/core/review/parse-review.ts';
import { readDemand } from '../../../src/core/review/read-demand.ts';
import { readReviewWords } from '../../../src/core/review/review-words.ts';
import { draftCase } from '../../../src/core/settle-case.ts';
import { isWorkingTime } from '../../../src/core/review/working-time.ts';
import { loadPlaybook } from '../../../src/playbook/load-playbook.ts';

const playbook = loadPlaybook(DEFAULT_PLAYBOOK_DIR);
const settings = playbook.settings.review!;
const CLOCK = new Date('2026-11-24T03:00:00Z');
const ORDER = { id: 'T1003', items: [{ sku: 'EB-1', name: '蓝牙耳机', unitPrice: 299 }], status: 'delivered', deliveredAt: '2026-11-20T12:00:00+08:00' };

function review(line: Record<string, unknown>) {
  return handleReview(parseReviewLine({ id: 'r1', rating: 1, ...line }, CLOCK).value, playbook);
}

function errorOf(line: Record<string, unknown>): string {
  try {
    parseReviewLine(line, CLOCK);
  } catch (e) {
    if (isUserError(e)) return `${e.code}: ${e.message}`;
    throw e;
  }
  return 'no error';
}

describe('working time (playbook review.timezone, workingDays, workingHours, holidays)', () => {
  it.each([
    ['Tuesday 10:00 Shanghai', '2026-11-24T02:00:00Z', true],
    ['Tuesday 08:59 Shanghai', '2026-11-24T00:59:00Z', false],
    ['Tuesday 18:00 Shanghai (end is exclusive)', '2026-11-24T10:00:00Z', false],
    ['Saturday 10:00 Shanghai', '2026-11-28T02:00:00Z', false],
    ['Monday 01:00 Shanghai is still Sunday in UTC', '2026-11-29T17:00:00Z', false],
    ['Monday 09:30 Shanghai is Monday 01:30 UTC', '2026-11-30T01:30:00Z', true],
  ])('%s → %s', (_name, at, expected) => {
    expect(isWorkingTime(new Date(at), settings)).toBe(expected);
  });

  it('a holiday on a weekday is not working time', () => {
    expect(isWorkingTime(new Date('2026-11-24T02:00:00Z'), { ...settings, holidays: ['2026-11-24'] })).toBe(false);
  });
});

describe('§6 deadlines from postedAt, judged on now', () => {
  it('posted in working time: analysis in 5 min, private contact in 1 h, SMS 1 h later; nothing overdue yet', () => {
    const a = review({ text: '耳机用了两天就坏了，我要退款', postedAt: '2026-11-24T02:00:00Z', now: '2026-11-24T02:03:00Z', order: ORDER });
    expect(a.deadlines.map((d) => [d.what, d.due, d.status])).toEqual([
      ['analysis', '2026-11-24T02:05:00.000Z', 'pending'],
      ['private_contact', '2026-11-24T03:00:00.000Z', 'pending'],
      ['sms_fallback', '2026-11-24T04:00:00.000Z', 'pending'],
    ]);
    expect(a.escalate).toBe(false);
  });

  it('posted on a Saturday: private contact within 2 h; past it on now the deadline is overdue and the case escalates', () => {
    const a = review({ text: 'The zipper broke after two days, I want a refund', postedAt: '2026-11-28T02:00:00Z', now: '2026-11-28T04:30:00Z' });
    expect(a.deadlines.map((d) => [d.what, d.due, d.status])).toEqual([
      ['analysis', '2026-11-28T02:05:00.000Z', 'overdue'],
      ['private_contact', '2026-11-28T04:00:00.000Z', 'overdue'],
      ['sms_fallback', '2026-11-28T05:00:00.000Z', 'pending'],
    ]);
    expect(a.escalate).toBe(true);
  });

  it('postedAt defaults to now; a review above review.negativeAtOrBelow has no deadlines', () => {
    const a = review({ text: 'Arrived a day late but fine', rating: 4, now: '2026-11-24T02:00:00Z' });
    expect(a.negative).toBe(false);
    expect(a.deadlines).toEqual([]);
    expect(review({ text: 'Arrived late', rating: 3, now: '2026-11-24T02:00:00Z' }).deadlines[0]?.due).toBe('2026-11-24T02:05:00.000Z');
  });
});

describe('T-5 private first, T-6 public reply without details or personal data', () => {
  const text = '耳机用了两天就坏了，我要退款！电话13812345678，地址浙江省杭州市西湖区文三路100号';
  const a = review({ text, postedAt: '2026-11-24T02:00:00Z', now: '2026-11-24T02:01:00Z', order: ORDER });

  it('analyses type, demand and order background', () => {
    expect(a.analysis).toMatchObject({ category: 'quality', subtype: 'quality_problem', demand: 'refund', background: { orderId: 'T1003', status: 'delivered', totalMinor: 29900, currency: 'CNY' } });
  });

  it('the private draft is in the customer\'s language, opens on the review and carries the policy\'s solution', () => {
    expect(a.privateDraft.lang).toBe('zh');
    expect(a.privateDraft.text.startsWith('您好，我们看到了您的评价')).toBe(true);
    expect(a.privateDraft.rules).toEqual(expect.arrayContaining(['T-5', 'Q-2']));
    expect(a.offers.some((o) => (o.amountMinor ?? 0) > 0)).toBe(true);
  });

  it('the public reply only says it was handled: none of the review\'s words, no phone, no address, released after the private case', () => {
    expect(a.publicReply).toMatchObject({ lang: 'zh', releaseAfter: 'private_case_resolved' });
    for (const fragment of ['耳机', '退款', '13812345678', '文三路', '杭州']) expect(a.publicReply.text).not.toContain(fragment);
    expect(readAgent(a.publicReply.text, { public: true }).findings.filter((f) => f.rule === 'T-6')).toEqual([]);
    expect(a.smsDraft.text).not.toContain('13812345678');
  });

  it('an English review gets English drafts', () => {
    const en = review({ text: 'The package never arrived and nobody answers me. I want my money back.', now: '2026-11-24T02:00:00Z' });
    expect([en.privateDraft.lang, en.publicReply.lang, en.smsDraft.lang]).toEqual(['en', 'en', 'en']);
    expect(en.publicReply.text).toMatch(/handled/);
  });
});

describe('M-1 a malicious review', () => {
  const a = review({ text: 'Give me $200 or I will leave one-star reviews on every product you sell', now: '2026-11-24T02:00:00Z', order: { ...ORDER, currency: 'USD' } });

  it('gets no money, a supervisor, the neutral factual public reply and the evidence checklist', () => {
    expect(a.analysis.category).toBe('malicious');
    expect(a.analysis.demand).toBe('compensation');
    expect(a.offers.every((o) => o.kind === 'none' && !o.amountMinor)).toBe(true);
    expect(a.approval).toBe('supervisor');
    expect(a.escalate).toBe(true);
    expect(a.publicReply.rules).toEqual(['M-1']);
    expect(a.publicReply.text).toBe(playbook.replies.en.situations['M-1.neutral_delivered'].template.source);
    expect(a.checklist).toEqual(expect.arrayContaining(['Keep the full chat log', 'Keep the tracking number and tracking trace', 'Keep the delivery signature proving on-time delivery']));
  });
});

describe("a review's own rating words are not leverage: it is already public", () => {
  const NOW = '2026-11-24T02:00:00Z';
  it.each([
    ['差评'], ['一星，垃圾'], ['差評！'], ['one star'], ['1 star, awful'], ['Terrible. One star.'], ['0/5, awful quality'],
  ])('a plain 1-star review %j: not malicious, no M-2, not escalated, an agent may release it', (text) => {
    const a = review({ text, postedAt: NOW, now: NOW });
    expect(a.analysis.category).not.toBe('malicious');
    expect(a.privateDraft.rules).not.toContain('M-2');
    expect(a.escalate).toBe(false);
    expect(a.approval).toBe('agent');
    expect(a.publicReply.rules).toEqual(['T-5', 'T-6']);
  });

  it.each([
    ['耳机用了两天就坏了，差评！', 'quality_problem'],
    ['1 star, the cup arrived broken', 'lost_or_damaged'],
  ])('a 1-star review with a real problem %j is handled by its own rule, without M-2', (text, subtype) => {
    const a = review({ text, postedAt: NOW, now: NOW });
    expect(a.analysis.subtype).toBe(subtype);
    expect(a.privateDraft.rules).not.toContain('M-2');
    expect(a.escalate).toBe(false);
  });

  it('the classifier is unchanged for chat messages: a bad review still to come is a threat (M-2)', () => {
    for (const message of ['The zipper broke after two days. Fix this or I will leave a 1 star review', '拉链两天就坏了，不处理我就给差评']) {
      const d = draftCase(parseReviewLine({ id: 'c', rating: 1, text: message, now: NOW }, CLOCK).value.case, playbook);
      expect(d.rules).toContain('M-2');
      expect(d.escalate).toBe(true);
    }
  });

  it.each([
    ['Pay me $50 and I will delete this review'],
    ['1 star. Send me $80 and I will change my rating to five stars'],
    ['One star until you pay me 100 dollars'],
    ['给我200块我就删差评'],
    ['差评！不赔我300块这个差评永远不删'],
    ['一星差评，赔钱就改好评'],
  ])('a review that demands money to take it down %j is malicious and gets no money (M-1)', (text) => {
    const a = review({ text, postedAt: NOW, now: NOW, order: ORDER });
    expect(a.analysis.category).toBe('malicious');
    expect(a.offers.every((o) => o.kind === 'none' && !o.amountMinor)).toBe(true);
    expect(a.approval).toBe('supervisor');
    expect(a.escalate).toBe(true);
    expect(a.publicReply.rules).toEqual(['M-1']);
    expect(a.checklist.length).toBeGreaterThan(3);
  });

  it('readReviewWords masks the rating words only when the review is not offered for trade', () => {
    expect(readReviewWords('1 star, awful')).toEqual({ text: ', awful', leverage: false, masked: ['1 star'] });
    expect(readReviewWords('给我200块我就删差评')).toMatchObject({ leverage: true, masked: [] });
    expect(readReviewWords('一分钟都等不了').masked).toEqual([]);
  });
});

describe('bad input: one-line errors', () => {
  it.each([
    [{ id: 'x', rating: 0, text: 'bad' }, 'invalid_input: rating: at least 1'],
    [{ id: 'x', rating: 2.5, text: 'bad' }, 'invalid_input: rating: a whole number of stars, 1 to 5'],
    [{ id: 'x', text: 'bad' }, 'invalid_input: rating: Invalid input: expected number, received undefined'],
    [{ id: 'x', rating: 1, text: '  ' }, "empty_message: text is empty: paste the review's words"],
    [{ id: 'x', rating: 1, text: 'bad', postedAt: 'yesterday' }, 'invalid_input: postedAt: not an ISO-8601 date'],
    [{ id: 'x', rating: 1, text: 'bad', lang: 'fr' }, 'invalid_input: lang: Invalid option: expected one of "zh"|"en"'],
  ])('%j → %s', (line, expected) => {
    const got = errorOf(line);
    expect(got).toBe(expected);
    expect(got).not.toContain('\n');
  });

  it('an unknown field is a warning, not an error', () => {
    expect(parseReviewLine({ id: 'x', rating: 1, text: 'bad', stars: 1 }, CLOCK).warnings).toEqual(['stars: unknown field, ignored']);
  });
});

describe('readDemand', () => {
  it.each([
    ['我要退款', 'refund'], ['必须赔偿我的损失', 'compensation'], ['给我补发一个', 'replacement'], ['please repair it', 'repair'],
    ['什么时候发货啊', 'delivery'], ['客服态度太差了', 'apology'], ['一般般', 'unstated'],
  ])('%s → %s', (text, expected) => {
    expect(readDemand(text)).toBe(expected);
  });
});
