/**
 * `settle discord register [--guild ID]` — registers the /settle command with Discord. Run it
 * once after creating the application (and after upgrading Settle), not at every start: a
 * guild registration appears at once, a global one may take up to an hour.
 */
import { parseArgs } from 'node:util';
import { registerCommands } from '../../adapters/discord/register-commands.ts';
import { loadConfig } from '../../config.ts';
import { isUserError } from '../../core/errors.ts';
import type { Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';

const HELP = `usage: settle discord register [--guild ID]

Registers the /settle slash command (case, queue, help) for the application in
DISCORD_APPLICATION_ID, using the bot token in DISCORD_TOKEN (DISCORD_API_URL overrides the API).

  --guild ID   register in one server (appears at once); without it, globally
`;

export const discordCommand: Command = async (args, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args, options: { guild: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (e) {
    io.stderr.write(`settle discord: ${(e as Error).message}\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout.write(HELP);
    return EXIT_OK;
  }
  if (positionals.length !== 1 || positionals[0] !== 'register') {
    io.stderr.write(`settle discord: expected 'register'\n\n${HELP}`);
    return EXIT_USAGE;
  }
  if (values.guild !== undefined && !/^\d{5,25}$/.test(values.guild)) {
    io.stderr.write(`settle discord: --guild must be a server id (digits), got '${values.guild}'\n`);
    return EXIT_USAGE;
  }
  try {
    const { discord } = loadConfig(io.env);
    if (!discord.token || !discord.applicationId) {
      io.stderr.write('settle discord: set DISCORD_TOKEN and DISCORD_APPLICATION_ID first (see docs/discord.md)\n');
      return EXIT_USAGE;
    }
    const registered = await registerCommands({ token: discord.token, applicationId: discord.applicationId, guildId: values.guild, apiUrl: discord.apiUrl });
    const where = values.guild ? `in server ${values.guild}` : 'globally (may take up to an hour to appear)';
    io.stdout.write(`registered ${registered.map((c) => `/${c.name}`).join(', ')} ${where}\n`);
    return EXIT_OK;
  } catch (e) {
    // Config errors and Discord's refusals (401, 403 Missing Access) are the person's to fix.
    const message = isUserError(e) ? e.message : (e as Error).message;
    io.stderr.write(`settle discord: ${message}\n`);
    return EXIT_INPUT_ERROR;
  }
};
