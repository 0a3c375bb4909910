/**
 * Text preparation: turns raw article text (or stray HTML) into clean paragraphs, without the
 * page furniture that extraction leaves behind (reading times, bylines, captions and photo
 * credits, share and "related" blocks, a repeated headline).
 */
import { countWords, countWordsUpTo } from './count-words.js';
import { isLetterOrNumber } from './letter-class.js';
import { SummariseError } from './summarise-error.js';

export interface PreparedText {
  /** The headline: the given title, else a heading-like first line. */
  readonly title: string | undefined;
  /** Clean paragraphs; lines of one paragraph that are not wrapped prose stay separate entries. */
  readonly paragraphs: readonly string[];
  /** True when the input was longer than `maxChars` and only its start was kept. */
  readonly truncated: boolean;
  /**
   * True when the first paragraph is a standfirst: a summary line set apart from the story by page
   * furniture (a picture, a date line, a byline), so the story's own lede is the second paragraph.
   */
  readonly standfirst: boolean;
}

/** A standfirst is a sentence or two; a longer first paragraph is the story itself. */
const MAX_STANDFIRST_WORDS = 60;

/** Share of characters that are controls or replacement characters above which input is binary. */
const BINARY_RATIO = 0.02;

export function prepareText(raw: string, options: { title?: string; maxChars: number }): PreparedText {
  if (raw.trim() === '') throw new SummariseError('empty', 'the text is empty');
  let text = raw;
  let truncated = false;
  if (text.length > options.maxChars) {
    const cut = text.lastIndexOf(' ', options.maxChars);
    text = text.slice(0, cut > options.maxChars / 2 ? cut : options.maxChars);
    truncated = true;
  }
  if (isBinary(text)) throw new SummariseError('binary', 'the input looks like binary data, not text');
  if (looksLikeHtml(text)) text = stripHtml(text);
  text = normaliseText(text);
  if (!/\p{L}{2}/u.test(text)) throw new SummariseError('no-text', 'the input holds no words');

  const blocks = splitBlocks(text);
  const givenTitle = options.title?.trim() ? cleanInline(options.title) : undefined;
  let title = givenTitle;
  const seen = new Set<string>();
  if (givenTitle) seen.add(blockKey(givenTitle));
  const paragraphs: string[] = [];
  // Page furniture between the first paragraph and the second marks the first as a standfirst.
  let furnitureAfterFirst = false;
  let standfirst = false;
  let inSponsorList = false;
  let lastKept = -2;
  for (const [position, block] of blocks.entries()) {
    const cleaned = repairQuotes(cleanInline(block));
    if (cleaned === '') continue;
    // A post's sign-off credits the block just above it; when that block went as furniture
    // ("Fox RN pic.twitter.com/…"), it would credit the wrong paragraph.
    if (lastKept !== position - 1 && POST_SIGN_OFF.test(cleaned)) continue;
    const key = blockKey(cleaned);
    if (key === '' || seen.has(key)) continue;
    if (isMediaFurniture(block, blocks[position + 1])) {
      furnitureAfterFirst ||= paragraphs.length === 1;
      continue;
    }
    if (title === undefined && paragraphs.length === 0 && isHeadingLike(cleaned)) {
      title = cleaned;
      seen.add(key);
      continue;
    }
    // "Sponsored by:" and then one line a sponsor: "Molekule: The only air purifier that …".
    inSponsorList &&= SPONSOR_ENTRY.test(cleaned);
    if (inSponsorList || isBoilerplate(cleaned)) {
      inSponsorList ||= SPONSOR_HEADING.test(cleaned);
      furnitureAfterFirst ||= paragraphs.length === 1;
      continue;
    }
    seen.add(key);
    if (paragraphs.length === 1)
      standfirst = furnitureAfterFirst && countWords(paragraphs[0] ?? '') <= MAX_STANDFIRST_WORDS;
    paragraphs.push(cleaned);
    lastKept = position;
  }
  const last = paragraphs.length - 1;
  if (last >= 0) paragraphs[last] = withoutCutShortEnd(paragraphs[last] ?? '');
  if (paragraphs.length === 0) {
    if (title !== undefined && title !== givenTitle)
      return { title, paragraphs: [title], truncated, standfirst: false };
    throw new SummariseError('no-text', 'no article text was left after removing page furniture');
  }
  return { title, paragraphs, truncated, standfirst };
}

