import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { runConsole } from '../../../src/adapters/console/run-console.ts';
import { displayWidth } from '../../../src/adapters/console/text-width.ts';
import { openDesk, type DeskFixture } from '../../app/desk-fixture.ts';
import { startWebhookServer } from '../../outbox/webhook-server.ts';

/** Runs the bin asynchronously (the loopback receiver lives in this process). */
function runBin(cwd: string, env: NodeJS.ProcessEnv, input: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['bin/settle.js', 'console'], { cwd, env });
    let stdout = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.on('exit', (code) => resolve({ code, stdout }));
    child.stdin.end(input);
  });
}

let fx: DeskFixture;
afterEach(async () => {
  await fx?.store.close();
});

async function session(lines: string[], color = false): Promise<{ out: string; errors: number }> {
  const input = new PassThrough();
  let out = '';
  const output = new Writable({ write(c, _e, cb) { out += String(c); cb(); } });
  input.end(lines.map((l) => `${l}\n`).join(''));
  const r = await runConsole({ desk: fx.desk, input, output, interactive: false, color, width: 80, logger: pino({ level: 'silent' }), getOrder: (id) => fx.store.getOrder(id), clock: () => new Date('2026-11-24T04:30:00Z') });
  return { out, errors: r.errors };
}

describe('console session (piped)', () => {
  it('a whole case: complaint → questions answered → supervisor approves → released text shown', async () => {
    fx = await openDesk();
    const { out, errors } = await session([
      '/as agent li',
      '/new --order T1001 买了三件白色T恤，收到只有两件，少发了一件',
      '/answer missingSku TS-W',
      '/answer weightMatchesCustomerClaim yes',
      '/approve',
      '/as supervisor wang',
      '/show c1',
      '/approve',
      '/history',
    ]);
    expect(out).toContain('li (agent) › /new --order T1001');
    expect(out).toMatch(/┌ c1 · 物流 · 少发 — 待审批 · rev 1/);
    expect(out).toContain('rev 3');
    expect(out).toContain('L-4');
    expect(out).toMatch(/✗ You filed, answered or edited this draft.*\(forbidden_author\)/);
    expect(out).toContain('✓ c1 released');
    const released = await fx.desk.get('c1');
    expect(released.status).toBe('released');
    expect(out).toContain(released.release?.text.slice(0, 20));
    expect(out).toMatch(/released\s+wang/);
    expect(errors).toBe(1);
    expect(out).not.toContain('\u001b[');
  });

  it('shows offers with amounts, answers by question number, edits an amount in major units', async () => {
    fx = await openDesk();
    const { out, errors } = await session([
      '/as agent li',
      '耳机外壳有一点划痕，小瑕疵，不影响使用 --order T1003',
      '/new --order T1003 耳机外壳有一点划痕，小瑕疵，不影响使用',
      '/answer 1 no',
      '/as agent zhao',
      '/show c2',
      '/edit offer 2 25',
      '/edit offer 2 80',
      '/as supervisor wang',
      '/queue',
    ]);
    expect(out).toContain('¥16.40'); // Q-1 partial refund proposed by the policy
    expect(out).toContain('¥25.00');
    expect(out).toMatch(/✗ .*over_cap/);
    expect(out).toMatch(/c1 +quality\/minor_defect/);
    expect(errors).toBe(1);
  });

  it('/edit offer reads the one amount grammar: ¥12.50 is accepted, 30,01 refused naming the offer', async () => {
    fx = await openDesk();
    const { out, errors } = await session([
      '/as agent li',
      '/new --order T1003 耳机外壳有一点划痕，小瑕疵，不影响使用',
      '/answer 1 no',
      '/as agent zhao',
      '/show c1', // each person acts on the case and revision they opened (issue 13)
      '/edit offer 2 30,01',
      '/edit offer 2 ¥12.50',
    ]);
    expect(out).toMatch(/✗ .*Offer 2 \(Partial refund\): '30,01' is not an amount/);
    expect(errors).toBe(1);
    const [c1] = await fx.desk.queue();
    expect((await fx.desk.get(c1!.id)).draft.offers[1]).toMatchObject({ kind: 'partial_refund', amountMinor: 1250 });
  });

  it('explains mistakes without stopping: unknown commands, missing case, unknown order', async () => {
    fx = await openDesk();
    const { out, errors } = await session(['/approve', '/frob', '/order NOPE', '/show c42', '/as supervisor wang', '/new --order NOPE-1 where is my parcel, it has been two weeks', '/help']);
    expect(out).toContain('Which case?');
    expect(out).toContain('Unknown command /frob');
    expect(out).toContain('No order NOPE');
    expect(out).toContain('No case c42');
    expect(out).toContain('NOPE-1 was not found');
    expect(out).toContain('/edit [CASE] offer N AMOUNT');
    expect(errors).toBe(4);
  });

  it('aligns the queue by terminal columns with Chinese previews', async () => {
    fx = await openDesk();
    const { out } = await session(['/new 少发了一件', '/new --lang en parcel lost', '/queue']);
    const rows = out.split('\n').filter((l) => /^c\d /.test(l));
    expect(rows).toHaveLength(2);
    const previewColumn = (row: string, preview: string) => displayWidth(row.slice(0, row.lastIndexOf(preview)));
    expect(previewColumn(rows[0] as string, '少发了一件')).toBe(previewColumn(rows[1] as string, 'parcel lost'));
    expect(rows[0]).toMatch(/^c1 +logistics\/missing_item +agent +agent +1 h 29 min /);
    expect(out).toContain('2 cases past the 1 h first-reply target (POLICY.md §6).');
  });

  it('/label: a supervisor corrects the category (shown in /history); an agent is refused, naming the grant', async () => {
    fx = await openDesk();
    const { out, errors } = await session(['/as agent li', '我买完第二天就降价了30块，能不能退差价', '/label c1 other', '/as supervisor wang', '/label c1 price price_difference', '/label c1 price nope', '/history c1']);
    expect(out).toContain("✗ Only supervisors can correct a case's label; settle console --as supervisor NAME grants it. (forbidden_role)");
    expect(out).toMatch(/✓ c1 labelled price\/price_difference \(was price\/\w+\)/);
    expect(out).toContain("✗ 'nope' is not a subtype of price");
    expect(out).toMatch(/category_corrected wang +label price\/\w+ → price\/price_difference/);
    expect(errors).toBe(2);
  });

  it('colours only when asked (a terminal)', async () => {
    fx = await openDesk();
    expect((await session(['/new 少发了一件'], true)).out).toContain('\u001b[');
  });
});

