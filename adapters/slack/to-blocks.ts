/**
 * Renders the neutral `Message` as Slack Block Kit, within Slack's limits, splitting a long message
 * (a digest of many stories) into several Slack messages.
 */
import type { types } from '@slack/bolt';

import type { Card, CardField, Message, RichText } from '../../src/model.js';
import {
  escapeLinkUrl,
  escapeMrkdwn,
  escapePlainText,
  truncateMrkdwn,
  truncatePlain,
} from './escape-mrkdwn.js';

type Block = types.KnownBlock;
type MrkdwnText = { type: 'mrkdwn'; text: string; verbatim: true };

/** Slack's documented Block Kit limits. */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionTextChars: 3000,
  sectionFields: 10,
  fieldTextChars: 2000,
  headerTextChars: 150,
  contextElements: 10,
  contextTextChars: 3000,
} as const;

export interface ToBlocksOptions {
  /** Blocks per Slack message; at most 50. */
  readonly maxBlocks?: number;
  /**
   * Soft cap on the characters of block text in one Slack message. Slack refuses very large block
   * payloads (`msg_blocks_too_long`) well before 50 full sections, so stories are moved to the
   * next message once this is reached.
   */
  readonly maxCharsPerMessage?: number;
  /** Characters of the `text` fallback (shown in notifications and by clients without blocks). */
  readonly maxFallbackChars?: number;
}

/** One Slack message: blocks plus the `text` fallback used for notifications. */
export interface SlackMessagePart {
  readonly text: string;
  readonly blocks: Block[];
}

function mrkdwn(text: string): MrkdwnText {
  // verbatim: Slack must not auto-link bare URLs, channel names or "@here" in untrusted text.
  return { type: 'mrkdwn', text, verbatim: true };
}

function plainOf(rich: RichText): string {
  return typeof rich === 'string' ? rich : rich.map((span) => span.text).join('');
}

/**
 * Escaped mrkdwn for rich text, at most `maxChars` long. Strong spans become `*bold*`, with their
 * surrounding spaces moved outside the markers (Slack ignores `* bold*`).
 */
export function renderRichText(rich: RichText, maxChars: number): string {
  const spans = typeof rich === 'string' ? [{ text: rich }] : rich;
  let out = '';
  for (const span of spans) {
    const escaped = escapeMrkdwn(span.text);
    let piece = escaped;
    if (span.strong === true && escaped.trim() !== '') {
      const lead = /^\s*/.exec(escaped)?.[0] ?? '';
      const trail = /\s*$/.exec(escaped)?.[0] ?? '';
      piece = `${lead}*${escaped.trim()}*${trail}`;
    }
    if (out.length + piece.length > maxChars) {
      const room = maxChars - out.length;
      if (span.strong === true && room > 4) {
        const inner = truncateMrkdwn(escaped.trim(), room - 2);
        out += `*${inner}*`;
      } else {
        out = truncateMrkdwn(out + escaped, maxChars);
      }
      return out.length <= maxChars ? out : truncateMrkdwn(out, maxChars);
    }
    out += piece;
  }
  return out;
}

function linkedTitle(card: Card, maxChars: number): string {
  const url = card.url === undefined ? undefined : escapeLinkUrl(card.url);
  const room = url === undefined ? maxChars - 2 : maxChars - url.length - 5;
  const title = truncateMrkdwn(escapeMrkdwn(card.title.trim() || 'Untitled'), Math.max(room, 40));
  return url === undefined || url.length > maxChars - 50 ? `*${title}*` : `*<${url}|${title}>*`;
}

function slackDate(iso: string): string | undefined {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return undefined;
  const fallback = new Date(ms).toISOString().slice(0, 16).replace('T', ' ') + ' UTC';
  // Slack shows the date in each reader's own timezone; the text after `|` is the fallback.
  return `<!date^${Math.floor(ms / 1000)}^{date_short_pretty} {time}|${fallback}>`;
}

