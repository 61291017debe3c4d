/**
 * The gateway half of the fake Discord: a WebSocket endpoint speaking gateway v10 in JSON.
 *
 * HELLO on connect; IDENTIFY (token and intents checked, privileged intents refused with 4014)
 * → READY + GUILD_CREATE; heartbeats ACKed; RESUME replays what the session missed, as
 * Discord does; dispatches carry sequence numbers. Tests inject INTERACTION_CREATE through
 * `dispatch` and can drop connections to exercise reconnects.
 */
import { randomBytes } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { GatewayCloseCodes, GatewayIntentBits, GatewayOpcodes } from 'discord.js';
import { toGuildCreate, toUser, type FakeWorld } from './fake-world.ts';

/** Intents a bot must enable in the developer portal before it may ask for them. */
const PRIVILEGED_INTENTS = GatewayIntentBits.GuildMembers | GatewayIntentBits.GuildPresences | GatewayIntentBits.MessageContent;

interface Session {
  id: string;
  seq: number;
  /** Every dispatch of the session, for RESUME replays. */
  sent: { s: number; t: string; d: unknown }[];
  socket?: WebSocket;
}

export interface IdentifyRecord {
  intents: number;
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

  /** Sends a dispatch (op 0) to every live session, buffered for resumes. */
  dispatch(t: string, d: unknown): void {
    for (const session of this.sessions.values()) this.send(session, t, d);
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
    this.identifies.push({ intents, at: Date.now() });
    if (intents & PRIVILEGED_INTENTS) {
      socket.close(GatewayCloseCodes.DisallowedIntents, 'Disallowed intent(s).');
      return undefined;
    }
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, sent: [], socket };
    this.sessions.set(session.id, session);
    this.send(session, 'READY', {
      v: 10,
      user: toUser(this.world.bot, true),
      guilds: [{ id: this.world.guild.id, unavailable: true }],
      session_id: session.id,
      resume_gateway_url: this.options.url(),
      shard: [0, 1],
      application: { id: this.world.applicationId, flags: 0 },
    });
    // Only with the Guilds intent does Discord send the guild's roles, channels and members.
    if (intents & GatewayIntentBits.Guilds) this.send(session, 'GUILD_CREATE', toGuildCreate(this.world));
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
