/** ISO weeks in the store's time zone, and the default "last full week". */
import { describe, expect, it } from 'vitest';
import { isUserError } from '../../../src/core/errors.ts';
import { lastFullWeek, parseIsoWeek } from '../../../src/core/report/iso-week.ts';

describe('parseIsoWeek', () => {
  it.each([
    ['2026-W48', 'Asia/Shanghai', '2026-11-23', '2026-11-22T16:00:00.000Z', '2026-11-29T16:00:00.000Z'],
    ['2026-W01', 'UTC', '2025-12-29', '2025-12-29T00:00:00.000Z', '2026-01-05T00:00:00.000Z'],
    ['2026-W53', 'UTC', '2026-12-28', '2026-12-28T00:00:00.000Z', '2027-01-04T00:00:00.000Z'],
    // A week across the end of daylight saving time in New York (2026-11-01): 7 days and one hour.
    ['2026-W44', 'America/New_York', '2026-10-26', '2026-10-26T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
  ])('%s in %s starts on Monday %s', (text, tz, monday, from, to) => {
    expect(parseIsoWeek(text, tz)).toEqual({ label: text, monday, from, to });
  });

  it.each([
    ['2026-48', "--week '2026-48' is not an ISO week; write YYYY-Www, e.g. 2026-W48"],
    ['2025-W53', "--week '2025-W53': 2025 has weeks 01 to 52"],
    ['2026-W00', "--week '2026-W00': 2026 has weeks 01 to 53"],
  ])('%s → %s', (text, message) => {
    try {
      parseIsoWeek(text, 'UTC');
      expect.unreachable();
    } catch (e) {
      expect(isUserError(e) && e.message).toBe(message);
    }
  });
});

describe('lastFullWeek', () => {
  it('is the week before the one that holds now, in the store\'s zone', () => {
    expect(lastFullWeek(new Date('2026-12-02T00:00:00Z'), 'Asia/Shanghai').label).toBe('2026-W48');
    // Sunday 20:00 UTC is already Monday in Shanghai: the week just ended is full.
    expect(lastFullWeek(new Date('2026-11-29T20:00:00Z'), 'Asia/Shanghai').label).toBe('2026-W48');
    expect(lastFullWeek(new Date('2026-11-29T20:00:00Z'), 'UTC').label).toBe('2026-W47');
    expect(lastFullWeek(new Date('2027-01-06T12:00:00Z'), 'UTC').label).toBe('2026-W53');
  });
});
