/**
 * Slack's Socket Mode side: the WebSocket that `apps.connections.open` hands out. It greets with
 * `hello`, delivers envelopes (`slash_commands`, `interactive`, `events_api`) and collects the
 * app's acks (`{ envelope_id, payload? }`), as Slack does.
 */
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export class FakeSocketMode {
  private server?: WebSocketServer;
  private socket?: WebSocket;
  private readonly acks = new Map<string, (payload: unknown) => void>();
  private connected?: () => void;
  readonly connectedPromise = new Promise<void>((resolve) => (this.connected = resolve));

  async start(): Promise<this> {
    this.server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise<void>((resolve) => this.server!.once('listening', () => resolve()));
    this.server.on('connection', (socket) => {
      this.socket = socket;
      socket.on('message', (data) => {
        const msg = JSON.parse(String(data)) as { envelope_id?: string; payload?: unknown };
        if (msg.envelope_id) this.acks.get(msg.envelope_id)?.(msg.payload ?? null);
      });
      socket.send(JSON.stringify({ type: 'hello', num_connections: 1, debug_info: { host: 'fake', approximate_connection_time: 18060 }, connection_info: { app_id: 'A0SETTLE' } }));
      this.connected?.();
    });
    return this;
  }

  /** The URL `apps.connections.open` returns. */
  get url(): string {
    return `ws://127.0.0.1:${(this.server!.address() as AddressInfo).port}/link/?ticket=fake`;
  }

  /** Deliver one envelope; resolves with the ack payload (null when acked without one). */
  deliver(type: 'slash_commands' | 'interactive' | 'events_api', payload: Record<string, unknown>, timeoutMs = 5000): Promise<unknown> {
    if (!this.socket) throw new Error('no Socket Mode connection');
    const envelopeId = randomUUID();
    const acked = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`envelope ${type} not acked`)), timeoutMs);
      this.acks.set(envelopeId, (p) => {
        clearTimeout(timer);
        resolve(p);
      });
    });
    this.socket.send(JSON.stringify({ envelope_id: envelopeId, type, accepts_response_payload: type !== 'events_api', retry_attempt: 0, retry_reason: '', payload }));
    return acked;
  }

  async close(): Promise<void> {
    for (const client of this.server?.clients ?? []) client.terminate();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
