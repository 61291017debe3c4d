import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/core/errors.ts';
import { MAX_LINE_BYTES, runJsonl } from '../../src/cli/run-jsonl.ts';

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
    expect(stats).toEqual({ lines: 6, failed: 4 });
    expect(answers).toEqual([
      { id: 'a', ok: true },
      { error: { code: 'invalid_json', message: expect.stringMatching(/^line 2 is not valid JSON/) } },
      { error: { code: 'empty_line', message: 'line 3 is blank; each line must be one JSON object' } },
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

  it('ends lines at \\n only: \\r\\n is one ending, a lone \\r stays inside its line', async () => {
    const echo = (v: unknown) => ({ id: (v as { id: string }).id });
    const { stats, answers } = await run(['{"id":"a"}\r', '{"id":\r"b"}', '{"id":"c"}'], echo);
    expect(stats).toEqual({ lines: 3, failed: 0 });
    expect(answers).toEqual([{ id: 'a' }, { id: 'b' }, { id: 'c' }]);
  });

  it('answers a line over the cap with line_too_long, without keeping it, and goes on', async () => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (c) => chunks.push(String(c)));
    // 3 MiB of one line, arriving in 64 KiB chunks as from a pipe, between two good lines.
    const big = Buffer.alloc(64 * 1024, 0x61);
    async function* source() {
      yield Buffer.from('{"id":"first"}\n{"id":"big","text":"');
      for (let i = 0; i < 48; i++) yield big;
      yield Buffer.from('"}\n{"id":"last"}\n');
    }
    const stats = await runJsonl(Readable.from(source()), out, (v) => ({ id: (v as { id: string }).id }));
    const answers = chunks.join('').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(stats).toEqual({ lines: 3, failed: 1 });
    expect(answers[0]).toEqual({ id: 'first' });
    expect(answers[1]).toEqual({ error: { code: 'line_too_long', message: expect.stringContaining(`at most ${MAX_LINE_BYTES} bytes (1 MiB)`) } });
    expect(answers[2]).toEqual({ id: 'last' });
  });

  it('waits for a slow reader without piling up listeners', async () => {
    let maxListeners = 0;
    const slow = new Writable({
      highWaterMark: 16,
      write(_chunk, _enc, cb) {
        maxListeners = Math.max(maxListeners, this.listenerCount('error'), this.listenerCount('drain'));
        setImmediate(cb);
      },
    });
    const lines = Array.from({ length: 200 }, (_, i) => `{"id":${i}}`).join('\n');
    const stats = await runJsonl(Readable.from([lines]), slow, (v) => v as object);
    expect(stats).toEqual({ lines: 200, failed: 0 });
    expect(maxListeners).toBeLessThanOrEqual(3);
  });
});

describe('settle classify | head -1', () => {
  it('ends quietly when the reader goes away (EPIPE): no stack trace, no warning', async () => {
    const bin = resolve(import.meta.dirname, '../../bin/settle.js');
    const child = spawn(process.execPath, [bin, 'classify'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    child.stdin.on('error', () => undefined); // the child may stop reading before we finish writing
    const first = new Promise<string>((res) => child.stdout.once('data', (c) => res(String(c))));
    child.stdin.write(Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ id: i, text: '我买了三件只收到两件' })).join('\n'));
    child.stdin.end();
    expect(await first).toContain('"id":"0"');
    child.stdout.destroy(); // what `head -1` does after its line
    const code = await new Promise<number | null>((res) => child.on('close', res));
    expect(stderr).toBe('');
    expect(code).not.toBeNull(); // exited by itself, not killed by a signal
  });
});
