/**
 * The gateway half of the fake Discord: a WebSocket endpoint speaking gateway v10 in JSON.
 *
 * HELLO on connect; IDENTIFY (token and intents checked, privileged intents refused with 4014;
 * `shard: [id, count]` checked, 4010 when out of range) → READY + GUILD_CREATE for each guild the
 * shard owns; heartbeats ACKed; RESUME replays what the session missed, as Discord does;
 * dispatches carry sequence numbers. A guild's events go only to the sessions of the shard that
 * owns it, (guild_id >> 22) % count, as Discord routes them; events of no guild go to shard 0.
 * Tests inject INTERACTION_CREATE through `dispatch` and can drop connections to exercise
 * reconnects.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { guildsOf, shardOf, toGuildCreate, toUser, type FakeWorld } from './fake-world.ts';

/** Intents a bot must enable in the developer portal before it may ask for them. */
const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

interface Session {
  id: string;
  /** [shard id, shard count] from IDENTIFY. */
  shard: [number, number];
  seq: number;
  /** Every dispatch of the session, for RESUME replays. */
  sent: { s: number; t: string; d: unknown }[];
  socket?: WebSocket;
}

export interface IdentifyRecord {
  intents: number;
  /** The shard the client identified as ([0, 1] when it sent none). */
  shard: [number, number];
  at: number;
}

export class FakeGateway {
  readonly identifies: IdentifyRecord[] = [];
  readonly resumes: { sessionId: string; seq: number }[] = [];
  heartbeats = 0;
  private readonly wss: WebSocketServer;
  private readonly sessions = new Map<string, Session>();
  private readyWaiters: (() => void)[] = [];

  constructor(
    server: Server,
    private readonly world: FakeWorld,
    private readonly options: { path: string; url: () => string; heartbeatIntervalMs: number },
  ) {
    this.wss = new WebSocketServer({ server, path: options.path });
    this.wss.on('connection', (socket, req) => this.accept(socket, req.url ?? ''));
  }

  /**
   * Sends a dispatch (op 0), buffered for resumes, to every session of the shard owning the
   * event's guild (`d.guild_id`); an event of no guild (a DM) goes to shard 0's sessions.
   */
  dispatch(t: string, d: unknown): void {
    const guildId = typeof d === 'object' && d !== null && 'guild_id' in d && typeof d.guild_id === 'string' ? d.guild_id : undefined;
    for (const session of this.sessions.values()) {
      if (this.owns(session, guildId)) this.send(session, t, d);
    }
  }

  /** The shards identified so far, as [id, count]. */
  get shards(): [number, number][] {
    return [...this.sessions.values()].map((s) => s.shard);
  }

  private owns(session: Session, guildId: string | undefined): boolean {
    const [id, count] = session.shard;
    return guildId === undefined ? id === 0 : shardOf(guildId, count) === id;
  }

  /** Resolves once `n` sessions have received READY. */
  waitForSessions(n: number): Promise<void> {
    if (this.liveSessions >= n) return Promise.resolve();
    return new Promise((resolve) => {
      const check = () => (this.liveSessions >= n ? resolve() : this.readyWaiters.push(check));
      this.readyWaiters.push(check);
    });
  }

