/**
 * The WebSocket half of the fake Discord: HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats and
 * ACKs, RESUME, and dispatches (INTERACTION_CREATE) to every identified session.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';

interface Session {
  readonly id: string;
  readonly socket: WebSocket;
  seq: number;
  identified: boolean;
  intents: number;
}

export interface GatewayWorld {
  readonly token: string;
  readonly gatewayUrl: () => string;
  readonly readyPayload: (sessionId: string) => Record<string, unknown>;
  readonly guildPayloads: () => Array<Record<string, unknown>>;
}

export interface GatewayStats {
  identifies: number;
  resumes: number;
  heartbeats: number;
  /** IDENTIFY payloads as received (token removed). */
  readonly identifyPayloads: Array<Record<string, unknown>>;
}

const guildsIntent = 1;

export class FakeGateway {
  readonly stats: GatewayStats = { identifies: 0, resumes: 0, heartbeats: 0, identifyPayloads: [] };
  /** When false, heartbeats go unanswered and the client must treat the connection as a zombie. */
  acknowledgeHeartbeats = true;
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<WebSocket, Session>();
  private sessionCounter = 0;

  constructor(
    private readonly world: GatewayWorld,
    private readonly heartbeatIntervalMs: number,
  ) {
    this.server.on('connection', (socket) => this.accept(socket));
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    this.server.handleUpgrade(request, socket, head, (ws) => this.server.emit('connection', ws, request));
  }

  /** Sessions that completed IDENTIFY and are still open. */
  get readySessions(): number {
    return [...this.sessions.values()].filter((session) => session.identified).length;
  }

  dispatch(event: string, data: unknown): number {
    let sent = 0;
    for (const session of this.sessions.values()) {
      if (!session.identified) continue;
      session.seq += 1;
      this.send(session, { op: 0, t: event, s: session.seq, d: data });
      sent += 1;
    }
    return sent;
  }

  /** Closes every session with `code` (e.g. 4000 to make the client resume). */
  dropAll(code: number): void {
    for (const session of this.sessions.values()) session.socket.close(code, 'dropped by the fake');
  }

  async close(): Promise<void> {
    for (const socket of this.sessions.keys()) socket.terminate();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(socket: WebSocket): void {
    this.sessionCounter += 1;
    const session: Session = {
      id: `session-${this.sessionCounter}`,
      socket,
      seq: 0,
      identified: false,
      intents: 0,
    };
    this.sessions.set(socket, session);
    socket.on('close', () => this.sessions.delete(socket));
    socket.on('message', (raw) => this.receive(session, String(raw)));
    this.send(session, { op: 10, d: { heartbeat_interval: this.heartbeatIntervalMs }, s: null, t: null });
  }

  private receive(session: Session, raw: string): void {
    let payload: { op: number; d: unknown };
    try {
      payload = JSON.parse(raw) as { op: number; d: unknown };
    } catch {
      session.socket.close(4002, 'Decode error');
      return;
    }
    switch (payload.op) {
      case 1:
        this.stats.heartbeats += 1;
        if (this.acknowledgeHeartbeats) this.send(session, { op: 11, d: null, s: null, t: null });
        return;
      case 2:
        this.identify(session, payload.d as { token?: string; intents?: number });
        return;
      case 6:
        this.resume(session, payload.d as { token?: string; session_id?: string; seq?: number });
        return;
      default:
        // Presence updates, voice state updates and the like are accepted and ignored.
        return;
    }
  }

  private identify(session: Session, data: { token?: string; intents?: number }): void {
    if (data.token !== this.world.token) {
      session.socket.close(4004, 'Authentication failed.');
      return;
    }
    this.stats.identifies += 1;
    const { token: _token, ...rest } = data;
    this.stats.identifyPayloads.push(rest);
    session.identified = true;
    session.intents = data.intents ?? 0;
    session.seq += 1;
    this.send(session, { op: 0, t: 'READY', s: session.seq, d: this.world.readyPayload(session.id) });
    // Like Discord, guilds arrive only for sessions with the Guilds intent.
    if ((session.intents & guildsIntent) !== 0) {
      for (const guild of this.world.guildPayloads()) {
        session.seq += 1;
        this.send(session, { op: 0, t: 'GUILD_CREATE', s: session.seq, d: guild });
      }
    }
  }

  private resume(session: Session, data: { token?: string; seq?: number }): void {
    if (data.token !== this.world.token) {
      session.socket.close(4004, 'Authentication failed.');
      return;
    }
    this.stats.resumes += 1;
    session.identified = true;
    session.seq = data.seq ?? 0;
    session.seq += 1;
    this.send(session, { op: 0, t: 'RESUMED', s: session.seq, d: {} });
  }

  private send(session: Session, payload: unknown): void {
    if (session.socket.readyState === session.socket.OPEN) session.socket.send(JSON.stringify(payload));
  }
}
