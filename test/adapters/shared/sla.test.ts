import { describe, expect, it } from 'vitest';
import { ageAgainstSla, formatDuration } from '../../../src/adapters/shared/sla.ts';

const created = '2026-11-24T00:00:00.000Z';
const at = (minutes: number) => new Date(Date.parse(created) + minutes * 60_000);

describe('ageAgainstSla (POLICY.md §6: first reply within 1 h, never past 24 h)', () => {
  it.each([
    [0, 'ok', '0 min · due in 1 h'],
    [42, 'ok', '42 min · due in 18 min'],
    [60, 'late', '1 h · 1 h target missed'],
    [185, 'late', '3 h 5 min · 1 h target missed'],
    [24 * 60, 'breached', '1 d · past 24 h limit'],
    [26 * 60, 'breached', '1 d 2 h · past 24 h limit'],
  ] as const)('§6 at %i minutes → %s', (minutes, level, label) => {
    const age = ageAgainstSla(created, at(minutes));
    expect(age.level).toBe(level);
    expect(age.label).toBe(label);
  });
  it('speaks Chinese for a Chinese reader', () => {
    expect(ageAgainstSla(created, at(90), 'zh').label).toBe('1 小时 30 分钟 · 已超过 1 小时首次回复时限');
  });
  it('treats a clock behind the creation time as age zero', () => {
    expect(ageAgainstSla(created, at(-5)).ageMs).toBe(0);
  });
  it('formats durations', () => {
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe('2 d 4 h');
  });
});
