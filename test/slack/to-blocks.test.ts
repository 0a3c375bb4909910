import { describe, expect, it } from 'vitest';

import type { Card, Message } from '../../src/model.js';
import { SLACK_LIMITS, toBlocks, type SlackMessagePart } from '../../adapters/slack/to-blocks.js';
import { findBlockKitViolation } from '../fakes/slack/fake-slack.js';

type AnyBlock = Record<string, unknown> & { type: string };

function blocksOf(part: SlackMessagePart): AnyBlock[] {
  return part.blocks as unknown as AnyBlock[];
}

/** Every piece of text Slack would parse as mrkdwn or show, from all parts. */
function allTexts(parts: readonly SlackMessagePart[]): string[] {
  const texts: string[] = [];
  for (const part of parts) {
    texts.push(part.text);
    for (const block of blocksOf(part)) {
      const text = block.text as { text: string } | undefined;
      if (text) texts.push(text.text);
      for (const f of (block.fields as { text: string }[] | undefined) ?? []) texts.push(f.text);
      for (const e of (block.elements as { text: string }[] | undefined) ?? []) texts.push(e.text);
    }
  }
  return texts;
}

const card: Card = {
  title: 'Seoul says <b>12,000</b> troops & more',
  url: 'https://news.example/world/korea?id=1&src=rss',
  source: 'Example News',
  timestamp: '2026-11-27T07:30:00Z',
  body: [{ text: 'South Korea says' }, { text: ' 12,000 soldiers ', strong: true }, { text: 'were sent.' }],
  fields: [
    { name: 'Soldiers sent', value: '12,000 (NIS)', inline: true },
    { name: 'Casualties', value: 'about 1,100', inline: true },
    { name: 'Claims', value: '• NIS: troops are deployed in Kursk\n• Kremlin: no comment' },
  ],
  footer: 'Summarised from 2 sources',
};

