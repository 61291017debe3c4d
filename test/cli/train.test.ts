/**
 * `settle train` as a trainee uses it: a real child process fed through a pipe, a real SQLite
 * file. A whole role-play, the scorecard, self-assessment, a peer rating and the report.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const BIN = resolve(import.meta.dirname, '../../bin/settle.js');

function train(args: string[], input: string, db: string) {
  // No LLM unless a test asks for one: the scripted customer is the default.
  const env = { ...process.env, SETTLE_DB_PATH: db, OPENAI_API_KEY: '' };
  const r = spawnSync(process.execPath, [BIN, 'train', ...args], { input, encoding: 'utf8', timeout: 60_000, env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const tempDb = () => join(mkdtempSync(join(tmpdir(), 'settle-train-cli-')), 'settle.db');

describe('settle train (piped console session)', () => {
  it('plays a whole session to resolution, prints the scorecard and policy, saves it, and takes self- and peer ratings into the report', () => {
    const db = tempDb();
    const input = [
      '非常抱歉让您着急了。请问您方便拍一下快递面单吗?我核对一下重量。',
      '确实是我们少发了,非常抱歉。今天就给您补发,1小时内把单号发给您,明天再跟进确认。',
      '5', '4', '', '9', '3',
    ].join('\n');
    const r = train(['missing-item-zh', '--trainee', 'lin'], `${input}\n`, db);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('王女士 [upset]: 我买了3件白色T恤');
    expect(r.out).toContain('0.4公斤');
    expect(r.out).toContain('-- session ended: resolved --');
    expect(r.out).toMatch(/Score: \d+\/100/);
    expect(r.out).toContain('Policy-correct resolution: logistics/missing_item');
    expect(r.out).toContain('please answer 1, 2, 3, 4 or 5');
    expect(r.out).toContain('3 rating(s) saved.');
    const id = /Session (tr-[0-9a-f]{8}) saved for lin/.exec(r.out)?.[1];
    expect(id).toBeDefined();

    const rate = train(['rate', id!, '--as', 'amy', '--scores', 'empathy=2,listening=4'], '', db);
    expect(rate.code).toBe(0);
    expect(rate.out).toContain('2 rating(s) saved');
    expect(train(['rate', id!, '--as', 'amy', '--scores', 'empathy=9'], '', db).code).toBe(2);

    const report = train(['report', '--trainee', 'lin', '--json'], '', db);
    expect(report.code).toBe(0);
    const [lin] = JSON.parse(report.out) as { trainee: string; sessions: number; criteria: { id: string; scored: number; self: number | null; peer: number | null }[] }[];
    expect(lin).toMatchObject({ trainee: 'lin', sessions: 1 });
    expect(lin?.criteria.find((c) => c.id === 'empathy')).toMatchObject({ scored: 5, self: 5, peer: 2 });
    expect(lin?.criteria.find((c) => c.id === 'listening')).toMatchObject({ self: 4, peer: 4 });
    expect(lin?.criteria.find((c) => c.id === 'solution')).toMatchObject({ self: 3 });
    expect(train(['report'], '', db).out).toMatch(/lin: 1 session\(s\), average \d+\/100/);
  });

  it('lists scenarios to pick by number; a taboo-laden trainee makes the customer walk away, with T-3 on the card', () => {
    const db = tempDb();
    const r = train(['--lang', 'en', '--trainee', 'bo'], ['99', '5', "Honestly this happens all the time, I don't know.", "Nothing we can do, it's your own fault."].join('\n'), db);
    expect(r.code).toBe(0);
    expect(r.out).toContain("'99' is not in the list");
    expect(r.out).toContain('payment-twice-en');
    expect(r.out).toContain('-- session ended: walked away --');
    expect(r.out).toMatch(/Violations:\n {2}T-3 {2}"/);
    expect(r.out).toContain(`T-3  "this happens all the time"`);
  });

  it('end of input counts as giving up', () => {
    const r = train(['price-drop-zh'], '您好\n', tempDb());
    expect(r.out).toContain('-- session ended: gave up --');
    expect(r.code).toBe(0);
  });

  it('train swap: the trainee is the customer, Settle answers with its own drafts and asks for the facts', () => {
    const db = tempDb();
    const r = train(['swap', 'missing-item-zh', '--trainee', 'lin'], ['我买了3件白色T恤只收到2件,少发了一件!', '是的,面单上重量就是两件的', '好的,谢谢'].join('\n'), db);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Settle (agent):');
    expect(r.out).toContain('[draft: logistics/missing_item');
    expect(r.out).toContain('-- session ended: resolved --');
  });

  it('an unknown scenario or a bad --lang is a usage error', () => {
    const db = tempDb();
    expect(train(['no-such-scenario'], '', db)).toMatchObject({ code: 2, err: expect.stringContaining("no scenario 'no-such-scenario'") });
    expect(train(['--lang', 'fr'], '', db).code).toBe(2);
  });
});

describe('settle train with an LLM persona (a real OpenAI-compatible server on loopback)', () => {
  it('the model phrases the customer, the script still decides the outcome', async () => {
    const requests: { model: string; messages: { role: string; content: string }[] }[] = [];
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        requests.push(JSON.parse(body));
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({
          id: 'cmpl-1', object: 'chat.completion', created: 0, model: 'persona-test',
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content: '哎,行吧,那你们赶紧处理,我等着呢。' } }],
          usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
        }));
      });
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const { port } = server.address() as AddressInfo;
    try {
      const env = { ...process.env, SETTLE_DB_PATH: tempDb(), OPENAI_API_KEY: 'test-key', OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, SETTLE_LLM_MODEL: 'persona-test' };
      const child = spawn(process.execPath, [BIN, 'train', 'missing-item-zh', '--trainee', 'lin'], { env });
      let out = '';
      child.stdout.on('data', (c) => (out += c));
      child.stdin.end('非常抱歉让您着急了。今天就给您补发,1小时内把单号发给您。\n');
      const code = await new Promise<number | null>((ok) => child.on('close', ok));
      expect(code).toBe(0);
      expect(out).toContain('Customer voice: persona-test');
      expect(out).toContain('王女士 [calm]: 哎,行吧,那你们赶紧处理,我等着呢。');
      expect(out).toContain('-- session ended: resolved --');
      expect(requests.length).toBe(1);
      expect(requests[0]?.model).toBe('persona-test');
    } finally {
      server.close();
    }
  });
});
