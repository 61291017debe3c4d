/**
 * Records decisions until killed: files a case, then approves, rejects or edits-then-approves
 * it. After each COMMITTED step it prints `{"step","caseId",…}` — the parent trusts nothing
 * else, so every line it has read must survive a SIGKILL.
 * Usage: record-forever.ts DB [WEBHOOK_URL]
 */
import type { Actor } from '../../../src/app/desk.ts';
import { openChildDesk, supervisor } from './open-child-desk.ts';

const [dbPath = '', webhook] = process.argv.slice(2);
const { desk } = openChildDesk(dbPath, webhook);
const agent: Actor = { id: 'console:li', displayName: 'li', role: 'agent', platform: 'console' };
const messages = ['耳机外壳有一点划痕，小瑕疵，不影响使用', '收到的耳机是假货吧，和专柜的不一样', '买了三件白色T恤，收到只有两件，少发了一件'];
const say = (o: Record<string, unknown>) => process.stdout.write(`${JSON.stringify(o)}\n`);

for (let i = 0; ; i++) {
  const v = await desk.submit({ actor: agent, message: messages[i % messages.length] as string, orderId: i % 3 === 2 ? 'T1001' : 'T1003' });
  say({ step: 'submitted', caseId: v.id });
  if (i % 4 === 1) {
    const r = await desk.reject(v.id, supervisor('wang'), 'test rejection', v.revision);
    say({ step: 'rejected', caseId: r.id });
    continue;
  }
  let rev = v.revision;
  if (i % 4 === 2) {
    const e = await desk.edit(v.id, supervisor('chen'), { replyText: `${v.draft.reply.text} (${i})` }, rev);
    rev = e.revision;
    say({ step: 'edited', caseId: v.id, revision: rev });
  }
  const r = await desk.approve(v.id, supervisor('wang'), rev);
  say({ step: 'approved', caseId: v.id, outcome: r.outcome, releaseId: r.view.release?.id });
}
