/**
 * A loopback fake of Discord that a real discord.js Client logs in to: REST under
 * `http://127.0.0.1:PORT/api` and the gateway at `ws://127.0.0.1:PORT/gateway`, one guild.
 * Tests act as Discord users (`slash`, `click`, `submitModal`) and read what the bot did from
 * the recorded REST calls and the messages the fake stores.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIInteraction, APIMessage } from 'discord.js';
import { FakeGateway } from './fake-gateway.ts';
import { buttonsOf } from './fake-messages.ts';
import { FakeRest, type RecordedCall } from './fake-rest.ts';
import { defaultWorld, findMember, type FakeWorld } from './fake-world.ts';
import { buttonClick, modalSubmit, slashCommand } from './interaction-payloads.ts';
import { loadStrictSpec } from './strict-schemas.ts';

export interface FakeDiscord {
  world: FakeWorld;
  /** The REST base to give discord.js (`rest: { api }`); it appends `/v10`. */
  apiUrl: string;
  rest: FakeRest;
  gateway: FakeGateway;
  /** `/settle <subcommand>` by `username` in the first channel (or `channelId`). */
  slash(username: string, subcommand: string, options?: Record<string, string>, channelId?: string): APIInteraction;
  /** Clicks a button as it currently is on a stored message; refuses buttons not shown or disabled. */
  click(username: string, messageId: string, customId: string): APIInteraction;
  /** Clicks a button on a snapshot of a message (two users looking at the same old card). */
  clickOn(username: string, message: APIMessage, customId: string): APIInteraction;
  /** Submits the modal shown in answer to `interactionId`, with values by text-input custom id. */
  submitModal(username: string, interactionId: string, values: Record<string, string>): APIInteraction;
  /** Dispatches any INTERACTION_CREATE payload. */
  send(payload: APIInteraction): APIInteraction;
  /** Resolves with the first recorded call (past or future) matching `test`. */
  waitForCall(test: (c: RecordedCall) => boolean, timeoutMs?: number): Promise<RecordedCall>;
  /** REST calls answering one interaction: its callback and webhook calls with its token. */
  callsFor(interaction: APIInteraction): RecordedCall[];
  /** Every recorded call whose body broke the schema or Discord's rules. */
  invalidCalls(): RecordedCall[];
  /** The next `times` requests on `route` (`METHOD /template`) get a 429. */
  rateLimitNext(route: string, opts?: { retryAfterSeconds?: number; global?: boolean; times?: number }): void;
  message(id: string): APIMessage;
  close(): Promise<void>;
}

export async function startFakeDiscord(opts: { world?: FakeWorld; heartbeatIntervalMs?: number } = {}): Promise<FakeDiscord> {
  const world = opts.world ?? defaultWorld();
  const spec = await loadStrictSpec();
  const server = http.createServer();
  let port = 0;
  const gatewayUrl = () => `ws://127.0.0.1:${port}/gateway`;
  const rest = new FakeRest(world, spec, gatewayUrl);
  server.on('request', (req, res) => {
    rest.handle(req, res).catch((e: unknown) => {
      res.writeHead(500).end(String(e));
    });
  });
  const gateway = new FakeGateway(server, world, { path: '/gateway', url: gatewayUrl, heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 2_000 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const firstChannel = world.guild.channels[0]?.id ?? '';

  const send = (payload: APIInteraction): APIInteraction => {
    rest.trackInteraction(payload);
    gateway.dispatch('INTERACTION_CREATE', payload);
    return payload;
  };
  const message = (id: string): APIMessage => {
    const m = rest.messages.get(id);
    if (!m) throw new Error(`fake Discord has no message ${id}`);
    return m;
  };
  const clickOn = (username: string, m: APIMessage, customId: string): APIInteraction => {
    const button = buttonsOf(m).find((b) => b.custom_id === customId);
    if (!button) throw new Error(`message ${m.id} shows no button ${customId}`);
    if (button.disabled) throw new Error(`button ${customId} is disabled`);
    return send(buttonClick(world, findMember(world, username), structuredClone(m), customId));
  };

  return {
    world,
    apiUrl: `http://127.0.0.1:${port}/api`,
    rest,
    gateway,
    send,
    message,
    clickOn,
    slash: (username, subcommand, options = {}, channelId = firstChannel) =>
      send(slashCommand(world, findMember(world, username), channelId, { name: 'settle', subcommand, options })),
    click: (username, messageId, customId) => clickOn(username, message(messageId), customId),
    submitModal(username, interactionId, values) {
      const state = rest.interactions.get(interactionId);
      if (!state?.modal) throw new Error(`interaction ${interactionId} was not answered with a modal`);
      const p = state.payload;
      return send(modalSubmit(world, findMember(world, username), p.channel?.id ?? p.channel_id ?? firstChannel, state.modal, values, 'message' in p ? p.message : undefined));
    },
    waitForCall(test, timeoutMs = 5_000) {
      const found = rest.calls.find(test);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const onCall = (c: RecordedCall) => {
          if (!test(c)) return;
          clearTimeout(timer);
          rest.off('call', onCall);
          resolve(c);
        };
        const timer = setTimeout(() => {
          rest.off('call', onCall);
          reject(new Error(`no matching REST call within ${timeoutMs} ms; calls so far:\n${rest.calls.map((c) => `  ${c.status} ${c.route}`).join('\n')}`));
        }, timeoutMs);
        rest.on('call', onCall);
      });
    },
    callsFor: (interaction) =>
      rest.calls.filter((c) => c.params.interaction_id === interaction.id || c.params.webhook_token === interaction.token),
    invalidCalls: () => rest.calls.filter((c) => c.problems.length > 0),
    rateLimitNext(route, o = {}) {
      rest.rateLimits.push({ route, retryAfterSeconds: o.retryAfterSeconds ?? 1, global: o.global ?? false, times: o.times ?? 1 });
    },
    async close() {
      await gateway.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