function fieldText(field: CardField, maxChars: number): string {
  const name = truncateMrkdwn(escapeMrkdwn(field.name), 200);
  return `*${name}*\n${renderRichText(field.value, maxChars - name.length - 3)}`;
}

/** Splits escaped text on paragraph or line boundaries into sections of at most `maxChars`. */
function splitIntoSections(text: string, maxChars: number): string[] {
  const sections: string[] = [];
  let rest = text;
  while (rest.length > maxChars) {
    const window = rest.slice(0, maxChars);
    let at = window.lastIndexOf('\n\n');
    if (at < maxChars / 2) at = window.lastIndexOf('\n');
    if (at < maxChars / 2) at = window.lastIndexOf(' ');
    if (at < maxChars / 2) {
      // No boundary nearby: cut hard, but never inside an entity such as `&amp;`.
      const amp = window.lastIndexOf('&');
      at = amp > maxChars - 12 && !window.slice(amp).includes(';') ? amp : maxChars;
      // ... nor between the halves of a surrogate pair (an emoji, a rare CJK character).
      if (/[\uD800-\uDBFF]/.test(window.charAt(at - 1))) at -= 1;
    }
    sections.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest.trim() !== '') sections.push(rest);
  return sections;
}

/** The blocks for one card: title and body, source line, figures as fields, longer fields as text. */
export function renderCardBlocks(card: Card): Block[] {
  const blocks: Block[] = [];
  const title = linkedTitle(card, 600);
  const body =
    card.body === undefined || plainOf(card.body).trim() === ''
      ? ''
      : renderRichText(card.body, SLACK_LIMITS.sectionTextChars - title.length - 1);
  blocks.push({ type: 'section', text: mrkdwn(body === '' ? title : `${title}\n${body}`) });

  const context: string[] = [];
  if (card.source !== undefined && card.source.trim() !== '')
    context.push(truncateMrkdwn(escapeMrkdwn(card.source), 500));
  const when = card.timestamp === undefined ? undefined : slackDate(card.timestamp);
  if (when !== undefined) context.push(when);
  if (context.length > 0) blocks.push({ type: 'context', elements: [mrkdwn(context.join('  ·  '))] });

  const inline = card.fields.filter((f) => f.inline === true);
  const wide = card.fields.filter((f) => f.inline !== true);
  // At most 3 sections of 10 fields: a card never crowds the other stories out of a message.
  for (let i = 0; i < inline.length && i < 3 * SLACK_LIMITS.sectionFields; i += SLACK_LIMITS.sectionFields) {
    const fields = inline
      .slice(i, i + SLACK_LIMITS.sectionFields)
      .map((f) => mrkdwn(fieldText(f, SLACK_LIMITS.fieldTextChars)));
    blocks.push({ type: 'section', fields });
  }
  let pending = '';
  let wideSections = 0;
  const flush = (): void => {
    if (pending !== '' && wideSections < 4) {
      blocks.push({ type: 'section', text: mrkdwn(pending) });
      wideSections += 1;
    }
    pending = '';
  };
  for (const field of wide) {
    const text = fieldText(field, SLACK_LIMITS.sectionTextChars);
    if (pending !== '' && pending.length + 2 + text.length > SLACK_LIMITS.sectionTextChars) flush();
    pending = pending === '' ? text : `${pending}\n\n${text}`;
  }
  flush();

  if (card.footer !== undefined && card.footer.trim() !== '') {
    blocks.push({ type: 'context', elements: [mrkdwn(truncateMrkdwn(escapeMrkdwn(card.footer), 2000))] });
  }
  return blocks;
}

function blockChars(block: Block): number {
  switch (block.type) {
    case 'section':
      return (block.text?.text.length ?? 0) + (block.fields ?? []).reduce((n, f) => n + f.text.length, 0);
    case 'context':
      return block.elements.reduce((n, e) => n + ('text' in e ? e.text.length : 0), 0);
    case 'header':
      return block.text.text.length;
    default:
      return 0;
  }
}

