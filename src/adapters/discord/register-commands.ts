/**
 * Registers `/settle` with Discord by bulk overwrite (PUT), in one guild (instant) or globally
 * (may take up to an hour to appear). Run once per change, not at every start.
 */
import { REST, Routes, type APIApplicationCommand } from 'discord.js';
import { buildSettleCommand } from './command-definition.ts';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  guildId?: string;
  /** REST base override (DISCORD_API_URL). */
  apiUrl?: string;
}

/** PUTs the command list; returns what Discord now has registered. */
export async function registerCommands(o: RegisterOptions): Promise<APIApplicationCommand[]> {
  const rest = new REST(o.apiUrl ? { api: o.apiUrl } : {}).setToken(o.token);
  const route = o.guildId ? Routes.applicationGuildCommands(o.applicationId, o.guildId) : Routes.applicationCommands(o.applicationId);
  return (await rest.put(route, { body: [buildSettleCommand()] })) as APIApplicationCommand[];
}
