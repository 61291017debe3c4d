/**
 * `settle start` with Slack configured: build the Bolt app and listen (HTTP on PORT, or Socket
 * Mode when SLACK_APP_TOKEN is set).
 */
import type { AddressInfo } from 'node:net';
import type { StartDeps } from '../../app/start-deps.ts';
import type { ReportPoster } from '../../app/weekly-report-post.ts';
import type { LifecycleNotifier } from '../../app/lifecycle.ts';
import { notifierFor } from '../../chat/lifecycle-flow.ts';
import { UserError } from '../../core/errors.ts';
import { buildCaseCard } from './blocks/case-card.ts';
import { createSlackApp } from './create-slack-app.ts';
import { refuseFutureRequests } from './future-guard.ts';

/** How long `stop()` waits for acked drafts to finish. */
export const STOP_DRAIN_MS = 10_000;

export interface StartSlackOptions {
  /** Interface to listen on; default all (Slack must reach it). Tests pass 127.0.0.1. */
  host?: string;
  /** IANA zone for decision times on cards; default UTC. */
  timeZone?: string;
}

/** Start the Slack front end; `port` is the bound HTTP port (undefined in Socket Mode). */
export async function startSlack(deps: StartDeps, options: StartSlackOptions = {}): Promise<{ stop(): Promise<void>; port?: number; reportPoster?: ReportPoster; lifecycleNotifier: LifecycleNotifier }> {
  const s = deps.config.slack;
  if (!s.botToken || !s.signingSecret) {
    throw new UserError('config_invalid', 'Slack needs SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET (see docs/slack.md).');
  }
  const { app, work } = createSlackApp(
    {
      botToken: s.botToken,
      signingSecret: s.signingSecret,
      appToken: s.appToken,
      apiUrl: s.apiUrl,
      approvalsChannel: s.approvalsChannel,
      supervisorIds: s.supervisorIds,
      supervisorGroup: s.supervisorGroup,
      agentIds: s.agentIds,
      agentGroup: s.agentGroup,
      caseChannels: s.caseChannels,
      actorMap: deps.config.actorMap,
      timeZone: options.timeZone,
    },
    deps.desk,
    deps.logger,
    deps.clock,
    deps.training,
  );
  // Stop taking requests, then let drafts already acked finish (bounded), so no agent who saw
  // "Drafting the case…" is left without a card.
  const stop = async () => {
    await app.stop();
    await Promise.race([work.drain(), new Promise((r) => setTimeout(r, STOP_DRAIN_MS).unref())]);
  };
  // The weekly report: files.uploadV2 (getUploadURLExternal, the upload, completeUploadExternal) shares the PNG with its summary.
  const channel = s.reportChannel;
  const reportPoster: ReportPoster | undefined = channel
    ? {
      platform: 'slack',
      async post(p) {
        await app.client.files.uploadV2({ channel_id: channel, file: p.png, filename: p.filename, title: p.title, initial_comment: p.text });
      },
    }
    : undefined;
  // The lifecycle scheduler's notices (chat/lifecycle-flow.ts words them and picks the cases):
  // a reminder in the card's thread (the card redrawn when a follow-up was drafted, for its
  // Approve button); an escalation to SLACK_APPROVALS_CHANNEL, else the card's thread.
  const lifecycleNotifier = notifierFor('slack', {
    async thread(view, text, n) {
      if (!view.channel) return;
      await app.client.chat.postMessage({ channel: view.channel.channelId, thread_ts: view.channel.messageId, text, unfurl_links: false });
      if (n.followUpDrafted && view.channel.messageId) {
        const card = buildCaseCard(view, options.timeZone);
        await app.client.chat.update({ channel: view.channel.channelId, ts: view.channel.messageId, text: card.text, blocks: card.blocks });
      }
    },
    async supervisors(view, text) {
      const channel = s.approvalsChannel ?? view.channel?.channelId;
      if (!channel) return void deps.logger.warn({ caseId: view.id }, 'lifecycle escalation has no Slack channel (set SLACK_APPROVALS_CHANNEL)');
      await app.client.chat.postMessage({ channel, ...(s.approvalsChannel || !view.channel ? {} : { thread_ts: view.channel.messageId }), text, unfurl_links: false });
    },
  }, deps.clock);
  const extra = { lifecycleNotifier, ...(reportPoster ? { reportPoster } : {}) };
  const onAck = deps.onAck;
  if (s.appToken) {
    // Socket Mode: from the envelope reaching Bolt to its ack sent over the socket.
    if (onAck) {
      const processEvent = app.processEvent.bind(app);
      app.processEvent = (event) => {
        const receivedAt = performance.now();
        let acked = false;
        return processEvent({
          ...event,
          ack: async (response) => {
            try {
              return await event.ack(response);
            } finally {
              if (!acked) onAck('slack', (performance.now() - receivedAt) / 1000);
              acked = true;
            }
          },
        });
      };
    }
    await app.start();
    deps.logger.info({ mode: 'socket' }, 'slack adapter started');
    return { stop, ...extra };
  }
  const server = await app.start({ port: deps.config.port, ...(options.host ? { host: options.host } : {}) });
  refuseFutureRequests(server, deps.clock, (skewSec) => deps.logger.warn({ skewSec }, 'slack request dated in the future refused'));
  // HTTP: the ack latency is from the request's arrival to its response handed to the socket.
  work.watch(server, onAck ? (seconds) => onAck('slack', seconds) : undefined);
  const port = (server.address() as AddressInfo).port;
  deps.logger.info({ mode: 'http', port }, 'slack adapter started');
  return { stop, port, ...extra };
}