  /** Resolves once some session has received READY (immediately if one has). */
  waitForReady(): Promise<void> {
    if ([...this.sessions.values()].some((s) => s.socket)) return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Closes every live socket with a resumable close code (4000 unknown error), as an outage would. */
  dropConnections(code: number = GatewayCloseCodes.UnknownError): void {
    for (const s of this.sessions.values()) {
      s.socket?.close(code, 'fake outage');
      s.socket = undefined;
    }
  }

  /** Asks clients to reconnect (op 7), as Discord does before moving a session. */
  requestReconnect(): void {
    for (const s of this.sessions.values()) s.socket?.send(JSON.stringify({ op: GatewayOpcodes.Reconnect, d: null, s: null, t: null }));
  }

  get liveSessions(): number {
    return [...this.sessions.values()].filter((s) => s.socket).length;
  }

  async close(): Promise<void> {
    for (const client of this.wss.clients) client.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private accept(socket: WebSocket, url: string): void {
    const query = new URL(url, 'ws://fake').searchParams;
    if (query.get('v') !== '10') return socket.close(GatewayCloseCodes.InvalidAPIVersion, 'Invalid API version');
    if (query.get('encoding') !== 'json') return socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
    let bound: Session | undefined;
    socket.send(JSON.stringify({ op: GatewayOpcodes.Hello, d: { heartbeat_interval: this.options.heartbeatIntervalMs }, s: null, t: null }));
    socket.on('message', (raw) => {
      let packet: { op: number; d: Record<string, unknown> | number | null };
      try {
        packet = JSON.parse(String(raw)) as typeof packet;
      } catch {
        return socket.close(GatewayCloseCodes.DecodeError, 'Error while decoding payload.');
      }
      switch (packet.op) {
        case GatewayOpcodes.Heartbeat:
          this.heartbeats += 1;
          return socket.send(JSON.stringify({ op: GatewayOpcodes.HeartbeatAck, d: null, s: null, t: null }));
        case GatewayOpcodes.Identify:
          if (bound) return socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
          bound = this.identify(socket, packet.d as Record<string, unknown>);
          return undefined;
        case GatewayOpcodes.Resume:
          if (bound) return socket.close(GatewayCloseCodes.AlreadyAuthenticated, 'Already authenticated.');
          bound = this.resume(socket, packet.d as Record<string, unknown>);
          return undefined;
        case GatewayOpcodes.PresenceUpdate:
        case GatewayOpcodes.RequestGuildMembers:
          return undefined;
        default:
          return socket.close(GatewayCloseCodes.UnknownOpcode, 'Unknown opcode.');
      }
    });
    socket.on('close', () => {
      if (bound?.socket === socket) bound.socket = undefined;
    });
  }

  private identify(socket: WebSocket, d: Record<string, unknown>): Session | undefined {
    if (d.token !== this.world.token) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    const intents = Number(d.intents);
    if (!Number.isInteger(intents) || intents < 0) {
      socket.close(GatewayCloseCodes.InvalidIntents, 'Invalid intent(s).');
      return undefined;
    }
    const shard: [number, number] = Array.isArray(d.shard) ? [Number(d.shard[0]), Number(d.shard[1])] : [0, 1];
    const [shardId, shardCount] = shard;
    if (!Number.isInteger(shardId) || !Number.isInteger(shardCount) || shardCount < 1 || shardId < 0 || shardId >= shardCount) {
      socket.close(GatewayCloseCodes.InvalidShard, 'Invalid shard.');
      return undefined;
    }
    this.identifies.push({ intents, shard, at: Date.now() });
    if (intents & PRIVILEGED_INTENTS) {
      socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return undefined;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), shard, seq: 0, sent: [], socket };
    this.sessions.set(session.id, session);
    const guilds = guildsOf(this.world).filter((g) => this.owns(session, g.id));
    this.send(session, 'READY', {
      v: 10,
      user: toUser(this.world.bot, true),
      guilds: guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id,
      resume_gateway_url: this.options.url(),
      shard,
      application: { id: this.world.applicationId, flags: 0 },
    });
    // Only with the Guilds intent does Discord send the guild's roles, channels and members.
    if (intents & GatewayIntentBits.Guilds) for (const g of guilds) this.send(session, 'GUILD_CREATE', toGuildCreate(this.world, g));
    for (const wake of this.readyWaiters.splice(0)) wake();
    return session;
  }

  private resume(socket: WebSocket, d: Record<string, unknown>): Session | undefined {
    const session = this.sessions.get(String(d.session_id));
    if (d.token !== this.world.token) {
      socket.close(GatewayCloseCodes.AuthenticationFailed, 'Authentication failed.');
      return undefined;
    }
    if (!session) {
      socket.send(JSON.stringify({ op: GatewayOpcodes.InvalidSession, d: false, s: null, t: null }));
      return undefined;
    }
    const from = Number(d.seq);
    this.resumes.push({ sessionId: session.id, seq: from });
    session.socket = socket;
    for (const p of session.sent.filter((x) => x.s > from)) socket.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...p }));
    this.send(session, 'RESUMED', null);
    return session;
  }

  private send(session: Session, t: string, d: unknown): void {
    session.seq += 1;
    const packet = { s: session.seq, t, d };
    session.sent.push(packet);
    session.socket?.send(JSON.stringify({ op: GatewayOpcodes.Dispatch, ...packet }));
  }
}
