import { describe, expect, it } from 'vitest';
import type { Card, Message, TextSpan } from '../../src/model.js';
import { toEmbeds } from '../../adapters/discord/to-embeds.js';
import { validateMessageBody } from '../fakes/discord/validate-message-body.js';
import { renderDiscordText, splitDiscordText } from '../../adapters/discord/render-discord-text.js';
import { createRandom } from '../support/create-random.js';

const tokens = [
  'minister',
  'said',
  '12,000',
  '3.1%',
  '*bold*',
  '__under__',
  '`code`',
  '~~gone~~',
  '||secret||',
  '[x](https://e.example)',
  '@everyone',
  '@here',
  '<@123456>',
  '<@&42>',
  '<#99>',
  '<t:1700000000:R>',
  '#',
  '>',
  '-',
  '1.',
  'back\\slash',
  'https://news.example/path_with_underscores?a=1&b=*2*',
  'naïve',
  '😀',
  'x'.repeat(70),
];

function randomSpans(random: () => number): TextSpan[] {
  const count = 1 + Math.floor(random() * 60);
  return Array.from({ length: count }, () => {
    const words = Array.from(
      { length: 1 + Math.floor(random() * 5) },
      () => tokens[Math.floor(random() * tokens.length)]!,
    );
    const separators = [' ', ' ', ' ', '\n', '\n\n', ''];
    const text = words.map((word) => word + separators[Math.floor(random() * separators.length)]).join('');
    return random() < 0.3 ? { text, strong: true } : { text };
  });
}

/** Unescaped `**` markers, which must pair up within every rendered string. */
function countBoldMarkers(text: string): number {
  return (text.replace(/\\./g, '').match(/\*\*/g) ?? []).length;
}

describe('renderDiscordText and splitDiscordText on generated text', () => {
  it('always stays within the limit, keeps bold balanced and mentions inert', () => {
    const random = createRandom(20261127);
    for (let round = 0; round < 150; round += 1) {
      const spans = randomSpans(random);
      const limit = 40 + Math.floor(random() * 400);
      for (const rendered of [renderDiscordText(spans, limit), ...splitDiscordText(spans, limit)]) {
        expect(rendered.length).toBeLessThanOrEqual(limit);
        expect(countBoldMarkers(rendered) % 2, rendered).toBe(0);
        expect(rendered).not.toMatch(/@(everyone|here)|<[@#]|<t:/);
      }
    }
  });

  it('loses no word when splitting, except links too long for one chunk', () => {
    const random = createRandom(7);
    for (let round = 0; round < 200; round += 1) {
      const spans = randomSpans(random);
      const limit = 120 + Math.floor(random() * 400);
      const source = spans.map((span) => span.text).join('');
      // A link longer than a chunk is dropped on purpose (cutting it would change where it leads).
      if (source.split(/\s+/).some((word) => /^https?:\/\//.test(word) && word.length > limit / 2)) continue;
      const chunks = splitDiscordText(spans, limit);
      const plain = chunks
        .join(' ')
        .replace(/\*\*/g, '')
        .replace(/\\(.)/g, '$1')
        .replace(/\u200b/g, '');
      expect(plain.split(/\s+/).join('')).toBe(source.split(/\s+/).join(''));
    }
  });
});

describe('toEmbeds on generated messages', () => {
  it('always produces messages Discord accepts, keeping every card once and in order', () => {
    const random = createRandom(42);
    const text = (maxSpans: number): TextSpan[] => randomSpans(random).slice(0, maxSpans);
    for (let round = 0; round < 12; round += 1) {
      const cards: Card[] = Array.from({ length: Math.floor(random() * 30) }, (_, index) => ({
        title: `${index} ${text(20)
          .map((span) => span.text)
          .join(' ')}`,
        url: random() < 0.8 ? `https://news.example/${index}` : 'not a url',
        source: text(5)
          .map((span) => span.text)
          .join(' '),
        body: text(40),
        fields: Array.from({ length: Math.floor(random() * 28) }, () => ({
          name: text(10)
            .map((span) => span.text)
            .join(' '),
          value: text(12),
        })),
        ...(random() < 0.5
          ? {
              footer: text(50)
                .map((span) => span.text)
                .join(' '),
            }
          : {}),
        timestamp: '2026-11-27T07:00:00Z',
      }));
      const message: Message = {
        title: text(3)
          .map((span) => span.text)
          .join(''),
        text: text(300),
        cards,
        footer: 'and more',
      };
      const parts = toEmbeds(message);
      for (const part of parts) {
        expect(validateMessageBody({ ...part, embeds: [...part.embeds] })).toBeUndefined();
      }
      const titles = parts.flatMap((part) =>
        part.embeds.filter((embed) => embed.title !== undefined).map((embed) => embed.title),
      );
      expect(titles.map((title) => title!.split(' ')[0])).toEqual(cards.map((_, index) => String(index)));
    }
  });
});
