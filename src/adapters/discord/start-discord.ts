/**
 * Starts Settle on Discord: a discord.js client with only the Guilds intent (customer text
 * arrives through commands and modals, so no privileged intent), interactions routed to the
 * handlers, rate limits and connection trouble logged. discord.js resumes dropped sessions by
 * itself; we make sure nothing it reports can crash the process.
 */
import { AttachmentBuilder, Client, Events, GatewayIntentBits, Routes, type Interaction } from 'discord.js';
import type { LifecycleNotifier } from '../../app/lifecycle.ts';
import { notifierFor } from '../../chat/lifecycle-flow.ts';
import type { StartDeps } from '../../app/start-deps.ts';
import type { ReportPoster } from '../../app/weekly-report-post.ts';
import { UserError } from '../../core/errors.ts';
import type { DiscordDeps } from './discord-deps.ts';
import { handleButton } from './handle-button.ts';
import { handleCommand } from './handle-command.ts';
import { handleModal } from './handle-modal.ts';
import { renderCard } from './render-card.ts';
import { Responder } from './respond.ts';

/** Logs in and serves until `stop()`. Resolves once the gateway session is ready. */
export async function startDiscord(deps: StartDeps): Promise<{ stop(): Promise<void>; reportPoster?: ReportPoster; lifecycleNotifier: LifecycleNotifier }> {
  const { config, logger } = deps;
  const { token, apiUrl } = config.discord;
  if (!token) throw new UserError('config_invalid', 'DISCORD_TOKEN is not set.');
  const log = logger.child({ part: 'discord' });
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    // DISCORD_API_URL: a proxy or the test fake; discord.js appends /v10.
    rest: apiUrl ? { api: apiUrl } : {},
    // DISCORD_SHARD_IDS / DISCORD_SHARD_COUNT: this process's share of the bot's guilds.
    ...(config.discord.shards ? { shards: config.discord.shards.ids, shardCount: config.discord.shards.count } : {}),
  });
  const ctx: DiscordDeps = {
    desk: deps.desk,
    logger: log,
    clock: deps.clock,
    respond: new Responder(client.rest),
    supervisorRoleIds: new Set(config.discord.supervisorRoleIds),
    agentRoleIds: new Set(config.discord.agentRoleIds),
    caseChannelIds: new Set(config.discord.caseChannelIds),
    actorMap: config.actorMap,
    ...(deps.training ? { training: deps.training } : {}),
    ...(deps.onAck ? { onAck: (seconds: number) => deps.onAck!('discord', seconds) } : {}),
  };
  watchConnection(client, log);
  client.on(Events.InteractionCreate, (interaction) => {
    routeInteraction(ctx, interaction).catch((err: unknown) => log.error({ err, interactionId: interaction.id }, 'interaction handler crashed'));
  });
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  try {
    await client.login(token);
    await ready;
  } catch (err) {
    // A refused token or an unreachable API: release sockets and timers, then report.
    await client.destroy();
    log.error({ err }, 'discord login failed');
    throw new UserError('config_invalid', `Discord login failed: ${(err as Error).message} (check DISCORD_TOKEN and DISCORD_API_URL).`);
  }
  log.info({ user: client.user?.tag, guilds: client.guilds.cache.size, shards: config.discord.shards ?? { ids: [0], count: 1 } }, 'discord adapter ready');
  const channelId = config.discord.reportChannelId;
  // The weekly report: one message in the supervisors' channel, the PNG as its attachment.
  const reportPoster: ReportPoster | undefined = channelId
    ? {
      platform: 'discord',
      async post(p) {
        const channel = await client.channels.fetch(channelId);
        if (!channel?.isSendable()) throw new UserError('config_invalid', `DISCORD_REPORT_CHANNEL_ID ${channelId} is not a channel the bot can post in`);
        await channel.send({ content: p.text, files: [new AttachmentBuilder(p.png, { name: p.filename, description: p.title })] });
      },
    }
    : undefined;
  // The lifecycle scheduler's notices (chat/lifecycle-flow.ts words them and picks the cases): a
  // reminder as a reply to the case's card in its channel (the card redrawn when a follow-up was
  // drafted, for its Approve button); an escalation to DISCORD_SUPERVISOR_CHANNEL_ID, else there.
  const post = (channelId: string, content: string, replyTo?: string) => client.rest.post(Routes.channelMessages(channelId), {
    body: { content, allowed_mentions: { parse: [] }, ...(replyTo ? { message_reference: { message_id: replyTo, fail_if_not_exists: false } } : {}) },
  });
  const supervisorChannel = config.discord.supervisorChannelId;
  const lifecycleNotifier = notifierFor('discord', {
    async thread(view, text, n) {
      if (!view.channel) return;
      await post(view.channel.channelId, text, view.channel.messageId);
      if (n.followUpDrafted && view.channel.messageId) await client.rest.patch(Routes.channelMessage(view.channel.channelId, view.channel.messageId), { body: renderCard(view) });
    },
    async supervisors(view, text) {
      const channelId = supervisorChannel ?? view.channel?.channelId;
      if (!channelId) return void log.warn({ caseId: view.id }, 'lifecycle escalation has no Discord channel (set DISCORD_SUPERVISOR_CHANNEL_ID)');
      await post(channelId, text, supervisorChannel ? undefined : view.channel?.messageId);
    },
  }, deps.clock);
  return {
    lifecycleNotifier,
    ...(reportPoster ? { reportPoster } : {}),
    async stop() {
      await client.destroy();
      log.info('discord adapter stopped');
    },
  };
}

/** Sends each interaction to its handler; anything else (autocomplete, context menus) is ignored. */
export async function routeInteraction(deps: DiscordDeps, interaction: Interaction): Promise<void> {
  if (interaction.isChatInputCommand() && interaction.commandName === 'settle') return handleCommand(deps, interaction);
  if (interaction.isButton()) return handleButton(deps, interaction);
  if (interaction.isModalSubmit()) return handleModal(deps, interaction);
  return undefined;
}

/** Rate limits, disconnects, resumes and errors become log lines, never crashes. */
function watchConnection(client: Client, log: DiscordDeps['logger']): void {
  client.rest.on('rateLimited', (info) => {
    log.warn({ route: info.route, method: info.method, retryAfterMs: info.retryAfter, global: info.global, scope: info.scope, limit: info.limit }, 'discord rate limited; waiting');
  });
  client.on(Events.Error, (err) => log.error({ err }, 'discord client error'));
  client.on(Events.Warn, (message) => log.warn({ message }, 'discord warning'));
  client.on(Events.ShardError, (err, shardId) => log.error({ err, shardId }, 'discord gateway error'));
  client.on(Events.ShardDisconnect, (event, shardId) => log.warn({ code: event.code, shardId }, 'discord gateway disconnected'));
  client.on(Events.ShardReconnecting, (shardId) => log.info({ shardId }, 'discord gateway reconnecting'));
  client.on(Events.ShardResume, (shardId, replayed) => log.info({ shardId, replayed }, 'discord gateway resumed'));
  client.on(Events.Invalidated, () => log.error('discord session invalidated'));
}
