/**
 * `/settle`: ack within Slack's 3 seconds before any slow work, then file the case (or open the
 * form, or show help).
 */
import type { App } from '@slack/bolt';
import { buildNewCaseModal } from '../blocks/modals.ts';
import { fileCase } from '../file-case.ts';
import { handleReviewCommand } from '../review-command.ts';
import { startTraining } from '../handle-training.ts';
import type { TrainingThreads } from '../training-threads.ts';
import { HELP_TEXT, parseSettleCommand } from '../parse-command.ts';
import { onQueue } from '../../../chat/queue-flow.ts';
import { checkAccess, chatOf, explainError, whoOf, type SlackDeps } from '../slack-deps.ts';
import { queueMessageReplies } from './home.ts';

export function registerCommand(app: App, deps: SlackDeps, threads: TrainingThreads): void {
  app.command('/settle', async ({ command, ack, respond, client }) => {
    const parsed = parseSettleCommand(command.text ?? '');
    if (parsed.kind === 'help') {
      await ack({ response_type: 'ephemeral', text: HELP_TEXT });
      return;
    }
    const whisper = (text: string) => respond({ response_type: 'ephemeral', text });
    const user = { id: command.user_id, name: command.user_name };
    if (parsed.kind === 'train') {
      await ack();
      deps.work.background(async () => {
        const access = await checkAccess(deps, 'training', await whoOf(deps, user, command.channel_id));
        if (!access.ok) return void (await whisper(`:no_entry: ${access.reason}.`));
        await startTraining(deps, threads, client, { parsed, userId: command.user_id, channel: command.channel_id, whisper });
      });
      return;
    }
    if (parsed.kind === 'queue') {
      await ack();
      deps.work.background(async () => {
        const person = await whoOf(deps, user, command.channel_id);
        await onQueue(chatOf(deps), { kind: 'queue', person, page: parsed.page - 1, mine: parsed.mine }, queueMessageReplies((m) => respond(m as never)));
      });
      return;
    }
    if (parsed.kind === 'review') return handleReviewCommand(deps, client, { ...command, text: command.text ?? '' }, ack, whisper);
    if (parsed.kind === 'modal') {
      await ack();
      try {
        const access = await checkAccess(deps, 'file', await whoOf(deps, user, command.channel_id));
        if (!access.ok) return void (await whisper(`:no_entry: ${access.reason}.`));
        await client.views.open({ trigger_id: command.trigger_id, view: buildNewCaseModal({ channelId: command.channel_id }) });
      } catch (error) {
        const expired = (error as { data?: { error?: string } }).data?.error === 'expired_trigger_id';
        await respond({
          response_type: 'ephemeral',
          text: expired ? 'Slack took too long to open the form. Please run `/settle` again.' : explainError(deps, error, { step: 'open-modal' }),
        });
      }
      return;
    }
    await ack({ response_type: 'ephemeral', text: 'Drafting the case…' });
    // Drafting (synchronous SQLite) runs from the work queue, after the ack has gone out.
    deps.work.background(async () => {
      const person = await whoOf(deps, user, command.channel_id);
      await fileCase(deps, client, { person, message: parsed.message, orderId: parsed.orderId, lang: parsed.lang, originChannel: command.channel_id, deliveryId: `t:${command.trigger_id}` }, whisper);
    });
  });
}
