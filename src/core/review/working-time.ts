/**
 * Whether an instant falls in the store's working time (POLICY.md §6: a negative review is
 * answered within 1 h on working days, 2 h otherwise): a working weekday that is not a holiday,
 * between the working hours, all in the store's own time zone. Pure: Intl is part of the
 * language, and the instant is always passed in.
 */
import type { StoreSettings } from '../playbook/store-schema.ts';

export type ReviewSettings = NonNullable<StoreSettings['review']>;

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

/** One formatter per zone: building an Intl.DateTimeFormat costs far more than formatting with it. */
const FORMATTERS = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = FORMATTERS.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, year: 'numeric', month: '2-digit', day: '2-digit', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
    });
    FORMATTERS.set(timeZone, f);
  }
  return f;
}

/** The local calendar date, ISO weekday and "HH:MM" of `at` in `timeZone`. */
export function localParts(at: Date, timeZone: string): { date: string; weekday: number; time: string } {
  const parts = formatterFor(timeZone).formatToParts(at);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, weekday: WEEKDAYS[get('weekday')] ?? 0, time: `${get('hour')}:${get('minute')}` };
}

/** True when `at` is inside working hours on a working day that is not a holiday. */
export function isWorkingTime(at: Date, s: ReviewSettings): boolean {
  const local = localParts(at, s.timezone);
  if (!s.workingDays.includes(local.weekday) || s.holidays.includes(local.date)) return false;
  return local.time >= s.workingHours.start && local.time < s.workingHours.end;
}
