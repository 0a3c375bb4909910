/**
 * Comparing what a platform showed with what was posted: invisible and control characters do not
 * count, look-alike characters count as the character they stand for, and a piece of text cut by
 * the platform counts as shown when the cut is visible (an ellipsis after a long enough start).
 */
import { expect } from 'vitest';
import type { Card, Message } from '../../src/model.js';
import type { DeliveredMessage } from './chat-platform-harness.js';

const invisible = /[\u200b-\u200d\u2060\ufeff]/g;
// eslint-disable-next-line no-control-regex -- control characters are not text a reader sees
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Slack shows mrkdwn markers from feeds as look-alike characters; a reader sees the same glyph. */
const lookAlikes: Readonly<Record<string, string>> = { '∗': '*', ˍ: '_', '∼': '~', ˋ: '`' };

/** Text as compared: no invisible or control characters, look-alikes folded, whitespace collapsed. */
export function toComparable(text: string): string {
  return text
    .replace(invisible, '')
    .replace(controls, '')
    .replace(/[∗ˍ∼ˋ]/g, (c) => lookAlikes[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether `piece` is shown in `shown`: whole, or cut visibly, i.e. at least its first `minShown`
 * characters followed by an ellipsis. Both arguments are comparable text.
 */
export function isShown(shown: string, piece: string, minShown = 100): boolean {
  if (shown.includes(piece)) return true;
  const head = piece.slice(0, Math.min(piece.length, minShown));
  for (let cut = shown.indexOf('…'); cut >= 0; cut = shown.indexOf('…', cut + 1)) {
    for (let start = shown.indexOf(head); start >= 0 && start < cut; start = shown.indexOf(head, start + 1)) {
      const prefix = shown.slice(start, cut).trimEnd();
      if (prefix.length >= head.length && piece.startsWith(prefix)) return true;
    }
  }
  return false;
}

export function shownText(messages: readonly DeliveredMessage[]): string {
  return toComparable(messages.map((message) => message.text).join('\n'));
}

/**
 * Every piece is shown whole or visibly cut. Whitespace is ignored: where a platform splits text
 * without spaces (Chinese) into several messages, the reader sees a break, not a loss.
 */
export function expectAllShown(messages: readonly DeliveredMessage[], pieces: readonly string[]): void {
  const shown = shownText(messages);
  const compact = shown.replace(/ /g, '');
  const missing = pieces.map(toComparable).filter((piece) => !isShown(compact, piece.replace(/ /g, '')));
  expect(missing, `not shown (neither whole nor visibly cut) in: ${shown.slice(0, 400)}…`).toEqual([]);
}

function richPieces(card: Card): string[] {
  const rich = (text: Card['body']): string[] =>
    text === undefined ? [] : typeof text === 'string' ? [text] : text.map((span) => span.text);
  return [
    card.title,
    ...rich(card.body),
    ...card.fields.flatMap((field) => [field.name, ...rich(field.value)]),
    ...(card.footer === undefined ? [] : [card.footer]),
  ];
}

export function messagePieces(message: Message): string[] {
  const text = message.text === undefined ? [] : typeof message.text === 'string' ? [message.text] : [];
  return [
    ...(message.title === undefined ? [] : [message.title]),
    ...text,
    ...message.cards.flatMap(richPieces),
    ...(message.footer === undefined ? [] : [message.footer]),
  ];
}

/** Halves of surrogate pairs, or the replacement character a transport puts in their place. */
export function brokenCharacters(messages: readonly DeliveredMessage[]): string[] {
  const broken = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]|\ufffd/;
  return messages.filter((m) => broken.test(m.text)).map((m) => JSON.stringify(m.text.slice(0, 60)));
}

/** Every card title of `message` appears exactly once across the delivered messages. */
export function expectEachShownOnce(messages: readonly DeliveredMessage[], message: Message): void {
  const shown = shownText(messages);
  const counts = message.cards.map((card) => shown.split(toComparable(card.title)).length - 1);
  expect(counts).toEqual(message.cards.map(() => 1));
}