/** A long last sentence without a closing mark was cut off by a feed's length limit, not ended. */
const MIN_CUT_SHORT_WORDS = 25;
const CLOSED_END = /[.!?…:;"”’»)\]]$/u;
/** The last list item of a cut sentence: ", and the raw, u", ", and get in the mud at the demoli". */
const LAST_ITEM = /,\s(?:and|or)\s|,\s/gu;

/**
 * "… Breaking Bad featuring Rage from id Software, and the raw, u": the text ends inside a list
 * item (a feed's length limit), so the item goes, back to the last ", and" (or comma) in the
 * second half of the sentence. A short line without a full stop (a standfirst, a headline) is
 * whole and stays.
 */
function withoutCutShortEnd(paragraph: string): string {
  if (CLOSED_END.test(paragraph)) return paragraph;
  const sentenceEnd = Math.max(
    paragraph.lastIndexOf('. '),
    paragraph.lastIndexOf('! '),
    paragraph.lastIndexOf('? '),
  );
  const start = sentenceEnd < 0 ? 0 : sentenceEnd + 2;
  const sentence = paragraph.slice(start);
  // A list (three commas or more) cut off; one clause after a comma may be whole (", says an analyst").
  if (countWordsUpTo(sentence, MIN_CUT_SHORT_WORDS) < MIN_CUT_SHORT_WORDS || sentence.split(', ').length < 4)
    return paragraph;
  let cut = -1;
  let conjunctionCut = -1;
  for (const match of sentence.matchAll(LAST_ITEM)) {
    if (match.index < sentence.length / 2) continue;
    if (match[0].length > 2) conjunctionCut = match.index;
    cut = match.index;
  }
  const end = conjunctionCut >= 0 ? conjunctionCut : cut;
  return end < 0 ? paragraph : paragraph.slice(0, start + end);
}

function isBinary(text: string): boolean {
  const sample = text.slice(0, 4_096);
  let odd = 0;
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i);
    if ((code < 32 && code !== 9 && code !== 10 && code !== 13) || code === 0xfffd || code === 0x7f) odd++;
  }
  return odd / sample.length > BINARY_RATIO;
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 4096);
  return /<(?:!doctype|html|head|body|p|div|script|article|span|br)\b[^>]*>/iu.test(head);
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
  rsquo: '’',
  lsquo: '‘',
  rdquo: '”',
  ldquo: '“',
  laquo: '«',
  raquo: '»',
  mdash: '—',
  ndash: '–',
  hellip: '…',
  euro: '€',
  pound: '£',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  ccedil: 'ç',
  uuml: 'ü',
  ouml: 'ö',
  auml: 'ä',
  szlig: 'ß',
};

/** Decodes the entities that matter in prose; unknown ones are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/giu, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : ' ';
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A plain-text fallback for markup passed as text: scripts, styles and tags go, blocks become paragraphs. */
function stripHtml(html: string): string {
  return decodeEntities(
    html
      .replace(/<!--[\s\S]*?-->/gu, ' ')
      .replace(/<(script|style|noscript|template|svg|head|nav|footer|aside|form)\b[\s\S]*?<\/\1\s*>/giu, ' ')
      .replace(
        /<\/?(?:p|div|br|h[1-6]|li|ul|ol|tr|table|section|article|blockquote|figure|figcaption|header)\b[^>]*>/giu,
        '\n\n',
      )
      .replace(/<[^>]{0,2000}>/gu, ' '),
  );
}

function normaliseText(text: string): string {
  const composed = text.normalize('NFC');
  // Most text holds none of the characters replaced below: one scan saves four passes.
  if (!hasOddCharacters(composed)) return composed;
  return (
    composed
      .replace(/\r\n?/gu, '\n')
      // Zero-width characters, direction marks and soft hyphens break words and numbers apart.
      .replace(/[\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff\u00ad]/gu, '')
      .replace(/[\t\v\f\u00a0\u2000-\u200a\u202f\u205f\u3000]/gu, ' ')
      // eslint-disable-next-line no-control-regex -- control characters are what this line removes
      .replace(/[\u0000-\u0008\u000e-\u001f\u007f\ufffd]/gu, ' ')
  );
}

