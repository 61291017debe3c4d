import { describe, expect, it } from 'vitest';
import { createWorkQueue } from '../../../src/adapters/slack/work-queue.ts';
import { createSilentLogger } from '../../../src/logger.ts';

describe('work queue', () => {
  it('runs serial steps one at a time, in order, while background jobs overlap', async () => {
    const q = createWorkQueue(createSilentLogger());
    const log: string[] = [];
    let inSerial = 0;
    let maxInSerial = 0;
    const step = (name: string) => q.serial(async () => {
      inSerial++;
      maxInSerial = Math.max(maxInSerial, inSerial);
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, 5));
      log.push(`end ${name}`);
      inSerial--;
      return name;
    });
    for (const name of ['a', 'b', 'c']) q.background(async () => step(name));
    expect(q.pending).toBe(3);
    await q.drain();
    expect(maxInSerial).toBe(1);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(q.pending).toBe(0);
  });

  it('a failing step or job does not stop the ones after it', async () => {
    const q = createWorkQueue(createSilentLogger());
    await expect(q.serial(async () => { throw new Error('boom'); })).rejects.toThrow('boom');
    await expect(q.serial(async () => 42)).resolves.toBe(42);
    let ran = false;
    q.background(async () => { throw new Error('bad job'); });
    q.background(async () => { ran = true; });
    await q.drain();
    expect(ran).toBe(true);
  });
});
