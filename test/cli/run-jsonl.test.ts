import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { runJsonl } from '../../src/cli/run-jsonl.ts';

async function run(lines: string[], handle: (v: unknown) => object) {
  const out = new PassThrough();
  const chunks: string[] = [];
  out.on('data', (c) => chunks.push(String(c)));
  const crashes: unknown[] = [];
  const stats = await runJsonl(Readable.from([lines.join('\n')]), out, handle, (e) => crashes.push(e));
  return { stats, answers: chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>), crashes };
}

describe('runJsonl', () => {
  it('answers every line in order and goes on after bad ones', async () => {
    const { stats, answers } = await run(
      ['{"id":"a"}', 'not json', '', '[1,2]', '{"id":"b","bad":true}', '\uFEFF{"id":"c"}'],
      (v) => {
        const o = v as { id: string; bad?: boolean };
        if (o.bad) throw new UserError('invalid_input', 'bad: not allowed');
        return { id: o.id, ok: true };
      },
    );
    expect(stats).toEqual({ lines: 5, failed: 3 });
    expect(answers).toEqual([
      { id: 'a', ok: true },
      { error: { code: 'invalid_json', message: expect.stringMatching(/^line 2 is not valid JSON/) } },
      { error: { code: 'invalid_input', message: 'each line must be a JSON object' } },
      { id: 'b', error: { code: 'invalid_input', message: 'bad: not allowed' } },
      { id: 'c', ok: true },
    ]);
  });

  it('turns a crash into a generic error line, reports it, and keeps going', async () => {
    const { stats, answers, crashes } = await run(['{"id":1}', '{"id":2}'], (v) => {
      if ((v as { id: number }).id === 1) throw new TypeError('boom');
      return { id: 2 };
    });
    expect(stats.failed).toBe(1);
    expect(answers[0]).toEqual({ id: 1, error: { code: 'internal', message: expect.not.stringContaining('boom') } });
    expect(answers[1]).toEqual({ id: 2 });
    expect(crashes).toHaveLength(1);
  });
});
