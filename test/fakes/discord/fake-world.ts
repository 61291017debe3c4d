/**
 * The guild the fake Discord serves: its roles, channels and members, and the snowflakes and
 * payload pieces (users, members, guild) Discord would send for them.
 */
import { randomBytes } from 'node:crypto';
import {
  ChannelType,
  Locale,
  type ChannelFlags,
  type GuildMemberFlags,
  type GuildSystemChannelFlags,
  type RoleFlags,
  type UserFlags,
  type APIGuildMember,
  type APIInteractionGuildMember,
  type APIRole,
  type APITextChannel,
  type APIUser,
  type GatewayGuildCreateDispatchData,
} from 'discord.js';

export interface FakeMember {
  id: string;
  username: string;
  /** Role ids (besides @everyone, whose id is the guild id). */
  roles: string[];
}

export interface FakeGuild {
  id: string;
  name: string;
  ownerId: string;
  roles: { id: string; name: string }[];
  channels: { id: string; name: string }[];
  members: FakeMember[];
}

export interface FakeWorld {
  applicationId: string;
  token: string;
  bot: { id: string; username: string };
  /** The guild tests act in unless they name a channel of another. */
  guild: FakeGuild;
  /** More guilds the bot is in (sharding tests: guilds owned by different shards). */
  otherGuilds?: FakeGuild[];
}

/** Every guild the bot is in. */
export function guildsOf(world: FakeWorld): FakeGuild[] {
  return [world.guild, ...(world.otherGuilds ?? [])];
}

/** The guild holding `channelId` (the main guild when no guild does). */
export function guildOfChannel(world: FakeWorld, channelId: string | undefined): FakeGuild {
  return guildsOf(world).find((g) => g.channels.some((c) => c.id === channelId)) ?? world.guild;
}

/** The shard that receives a guild's events, as Discord routes them: (guild_id >> 22) % count. */
export function shardOf(guildId: string, shardCount: number): number {
  return Number((BigInt(guildId) >> 22n) % BigInt(shardCount));
}

/**
 * A second guild with the same members and role ids as the main one (a fake's shortcut: one
 * DISCORD_SUPERVISOR_ROLE_IDS covers both) and its own id and channels.
 */
export function addGuild(world: FakeWorld, g: { id: string; name: string; channels: { id: string; name: string }[] }): FakeGuild {
  const guild: FakeGuild = { ...world.guild, ...g };
  world.otherGuilds = [...(world.otherGuilds ?? []), guild];
  return guild;
}

const DISCORD_EPOCH = 1_420_070_400_000n;
let increment = 0n;

/** A snowflake as Discord makes them: ms since the Discord epoch, then worker/process/increment bits. */
export function makeSnowflake(now = Date.now()): string {
  increment = (increment + 1n) & 0xfffn;
  return ((BigInt(now) - DISCORD_EPOCH) << 22n | (1n << 17n) | increment).toString();
}

/** An interaction or webhook token: opaque, long, URL-safe. */
export function makeToken(prefix: string): string {
  return `${Buffer.from(prefix).toString('base64url')}.${randomBytes(48).toString('base64url')}`;
}

/** The user object Discord sends for a member or the bot. */
export function toUser(m: { id: string; username: string }, bot = false): APIUser {
  return {
    id: m.id,
    username: m.username,
    discriminator: '0',
    global_name: m.username,
    avatar: null,
    public_flags: 0 as UserFlags,
    flags: 0 as UserFlags,
    primary_guild: null,
    ...(bot ? { bot: true } : {}),
  };
}

const JOINED_AT = '2026-01-05T08:00:00.000000+00:00';

export function toGuildMember(m: FakeMember): APIGuildMember {
  return { user: toUser(m), nick: null, roles: [...m.roles], joined_at: JOINED_AT, deaf: false, mute: false, flags: 0 as GuildMemberFlags };
}

/** The `member` of an interaction: a guild member plus the permissions it has in the channel. */
export function toInteractionMember(m: FakeMember): APIInteractionGuildMember {
  return { ...toGuildMember(m), user: toUser(m), permissions: '2248473465835073' };
}

