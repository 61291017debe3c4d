import { describe, expect, it } from 'vitest';
import { findAccountSignals, scoreAccountSignals, SUSPICIOUS_PROFILE } from '../../../src/core/classify/account-signals.ts';

describe('findAccountSignals (POLICY.md §2)', () => {
  it.each([
    ['M-S2 new account with almost no reviews', { accountAgeDays: 3, reviewCount: 0 }, ['M-S2']],
    ['M-S2 new account with no avatar', { accountAgeDays: 10, reviewCount: 8, hasAvatar: false }, ['M-S2']],
    ['M-S3 paid without chatting first', { chattedBeforePurchase: false }, ['M-S3']],
    ['M-S4 + M-S2 + M-S8 new account used for bad reviews', { accountAgeDays: 5, reviewCount: 30, negativeReviewRatio: 0.93 }, ['M-S2', 'M-S4', 'M-S8']],
    ['M-S5 targets a small shop or promotion item', { targetsSmallShopOrPromo: true }, ['M-S5']],
    ['M-S6 chat account differs from the paying account', { chatAccountMatchesBuyer: false }, ['M-S6']],
    ['M-S7 many units of one item', { unitsOfOneItem: 12 }, ['M-S7']],
    ['M-S7 frequent refunds', { refundCount90d: 6 }, ['M-S7']],
    ['M-S8 high share of negative reviews on an old account', { accountAgeDays: 900, reviewCount: 40, negativeReviewRatio: 0.75 }, ['M-S8']],
    ['no signal for an ordinary account', { accountAgeDays: 400, reviewCount: 25, negativeReviewRatio: 0.04, refundCount90d: 0, chatAccountMatchesBuyer: true, hasAvatar: true }, []],
    ['a negative share over too few reviews means nothing (no M-S8)', { accountAgeDays: 900, reviewCount: 2, negativeReviewRatio: 1 }, []],
  ])('%s', (_name, customer, expected) => {
    expect(findAccountSignals(customer)).toEqual(expected);
  });

  it('no customer context → no signal', () => {
    expect(findAccountSignals(undefined)).toEqual([]);
  });

  it('M-S3 and M-S5 describe many honest buyers: together they are not a suspicious profile', () => {
    expect(scoreAccountSignals(['M-S3', 'M-S5'])).toBeLessThan(SUSPICIOUS_PROFILE);
    expect(scoreAccountSignals(['M-S2', 'M-S6'])).toBeGreaterThanOrEqual(SUSPICIOUS_PROFILE);
  });
});
