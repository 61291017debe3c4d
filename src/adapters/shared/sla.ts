/**
 * Age of an open case against POLICY.md §6: the first reply to a complaint is due within 1 hour
 * and must never be later than 24 hours. Queues show every case with this.
 */
import type { Lang } from '../../core/types.ts';

export const FIRST_REPLY_TARGET_MS = 60 * 60 * 1000;
export const FIRST_REPLY_LIMIT_MS = 24 * 60 * 60 * 1000;

/** `ok` under 1 h, `late` past the 1 h target, `breached` past the 24 h limit. */
export type SlaLevel = 'ok' | 'late' | 'breached';

export interface SlaAge {
  ageMs: number;
  level: SlaLevel;
  /** e.g. `42 min · due in 18 min`, `3 h 5 min · 1 h target missed`, `1 d 2 h · past 24 h limit`. */
  label: string;
}

/** Age of a case created at `createdAt` (ISO-8601) as of `now`. */
export function ageAgainstSla(createdAt: string, now: Date, lang: Lang = 'en'): SlaAge {
  const ageMs = Math.max(0, now.getTime() - Date.parse(createdAt));
  const level: SlaLevel = ageMs >= FIRST_REPLY_LIMIT_MS ? 'breached' : ageMs >= FIRST_REPLY_TARGET_MS ? 'late' : 'ok';
  const age = formatDuration(ageMs, lang);
  const zh = lang === 'zh';
  const note =
    level === 'ok'
      ? zh ? `${formatDuration(FIRST_REPLY_TARGET_MS - ageMs, lang)}内需首次回复` : `due in ${formatDuration(FIRST_REPLY_TARGET_MS - ageMs, lang)}`
      : level === 'late'
        ? zh ? '已超过 1 小时首次回复时限' : '1 h target missed'
        : zh ? '已超过 24 小时上限' : 'past 24 h limit';
  return { ageMs, level, label: `${age} · ${note}` };
}

/** `45 min`, `3 h 5 min`, `2 d 4 h` (zh: `45 分钟`, `3 小时 5 分钟`, `2 天 4 小时`). */
export function formatDuration(ms: number, lang: Lang = 'en'): string {
  const minutes = Math.floor(ms / 60_000);
  const u = lang === 'zh' ? { d: '天', h: '小时', m: '分钟' } : { d: 'd', h: 'h', m: 'min' };
  if (minutes < 60) return `${minutes} ${u.m}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} ${u.h}` : `${hours} ${u.h} ${minutes % 60} ${u.m}`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} ${u.d}` : `${days} ${u.d} ${hours % 24} ${u.h}`;
}
