import { describe, expect, it } from 'vitest';
import type { Card, Message } from '../../src/model.js';
import {
  countEmbedChars,
  discordLimits,
  EmptyMessageError,
  toEmbed,
  toEmbeds,
} from '../../adapters/discord/to-embeds.js';
import { renderDiscordText, splitDiscordText } from '../../adapters/discord/render-discord-text.js';
import { validateMessageBody } from '../fakes/discord/validate-message-body.js';

const words = (count: number, seed = 1): string => {
  const vocabulary = [
    'claims',
    'minister',
    'said',
    'figures',
    'growth',
    'per',
    'cent',
    'budget',
    'report',
    'Tuesday',
  ];
  return Array.from({ length: count }, (_, index) => vocabulary[(index * 7 + seed) % vocabulary.length]).join(
    ' ',
  );
};

const card = (overrides: Partial<Card> = {}): Card => ({
  title: 'Budget: deficit falls to 3.1%',
  url: 'https://news.example/budget',
  source: 'Example News',
  timestamp: '2026-11-27T07:00:00Z',
  body: 'The finance ministry says the deficit fell.',
  fields: [{ name: 'Key figures', value: '3.1% deficit (ministry)' }],
  footer: 'via Example feed',
  ...overrides,
});

/** Removes the markup the renderer adds, to compare words with the source text. */
const unrender = (text: string): string =>
  text
    .replace(/\*\*/g, '')
    .replace(/\\(.)/g, '$1')
    .replace(/\u200b/g, '')
    .replace(/…$/, '');

describe('toEmbed', () => {
  it('renders a card as an embed with linked title, author line, description, fields, timestamp and footer', () => {
    expect(toEmbed(card())).toEqual({
      title: 'Budget: deficit falls to 3.1%',
      url: 'https://news.example/budget',
      author: { name: 'Example News' },
      description: 'The finance ministry says the deficit fell.',
      fields: [{ name: 'Key figures', value: '3.1% deficit (ministry)' }],
      timestamp: '2026-11-27T07:00:00.000Z',
      footer: { text: 'via Example feed' },
    });
  });

  it('escapes Discord markdown and neutralises mentions in article text', () => {
    const embed = toEmbed(
      card({
        title: '*Breaking* __news__ `code` [click](https://evil.example) ~~old~~ ||spoiler||',
        body: '# Heading\n> quote\n- item\n1. first\n@everyone look <@123> <@&456> <#789> and @here',
      }),
    );
    expect(embed.title).toBe(
      '\\*Breaking\\* \\_\\_news\\_\\_ \\`code\\` \\[click\\](https://evil.example) \\~\\~old\\~\\~ \\|\\|spoiler\\|\\|',
    );
    expect(embed.description).toBe(
      '\\# Heading\n\\> quote\n\\- item\n1\\. first\n@\u200beveryone look <\u200b@123> <\u200b@&456> <\u200b#789> and @\u200bhere',
    );
  });

  it('renders strong spans in bold and keeps bare links unescaped', () => {
    const embed = toEmbed(
      card({
        body: [
          { text: 'Officials said ' },
          { text: 'solar_power', strong: true },
          { text: ' output rose; see https://data.example/a_b*c for data.' },
        ],
      }),
    );
    expect(embed.description).toBe(
      'Officials said **solar\\_power** output rose; see https://data.example/a_b*c for data.',
    );
  });

  it('keeps every field within its limit and cuts only between words', () => {
    const embed = toEmbed(
      card({
        title: words(80),
        source: words(60),
        footer: words(400),
        body: words(900),
        fields: Array.from({ length: 40 }, (_, index) => ({
          name: `${index} ${words(50)}`,
          value: words(300, index),
        })),
      }),
    );
    expect(embed.title!.length).toBeLessThanOrEqual(discordLimits.title);
    expect(embed.author!.name.length).toBeLessThanOrEqual(discordLimits.author);
    expect(embed.footer!.text.length).toBeLessThanOrEqual(discordLimits.footer);
    expect(embed.description!.length).toBeLessThanOrEqual(discordLimits.description);
    expect(embed.fields!.length).toBeLessThanOrEqual(discordLimits.fields);
    for (const field of embed.fields!) {
      expect(field.name.length).toBeLessThanOrEqual(discordLimits.fieldName);
      expect(field.value.length).toBeLessThanOrEqual(discordLimits.fieldValue);
    }
    expect(countEmbedChars(embed)).toBeLessThanOrEqual(discordLimits.embedCharsPerMessage);
    expect(embed.title!.endsWith('…')).toBe(true);
    expect(words(80).startsWith(unrender(embed.title!))).toBe(true);
    expect(words(80)[unrender(embed.title!).length]).toBe(' ');
    expect(embed.description!.length).toBeGreaterThanOrEqual(1000);
  });

  it('drops links and timestamps Discord would reject', () => {
    const embed = toEmbed(card({ url: 'javascript:alert(1)', timestamp: 'yesterday' }));
    expect(embed.url).toBeUndefined();
    expect(embed.timestamp).toBeUndefined();
  });

  it('fills empty field names and values, which Discord requires', () => {
    const embed = toEmbed(card({ fields: [{ name: '', value: '  ' }] }));
    expect(embed.fields).toEqual([{ name: '\u200b', value: '\u200b' }]);
  });
});

