/**
 * Splits clean paragraphs into sentences and reads each once: dates, numbers, attribution (with
 * pronouns resolved to a source named just before, and quotes that run on from a previous
 * sentence credited to the same speaker) and content words for ranking.
 */
import { countWords } from './count-words.js';
import { isNamePhrase } from './attribution-names.js';
import { ACCORDING_WORDS, findAttribution, type Attribution } from './find-attribution.js';
import { REPORTING_VERBS } from './attribution-words.js';
import { DATE_WORD_KINDS, findDates, type DateMention } from './find-dates.js';
import { FRACTION_WORDS } from './find-fractions.js';
import { findNumbers, SPELLED_SET, type NumberMention } from './find-numbers.js';
import { lowerWords } from './lower-words.js';
import { POST_SIGN_OFF } from './prepare-text.js';
import { contentWords } from './rank-sentences.js';
import { splitSentences } from './split-sentences.js';

export interface AnalysedSentence {
  readonly index: number;
  readonly text: string;
  readonly paragraph: number;
  /** Position of the sentence inside its paragraph (0 = first). */
  readonly positionInParagraph: number;
  /** A line without sentence punctuation: a subheading or list item rather than prose. */
  readonly isHeading: boolean;
  readonly wordCount: number;
  readonly contentWords: readonly string[];
  readonly dates: readonly DateMention[];
  readonly numbers: readonly NumberMention[];
  /** The resolved source of the sentence's statement, when it has one. */
  readonly source?: string;
  /** True when the sentence itself names the source (not inherited from a previous sentence). */
  readonly sourceInSentence: boolean;
  /**
   * The byline, for a statement in the writer's own voice ("I think …"): shown as its source, but
   * not ranked as one, since every sentence of the piece is the writer's.
   */
  readonly byline?: string;
}

/** A claim's source: who the sentence names, else the byline for the writer's own view. */
export function attributionOf(sentence: AnalysedSentence): { attribution?: string } {
  const attribution = sentence.source ?? sentence.byline;
  return attribution === undefined ? {} : { attribution };
}

/** Languages whose reporting verbs and "according to" patterns the attribution rules know. */
const SOURCE_LANGUAGES: ReadonlySet<string> = new Set(['en', 'fr', 'de', 'es', 'und']);

/**
 * Pronouns are resolved to a source named at most this many sentences earlier in the paragraph, or
 * at the end of the paragraph before.
 */
const PRONOUN_REACH = 2;

