/** Shared test wiring: a controllable clock, a recording sleep, and the repository's prompts. */
import { loadPrompts, type PromptSet } from '../../src/llm/prompts.ts';

export interface TestClock {
  now: () => Date;
  advance(ms: number): void;
}

export function createTestClock(start = '2026-11-24T10:00:00+08:00'): TestClock {
  let t = new Date(start).getTime();
  return { now: () => new Date(t), advance: (ms) => { t += ms; } };
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function createRecordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => { waits.push(ms); } };
}

let cached: PromptSet | undefined;
export function repoPrompts(): PromptSet {
  cached ??= loadPrompts();
  return cached;
}