describe('settle console through the real bin', () => {
  it('runs piped commands on a new SQLite file, logs to the log file, not the terminal', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-bin-'));
    const env = { ...process.env, SETTLE_DB_PATH: join(dir, 'data', 'settle.db'), SETTLE_LOG_FILE: join(dir, 'data', 'settle.log'), LOG_LEVEL: 'info' };
    const root = join(import.meta.dirname, '../../..');
    const r = spawnSync(process.execPath, ['bin/settle.js', 'console'], { cwd: root, env, input: '/as agent li\n顾客说少发了一件，电话13812345678\n/as supervisor wang\n/show c1\n/approve\n', encoding: 'utf8', timeout: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('✓ c1 released');
    expect(r.stdout).not.toContain('"level"');
    expect(existsSync(join(dir, 'data', 'settle.db'))).toBe(true);
    const log = readFileSync(join(dir, 'data', 'settle.log'), 'utf8');
    expect(log).toContain('case approved and released');
    expect(log).not.toContain('13812345678');
  });

  it('with SETTLE_OUTBOX_WEBHOOK_URL set, the approved reply is POSTed once with its idempotency key', async () => {
    const server = await startWebhookServer(1); // the first attempt fails; the retry (or the next start) delivers
    const dir = mkdtempSync(join(tmpdir(), 'settle-bin-'));
    const env = { ...process.env, SETTLE_DB_PATH: join(dir, 's.db'), SETTLE_LOG_FILE: join(dir, 's.log'), SETTLE_OUTBOX_WEBHOOK_URL: server.url };
    const root = join(import.meta.dirname, '../../..');
    const input = '/as agent li\n顾客说少发了一件\n/as supervisor wang\n/show c1\n/approve\n';
    const first = await runBin(root, env, input);
    expect(first.code).toBe(0);
    // A later start sends whatever is still pending.
    for (let restart = 0; server.accepted.size === 0 && restart < 5; restart++) {
      const again = await runBin(root, env, '/queue\n');
      expect(again.code).toBe(0);
    }
    expect(server.accepted.size).toBe(1);
    const [key, body] = [...server.accepted.entries()][0] as [string, Record<string, unknown>];
    expect(key).toMatch(/^rel_/);
    expect(body).toMatchObject({ caseId: 'c1', approvedBy: 'console:wang', releaseId: key });
    expect(first.stdout).toContain(key);
    await server.close();
  }, 90_000);

  it('exits 1 when a piped command failed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'settle-bin-'));
    const env = { ...process.env, SETTLE_DB_PATH: join(dir, 's.db'), SETTLE_LOG_FILE: join(dir, 's.log') };
    const r = spawnSync(process.execPath, ['bin/settle.js', 'console'], { cwd: join(import.meta.dirname, '../../..'), env, input: '/approve c9\n', encoding: 'utf8', timeout: 60_000 });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('No case c9');
  });
});