/** The writer speaking: "I", "we", in the languages whose sources are read. */
const FIRST_PERSON = /^(?:I|we|je|nous|ich|wir|yo|nosotros|nosotras)$/iu;
/** Any quotation mark: a first person inside a quotation is the speaker's, not the writer's. */
const QUOTE_MARK = /["“”«»]/u;
/** Pronouns that stand for someone else: they may point back across a paragraph break. */
const THIRD_PERSON = /^(?:he|she|they|il|elle|ils|elles|er|sie|él|ella|ellos|ellas)$/iu;

export function analyseSentences(
  paragraphs: readonly string[],
  language: string,
  maxSentences: number,
  /** Who wrote the piece (its byline): "I think …" and "we found …" outside quotations are theirs. */
  author?: string,
): AnalysedSentence[] {
  const result: AnalysedSentence[] = [];
  // Sources are read with the reporting verbs of these languages; in others a guess is a misreading.
  const readsSources = SOURCE_LANGUAGES.has(language);
  // The last named source: "“We are ready,” she said." at the start of the next paragraph is theirs.
  let named: { source: string; index: number; paragraph: number } | undefined;
  paragraphs.forEach((paragraph, paragraphIndex) => {
    if (result.length >= maxSentences) return;
    // ("… the analogy. […]": an elision mark closes a paragraph of prose.)
    const isHeading = !/[.!?…:;]["”’»)\]]*$/u.test(paragraph);
    let openQuote = false;
    splitSentences(paragraph).forEach((text, position) => {
      if (result.length >= maxSentences) return;
      const index = result.length;
      // Within the paragraph; across the break only for its first sentence.
      const lastNamed =
        named !== undefined &&
        (named.paragraph === paragraphIndex || (position === 0 && named.paragraph === paragraphIndex - 1))
          ? named
          : undefined;
      const words = lowerWords(text).filter((word) => DETECTOR_WORDS.has(word));
      const dates = findDates(text, words);
      const reported = readsSources ? findAttribution(text, words) : undefined;
      const attribution =
        readsSources && (reported === undefined || reported.inClause === true)
          ? (findGroupOpinion(text, words) ?? findAttributionPastAppositive(text, words) ?? reported)
          : reported;
      let source: string | undefined;
      let sourceInSentence = false;
      let byline: string | undefined;
      if (attribution?.inClause === true) {
        // "… shortly after Smirnova wrote a post": no source of this sentence, but the person
        // a "she wrote" in the next one means (a name only: "she" is never "the team").
        if (isNamePhrase(attribution.source))
          named = { source: attribution.source, index, paragraph: paragraphIndex };
      } else if (attribution && !attribution.pronoun) {
        source = attribution.source;
        sourceInSentence = true;
      } else if (
        attribution?.pronoun &&
        lastNamed &&
        index - lastNamed.index <= PRONOUN_REACH &&
        // "We" after a paragraph break is the writer's side again, not the last person quoted.
        (lastNamed.paragraph === paragraphIndex || THIRD_PERSON.test(attribution.source))
      ) {
        source = lastNamed.source;
        sourceInSentence = true;
      } else if (
        (openQuote || /^[“«"]/u.test(text)) &&
        lastNamed &&
        index - lastNamed.index <= PRONOUN_REACH
      ) {
        // The rest of a quotation whose speaker was named in the previous sentence.
        source = lastNamed.source;
      } else if (
        author !== undefined &&
        attribution?.pronoun &&
        FIRST_PERSON.test(attribution.source) &&
        !openQuote &&
        !QUOTE_MARK.test(text)
      ) {
        // "I believe there are three pillars …" in the writer's own voice: the byline's.
        byline = author;
      }
      if (source !== undefined && sourceInSentence) named = { source, index, paragraph: paragraphIndex };
      const { opens, closes } = countCurlyQuotes(text);
      openQuote = opens > closes || (openQuote && closes === 0);
      result.push({
        index,
        text,
        paragraph: paragraphIndex,
        positionInParagraph: position,
        isHeading,
        wordCount: countWords(text),
        contentWords: contentWords(text),
        dates,
        numbers: findNumbers(text, dates, language, words),
        ...(source === undefined ? {} : { source }),
        sourceInSentence,
        ...(byline === undefined ? {} : { byline }),
      });
    });
  });
  return creditSignedPost(creditQuotedBlock(creditListItems(creditQuotationsForward(result))));
}

/** Opening (“ «) and closing (” ») quotation marks in a sentence, by character code: this runs on every sentence. */
function countCurlyQuotes(text: string): { opens: number; closes: number } {
  let opens = 0;
  let closes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x201c || code === 0xab) opens++;
    else if (code === 0x201d || code === 0xbb) closes++;
  }
  return { opens, closes };
}

/**
 * "Hadas Gold, writing for Politico:", "Christopher Mims, WSJ:", "Jim Dalrymple writes:": a line
 * that names the author of the block quoted after it, as link blogs set one.
 */
const QUOTE_LEAD_IN =
  /^(\p{Lu}[\p{L}.'’-]+(?:\s\p{Lu}[\p{L}.'’-]+){1,3})(?:,\s[^:;.!?]{2,80}|\s(?:writes|reports|says|notes|explains|argues))?:$/u;

/** The paragraph after such a line is the quoted author's, not the blogger's: it gets that source. */
function creditQuotedBlock(sentences: AnalysedSentence[]): AnalysedSentence[] {
  for (let i = 0; i + 1 < sentences.length; i++) {
    const leadIn = sentences[i];
    if (leadIn === undefined || leadIn.positionInParagraph !== 0) continue;
    const next = sentences[i + 1];
    if (next?.paragraph !== leadIn.paragraph + 1) continue;
    const author = leadIn.text.endsWith(':') ? QUOTE_LEAD_IN.exec(leadIn.text)?.[1] : undefined;
    if (author === undefined) continue;
    for (let k = i + 1; k < sentences.length && sentences[k]?.paragraph === leadIn.paragraph + 1; k++) {
      const quoted = sentences[k];
      if (quoted !== undefined && quoted.source === undefined) sentences[k] = { ...quoted, source: author };
    }
  }
  return sentences;
}

/** The paragraph before a sign-off line is the signed author's post. */
function creditSignedPost(sentences: AnalysedSentence[]): AnalysedSentence[] {
  for (let i = 1; i < sentences.length; i++) {
    const signOff = sentences[i];
    if (signOff === undefined || signOff.positionInParagraph !== 0) continue;
    const author = POST_SIGN_OFF.exec(signOff.text)?.[1];
    if (author === undefined) continue;
    for (let k = i - 1; k >= 0 && sentences[k]?.paragraph === signOff.paragraph - 1; k--) {
      const post = sentences[k];
      if (post !== undefined && post.source === undefined)
        sentences[k] = { ...post, source: author, sourceInSentence: true };
    }
  }
  return sentences;
}

/** A list item says something when it has this many words ("Syria needs a political solution"). */
const MIN_LIST_ITEM_WORDS = 5;

/**
 * "In the interview, the president also said:" followed by lines without sentence punctuation:
 * each line is a statement of that speaker, not a subheading.
 */
function creditListItems(sentences: AnalysedSentence[]): AnalysedSentence[] {
  let leadIn: AnalysedSentence | undefined;
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i];
    if (sentence === undefined) continue;
    if (leadIn !== undefined && sentence.isHeading && sentence.positionInParagraph === 0) {
      if (sentence.wordCount >= MIN_LIST_ITEM_WORDS && leadIn.source !== undefined)
        sentences[i] = { ...sentence, isHeading: false, source: leadIn.source, sourceInSentence: true };
      continue;
    }
    leadIn =
      sentence.sourceInSentence && sentence.source !== undefined && /:\s*$/u.test(sentence.text)
        ? sentence
        : undefined;
  }
  return sentences;
}