/** True when the text holds a character that `normaliseText` replaces or removes. */
function hasOddCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // Printable ASCII and line feeds, most of any text, are left alone.
    if (code === 0x0a || (code >= 0x20 && code < 0x7f)) continue;
    if (
      code < 0x20 ||
      code === 0x7f ||
      code === 0xa0 ||
      code === 0xad ||
      (code >= 0x2000 && code <= 0x200f) ||
      (code >= 0x202a && code <= 0x202f) ||
      (code >= 0x2066 && code <= 0x2069) ||
      code === 0x205f ||
      code === 0x2060 ||
      code === 0x3000 ||
      code === 0xfeff ||
      code === 0xfffd
    )
      return true;
  }
  return false;
}

/**
 * Paragraphs are separated by blank lines. Inside a paragraph, a line that ends without sentence
 * punctuation and is followed by a lower-case line is wrapped prose and is joined; other lines
 * (headings, list items, captions) stay separate.
 */
function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  for (const paragraph of text.split(/\n[ ]*\n/u)) {
    const lines = paragraph
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '');
    let current = '';
    for (const line of lines) {
      if (current === '') current = line;
      else if (!/[.!?:;"”»]$/u.test(current) && /^[\p{Ll}(,;–—-]/u.test(line)) current = `${current} ${line}`;
      else {
        blocks.push(current);
        current = line;
      }
    }
    if (current !== '') blocks.push(current);
  }
  return blocks;
}

/**
 * A list bullet at the start of a line: "• ", "▪ ", "* ", "– ", or a footnote's star glued to its
 * text ("*£1 from every ticket …"). The item's words are the text.
 */
const LEADING_BULLET = /^\s*(?:[•▪◦‣∙·*–—-]\s+|\*(?=\S))/u;

/** "seine Karriere.Wir freuen uns": a sentence glued to the next one by a lost space. */
const GLUED_SENTENCE = /(?<=\p{Ll}{3})([.!?])(?=\p{Lu}\p{Ll}{1,}\s)/gu;

function cleanInline(text: string): string {
  // Most lines have single spaces only: the costlier replacement runs when there is more.
  // A stop right before a capital is rare: the look-behind pattern runs only then.
  const joined = /[.!?]\p{Lu}/u.test(text) ? text.replace(GLUED_SENTENCE, '$1 ') : text;
  const spaced = /[^\S ]| {2}/u.test(joined) ? joined.replace(/\s+/gu, ' ') : joined;
  // ("— Ana Lind (@analind) May 5, 2021": an embedded post's sign-off keeps its dash.)
  const collapsed =
    LEADING_BULLET.test(spaced) && !POST_SIGN_OFF.test(spaced) ? spaced.replace(LEADING_BULLET, '') : spaced;
  if (!collapsed.includes('min') || !/\d\s*min/u.test(collapsed)) return collapsed.trim();
  return collapsed
    .replace(
      /\b(?:reading time|temps de lecture|lesezeit|tiempo de lectura)\s*:?\s*\d+\s*min(?:utes?|\.)?\b/giu,
      '',
    )
    .trim();
}

/**
 * Machine-translated text glues closing quotes to the next word (`fights”succession`), leaves
 * an opening quote where a closing one belongs (`the victims. “`) and splits compounds
 * (`five -minute`). These are repaired so sentences and figures come out whole.
 */
export function repairQuotes(text: string): string {
  const closes = text.includes('”') || text.includes('»');
  const opens = text.includes('“');
  const split = text.includes(' -');
  if (!closes && !opens && !split) return text;
  // Each repair runs only when its characters are there: this runs on every block.
  let result = closes ? text.replace(/([”»])(?=[\p{L}\p{N}])/gu, '$1 ') : text;
  if (opens) {
    if (result.trimEnd().endsWith('“')) result = result.replace(/([\p{L}\p{N}.,!?])\s*“\s*$/u, '$1”');
    result = result.replace(/([.!?])\s+“\s+(?=\p{Lu})/gu, '$1” ');
  }
  if (split) result = result.replace(/([\p{L}\p{N}]) -(?=\p{L})/gu, '$1-');
  return result.replace(/\s{2,}/gu, ' ').trim();
}

