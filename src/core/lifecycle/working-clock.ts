/**
 * Time on the store's working clock (POLICY.md §6): "within 1 hour" of a complaint filed at
 * night means 1 hour of working time, counted from when the desk opens. Pure: the instant is
 * always passed in, and Intl (part of the language) gives the local wall time in the store's zone.
 */
import { localParts } from '../review/working-time.ts';

/** When the store works: the `lifecycle` keys of store.json that are about the clock. */
export interface WorkingTime {
  timezone: string;
  workingDays: readonly number[];
  workingHours: { start: string; end: string };
  holidays: readonly string[];
}

const MINUTE_MS = 60_000;

const minutesOf = (hhmm: string): number => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** True when `at` is a working minute: a working day that is not a holiday, inside the hours. */
export function isWorkingMinute(at: Date, w: WorkingTime): boolean {
  const local = localParts(at, w.timezone);
  if (!w.workingDays.includes(local.weekday) || w.holidays.includes(local.date)) return false;
  return local.time >= w.workingHours.start && local.time < w.workingHours.end;
}

/**
 * `start` plus `minutes` of working time. Walks window by window (not minute by minute): inside a
 * window it takes what is left of it; outside, it jumps to the next window's start or the next
 * local midnight. Throws when the playbook's week has no working minute in 400 days.
 */
export function addWorkingMinutes(start: Date, minutes: number, w: WorkingTime): Date {
  let t = start.getTime();
  let left = minutes;
  const open = minutesOf(w.workingHours.start);
  const close = minutesOf(w.workingHours.end);
  const giveUp = t + 400 * 24 * 60 * MINUTE_MS;
  while (left > 0) {
    if (t > giveUp) throw new RangeError('the working week has no working time (lifecycle.workingDays, holidays)');
    const local = localParts(new Date(t), w.timezone);
    // Zone offsets are whole minutes, so the seconds of `t` are the local ones too.
    const now = minutesOf(local.time) + (((t % MINUTE_MS) + MINUTE_MS) % MINUTE_MS) / MINUTE_MS;
    const workday = w.workingDays.includes(local.weekday) && !w.holidays.includes(local.date);
    if (workday && now >= open && now < close) {
      const take = Math.min(left, close - now);
      left -= take;
      t += take * MINUTE_MS;
    } else if (workday && now < open) {
      t += (open - now) * MINUTE_MS;
    } else {
      t += (24 * 60 - now) * MINUTE_MS;
    }
  }
  return new Date(t);
}