/** A quotation is credited at its close at most this many sentences after it opens. */
const QUOTATION_REACH = 5;

/**
 * A quotation that opens in one sentence and is credited only after it closes, a few sentences
 * later (`"… less than 100. If you look …," Mr Obama said.`): every sentence of it before the
 * close gets that source.
 */
function creditQuotationsForward(sentences: AnalysedSentence[]): AnalysedSentence[] {
  for (let i = 0; i < sentences.length; i++) {
    const sentence = sentences[i];
    // Only a sentence that opens with a quotation mark has its marks counted.
    if (sentence === undefined || sentence.source !== undefined || !/^[“«"]/u.test(sentence.text)) continue;
    const opens = (sentence.text.match(/[“«"]/gu) ?? []).length;
    const closes = (sentence.text.match(/[”»]/gu) ?? []).length;
    if (!(opens > closes || sentence.text.split('"').length === 2)) continue;
    for (let j = i + 1; j <= i + QUOTATION_REACH && j < sentences.length; j++) {
      const next = sentences[j];
      if (next === undefined || next.paragraph !== sentence.paragraph) break;
      if (/[”»"]/u.test(next.text)) {
        const source = next.sourceInSentence ? next.source : undefined;
        if (source !== undefined)
          for (let k = i; k < j; k++) {
            const inside = sentences[k];
            if (inside !== undefined && inside.source === undefined) sentences[k] = { ...inside, source };
          }
        break;
      }
    }
  }
  return sentences;
}

/**
 * "Climate change is to blame too, scientists think.": a view closed by a group of experts and a
 * verb of belief, which the reporting-verb patterns do not read as a source.
 */
const GROUP_OPINION =
  /,\s((?:many|some|most|other|several|leading)?\s?(?:\p{L}+\s)?(?:scientists|experts|researchers|economists|analysts|officials|doctors|historians|diplomats|observers|investigators))\s(?:think|believe|suspect|fear|say|warn|agree)(?:[.!]$|,\s)/u;

/**
 * The verbs of the pattern, each a word of the sentence when it matches: a cheap test before the
 * pattern, which runs on every sentence without a source.
 */
const OPINION_VERBS: ReadonlySet<string> = new Set('think believe suspect fear say warn agree'.split(' '));

function findGroupOpinion(text: string, words: readonly string[]): Attribution | undefined {
  if (!text.includes(', ') || !words.some((word) => OPINION_VERBS.has(word))) return undefined;
  const match = GROUP_OPINION.exec(text);
  const source = match?.[1]?.trim();
  return match === null || source === undefined ? undefined : { source, pronoun: false, at: match.index };
}

/**
 * "Eric Reeves, one of the leading voices on Sudan, said …": a name, an aside fenced by commas, then
 * the reporting verb. Read without the aside, the name is the source.
 */
const NAME_APPOSITIVE_VERB =
  /^(\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}),\s[^,;:“”"«»]{2,90},\s(?=(?:said|says|told|tells|added|warned|declared|stated|insisted|argued|wrote)\s)/u;

/** The verbs of the pattern, each a word of the sentence when it matches: a cheap test before it. */
const VERBS_AFTER_APPOSITIVE: ReadonlySet<string> = new Set(
  'said says told tells added warned declared stated insisted argued wrote'.split(' '),
);

function findAttributionPastAppositive(text: string, words: readonly string[]): Attribution | undefined {
  if (!text.includes(', ') || !words.some((word) => VERBS_AFTER_APPOSITIVE.has(word))) return undefined;
  const match = NAME_APPOSITIVE_VERB.exec(text);
  if (match === null) return undefined;
  const name = match[1] ?? '';
  const found = findAttribution(`${name} ${text.slice(match[0].length)}`);
  return found === undefined || found.pronoun || found.inClause === true || !name.includes(found.source)
    ? undefined
    : found;
}

/**
 * The words the detectors look for in a sentence's lower-case words before they run their
 * patterns; they read those words for nothing else. Given only a sentence's words that are in this
 * set, every such test comes out as it would on all of them, and each word is looked up once here
 * instead of once per detector.
 */
const DETECTOR_WORDS: ReadonlySet<string> = new Set([
  ...DATE_WORD_KINDS.keys(),
  ...ACCORDING_WORDS,
  ...REPORTING_VERBS,
  ...SPELLED_SET,
  ...FRACTION_WORDS,
  ...OPINION_VERBS,
  ...VERBS_AFTER_APPOSITIVE,
]);
