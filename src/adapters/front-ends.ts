/**
 * The chat front ends `settle start` can run: one row each (grammY-style table, not an `if`
 * chain). A row says when it is configured and how it starts; its module is imported only then,
 * so the console never loads a chat SDK. With no row enabled, `settle start` opens the console.
 * A new platform is one row here plus its adapter folder (translation only: src/chat has the flows).
 */
import type { FrontEnd, StartDeps } from '../app/start-deps.ts';
import type { Config } from '../config.ts';

export interface FrontEndRow {
  name: string;
  enabled(config: Config): boolean;
  start(deps: StartDeps): Promise<FrontEnd>;
}

export const CHAT_FRONT_ENDS: readonly FrontEndRow[] = [
  { name: 'slack', enabled: (c) => c.slackEnabled, start: async (deps) => (await import('./slack/start-slack.ts')).startSlack(deps) },
  { name: 'discord', enabled: (c) => c.discordEnabled, start: async (deps) => (await import('./discord/start-discord.ts')).startDiscord(deps) },
];

/** The rows `config` enables, in table order. */
export function enabledFrontEnds(config: Config): FrontEndRow[] {
  return CHAT_FRONT_ENDS.filter((row) => row.enabled(config));
}
