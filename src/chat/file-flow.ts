/**
 * Filing a case, written once: the command (`/settle …`, `/settle case`, a console line) is
 * authorised, drafted by the desk, and answered with the new card; where the card landed is
 * remembered so any front end can redraw it later. A refusal files nothing and says so.
 */
import type { ChatContext } from './context.ts';
import type { CommandEvent } from './events.ts';
import { explainError } from './explain-error.ts';
import { checkAccess } from './people.ts';
import type { Replies } from './replies.ts';

/** Never throws: a refusal or failure becomes a notice. */
export async function onCommand(ctx: ChatContext, cmd: CommandEvent, out: Replies): Promise<void> {
  let caseId: string | undefined;
  try {
    if (cmd.deliveryId && !(await ctx.desk.claimDelivery(cmd.deliveryId))) {
      return void ctx.logger.info({ deliveryId: cmd.deliveryId, actorId: cmd.person.actor.id }, `${ctx.platform} replayed delivery ignored; nothing filed`);
    }
    const access = await checkAccess(ctx, 'file', cmd.person, undefined, cmd.lang);
    if (!access.ok) return void (await out.send({ kind: 'notice', tone: 'refused', code: access.code, text: `${access.reason}. Nothing was filed.` }));
    await out.busy?.();
    const view = await ctx.desk.submit({
      actor: cmd.person.actor, message: cmd.message,
      ...(cmd.orderId ? { orderId: cmd.orderId } : {}), ...(cmd.lang ? { lang: cmd.lang } : {}), ...(cmd.facts ? { facts: cmd.facts } : {}), ...(cmd.channel ? { channel: cmd.channel } : {}),
    });
    caseId = view.id;
    const placed = await out.send({ kind: 'new-card', view });
    ctx.logger.info({ caseId, actorId: cmd.person.actor.id, channelId: placed ? placed.channelId : undefined, category: view.draft.category }, `${ctx.platform} case filed`);
    // The card is up and the case saved; failing to note where is logged, never shown over the card.
    if (placed?.messageId) await ctx.desk.setChannel(view.id, placed).catch((err: unknown) => ctx.logger.warn({ err, caseId }, 'could not record the card location'));
  } catch (error) {
    await out.send(explainError(ctx, error, { ...(caseId ? { caseId } : {}), step: 'file' })).catch((e: unknown) => ctx.logger.warn({ err: e }, 'could not tell the agent'));
  }
}
