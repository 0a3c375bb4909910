import type { Message } from '../model.js';
import type { CommandReply } from '../ports.js';

/** A reply that is one line of text; errors and personal results are ephemeral. */
export function replyText(text: string, visibility: CommandReply['visibility'] = 'ephemeral'): CommandReply {
  return { message: { text, cards: [] }, visibility };
}

export function replyMessage(message: Message, visibility: CommandReply['visibility']): CommandReply {
  return { message, visibility };
}
