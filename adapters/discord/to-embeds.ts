/**
 * Renders a neutral Message as one or more Discord messages: each Card becomes an embed, and the
 * result respects every Discord limit so that no send is rejected for its size.
 */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { Card, Message, RichText } from '../../src/model.js';
import { renderDiscordText, splitDiscordText } from './render-discord-text.js';

/** Discord's documented limits (characters; embed limits apply after rendering). */
export const discordLimits = {
  content: 2000,
  embedsPerMessage: 10,
  embedCharsPerMessage: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
} as const;

/** One Discord message body, before nonce and allowed_mentions are added. */
export interface DiscordMessagePart {
  readonly content?: string;
  readonly embeds: readonly APIEmbed[];
}

export class EmptyMessageError extends Error {
  override readonly name = 'EmptyMessageError';
  constructor() {
    super('Refusing to send an empty Discord message: it has no title, text, cards or footer');
  }
}

/**
 * Renders `message` as Discord messages: the title and text as content (split over several
 * messages when longer than 2000 characters), then the cards as embeds, at most 10 and 6000
 * characters per message, then the footer as a closing embed.
 */
export function toEmbeds(message: Message): DiscordMessagePart[] {
  const header: RichText = [
    ...(message.title ? [{ text: message.title, strong: true }, { text: '\n' }] : []),
    ...(typeof message.text === 'string' ? [{ text: message.text }] : (message.text ?? [])),
  ];
  const contentChunks = splitDiscordText(header, discordLimits.content);
  const embeds = message.cards.map(toEmbed);
  if (message.footer?.trim()) {
    embeds.push({ description: renderDiscordText(message.footer, discordLimits.description) });
  }
  const parts: DiscordMessagePart[] = contentChunks.slice(0, -1).map((content) => ({ content, embeds: [] }));
  let content = contentChunks.at(-1);
  let batch: APIEmbed[] = [];
  let batchChars = 0;
  const flush = (): void => {
    if (content === undefined && batch.length === 0) return;
    parts.push(content === undefined ? { embeds: batch } : { content, embeds: batch });
    content = undefined;
    batch = [];
    batchChars = 0;
  };
  for (const embed of embeds) {
    const chars = countEmbedChars(embed);
    if (
      batch.length === discordLimits.embedsPerMessage ||
      batchChars + chars > discordLimits.embedCharsPerMessage
    ) {
      flush();
    }
    batch.push(embed);
    batchChars += chars;
  }
  flush();
  if (parts.length === 0) throw new EmptyMessageError();
  return parts;
}

/** Renders one card as an embed within the per-embed limits and the 6000-character message budget. */
export function toEmbed(card: Card): APIEmbed {
  const title = renderDiscordText(card.title, discordLimits.title);
  const url = safeUrl(card.url);
  const source = card.source?.trim()
    ? renderDiscordText(card.source, discordLimits.author, { markdown: false })
    : '';
  const footer = card.footer?.trim()
    ? renderDiscordText(card.footer, discordLimits.footer, { markdown: false })
    : '';
  const timestamp = safeTimestamp(card.timestamp);
  const fields: APIEmbedField[] = card.fields.slice(0, discordLimits.fields).map((field) => ({
    name: renderDiscordText(field.name, discordLimits.fieldName) || '\u200b',
    value: renderDiscordText(field.value, discordLimits.fieldValue) || '\u200b',
    ...(field.inline === undefined ? {} : { inline: field.inline }),
  }));
  const baseChars = title.length + source.length + footer.length;
  let fieldChars = fields.reduce((sum, field) => sum + field.name.length + field.value.length, 0);
  // Fields come last in reading order: drop them from the end rather than shrink the gist below this.
  const minimumDescription = card.body === undefined ? 0 : 1000;
  while (
    fields.length > 0 &&
    baseChars + fieldChars + minimumDescription > discordLimits.embedCharsPerMessage
  ) {
    const dropped = fields.pop();
    if (dropped) fieldChars -= dropped.name.length + dropped.value.length;
  }
  const used = baseChars + fieldChars;
  const descriptionBudget = Math.min(discordLimits.description, discordLimits.embedCharsPerMessage - used);
  const description =
    card.body !== undefined && descriptionBudget > 1 ? renderDiscordText(card.body, descriptionBudget) : '';
  return {
    ...(title ? { title } : {}),
    ...(url ? { url } : {}),
    ...(source ? { author: { name: source } } : {}),
    ...(description ? { description } : {}),
    ...(fields.length > 0 ? { fields } : {}),
    ...(timestamp ? { timestamp } : {}),
    ...(footer ? { footer: { text: footer } } : {}),
  };
}

/** Characters that count towards Discord's 6000-per-message embed budget. */
export function countEmbedChars(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.fields ?? []).reduce((sum, field) => sum + field.name.length + field.value.length, 0)
  );
}

/** Only absolute http(s) URLs are valid embed links; anything else would make Discord reject the message. */
function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'http:' || parsed.protocol === 'https:') && parsed.href.length <= 2048
      ? parsed.href
      : undefined;
  } catch {
    return undefined;
  }
}

function safeTimestamp(timestamp: string | undefined): string | undefined {
  if (!timestamp) return undefined;
  const time = new Date(timestamp);
  return Number.isNaN(time.getTime()) ? undefined : time.toISOString();
}