/**
 * What makes two blocks the same: their words, ignoring case and punctuation. Long paragraphs are
 * compared as written (a repeated headline or caption is short), which keeps this cheap.
 */
function blockKey(text: string): string {
  if (text.length > 300) return text.toLowerCase();
  return joinWords(text.toLowerCase());
}

/**
 * The runs of letters and numbers (`[\p{L}\p{N}]+`) of a text, joined by single spaces. Each run is
 * added to the key as it ends: cheaper than collecting them in an array to join.
 */
function joinWords(text: string): string {
  let key = '';
  let start = -1;
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) ?? 0;
    if (isLetterOrNumber(code)) {
      if (start < 0) start = i;
    } else if (start >= 0) {
      key = withWord(key, text.slice(start, i));
      start = -1;
    }
    i += code > 0xffff ? 2 : 1;
  }
  return start >= 0 ? withWord(key, text.slice(start)) : key;
}

function withWord(key: string, word: string): string {
  return key === '' ? word : `${key} ${word}`;
}

function isHeadingLike(text: string): boolean {
  const words = countWords(text);
  return words >= 3 && words <= 30 && !/[.!?:]["”’»)]?$/u.test(text);
}

const MONTH_OR_DAY =
  /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|janv(?:ier)?|f[ée]vr(?:ier)?|mars|avril|mai|juin|juillet|ao[uû]t|octobre|novembre|d[ée]cembre|januar|februar|m[äa]rz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?|sun(?:day)?|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|lunes|martes|mi[ée]rcoles|jueves|viernes|s[áa]bado|domingo|updated|published|posted|last|modified|at|on|le|am|um|el|de|a\.?m|p\.?m|gmt|utc|bst|cet|cest|e[sd]?t|[cmp][sd]?t|h)\b\.?/giu;

/** A line that opens a list of sponsors in show notes. */
const SPONSOR_HEADING =
  /^(?:sponsored by|brought to you by|thanks to (?:our|this week['’]s) sponsors?|(?:this week['’]s |our )?sponsors?)\s*:?$/iu;
