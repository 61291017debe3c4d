/**
 * ISO-8601 weeks ("2026-W48": Monday to Sunday; week 1 holds the year's first Thursday) as
 * ranges of instants in the store's time zone, so a Shanghai store's week starts at its own
 * Monday midnight. Pure: `now` is passed in; Intl is part of the language.
 */
import { UserError } from '../errors.ts';
import { localParts } from '../review/working-time.ts';

export interface IsoWeek {
  /** "2026-W48" */
  label: string;
  /** Local Monday, "YYYY-MM-DD". */
  monday: string;
  /** `[from, to)` as ISO instants (UTC). */
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;
const WEEK_RE = /^(\d{4})-W(\d{2})$/;

/** The UTC date (at 00:00Z) of the Monday of ISO week `week` of `year`. */
function mondayOf(year: number, week: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Weekday = (new Date(jan4).getUTCDay() + 6) % 7; // 0 = Monday
  return jan4 - jan4Weekday * DAY_MS + (week - 1) * 7 * DAY_MS;
}

/** Weeks in an ISO year: 53 when 28 December falls in week 53. */
function weeksIn(year: number): number {
  return isoWeekOfDate(Date.UTC(year, 11, 28)).week;
}

/** ISO year and week of a UTC calendar date. */
function isoWeekOfDate(utcMidnight: number): { year: number; week: number } {
  const d = new Date(utcMidnight);
  const weekday = (d.getUTCDay() + 6) % 7;
  const thursday = utcMidnight + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  return { year, week: 1 + Math.floor((thursday - mondayOf(year, 1)) / (7 * DAY_MS)) };
}

/** The instant of local midnight starting the calendar day `utcDate` (a UTC-midnight ms) in `tz`. */
function localMidnight(utcDate: number, tz: string): number {
  // The zone's offset at that moment: read the local wall clock back as if it were UTC.
  const offsetAt = (t: number) => {
    const p = localParts(new Date(t), tz);
    const [h, m] = p.time.split(':').map(Number) as [number, number];
    return Date.UTC(Number(p.date.slice(0, 4)), Number(p.date.slice(5, 7)) - 1, Number(p.date.slice(8, 10)), h, m) - t;
  };
  const guess = utcDate - offsetAt(utcDate);
  return utcDate - offsetAt(guess);
}

function weekOf(year: number, week: number, tz: string): IsoWeek {
  const monday = mondayOf(year, week);
  return {
    label: `${year}-W${String(week).padStart(2, '0')}`,
    monday: new Date(monday).toISOString().slice(0, 10),
    from: new Date(localMidnight(monday, tz)).toISOString(),
    to: new Date(localMidnight(monday + 7 * DAY_MS, tz)).toISOString(),
  };
}

/** Parses "YYYY-Www". Throws UserError('invalid_input') with one line saying what is wrong. */
export function parseIsoWeek(text: string, tz: string): IsoWeek {
  const m = WEEK_RE.exec(text.trim());
  if (!m) throw new UserError('invalid_input', `--week '${text}' is not an ISO week; write YYYY-Www, e.g. 2026-W48`);
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > weeksIn(year)) throw new UserError('invalid_input', `--week '${text}': ${year} has weeks 01 to ${weeksIn(year)}`);
  return weekOf(year, week, tz);
}

/** The last full ISO week before the one that holds `now` in `tz`. */
export function lastFullWeek(now: Date, tz: string): IsoWeek {
  const local = localParts(now, tz).date;
  const today = Date.UTC(Number(local.slice(0, 4)), Number(local.slice(5, 7)) - 1, Number(local.slice(8, 10)));
  const { year, week } = isoWeekOfDate(today - 7 * DAY_MS);
  return weekOf(year, week, tz);
}
