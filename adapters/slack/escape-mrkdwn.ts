/**
 * Escaping of untrusted text (feed titles, article sentences, user input echoed back) for Slack.
 *
 * Slack parses `<...>` sequences in message text as links and mentions (`<!channel>`, `<!here>`,
 * `<@U123>`, `<!subteam^S1>`, `<#C1>`), so `&`, `<` and `>` must be sent as `&amp;`, `&lt;` and `&gt;`;
 * once they are, no angle-bracket mention coming from a feed can ping anyone. mrkdwn has no escape
 * character for its formatting markers, so markers that could open formatting are swapped for
 * look-alike characters (see `neutraliseFormatting`).
 */

/** Zero-width space: breaks "@here" and friends so clients that auto-link them do not. */
const ZERO_WIDTH_SPACE = '\u200B';

// Control characters other than tab and newline render as boxes or break the payload.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

const BROADCAST_WORDS = /@(channel|here|everyone)\b/gi;

/**
 * A formatting marker (`*bold*`, `_italic_`, `~strike~`, `` `code` ``) only takes effect at a word
 * boundary, so only markers there are replaced; `snake_case` or `5*3` stay as they are.
 */
const FORMATTING_MARKER = /(^|[^\p{L}\p{N}])([*_~`]+)|([*_~`]+)(?=$|[^\p{L}\p{N}])/gu;
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '*': '\u2217', // ∗ asterisk operator
  _: '\u02CD', // ˍ modifier letter low macron
  '~': '\u223C', // ∼ tilde operator
  '`': '\u02CB', // ˋ modifier letter grave accent
};

function swapMarkers(markers: string): string {
  return [...markers].map((c) => LOOK_ALIKES[c] ?? c).join('');
}

/** Breaks bare `@channel`, `@here` and `@everyone` so no client turns them into a broadcast. */
export function neutraliseBroadcasts(text: string): string {
  return text.replace(BROADCAST_WORDS, `@${ZERO_WIDTH_SPACE}$1`);
}

function neutraliseFormatting(text: string): string {
  return text.replace(
    FORMATTING_MARKER,
    (_match, before: string | undefined, leading: string | undefined, trailing: string | undefined) =>
      leading !== undefined ? `${before ?? ''}${swapMarkers(leading)}` : swapMarkers(trailing ?? ''),
  );
}

/** Removes control characters and carriage returns; keeps tabs and newlines. */
export function stripControlChars(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(CONTROL_CHARS, '');
}

/** Escapes untrusted text for a mrkdwn field: entities, mentions, broadcasts and formatting markers. */
export function escapeMrkdwn(text: string): string {
  const escaped = stripControlChars(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return neutraliseFormatting(neutraliseBroadcasts(escaped));
}

/**
 * Text for a `plain_text` object (headers, buttons). Slack shows it literally, so no entities are
 * needed; broadcasts and `<!...>`/`<@...>` sequences are still broken up, in case a client parses them.
 */
export function escapePlainText(text: string): string {
  return neutraliseBroadcasts(stripControlChars(text)).replace(/<(?=[!@#])/g, `<${ZERO_WIDTH_SPACE}`);
}

/**
 * A URL that is safe inside `<url|label>`: only http(s), normalised, with the characters that end a
 * link (`|`, `>`) percent-encoded and `&` escaped as Slack asks. Undefined for anything else.
 */
export function escapeLinkUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  return parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/&/g, '&amp;');
}

/**
 * Shortens escaped mrkdwn to at most `maxChars`, ending in "…", without cutting an entity
 * (`&amp;`) or a `<...>` link in half.
 */
export function truncateMrkdwn(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  if (maxChars <= 1) return '…'.slice(0, Math.max(0, maxChars));
  let cut = text.slice(0, maxChars - 1);
  // Do not leave half of a surrogate pair (an emoji, a rare CJK character): it would arrive as U+FFFD.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  // Entities are at most 10 characters long (`&#x1F600;`); only the tail can hold a cut one.
  const amp = cut.lastIndexOf('&');
  if (amp >= 0 && amp > cut.length - 12 && !cut.slice(amp).includes(';')) cut = cut.slice(0, amp);
  const open = cut.lastIndexOf('<');
  if (open > cut.lastIndexOf('>')) cut = cut.slice(0, open);
  // Prefer a word boundary when one is close, so words are not cut in half.
  const space = cut.slice(-20).search(/\s\S*$/);
  if (space >= 0 && cut.length - 20 + space > 0) cut = cut.slice(0, Math.max(0, cut.length - 20) + space);
  return `${cut.trimEnd()}…`;
}

/** Shortens plain text to at most `maxChars`, ending in "…". */
export function truncatePlain(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = text.slice(0, Math.max(0, maxChars - 1));
  // Do not leave half of a surrogate pair.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}