describe('the console as a new user meets it', () => {
  it('asks before filing a one-word line such as clear, help or exit, and files it only on y', async () => {
    fx = await openDesk();
    const { out } = await session(['/as agent li', 'clear', 'n', 'help', '/queue', 'ok', 'y']);
    expect(out).toContain("'clear' looks like a command, not a customer's message. File it as a complaint? Type y to file it");
    expect(out).toContain("Not filed: 'clear'.");
    expect(out).toContain("Not filed: 'help'."); // the next line was a command: it ran, nothing filed
    expect(out).toContain('No open cases.');
    expect(out).toMatch(/┌ c1 /); // 'ok' confirmed with y
    expect((await fx.desk.queue()).map((c) => c.preview)).toEqual(['ok']);
  });

  it('files a real complaint at once, however short in Chinese', async () => {
    fx = await openDesk();
    const { out } = await session(['/as agent li', '少发了一件']);
    expect(out).not.toContain('looks like a command');
    expect(out).toMatch(/┌ c1 /);
  });

  it('pages the queue past 50 and says so', async () => {
    fx = await openDesk();
    const agent = { id: 'console:li', role: 'agent' as const, displayName: 'li', platform: 'console' as const };
    for (let i = 0; i < 53; i++) await fx.desk.submit({ actor: agent, message: `第${i}单少发了一件` });
    const first = await session(['/as supervisor wang', '/queue']);
    expect(first.out).toContain('Cases 1–50 of 53; more open cases: /queue 2');
    const second = await session(['/as supervisor wang', '/queue 2']);
    expect(second.out).toContain('Cases 51–53 of 53; that is all.');
    expect(second.out).toContain('c53');
    expect(second.out).not.toContain('c50 ');
  });

  it('warns on a money offer without an amount, on the card and at release, and prints the release text unwrapped', async () => {
    fx = await openDesk();
    const { out } = await session(['/as agent li', '我买的卫衣质量太差了，洗了一次就破了个洞，我要退款', '/as supervisor wang', '/show c1', '/approve']);
    expect(out).toMatch(/⚠ offer \d \((refund|partial_refund|coupon|return_refund|price_difference)\) has no amount: no order was given/);
    expect(out).toContain('✓ c1 released');
    const released = await fx.desk.get('c1');
    // The whole reply on one line, as released: copy and paste keeps it whole.
    expect(out.split('\n')).toContain(released.release!.text);
    expect(out).toMatch(/offers, in order: [^\n]*\n⚠ offer 1 \(partial_refund\) has no amount/);
  });

  it('/answer 1 maybe lists the valid answers', async () => {
    fx = await openDesk();
    const { out } = await session(['/as agent li', '/new --order T1001 买了三件白色T恤，收到只有两件，少发了一件', '/answer weightMatchesCustomerClaim maybe']);
    expect(out).toContain("weightMatchesCustomerClaim: 'maybe' is not a valid value; answer yes or no (是/否)");
  });
});
