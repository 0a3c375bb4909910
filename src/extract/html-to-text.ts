/**
 * HTML fragments (feed descriptions, content:encoded, Atom xhtml, Readability output) to plain
 * text with paragraph breaks. A single-pass tag scanner rather than a DOM: feeds carry thousands of
 * fragments per cycle, and all we need is text, block boundaries and decoded entities.
 */
import { decodeHTML } from 'entities';

const blockTags = new Set([
  'address',
  'article',
  'aside',
  'blockquote',
  'caption',
  'dd',
  'details',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'footer',
  'form',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'header',
  'hr',
  'li',
  'main',
  'nav',
  'ol',
  'p',
  'pre',
  'section',
  'summary',
  'table',
  'tbody',
  'td',
  'tfoot',
  'th',
  'thead',
  'tr',
  'ul',
]);

/** Elements whose content is never text a reader sees. */
const skippedTags = new Set([
  'script',
  'style',
  'noscript',
  'template',
  'svg',
  'math',
  'head',
  'iframe',
  'object',
  'select',
  'button',
  'canvas',
  'audio',
  'video',
]);

const tagPattern =
  /<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)\b[^>]*?(\/?)>|<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<[!?][^>]*>/g;

/**
 * Anything tidyText would change besides trimming the ends: line breaks, tabs and other control
 * spaces, runs of spaces, the Unicode spaces and invisible characters it rewrites.
 */
const untidy = /[\n\r\t\f\v\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]| {2}/;

/** Collapses runs of spaces and tabs inside lines; keeps paragraph breaks as one blank line. */
export function tidyText(text: string): string {
  // Most titles, names and short texts are already tidy: one scan instead of four.
  if (!untidy.test(text)) return text.trim();
  let normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  if (/[\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff]/.test(normalised)) {
    normalised = normalised
      .replace(/[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g, ' ')
      .replace(/[\u200b-\u200d\u2060\ufeff]/g, '');
  }
  // Runs of spaces become one space first, so the newline pattern below only ever meets single
  // spaces and stays linear. Then every break with spaces around it becomes "\n" (one line
  // break) or "\n\n" (two or more: a paragraph break).
  // The break pattern matches only runs that change: a bare "\n" or "\n\n" (most breaks) is left
  // alone, so the callback runs rarely.
  return normalised
    .replace(/[ \t\f\v]{2,}|[\t\f\v]/g, ' ')
    .replace(/ \n[\n ]*|\n(?: [\n ]*|\n[\n ]+)/g, (run) =>
      run.indexOf('\n') === run.lastIndexOf('\n') ? '\n' : '\n\n',
    )
    .trim();
}

/**
 * `text.replace(/\s+/g, ' ')`, matching only the white space that changes (runs of two or more,
 * and lone characters other than a space) rather than every space between words: about twice as fast.
 */
export function collapseSpaces(text: string): string {
  return text.replace(/\s{2,}|[^\S ]/g, ' ');
}

/** Converts an HTML fragment to plain text: blocks become paragraphs, `<br>` a line break. */
export function convertHtmlToText(html: string): string {
  if (!/[<&]/.test(html)) return tidyText(html);
  // Text is collapsed to single spaces as it is read, so the only line breaks in `out` are the ones
  // written for blocks ("\n\n") and <br> ("\n"); two <br> in a row (how many feeds mark
  // paragraphs) leave a blank line, which tidyText keeps as a paragraph break.
  let out = '';
  let skipping: string | undefined;
  let skipDepth = 0;
  let last = 0;
  let inPre = 0;
  const pushText = (raw: string): void => {
    if (raw === '' || skipping !== undefined) return;
    out += inPre > 0 ? raw : collapseSpaces(raw);
  };
  tagPattern.lastIndex = 0;
  for (let match = tagPattern.exec(html); match !== null; match = tagPattern.exec(html)) {
    if (match.index > last) pushText(html.slice(last, match.index));
    last = tagPattern.lastIndex;
    const cdata = match[4];
    if (cdata !== undefined) {
      // CDATA is literal: escape its "&" so the one decoding pass at the end leaves it alone.
      if (skipping === undefined) out += collapseSpaces(cdata).replace(/&/g, '&amp;');
      continue;
    }
    const rawName = match[2];
    if (rawName === undefined) continue; // comment, doctype, processing instruction
    const name = rawName.toLowerCase();
    const closing = match[1] === '/';
    if (skipping !== undefined) {
      if (name === skipping) skipDepth += closing ? -1 : match[3] === '/' ? 0 : 1;
      if (skipDepth <= 0) skipping = undefined;
      continue;
    }
    if (skippedTags.has(name)) {
      if (!closing && match[3] !== '/') {
        skipping = name;
        skipDepth = 1;
      }
      continue;
    }
    if (name === 'br') out += '\n';
    else if (name === 'pre') {
      inPre += closing ? -1 : 1;
      out += '\n\n';
    } else if (blockTags.has(name)) out += '\n\n';
  }
  if (last < html.length) pushText(html.slice(last));
  // Entities are decoded once, on the text without tags: "&lt;b&gt;" becomes literal "<b>" text.
  return tidyText(out.includes('&') ? decodeHTML(out) : out);
}

/** Converts a title or other single-line field to plain text: tags dropped, entities decoded, one line. */
export function convertHtmlToLine(html: string): string {
  if (!/[<&]/.test(html)) return collapseToLine(html);
  const text = /<[a-zA-Z/!]/.test(html) ? convertHtmlToText(html) : decodeHTML(html);
  return collapseToLine(text);
}

function collapseToLine(text: string): string {
  return collapseSpaces(text).trim();
}