function toRole(r: { id: string; name: string }, position: number): APIRole {
  return {
    id: r.id, name: r.name, color: 0, colors: { primary_color: 0, secondary_color: null, tertiary_color: null },
    hoist: false, icon: null, unicode_emoji: null, position, permissions: '0', managed: false, mentionable: false, flags: 0 as RoleFlags,
  };
}

/** GUILD_CREATE as sent right after READY for each guild the bot is in (with the Guilds intent). */
export function toGuildCreate(world: FakeWorld, g: FakeGuild = world.guild): GatewayGuildCreateDispatchData {
  const everyone = toRole({ id: g.id, name: '@everyone' }, 0);
  const botMember: FakeMember = { id: world.bot.id, username: world.bot.username, roles: [] };
  return {
    id: g.id, name: g.name, icon: null, splash: null, discovery_splash: null, owner_id: g.ownerId,
    region: 'auto', afk_channel_id: null, afk_timeout: 300, verification_level: 1, default_message_notifications: 1,
    explicit_content_filter: 2, roles: [everyone, ...g.roles.map((r, i) => toRole(r, i + 1))], emojis: [], features: [],
    mfa_level: 0, application_id: null, system_channel_id: null, system_channel_flags: 0 as GuildSystemChannelFlags, rules_channel_id: null,
    vanity_url_code: null, description: null, banner: null, premium_tier: 0, premium_subscription_count: 0,
    preferred_locale: Locale.EnglishUS, public_updates_channel_id: null, nsfw_level: 0, stickers: [], premium_progress_bar_enabled: false,
    hub_type: null, safety_alerts_channel_id: null, incidents_data: null, max_video_channel_users: 25, max_stage_video_channel_users: 50,
    joined_at: JOINED_AT, large: false, unavailable: false, member_count: g.members.length + 1,
    voice_states: [], members: [...g.members, botMember].map(toGuildMember),
    channels: g.channels.map((c, i): APITextChannel => ({
      id: c.id, type: ChannelType.GuildText, name: c.name, position: i, parent_id: null, topic: null, nsfw: false,
      last_message_id: null, rate_limit_per_user: 0, permission_overwrites: [], flags: 0 as ChannelFlags, guild_id: g.id,
    })),
    threads: [], presences: [], stage_instances: [], guild_scheduled_events: [], soundboard_sounds: [],
  };
}

/** A small store: an owner, two agents, two supervisors, a bystander; one supervisor role. */
export function defaultWorld(): FakeWorld {
  return {
    applicationId: '1300000000000000001',
    token: `MTMwMDAwMDAwMDAwMDAwMDAwMQ.${randomBytes(5).toString('base64url')}.${randomBytes(20).toString('base64url')}`,
    bot: { id: '1300000000000000001', username: 'Settle' },
    guild: {
      id: '1300000000000000100',
      name: 'Lotus Tea Shop',
      ownerId: '1300000000000000201',
      roles: [
        { id: '1300000000000000110', name: 'supervisor' },
        { id: '1300000000000000111', name: 'agent' },
      ],
      channels: [
        { id: '1300000000000000150', name: 'after-sales' },
        { id: '1300000000000000151', name: 'approvals' },
      ],
      members: [
        { id: '1300000000000000201', username: 'owner.wang', roles: [] },
        { id: '1300000000000000202', username: 'agent.li', roles: ['1300000000000000111'] },
        { id: '1300000000000000203', username: 'agent.zhao', roles: ['1300000000000000111'] },
        { id: '1300000000000000204', username: 'sup.chen', roles: ['1300000000000000110'] },
        { id: '1300000000000000205', username: 'sup.liu', roles: ['1300000000000000110', '1300000000000000111'] },
        { id: '1300000000000000206', username: 'visitor.ng', roles: [] },
      ],
    },
  };
}

/** Looks a member up by username, so tests read `member(world, 'sup.chen')`. */
export function findMember(world: FakeWorld, username: string): FakeMember {
  const m = world.guild.members.find((x) => x.username === username);
  if (!m) throw new Error(`no member ${username} in the fake guild`);
  return m;
}
