/**
 * INTERACTION_CREATE payloads as Discord sends them for a guild: a slash command with a
 * subcommand and options, a button click on a message, a modal submit. Typed with
 * discord-api-types so a malformed payload does not compile.
 */
import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  ChannelType,
  ComponentType,
  InteractionContextType,
  InteractionType,
  Locale,
  type APIChatInputApplicationCommandGuildInteraction,
  type APIMessage,
  type APIMessageComponentButtonInteraction,
  type APIModalSubmitInteraction,
  type APIModalInteractionResponseCallbackData,
  type APIModalSubmissionComponent,
} from 'discord.js';
import { guildOfChannel, makeSnowflake, makeToken, toInteractionMember, type FakeMember, type FakeWorld } from './fake-world.ts';

/** The parts every interaction shares: ids, token, guild, channel, the member who acted. */
function base(world: FakeWorld, member: FakeMember, channelId: string) {
  const id = makeSnowflake();
  const guild = guildOfChannel(world, channelId);
  const name = guild.channels.find((c) => c.id === channelId)?.name ?? 'unknown';
  return {
    id,
    application_id: world.applicationId,
    token: makeToken(`interaction:${id}`),
    version: 1 as const,
    guild_id: guild.id,
    guild: { id: guild.id, locale: Locale.EnglishUS, features: [] },
    channel_id: channelId,
    channel: { id: channelId, type: ChannelType.GuildText as const, name, guild_id: guild.id },
    member: toInteractionMember(member),
    app_permissions: '2248473465835073',
    locale: Locale.EnglishUS,
    guild_locale: Locale.EnglishUS,
    entitlements: [],
    authorizing_integration_owners: { [ApplicationIntegrationType.GuildInstall]: guild.id },
    context: InteractionContextType.Guild,
    attachment_size_limit: 10_485_760,
  };
}

/** `/settle <subcommand> option:value …` typed by a member in a channel. */
export function slashCommand(
  world: FakeWorld,
  member: FakeMember,
  channelId: string,
  command: { name: string; id?: string; subcommand: string; options?: Record<string, string> },
): APIChatInputApplicationCommandGuildInteraction {
  const options = Object.entries(command.options ?? {}).map(([name, value]) => ({
    type: ApplicationCommandOptionType.String as const, name, value,
  }));
  return {
    ...base(world, member, channelId),
    type: InteractionType.ApplicationCommand,
    data: {
      id: command.id ?? makeSnowflake(),
      name: command.name,
      type: ApplicationCommandType.ChatInput,
      guild_id: guildOfChannel(world, channelId).id,
      options: [{ type: ApplicationCommandOptionType.Subcommand, name: command.subcommand, options }],
    },
  };
}

/** A click on the button `customId` of `message`, as the Discord client sends it. */
export function buttonClick(world: FakeWorld, member: FakeMember, message: APIMessage, customId: string): APIMessageComponentButtonInteraction {
  return {
    ...base(world, member, message.channel_id),
    type: InteractionType.MessageComponent,
    message,
    data: { custom_id: customId, component_type: ComponentType.Button },
  };
}

/**
 * A modal submitted with `values` by text-input custom id. Components come back in the shape
 * they were sent: label-wrapped inputs as labels, legacy action rows as rows.
 */
export function modalSubmit(
  world: FakeWorld,
  member: FakeMember,
  channelId: string,
  modal: APIModalInteractionResponseCallbackData,
  values: Record<string, string>,
  message?: APIMessage,
): APIModalSubmitInteraction {
  const components = modal.components.flatMap((c): APIModalSubmissionComponent[] => {
    if (c.type === ComponentType.Label && c.component.type === ComponentType.TextInput) {
      const input = c.component;
      return [{ type: ComponentType.Label, id: c.id ?? 0, component: { type: ComponentType.TextInput, id: input.id ?? 0, custom_id: input.custom_id, value: values[input.custom_id] ?? '' } }];
    }
    if (c.type === ComponentType.ActionRow) {
      return [{
        type: ComponentType.ActionRow,
        components: c.components.flatMap((i) => (i.type === ComponentType.TextInput ? [{ type: ComponentType.TextInput as const, custom_id: i.custom_id, value: values[i.custom_id] ?? '' }] : [])),
      }];
    }
    return [];
  });
  const payload: APIModalSubmitInteraction = {
    ...base(world, member, channelId),
    type: InteractionType.ModalSubmit,
    data: { custom_id: modal.custom_id, components },
  };
  // A modal opened from a button carries the message the button was on.
  if (message) payload.message = message;
  return payload;
}
