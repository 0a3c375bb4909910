/**
 * Messages the ChatPlatform contract posts: hostile feed text, long text of distinct words (so any
 * part of it can be found again) and digests long enough to be split.
 */
import type { Message } from '../../src/model.js';

/** Text from feeds that tries to ping, format or break the rendering on Discord, Slack and terminals. */
export const hostileStrings = [
  '@everyone',
  '@here',
  '@channel',
  '<@123>',
  '<@&456>',
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<!subteam^S1>',
  '<#C1>',
  '*bold* _italic_ ~strike~ ~~gone~~ `code` ```block``` ||spoiler|| > quote # heading',
  '[click](https://evil.example/) <https://evil.example/|innocent> &amp; &lt;b&gt; \\*escaped\\*',
] as const;

export const controlCharacters = 'bell\u0007 escape\u001b[2J clear\u001b]0;title\u0007 done';

export function numbered(index: number): string {
  return String(index).padStart(3, '0');
}

/** Long text of distinct words, so that any part of it can be found again. */
export function longText(label: string, length: number): string {
  const words: string[] = [];
  let size = 0;
  for (let index = 0; size < length; index += 1) {
    const word = `${label}${numbered(index)}${index % 9 === 8 ? '.' : ''}`;
    words.push(word);
    size += word.length + 1;
  }
  return words.join(' ').slice(0, length);
}

/** A digest long enough to be split into several platform messages on Discord and Slack. */
export function storyDigest(count: number): Message {
  return {
    title: `Digest: ${count} stories`,
    cards: Array.from({ length: count }, (_, index) => ({
      title: `Story ${numbered(index)} of ${numbered(count)}`,
      body: `${'Ministers met on Tuesday to agree the plan. '.repeat(4)}`,
      fields: [{ name: 'Key figures', value: `${index + 1} million euros` }],
    })),
  };
}