describe('toEmbeds', () => {
  it('puts the title and text in the content and the cards in embeds', () => {
    const parts = toEmbeds({
      title: 'Morning digest: 2 stories',
      text: 'From 3 feeds.',
      cards: [card(), card()],
      footer: 'and 4 more stories',
    });
    expect(parts).toHaveLength(1);
    expect(parts[0]!.content).toBe('**Morning digest: 2 stories**\nFrom 3 feeds.');
    expect(parts[0]!.embeds).toHaveLength(3);
    expect(parts[0]!.embeds[2]).toEqual({ description: 'and 4 more stories' });
  });

  it('splits many large cards over messages of at most 10 embeds and 6000 characters, keeping their order', () => {
    const cards = Array.from({ length: 37 }, (_, index) =>
      card({
        title: `Story ${index}`,
        body: words(index % 3 === 0 ? 700 : 120, index),
        fields: [{ name: 'Claims', value: words(150, index) }],
      }),
    );
    const parts = toEmbeds({ title: 'Digest', cards });
    expect(parts.length).toBeGreaterThan(4);
    for (const part of parts) {
      expect(part.embeds.length).toBeLessThanOrEqual(10);
      expect(part.embeds.reduce((sum, embed) => sum + countEmbedChars(embed), 0)).toBeLessThanOrEqual(6000);
      expect(validateMessageBody({ ...part, embeds: [...part.embeds] })).toBeUndefined();
    }
    const titles = parts.flatMap((part) => part.embeds.map((embed) => embed.title));
    expect(titles).toEqual(cards.map((entry) => entry.title));
  });

  it('splits long text at paragraph breaks and never inside a word or a link', () => {
    const link = 'https://news.example/a/really/long/path_with_underscores?query=1&other=2';
    const paragraphs = Array.from(
      { length: 30 },
      (_, index) => `${words(40, index)} ${link} ${words(20, index)}.`,
    );
    const text = paragraphs.join('\n\n');
    const parts = toEmbeds({ text, cards: [] });
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.content!.length).toBeLessThanOrEqual(2000);
      expect(part.content!.startsWith(' ')).toBe(false);
    }
    const rejoined = parts.map((part) => part.content).join('\n\n');
    expect(rejoined).toBe(text);
    expect(rejoined.split(link).length - 1).toBe(30);
  });

  it('escapes and splits a text with bold spans without breaking the bold pairs', () => {
    const spans = Array.from({ length: 400 }, (_, index) => ({
      text: `term${index} and more words `,
      strong: index % 2 === 0,
    }));
    const chunks = splitDiscordText(spans, 500);
    expect(chunks.length).toBeGreaterThan(5);
    for (const chunk of chunks) {
      expect(chunk.length).toBeLessThanOrEqual(500);
      expect((chunk.match(/\*\*/g) ?? []).length % 2).toBe(0);
    }
  });

  it('refuses an empty message instead of sending something Discord rejects', () => {
    expect(() => toEmbeds({ cards: [] } satisfies Message)).toThrow(EmptyMessageError);
  });
});

describe('renderDiscordText', () => {
  it('drops a link too long to fit rather than cutting it', () => {
    const link = `https://news.example/${'x'.repeat(300)}`;
    const rendered = renderDiscordText(`See ${link} now`, 100);
    expect(rendered).not.toContain('https://');
    expect(rendered.length).toBeLessThanOrEqual(100);
  });

  it('cuts an over-long word at a code point boundary', () => {
    const rendered = renderDiscordText('😀'.repeat(200), 50);
    expect(rendered.length).toBeLessThanOrEqual(50);
    expect(rendered).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it('does not escape author or footer text, which Discord shows verbatim', () => {
    expect(renderDiscordText('BBC *News* @everyone', 256, { markdown: false })).toBe('BBC *News* @everyone');
  });
});