/** A sponsor in that list: a brand name, a colon, its pitch. */
const SPONSOR_ENTRY = /^\p{Lu}[\p{L}\d&.,'’+ -]{0,60}:\s/u;

/** Lines that are page furniture rather than article prose: patterns anchored at the start. */
const BOILERPLATE: readonly RegExp[] = [
  /^(?:published|updated|posted|last updated|modified|publié|mis à jour|actualisé|veröffentlicht|aktualisiert|publicado|actualizado)\b[^.!?]{0,80}$/iu,
  /^(?:by|par|von|por|de)\s+\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|et|und|y|&|,))*\s*$/u,
  /^(?:share|share this( article| story)?|tweet|email|print|copy link|facebook|twitter|whatsapp|linkedin|partager|teilen|compartir)\b[\s\p{L}|,/·•-]{0,60}$/iu,
  /^(?:related|related articles|related stories|related content|read more|read also|see also|more on this|more from|most read|recommended|lire aussi|à lire aussi|voir aussi|mehr zum thema|lesen sie auch|lee también|ver también|advertisement|publicité|anzeige|publicidad|image|photo|video|vidéo|credit|subscribe|sign up|newsletter|continue reading|click here|order reprints|powered by)\b.{0,120}$/iu,
  /^\[.{0,200}\]$/u,
  // "Editor's note: this column is …": about the piece, not its news.
  /^(?:editor['’]s note|note from the editor|ed\. note|anm\. d\. red\.|note de la rédaction|nota del editor)\s*[:—–-]/iu,
  // "Figure 2: Our new architecture.": the caption of a chart or diagram.
  /^(?:figure|fig\.|table|chart|graph|exhibit|abbildung|tableau|gráfico)\s*\d+[a-z]?\s*[:.|–—-]\s.{0,200}$/iu,
  /^(?:sponsored by|brought to you by|thanks to (?:our|this week['’]s) sponsors?)\b/iu,
  // Credits of a show: "Recorded by Ben Williams and edited by Naomi Parnell.", "Ending theme by …".
  // "Recorded by Devon Bryant at Earwolf. Edited by Ben Williams for Plosive.": one credit or several.
  /^(?:(?:(?:recorded|produced|edited|mixed|engineered|hosted|presented|transcribed|illustrated)\s(?:and\s\p{L}+\s)?by|(?:(?:ending|opening|intro|outro)\s)?theme(?:\smusic)?\sby|(?:music|artwork|cover art)\sby)\s[^.!?]{0,150}(?:[.!?]\s+(?=\p{Lu})|[.!?]?$))+$/iu,
  /^(?:read|watch|listen to|see)\s(?:the\s)?(?:full|more|our|all|latest)\b[^.!?]{0,80}$/iu,
  // A post's signature: "Gustavo M. P. Moreira, AdWords API Team", "Ana Lind, Staff Writer".
  /^\p{Lu}[\p{L}'’-]*\.?(?:\s\p{Lu}[\p{L}'’-]*\.?){1,3},\s(?:[\p{Lu}\p{L}&'’-]+\s){0,4}(?:Team|Group|Department|Desk|Editor|Staff|Bloggers?|Contributor|Correspondent|Reporter|Writer|Engineer|Manager|Lead|Director|Advocate|Evangelist|Scientist|Researcher)s?\.?$/u,
  /^(?:photo|image|picture|photograph|caption|credit|illustration|video|map|graphic|foto|bild)\s*[:|].{0,200}$/iu,
];

/**
 * Furniture patterns that may match anywhere in a line, each with characters it cannot match
 * without: a search for those is much cheaper than trying the pattern at every position.
 */
const BOILERPLATE_ANYWHERE: ReadonlyArray<{
  readonly needs: string;
  readonly pattern: RegExp;
  /** Furniture only in a short block: a paragraph of prose around it is a deal's story. */
  readonly shortOnly?: true;
}> = [
  // Sponsor reads in show notes: "Use code ATP for 10% off your first order", "Sponsored by …".
  {
    needs: 'code',
    shortOnly: true,
    pattern:
      /\b(?:[Uu]se|[Ww]ith|[Ee]nter)\s(?:the\s)?(?:promo\s|offer\s|discount\s|coupon\s)?code\s+(?:[A-Z0-9]{2,}\b|[a-z]*\d[a-z\d]*\b|\S+\s(?:for|to get|at checkout)\b)/u,
  },
  {
    needs: '%',
    shortOnly: true,
    pattern: /\b\d+\s?% off (?:your|the|a) (?:first|next)?\s?(?:order|purchase|month|year|box)\b/iu,
  },
  // "Get a special discount off your first order", "$100 off your mattress", "save 40% on your first year".
  {
    needs: ' your ',
    shortOnly: true,
    pattern:
      /\b(?:discount|deal|savings?)\s(?:off|on) your (?:first|next)\b|[$£€]\d+ off (?:your|any|a)\b|\bsave \d+\s?% on your\b/iu,
  },
  {
    needs: '(',
    pattern:
      /\((?:[^()]{1,80}\s\/\s[^()]{1,80}|reuters|ap|afp|epa|getty(?: images)?|ap photo[^()]*|photo[^()]*|credit[^()]*|image[^()]*|video[^()]*|dpa|efe)\)\s*$/iu,
  },
  { needs: 'Credit', pattern: /\bCredit(?:Credit)?\p{Lu}/u },
  { needs: '©', pattern: /©/u },
  // "To read this article in full, please click here": a teaser's link to the page.
  { needs: 'click here', pattern: /^[^.!?]{0,80}\bclick here\b[^.!?]{0,40}[.!?]?$/iu },
  { needs: '@', pattern: /(?:^|\s)@\w{2,}\s*$/u },
  { needs: '|', pattern: /(?:\s\|\s.*){2,}/u },
];

/** A media marker line on its own ("Photo", "Image 3 of 12") or the credit line that follows a caption. */
const MEDIA_MARKER =
  /^(?:photo|image|picture|video|graphic|gallery|slideshow|foto|bild|vidéo)(?:\s+\d+(?:\s*(?:of|\/|de|von)\s*\d+)?)?$/iu;
const CREDIT_LINE = /^(?:credit|photo(?:graph)?\s*:|image\s*:|picture\s*:|crédit|bildquelle|foto\s*:)/iu;
/** Longer than this, a block before a credit line is prose, not a caption. */
const MAX_CAPTION_WORDS = 60;

/**
 * A media marker, a credit line, and the caption just before the credit: they describe a picture,
 * not the news, and a credit line must not pass for the headline.
 */
function isMediaFurniture(block: string, next: string | undefined): boolean {
  if (MEDIA_MARKER.test(block) || CREDIT_LINE.test(block)) return true;
  // A marker alone may precede the article's own text; the credit line is what marks a caption.
  return CREDIT_LINE.test(next ?? '') && countWords(block) <= MAX_CAPTION_WORDS;
}

/** Phrases that mark a line as furniture wherever they occur (checked on lower-case text). */
const FURNITURE_PHRASES = [
  'contributed to this report',
  'contributed reporting',
  'a version of this article appears',
  'first published',
  // "The post X appeared first on Y.", "This article, "X" first appeared on Y.": feed footers.
  'appeared first on',
  'first appeared on',
  'all rights reserved',
  // Medium's footer: "X was originally published in Y on Medium, where people are continuing the conversation …".
  'where people are continuing the conversation',
  'reproduction interdite',
];
/** The phrases as one pattern: one pass over the line instead of one search per phrase. */
const FURNITURE_PHRASE = new RegExp(FURNITURE_PHRASES.join('|'), 'u');

/** "Use this link for 10% off": a sponsor read. */
const USE_THIS_LINK = /\buse (?:this|our|the|my) link (?:for|to get)\b/iu;

/** A style rule's declaration ("margin: 0 10px;") or a script statement ending a line. */
const CODE_STATEMENT = /^-?[a-z][a-z-]*\s*:\s*[^;]*;$|^(?:var|let|const|return|import|export)\s|[)\]]\s*;$/u;

/**
 * Style sheets, scripts and markup that reached the text as words (a feed that stripped the tags
 * but kept their contents, or a post quoting code): a line that opens or closes a brace block, a
 * line of tags, or a declaration or statement.
 */
function looksLikeCode(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  if (last === 0x7b || last === 0x7d) return true;
  // "<h1 class="p-name">My First Post</h1>": markup quoted in a post about markup.
  if (last === 0x3e && text.charCodeAt(0) === 0x3c) return true;
  if (last !== 0x3b) return false;
  // A selector line joined to its first declaration: ".share-link a { margin: 0;".
  return CODE_STATEMENT.test(text) || (text.includes('{') && /\{\s*-?[a-z][a-z-]*\s*:/u.test(text));
}

/** The sign-off of an embedded post: "— Conn Carroll (@conncarroll) November 8, 2017". */
export const POST_SIGN_OFF = /^[—–-]\s*(\p{L}[\p{L}.'’-]*(?:\s\p{L}[\p{L}.'’-]*){0,3})\s\(@\w{1,30}\)/u;

/** A sponsor read is a line or two; a longer paragraph with a discount code is a deal's story. */
const MAX_PROMO_WORDS = 40;

function isBoilerplate(text: string): boolean {
  if (looksLikeCode(text)) return true;
  // Kept: it names the author of the post above it.
  if (POST_SIGN_OFF.test(text)) return false;
  const lower = text.toLowerCase();
  if (FURNITURE_PHRASE.test(lower)) return true;
  if (BOILERPLATE.some((pattern) => pattern.test(text))) return true;
  if (
    BOILERPLATE_ANYWHERE.some(
      ({ needs, pattern, shortOnly }) =>
        text.includes(needs) &&
        (shortOnly !== true || countWordsUpTo(text, MAX_PROMO_WORDS + 1) <= MAX_PROMO_WORDS) &&
        pattern.test(text),
    )
  )
    return true;
  // Checked on lower-case text: of the characters that match these letters ignoring case, all
  // lower-case to them.
  if (lower.includes('link') && USE_THIS_LINK.test(text)) return true;
  // Only short lines are furniture by their length: counting stops past the longest.
  const words = countWordsUpTo(text, 13);
  // Short lines without sentence punctuation: headings, list items, "Related Articles", "Image".
  if (words < 7 && !/[.!?]["”’»)]?$/u.test(text)) return true;
  // Lines that are only a date or time ("Sept. 25, 2018", "Updated 10:32 AM ET").
  if (words <= 12 && text.replace(MONTH_OR_DAY, ' ').replace(/[\d\s.,:/|–-]+/gu, '').length === 0)
    return true;
  return false;
}
