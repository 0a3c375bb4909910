/**
 * What a platform under the ChatPlatform contract provides: the started platform, its fake's
 * addresses and users, and an observer that reads what the platform really delivered.
 */
import type { ChatPlatform, CommandHandler } from '../../src/ports.js';

/** Where a platform message arrived. */
export type DeliveredTarget =
  { readonly kind: 'channel'; readonly channelId: string } | { readonly kind: 'dm'; readonly userId: string };

/** One platform message as it arrived, normalised by the platform's observer. */
export interface DeliveredMessage {
  readonly target: DeliveredTarget;
  /** Everything a reader sees in the message, markup undone (escapes, bold markers, link syntax). */
  readonly text: string;
  /**
   * Who the message notifies through a mention, as the platform would resolve it:
   * `everyone`, `here`, `channel`, `user:<id>`, `role:<id>`, `group:<id>`.
   */
  readonly pings: readonly string[];
}

export interface ChatPlatformObserver {
  /** Messages posted through `post`, in the order they arrived. */
  delivered(): DeliveredMessage[];
  /** Messages shown in answer to commands (replies, follow-ups), in the order they arrived. */
  replies(): DeliveredMessage[];
  /** Platform limits broken by anything the platform sent, refused requests included. */
  violations(): string[];
}

/** A command as a user types it: `/feeds add <url>` is `{ name: 'feeds', subcommand: 'add', text: url }`. */
export interface ContractCommand {
  readonly name: string;
  readonly subcommand?: string;
  readonly text: string;
}

export interface ChatPlatformHarness {
  /** Started, with the contract's command handler registered. */
  readonly platform: ChatPlatform;
  readonly observer: ChatPlatformObserver;
  /** A channel the platform may post in. */
  readonly channelId: string;
  /** Another channel, used as the fallback for closed direct messages. */
  readonly fallbackChannelId: string;
  /** A channel where the service refuses the bot's posts (no access); undefined when none can. */
  readonly refusingChannelId: string | undefined;
  /** A user who accepts direct messages. */
  readonly userId: string;
  /** A user whose direct messages are closed; undefined when the platform has no such state. */
  readonly closedDmUserId: string | undefined;
  /**
   * What a repeated idempotency key guarantees: `durable` holds across a new platform instance
   * (a restart) talking to the same service; `process` only within one instance.
   */
  readonly idempotency: 'durable' | 'process';
  /** The next post is performed but its answer is lost (uncertain failure); undefined when impossible. */
  readonly loseNextPostResponse: (() => void) | undefined;
  /** Where and as whom `sendCommand` sends commands. */
  readonly commandChannelId: string;
  readonly commandUserId: string;
  /** Whether the platform says that user may manage the command channel. */
  readonly commandUserCanManage: boolean;
  /** A new, started platform instance on the same service, as after a restart. */
  startAnother(): Promise<ChatPlatform>;
  /** Sends a command the way the service (or terminal) does; resolves once its reply is shown. */
  sendCommand(command: ContractCommand): Promise<void>;
  /** Stops every platform instance started here and the fake. */
  close(): Promise<void>;
}

export type ChatPlatformSetup = (handler: CommandHandler) => Promise<ChatPlatformHarness>;
