/**
 * Renders a neutral Message as plain terminal text (the console platform and the CLI print it): a heading, then each card as an indented block
 * (headline, link, source line, gist, fields). Emphasised spans are shown in *asterisks*; control
 * characters from untrusted feed text are removed so a feed cannot move the cursor or clear the
 * screen.
 */
import type { Card, Message, RichText } from '../model.js';

export function renderMessageText(message: Message): string {
  const lines: string[] = [];
  if (message.title) lines.push(`== ${oneLine(message.title)} ==`);
  if (message.text !== undefined) lines.push(richText(message.text));
  message.cards.forEach((card, index) => {
    if (lines.length > 0) lines.push('');
    lines.push(...renderCard(card, message.cards.length > 1 ? index + 1 : undefined));
  });
  if (message.footer) lines.push('', oneLine(message.footer));
  return `${lines.join('\n')}\n`;
}

function renderCard(card: Card, number: number | undefined): string[] {
  const lines = [`${number === undefined ? '*' : `${number}.`} ${oneLine(card.title)}`];
  const indent = (text: string) => text.split('\n').map((line) => `   ${line}`);
  if (card.url) lines.push(...indent(oneLine(card.url)));
  const meta = [card.source, card.timestamp && formatTimestamp(card.timestamp)]
    .filter(Boolean)
    .map((part) => oneLine(part as string));
  if (meta.length > 0) lines.push(...indent(meta.join(' | ')));
  if (card.body !== undefined) lines.push(...indent(richText(card.body)));
  for (const field of card.fields) {
    lines.push(...indent(`${oneLine(field.name)}:`));
    lines.push(...indent(richText(field.value)).map((line) => `  ${line}`));
  }
  if (card.footer) lines.push(...indent(oneLine(card.footer)));
  return lines;
}

function richText(text: RichText): string {
  const joined =
    typeof text === 'string'
      ? clean(text)
      : text.map((span) => (span.strong ? `*${clean(span.text)}*` : clean(span.text))).join('');
  // A line of feed text must not look like the start of a new post (`--- #channel ---`) or a heading.
  return joined.replace(/^(?=---|==)/gm, ' ');
}

/** "2026-11-27T15:34:00.995Z" → "27 Nov 2026 15:34 UTC"; anything unparseable as written. */
function formatTimestamp(iso: string): string {
  const time = new Date(iso);
  if (Number.isNaN(time.getTime())) return iso;
  const date = time.toLocaleDateString('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  });
  return `${date} ${time.toISOString().slice(11, 16)} UTC`;
}

/** Text meant for one line (titles, names, links): line breaks become spaces. */
function oneLine(text: string): string {
  return clean(text).replace(/\s*[\r\n]+\s*/g, ' ');
}

/** Drops C0/C1 control characters (ANSI escapes included) except line breaks and tabs. */
function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, '');
}
