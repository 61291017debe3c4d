/**
 * The queue, written once: who may see it (the access table's `queue` row), which cases
 * (supervisors every open case, agents the cases they filed, `mine` narrows a supervisor's),
 * in which order (queue-order.ts), and one page of them with the refs of the pager buttons. A
 * "next page" click is a click on one of those refs (case-flow.ts sends it here). Adapters only
 * render the page: App Home blocks in Slack, an embed in Discord, a table in the console.
 */
import type { CaseSummary } from '../app/desk.ts';
import type { Lang } from '../core/types.ts';
import type { ChatContext } from './context.ts';
import type { ActionRef, Person } from './events.ts';
import { explainError } from './explain-error.ts';
import { checkAccess } from './people.ts';
import { sortQueue } from './queue-order.ts';
import type { Replies } from './replies.ts';

/** Cases a page where the platform says nothing else (ChatContext.queuePageSize). */
export const DEFAULT_QUEUE_PAGE_SIZE = 20;

/** How many open cases the desk is asked for at a time while the whole queue is read. */
const READ_CHUNK = 500;

/** "Show me the queue" (`/settle queue`, App Home opened, `/queue`), at a 0-based page. */
export interface QueueEvent {
  kind: 'queue';
  person: Person;
  page: number;
  /** A supervisor's own cases only (the console's `/queue mine`); agents always see their own. */
  mine?: boolean;
  /** Slack's App Home is its own access action; the rule is the queue's. */
  access?: 'queue' | 'app_home';
  /** The language of a refusal (a queue belongs to no case). */
  lang?: Lang;
}

/** One page of the queue, as every platform shows it. */
export interface QueueReply {
  kind: 'queue';
  scope: 'all' | 'mine';
  /** This page's cases, in queue order. */
  cases: CaseSummary[];
  /** 0-based. */
  page: number;
  pageSize: number;
  /** Open cases in the whole queue (this scope). */
  total: number;
  /** The pager buttons: a click on one is a page click (case-flow.ts). */
  previous?: ActionRef;
  next?: ActionRef;
  /** For the cases' ages against POLICY.md §6. */
  now: Date;
}

/** The ref of a pager button to `page`. */
export function pageRef(page: number): ActionRef {
  return { action: 'page', caseId: 'queue', revision: page };
}

/** Never throws: a refusal or failure becomes a notice. */
export async function onQueue(ctx: ChatContext, event: QueueEvent, out: Replies): Promise<void> {
  try {
    const access = await checkAccess(ctx, event.access ?? 'queue', event.person, undefined, event.lang);
    if (!access.ok) return void (await out.send({ kind: 'notice', tone: 'refused', code: access.code, text: `${access.reason}.` }));
    await out.busy?.();
    const mine = event.mine === true || event.person.actor.role !== 'supervisor';
    const open: CaseSummary[] = [];
    for (let offset = 0; ; offset += READ_CHUNK) {
      const chunk = await ctx.desk.queue({ ...(mine ? { createdBy: event.person.actor.id } : {}), limit: READ_CHUNK, offset });
      open.push(...chunk);
      if (chunk.length < READ_CHUNK) break;
    }
    const pageSize = ctx.queuePageSize ?? DEFAULT_QUEUE_PAGE_SIZE;
    const page = Math.max(0, Math.floor(event.page));
    const cases = sortQueue(open).slice(page * pageSize, (page + 1) * pageSize);
    const hasMore = open.length > (page + 1) * pageSize;
    await out.send({
      kind: 'queue', scope: mine ? 'mine' : 'all', cases, page, pageSize, total: open.length, now: ctx.clock(),
      ...(page > 0 ? { previous: pageRef(page - 1) } : {}), ...(hasMore ? { next: pageRef(page + 1) } : {}),
    });
  } catch (error) {
    await out.send(explainError(ctx, error, { step: 'queue' })).catch(() => undefined);
  }
}