function fallbackText(
  message: Message,
  cards: readonly Card[],
  continued: boolean,
  maxChars: number,
): string {
  const heading = message.title?.trim() ?? '';
  const titles = cards.map((c) => c.title.trim()).filter((t) => t !== '');
  let plain: string;
  if (heading !== '') plain = continued ? `${heading} (continued)` : heading;
  else if (titles.length > 0) plain = titles[0]!;
  else plain = plainOf(message.text ?? '').trim() || (message.footer ?? '').trim() || 'news-digest';
  const rest = heading !== '' ? titles : titles.slice(1);
  if (rest.length > 0) plain = `${plain}: ${rest.join(' · ')}`;
  return truncateMrkdwn(escapeMrkdwn(plain), maxChars);
}

/**
 * Renders a message as one or more Slack messages. The title becomes a header block (first part
 * only), free text a section, each card a group of blocks separated by dividers, the footer a
 * context block (last part). A card is never split across messages.
 */
export function toBlocks(message: Message, options: ToBlocksOptions = {}): SlackMessagePart[] {
  const maxBlocks = Math.min(
    options.maxBlocks ?? SLACK_LIMITS.blocksPerMessage,
    SLACK_LIMITS.blocksPerMessage,
  );
  const maxChars = options.maxCharsPerMessage ?? 12_000;
  const maxFallback = options.maxFallbackChars ?? 3000;

  const lead: Block[] = [];
  if (message.title !== undefined && message.title.trim() !== '') {
    lead.push({
      type: 'header',
      text: {
        type: 'plain_text',
        text: truncatePlain(escapePlainText(message.title.trim()), SLACK_LIMITS.headerTextChars),
        emoji: true,
      },
    });
  }
  if (message.text !== undefined && plainOf(message.text).trim() !== '') {
    const text = renderRichText(message.text, 4 * SLACK_LIMITS.sectionTextChars);
    for (const chunk of splitIntoSections(text, SLACK_LIMITS.sectionTextChars)) {
      lead.push({ type: 'section', text: mrkdwn(chunk) });
    }
  }
  const tail: Block[] = [];
  if (message.footer !== undefined && message.footer.trim() !== '') {
    tail.push({ type: 'context', elements: [mrkdwn(truncateMrkdwn(escapeMrkdwn(message.footer), 2000))] });
  }

  type Draft = { blocks: Block[]; chars: number; cards: Card[] };
  const drafts: Draft[] = [];
  let current: Draft = { blocks: [], chars: 0, cards: [] };
  const add = (group: Block[], card?: Card): void => {
    const chars = group.reduce((n, b) => n + blockChars(b), 0);
    const wouldOverflow =
      current.blocks.length + group.length > maxBlocks || current.chars + chars > maxChars;
    if (wouldOverflow && current.blocks.length > 0) {
      drafts.push(current);
      current = { blocks: [], chars: 0, cards: [] };
    }
    const fitted = group.slice(0, maxBlocks);
    // A divider at the very top of a continuation message adds nothing.
    if (fitted[0]?.type === 'divider' && current.blocks.length === 0) fitted.shift();
    current.blocks.push(...fitted);
    current.chars += chars;
    if (card !== undefined) current.cards.push(card);
  };

  for (const block of lead) add([block]);
  message.cards.forEach((card, index) => {
    const group = renderCardBlocks(card);
    add(index === 0 && lead.length === 0 ? group : [{ type: 'divider' }, ...group], card);
  });
  if (tail.length > 0) add(message.cards.length > 0 ? [{ type: 'divider' }, ...tail] : tail);
  if (current.blocks.length > 0 || drafts.length === 0) drafts.push(current);

  return drafts.map((draft, index) => ({
    text: fallbackText(message, draft.cards, index > 0, maxFallback),
    blocks: draft.blocks,
  }));
}