describe('toBlocks', () => {
  it('renders a card as a linked title with its gist, a source line, figures as fields and claims', () => {
    const [part, ...rest] = toBlocks({ title: 'Morning digest', cards: [card] });
    expect(rest).toEqual([]);
    const blocks = blocksOf(part!);
    expect(blocks.map((b) => b.type)).toEqual([
      'header',
      'divider',
      'section',
      'context',
      'section',
      'section',
      'context',
    ]);
    expect(blocks[0]).toMatchObject({ text: { type: 'plain_text', text: 'Morning digest' } });
    const title = (blocks[2]!.text as { text: string }).text;
    expect(title).toBe(
      '*<https://news.example/world/korea?id=1&amp;src=rss|Seoul says &lt;b&gt;12,000&lt;/b&gt; troops &amp; more>*\nSouth Korea says *12,000 soldiers* were sent.',
    );
    const context = (blocks[3]!.elements as { text: string }[])[0]!.text;
    expect(context).toContain('Example News');
    expect(context).toMatch(/<!date\^\d+\^\{date_short_pretty\} \{time\}\|2026-11-27 07:30 UTC>/);
    expect(blocks[4]!.fields).toEqual([
      { type: 'mrkdwn', text: '*Soldiers sent*\n12,000 (NIS)', verbatim: true },
      { type: 'mrkdwn', text: '*Casualties*\nabout 1,100', verbatim: true },
    ]);
    expect((blocks[5]!.text as { text: string }).text).toContain(
      '*Claims*\n• NIS: troops are deployed in Kursk',
    );
    expect(part!.text).toBe('Morning digest: Seoul says &lt;b&gt;12,000&lt;/b&gt; troops &amp; more');
    expect(findBlockKitViolation(blocks)).toBeUndefined();
  });

  it('marks every mrkdwn text verbatim so Slack does not auto-link untrusted text', () => {
    for (const block of blocksOf(toBlocks({ text: 'intro', cards: [card] })[0]!)) {
      const texts = [
        block.text,
        ...((block.fields as unknown[]) ?? []),
        ...((block.elements as unknown[]) ?? []),
      ];
      for (const t of texts)
        if (t && (t as { type: string }).type === 'mrkdwn') expect(t).toMatchObject({ verbatim: true });
    }
  });

  it('neutralises every mention and broadcast coming from a feed', () => {
    const hostile =
      '<!channel> <!here> <!everyone> <@U0ADMIN> <!subteam^S0TEAM|@devs> <#C0SECRET> @here @channel';
    const message: Message = {
      title: `Alert ${hostile}`,
      text: hostile,
      cards: [
        {
          title: hostile,
          url: 'https://x.example/',
          source: hostile,
          body: hostile,
          fields: [
            { name: hostile, value: hostile, inline: true },
            { name: 'c', value: [{ text: hostile, strong: true }] },
          ],
          footer: hostile,
        },
      ],
      footer: hostile,
    };
    const texts = allTexts(toBlocks(message));
    for (const text of texts) {
      expect(text.replace(/<!date\^[^>]*>/g, '')).not.toMatch(/<[!@#]/);
      expect(text).not.toMatch(/@(here|channel|everyone)\b/);
    }
  });

  it('does not link titles whose URL is not http(s)', () => {
    const [part] = toBlocks({ cards: [{ title: 'Click', url: 'javascript:alert(1)', fields: [] }] });
    expect((blocksOf(part!)[0]!.text as { text: string }).text).toBe('*Click*');
  });

  it('keeps header, section, field and field-count limits', () => {
    const long = 'Lorem ipsum dolor sit amet & <more> '.repeat(400);
    const message: Message = {
      title: long,
      text: long,
      cards: [
        {
          title: long,
          url: 'https://x.example/long',
          body: long,
          fields: [
            ...Array.from({ length: 25 }, (_, i) => ({ name: `Figure ${i}`, value: long, inline: true })),
            { name: 'Claims', value: long },
            { name: 'More claims', value: long },
          ],
        },
      ],
    };
    const parts = toBlocks(message);
    for (const part of parts) {
      const blocks = blocksOf(part);
      expect(findBlockKitViolation(blocks)).toBeUndefined();
      expect(part.text.length).toBeLessThanOrEqual(3000);
      const header = blocks.find((b) => b.type === 'header');
      if (header)
        expect((header.text as { text: string }).text.length).toBeLessThanOrEqual(
          SLACK_LIMITS.headerTextChars,
        );
    }
    const fieldSections = parts.flatMap(blocksOf).filter((b) => Array.isArray(b.fields));
    expect(fieldSections.map((b) => (b.fields as unknown[]).length)).toEqual([10, 10, 5]);
  });

  it('splits a long digest across messages, each within 50 blocks, cards kept whole and in order', () => {
    const cards: Card[] = Array.from({ length: 40 }, (_, i) => ({
      ...card,
      title: `Story ${i}`,
      url: `https://news.example/${i}`,
    }));
    const parts = toBlocks({ title: 'Evening digest: 40 stories', cards, footer: 'and 12 more stories' });
    expect(parts.length).toBeGreaterThan(1);
    const titles: string[] = [];
    for (const [i, part] of parts.entries()) {
      const blocks = blocksOf(part);
      expect(blocks.length).toBeLessThanOrEqual(50);
      expect(findBlockKitViolation(blocks)).toBeUndefined();
      expect(blocks[0]!.type).not.toBe('divider');
      if (i > 0) expect(part.text).toMatch(/^Evening digest: 40 stories \(continued\)/);
      for (const b of blocks) {
        const m = /\|Story (\d+)>/.exec((b.text as { text?: string } | undefined)?.text ?? '');
        if (m) titles.push(m[1]!);
      }
    }
    expect(titles).toEqual(cards.map((_, i) => String(i)));
    expect(blocksOf(parts[0]!)[0]!.type).toBe('header');
    const last = blocksOf(parts.at(-1)!);
    expect(last.at(-1)).toMatchObject({ type: 'context', elements: [{ text: 'and 12 more stories' }] });
  });

  it('splits long text without spaces between characters, never inside an emoji', () => {
    for (const prefix of ['', 'x']) {
      const text = `${prefix}${'📈'.repeat(2500)}`;
      const sections = blocksOf(toBlocks({ text, cards: [] })[0]!).map(
        (block) => (block.text as { text: string }).text,
      );
      expect(sections.length).toBeGreaterThan(1);
      expect(sections.join('')).toBe(text);
      const loneHalf = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
      for (const section of sections) expect(loneHalf.test(section)).toBe(false);
    }
  });

  it('gives a message without blocks content a fallback text', () => {
    const [part] = toBlocks({ text: 'Nothing new since 08:00.', cards: [] });
    expect(part!.text).toBe('Nothing new since 08:00.');
    expect(blocksOf(part!).map((b) => b.type)).toEqual(['section']);
  });

  it('stays within limits for randomly generated messages', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const alphabet = [
      'a',
      'b',
      ' ',
      '&',
      '<',
      '>',
      '*',
      '_',
      '@here',
      '<!channel>',
      '\n',
      'é',
      '😀',
      'word ',
    ];
    const text = (max: number): string =>
      Array.from(
        { length: Math.floor(random() * max) },
        () => alphabet[Math.floor(random() * alphabet.length)],
      ).join('');
    for (let round = 0; round < 40; round += 1) {
      const message: Message = {
        ...(random() < 0.7 ? { title: text(400) || 'x' } : {}),
        ...(random() < 0.5 ? { text: text(8000) } : {}),
        cards: Array.from({ length: Math.floor(random() * 30) }, () => ({
          title: text(500),
          ...(random() < 0.8 ? { url: `https://example.com/${Math.floor(random() * 1000)}` } : {}),
          ...(random() < 0.5 ? { source: text(200) } : {}),
          ...(random() < 0.8 ? { body: [{ text: text(2000) }, { text: text(50), strong: true }] } : {}),
          fields: Array.from({ length: Math.floor(random() * 13) }, () => ({
            name: text(100) || 'n',
            value: text(random() < 0.1 ? 2600 : 300),
            inline: random() < 0.6,
          })),
        })),
        ...(random() < 0.5 ? { footer: text(300) } : {}),
      };
      for (const part of toBlocks(message)) {
        const violation = findBlockKitViolation(blocksOf(part));
        expect(violation, `round ${round}`).toBeUndefined();
        expect(part.text.length).toBeGreaterThan(0);
      }
    }
  });
});
