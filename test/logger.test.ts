import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.ts';

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; raw: () => string } {
  let buf = '';
  const stream = new Writable({ write(chunk, _enc, cb) { buf += String(chunk); cb(); } });
  return { stream, raw: () => buf, lines: () => buf.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

const PHONE = '13812345678';
const ADDRESS = '浙江省杭州市西湖区文三路100号';
const SLACK_TOKEN = 'xoxb-1234567890-abcdefghij';

describe('logger never writes personal data or tokens', () => {
  it('scrubs a phone number and address quoted inside the message text', () => {
    const c = capture();
    createLogger({ destination: c.stream }).info(`customer wrote: 我的电话${PHONE}，地址${ADDRESS}`);
    expect(c.raw()).not.toContain(PHONE);
    expect(c.raw()).not.toContain('文三路100号');
    expect(String(c.lines()[0]?.msg)).toContain('customer wrote');
  });

  it('masks what the agent-text detector finds: a full-width or zero-width-split phone, a bare 10-digit phone, an "at/dot" e-mail', () => {
    const c = capture();
    createLogger({ destination: c.stream }).info({ note: 'call 415 555 0134 or li dot wei at gmail dot com' }, 'customer wrote: 电话１３８１２３４５６７８，备用1\u200b38\u200b1234\u200b5678');
    const out = c.raw();
    for (const leak of ['１３８１２３４５６７８', '1\u200b38\u200b1234\u200b5678', '415 555 0134', 'gmail dot com']) expect(out).not.toContain(leak);
    expect(out).toContain('customer wrote');
  });

  it('drops known secret keys at any depth and scrubs strings in nested fields', () => {
    const c = capture();
    createLogger({ destination: c.stream }).warn(
      { token: SLACK_TOKEN, config: { slack: { botToken: SLACK_TOKEN, signingSecret: 'shh-very-secret' } }, customer: { phone: PHONE, note: `call ${PHONE}` }, caseId: 'c7' },
      'case filed',
    );
    const out = c.raw();
    expect(out).not.toContain(SLACK_TOKEN);
    expect(out).not.toContain('shh-very-secret');
    expect(out).not.toContain(PHONE);
    expect(c.lines()[0]?.caseId).toBe('c7');
  });

  it('scrubs tokens that appear in free text and in error stacks', () => {
    const c = capture();
    const err = new Error(`Slack said invalid_auth for ${SLACK_TOKEN}, customer ${PHONE}`);
    createLogger({ destination: c.stream }).error({ err, header: 'Bearer abcdefghijklmnop' }, 'post failed with sk-abcdefghijklmnop');
    const out = c.raw();
    expect(out).not.toContain(SLACK_TOKEN);
    expect(out).not.toContain(PHONE);
    expect(out).not.toContain('abcdefghijklmnop');
    expect(out).toContain('invalid_auth');
  });

  it('respects the level', () => {
    const c = capture();
    const log = createLogger({ destination: c.stream, level: 'warn' });
    log.info('hidden');
    log.warn('shown');
    expect(c.lines().map((l) => l.msg)).toEqual(['shown']);
  });
});
