/**
 * Key claims: sentences scored by centrality, position, overlap with the headline, figures and
 * attribution (a named source counts most; a quotation with its speaker is a claim, one without
 * is colour), then shortened by deletion (`compressSentence`) and picked greedily, best first,
 * within the word budget: no near-duplicates of what the card already shows, no piece of a
 * quotation that runs across sentences, no sentence whose key figure the card lists anyway when a
 * claim of its own is available, and no low-ranked filler for left-over room. The gist is the best
 * of the opening sentences. Claims are the article's own sentences with words deleted, never
 * reworded, so every number and name in them is in the source.
 */
import { countWords } from './count-words.js';
import type { Claim } from '../model.js';
import { attributionOf, type AnalysedSentence } from './analyse-sentences.js';
import { compressSentence } from './compress-sentence.js';
import { pickDate } from './find-dates.js';
import { contentWords } from './rank-sentences.js';
import { mentionsYearBefore } from './article-year.js';
import {
  addressesReader,
  BACKGROUND_OPENING,
  CONTACT_DETAILS,
  isListItem,
  isListLine,
  isListOfShortLines,
  isStandfirstLine,
  LEAD_IN,
  TURN_OPENING,
  NEWS_CUE,
  QUESTION,
  SUPPOSITION,
} from './sentence-roles.js';

export interface ClaimSelection {
  /** The gist's sentence; none when no sentence states anything (a list of link titles). */
  readonly gist?: AnalysedSentence;
  /** The gist sentence, shortened for the card; empty when there is none. */
  readonly gistText: string;
  readonly claims: readonly Claim[];
}

/** Two sentences sharing more than this share of content words say the same thing. */
const REDUNDANCY = 0.35;
/** Fewer content words than this in common is never redundancy. */
const MIN_SHARED_WORDS = 3;
/** Best-scored sentences considered for claims; the rest never win a place. */
const MAX_CANDIDATES = 40;
/** Sentences shortened and ranked again after the first ranking on their full length. */
const SHORTLIST = 16;
/** Score lost per word of the shortened sentence: short claims leave room for more of them. */
const LENGTH_COST = 0.02;
const POSITION_WEIGHT = 0.6;
const POSITION_DECAY = 0.1;
const MIN_CLAIM_WORDS = 6;
/** Sentences shorter than this are never scored. */
const MIN_SCORED_WORDS = 4;
/** Claims score at least this (a sentence with no source, figure or headline word and far down scores less). */
const MIN_CLAIM_SCORE = 0.6;
/** Score lost by a sentence whose key figure the card already shows. */
const FIGURE_ON_CARD = 0.45;
/** A claim shorter than this that gives a figure the card lists is the figure line again. */
const SHORT_FIGURE_CLAIM_WORDS = 12;
/** A claim longer than this once shortened reads as a paragraph, not a card line. */
const MAX_CLAIM_WORDS = 34;
/** Score lost by a sentence that nobody says and that gives no figure or date. */
const UNSOURCED_COST = 0.45;
/** Score lost by a sentence about a year before the article's own: background, not the news. */
const HISTORY_COST = 0.4;

const BACKGROUND_GIST_COST = 0.5;
/** How far down a sentence with a news cue may still be the gist. */
const NEWS_CUE_REACH = 6;
const NEWS_CUE_GIST_BONUS = 0.3;

/** A question loses the lead's advantage: the gist states something when the opening can. */
const QUESTION_GIST_COST = 1.2;
/** A lead-in is the gist only when nothing in the opening states anything. */
const LEAD_IN_GIST_COST = 2;
/** A turn ("But …", "However, …") just after the lede may be the news the lede sets up. */
const TURN_GIST_BONUS = 0.6;
const TURN_REACH = 2;
/** Extra weight of the headline's words in the gist's score, on top of their weight in every claim's. */
const TITLE_GIST_WEIGHT = 0.5;

export function selectClaims(
  sentences: readonly AnalysedSentence[],
  centrality: readonly number[],
  titleWords: ReadonlySet<string>,
  /** `maxWords` bounds the gist and the claims together. */
  options: {
    maxClaims: number;
    /**
     * Index of the story's first sentence: 0, or the sentence after a standfirst. The standfirst
     * and the lede both open the story.
     */
    ledeIndex?: number;
    maxWords: number;
    /** Sentences that give a key figure: the card lists those figures already. */
    figureSentences?: ReadonlySet<number>;
    /** The article's own year: a sentence about an earlier one is history. */
    articleYear?: number;
  },
): ClaimSelection | undefined {
  const ledeIndex = options.ledeIndex ?? 0;
  // A first, cheap ranking on full lengths; only the best are shortened and ranked again.
  // Each sentence's features are read once: the shortlist and the gist are scored again on them.
  const shortlist = sentences
    .map((sentence) => {
      const features = scoreFeatures(sentence, titleWords);
      return {
        sentence,
        features,
        score: combineScore(features, sentence, centrality[sentence.index] ?? 0, sentence.wordCount, 0),
      };
    })
    .filter((entry) => Number.isFinite(entry.score))
    .sort((a, b) => b.score - a.score || a.sentence.index - b.sentence.index)
    .filter((entry, rank) => rank < SHORTLIST || entry.sentence.index < ledeIndex + 3);
  const scored = shortlist.map(({ sentence, features: full }) => {
    const text = compressSentence(sentence.text);
    // A sentence the shortening left whole has its word count already.
    const length = text === sentence.text ? sentence.wordCount : countWords(text);
    // "While this is under 2%, it still causes drag" loses its opening: the card line opens on "It".
    const features =
      text === sentence.text || full.leansOnPrevious || !LEANS_ON_PREVIOUS.test(text)
        ? full
        : { ...full, leansOnPrevious: true };
    return {
      sentence,
      features,
      text,
      length,
      score: combineScore(features, sentence, centrality[sentence.index] ?? 0, length, 0),
      figureOnCard: repeatsCardFigure(sentence, text, options.figureSentences),
      // "Watch the series on YouTube.", "Get 10% off your first order.": a call to action is never the news.
      callToAction: addressesReader(text),
      // "Today, we're announcing …": read once, for the opening and for the gist's score.
      newsCue: NEWS_CUE.test(sentence.text),
      history:
        options.articleYear !== undefined &&
        sentence.index > ledeIndex &&
        mentionsYearBefore(sentence, options.articleYear),
    };
  });
  if (scored.length === 0) return undefined;
  // The gist: the opening sentences carry the story; prefer the best of the first three.
  // The lede after a standfirst opens the story as the first sentence does: it may state news unsourced.
  const gistScore = (entry: (typeof scored)[number]): number =>
    (entry.sentence.index === ledeIndex
      ? combineScore(
          entry.features,
          entry.sentence,
          centrality[entry.sentence.index] ?? 0,
          entry.length,
          ledeIndex,
        )
      : entry.score) +
    leadBonus(entry.sentence, ledeIndex) +
    // "Actor Meera Syal joins us …" under "Ep 122: Meera Syal": the lede names what the headline names.
    TITLE_GIST_WEIGHT * entry.features.titleShare -
    // "Have we had RSI issues?": a question opens a post, it does not say what happened.
    (QUESTION.test(entry.text) ? QUESTION_GIST_COST : 0) -
    // "X, in his column for the Journal:" only announces what follows.
    (LEAD_IN.test(entry.text) ? LEAD_IN_GIST_COST : 0) -
    // "Suppose we want to publish a log": a set-up, not what the piece finds.
    (SUPPOSITION.test(entry.text) ? QUESTION_GIST_COST : 0) -
    // "Last year, we announced …", "You may have heard of …": what came before the news.
    (BACKGROUND_OPENING.test(entry.sentence.text) ? BACKGROUND_GIST_COST : 0) +
    // "Today, we're announcing …", "… is now available": the news itself.
    (entry.newsCue ? NEWS_CUE_GIST_BONUS : 0) +
    // "Pundits have long suspected … But Apple has sidestepped those concerns": the turn is the news.
    (entry.sentence.index > ledeIndex &&
    entry.sentence.index <= ledeIndex + TURN_REACH &&
    TURN_OPENING.test(entry.sentence.text)
      ? TURN_GIST_BONUS
      : 0);
  // Only prose: a line of a list ("Follow up: Moscone food research", "What if we had to use iOS?") states no news.
  const paragraphWords: number[] = [];
  for (const sentence of sentences)
    paragraphWords[sentence.paragraph] = (paragraphWords[sentence.paragraph] ?? 0) + sentence.wordCount;
  const listOfShortLines = isListOfShortLines(sentences, paragraphWords);
  const prose = scored.filter(
    (entry) =>
      !(
        isListLine(entry.sentence, sentences, paragraphWords) ||
        (listOfShortLines && isListItem(entry.sentence, paragraphWords))
      ) || isStandfirstLine(entry.sentence),
  );
  // "Go to our website www.example.co.uk for a list": how to reach someone is never the news.
  // "GO OUTSIDE AND EAT SOME WILD FOODS!": a line in capitals shouts a slogan or a heading.
  const notToReader = prose.filter(
    (entry) => !entry.callToAction && !CONTACT_DETAILS.test(entry.text) && !isShouted(entry.text),
  );
  // A sentence cut short in the source ("…on-site lau [...]") is a gist only when nothing else is.
  const proseStatements = notToReader.filter((entry) => !BROKEN_END.test(entry.text));
  // "Today, we're announcing …" a few sentences down is the news the opening leads up to.
  const opening = proseStatements.filter(
    (entry) =>
      (entry.sentence.index < ledeIndex + 3 ||
        (entry.sentence.index < ledeIndex + NEWS_CUE_REACH && entry.newsCue)) &&
      (!entry.sentence.isHeading || isStandfirstLine(entry.sentence)),
  );
  const gistPool =
    opening.length > 0
      ? opening
      : proseStatements.length > 0
        ? proseStatements
        : notToReader.length > 0
          ? notToReader
          : prose;
  const gistEntry = gistPool
    .map((entry) => ({ entry, score: gistScore(entry) }))
    .sort((a, b) => b.score - a.score)[0]?.entry;
  // Show notes of link titles and sponsor reads state no news: no gist and no claims (none qualify).
  if (gistEntry === undefined) return { gistText: '', claims: [] };
  const gistText = gistEntry.text;
  // Redundancy is judged on what the card shows: the shortened texts, not the dropped clauses.
  // Headline words name the topic that every claim shares: redundancy is judged on the other words.
  const chosen: (readonly string[])[] = [cardWords(gistEntry, titleWords)];
  const claims: Claim[] = [];
  let words = gistEntry.length;
  for (const entry of [...scored].sort((a, b) => claimScore(b) - claimScore(a)).slice(0, MAX_CANDIDATES)) {
    if (claims.length >= options.maxClaims || options.maxWords - words < MIN_CLAIM_WORDS) break;
    const { sentence, text, length } = entry;
    if (sentence.index === gistEntry.sentence.index) continue;
    // Left-over room is not filled with a sentence that ranks this low.
    if (claimScore(entry) < MIN_CLAIM_SCORE) break;
    // The shortened text counts too: a sentence cut down to a name ("CHEF") says nothing.
    if (
      sentence.isHeading ||
      sentence.wordCount < MIN_CLAIM_WORDS ||
      length < MIN_CLAIM_WORDS ||
      length > MAX_CLAIM_WORDS
    )
      continue;
    if (!standsAlone(sentence.text) || !statesSomething(text) || entry.callToAction) continue;
    // "You can find Andrea @amcvittie on Twitter", "…per WhatsApp an die 0172 10 10 951": contact details.
    if (CONTACT_DETAILS.test(text)) continue;
    // A short sentence around a figure the card lists says little more than the figure line.
    if (entry.figureOnCard && length < SHORT_FIGURE_CLAIM_WORDS) continue;
    const shownWords = cardWords(entry, titleWords);
    if (chosen.some((other) => overlap(other, shownWords) > REDUNDANCY)) continue;
    if (words + length > options.maxWords) continue;
    chosen.push(shownWords);
    words += length;
    claims.push(toClaim(sentence, text));
  }
  return { gist: gistEntry.sentence, gistText, claims };
}

function cardWords(
  entry: { readonly sentence: AnalysedSentence; readonly text: string },
  titleWords: ReadonlySet<string>,
): readonly string[] {
  const words = entry.text === entry.sentence.text ? entry.sentence.contentWords : contentWords(entry.text);
  return titleWords.size === 0 ? words : words.filter((word) => !titleWords.has(word));
}

/**
 * True when the claim text still gives a key figure of its sentence, which the card lists already.
 * A figure in a clause the shortening dropped repeats nothing.
 */
export function repeatsCardFigure(
  sentence: AnalysedSentence,
  text: string,
  figureSentences: ReadonlySet<number> | undefined,
): boolean {
  return (
    figureSentences?.has(sentence.index) === true &&
    sentence.numbers.some((number) => number.kind === 'quantity' && text.includes(number.text))
  );
}

function claimScore(entry: {
  readonly score: number;
  readonly figureOnCard: boolean;
  readonly history: boolean;
}): number {
  return entry.score - (entry.figureOnCard ? FIGURE_ON_CARD : 0) - (entry.history ? HISTORY_COST : 0);
}

export function toClaim(sentence: AnalysedSentence, text: string): Claim {
  // A date in a clause the card dropped is not the claim's date, but one in a dropped opening is:
  // "At 12.45pm on Tuesday, Jorge walked …" says when the rest happened.
  const kept = keptFrom(sentence.text, text);
  const date = pickDate(
    text === sentence.text
      ? sentence.dates
      : sentence.dates.filter((d) => text.includes(d.text) || (kept > 0 && d.end <= kept)),
  );
  return {
    text,
    ...attributionOf(sentence),
    ...(date === undefined ? {} : { date }),
    sentence: sentence.index,
  };
}

/** Where the shortened text starts in its sentence (its first letter may have become a capital), or -1. */
function keptFrom(sentence: string, text: string): number {
  const head = text.slice(1, 24);
  const at = head.length < 8 ? -1 : sentence.indexOf(head);
  return at < 1 ? -1 : at - 1;
}

function leadBonus(sentence: AnalysedSentence, ledeIndex: number): number {
  if (sentence.index === 0 || sentence.index === ledeIndex) return 0.6;
  return sentence.index === ledeIndex + 1 ? 0.2 : 0;
}

export function scoreSentence(
  sentence: AnalysedSentence,
  centrality: number,
  titleWords: ReadonlySet<string>,
  /** Words once shortened: what the claim costs on the card. */
  length: number,
  /** The story's first sentence (after a standfirst): like the first sentence, it may state news unsourced. */
  ledeIndex = 0,
): number {
  return combineScore(scoreFeatures(sentence, titleWords), sentence, centrality, length, ledeIndex);
}

/** What a sentence's score depends on besides its centrality, shortened length and the lede. */
interface ScoreFeatures {
  readonly unconfirmed: boolean;
  /** Share of the headline's words in the sentence, weighted. */
  readonly titleShare: number;
  readonly hasQuantity: boolean;
  /** Nobody says it, and it has no figure or date: scene-setting more often than a claim (unless it is the lede). */
  readonly unsourcedScene: boolean;
  readonly mostlyQuoted: boolean;
  readonly question: boolean;
  readonly saysNothingSaid: boolean;
  readonly leansOnPrevious: boolean;
}

/** A sentence too short to score has no features worth reading. */
const NO_FEATURES: ScoreFeatures = {
  unconfirmed: false,
  titleShare: 0,
  hasQuantity: false,
  unsourcedScene: false,
  mostlyQuoted: false,
  question: false,
  saysNothingSaid: false,
  leansOnPrevious: false,
};

function scoreFeatures(sentence: AnalysedSentence, titleWords: ReadonlySet<string>): ScoreFeatures {
  if (sentence.wordCount < MIN_SCORED_WORDS) return NO_FEATURES;
  const denies = mayDeny(sentence.text);
  let titleShare = 0;
  if (titleWords.size > 0) {
    // Counted over the headline's words: fewer than the sentence's, and distinct already.
    let shared = 0;
    for (const word of titleWords) if (sentence.contentWords.includes(word)) shared++;
    titleShare = (0.8 * shared) / titleWords.size;
  }
  const unconfirmed =
    sentence.source === undefined &&
    (denies || sentence.text.includes('either')) &&
    UNCONFIRMED.test(sentence.text);
  const hasQuantity = sentence.numbers.some((number) => number.kind === 'quantity');
  return {
    unconfirmed,
    titleShare,
    hasQuantity,
    unsourcedScene:
      sentence.source === undefined &&
      !unconfirmed &&
      sentence.index > 0 &&
      sentence.dates.length === 0 &&
      !hasQuantity &&
      !REPORTED.test(sentence.text),
    mostlyQuoted: quotedShare(sentence.text) > 0.6,
    question: QUESTION.test(sentence.text),
    saysNothingSaid: denies && NOTHING_SAID.test(sentence.text),
    leansOnPrevious: LEANS_ON_PREVIOUS.test(sentence.text),
  };
}

function combineScore(
  features: ScoreFeatures,
  sentence: AnalysedSentence,
  centrality: number,
  length: number,
  ledeIndex: number,
): number {
  if (sentence.wordCount < MIN_SCORED_WORDS) return Number.NEGATIVE_INFINITY;
  let score = centrality;
  const { unconfirmed } = features;
  // Inverted pyramid: the lede matters most, the first sentence of each paragraph next.
  score += POSITION_WEIGHT / (1 + sentence.index * POSITION_DECAY) - LENGTH_COST * length;
  if (sentence.positionInParagraph === 0) score += 0.15;
  score += features.titleShare;
  if (features.hasQuantity) score += 0.25;
  if (sentence.sourceInSentence) score += 0.7;
  else if (sentence.source !== undefined) score += 0.1;
  // "Neither Moscow nor Beijing has confirmed the deal": what named parties have not said is news.
  else if (unconfirmed) score += 0.7;
  if (sentence.dates.length > 0) score += 0.05;
  // Nobody says it, and it has no figure or date: scene-setting more often than a claim.
  if (features.unsourcedScene && sentence.index !== ledeIndex) score -= UNSOURCED_COST;
  if (sentence.isHeading) score -= 0.8;
  // Mostly direct speech: colour rather than the news, unless nothing better is said.
  // A quotation whose speaker the sentence names is an attributed statement: half the cost.
  if (features.mostlyQuoted) score -= sentence.sourceInSentence ? 0.15 : 0.3;
  if (sentence.wordCount < 8) score -= 0.3;
  if (sentence.wordCount > 55) score -= 0.4;
  if (features.question) score -= 0.4;
  // "The source could not provide details": says that nothing was said.
  if (features.saysNothingSaid) score -= 0.5;
  // Sentences that lean on the previous one ("This is…", "He added…") read badly alone.
  if (features.leansOnPrevious && !sentence.sourceInSentence) score -= 0.25;
  return score;
}

/**
 * A card line must read alone: not a piece of a quotation that opens or closes in another sentence
 * (`That's a modern thing," says Te Kaurinui.`), nor a lead-in to a list (`as follows:`).
 */
export function standsAlone(text: string): boolean {
  if (/[:;,]["”’»]?$/u.test(text)) return false;
  const opens = (text.match(/[“«]/gu) ?? []).length;
  const closes = (text.match(/[”»]/gu) ?? []).length;
  const straight = (text.match(/"/gu) ?? []).length;
  // "(One of them is Brent Simmons.": a bracket the next sentence closes.
  // ("1) code to read and 2) a project": enumerators close no bracket.)
  if (opens !== closes || straight % 2 !== 0) return false;
  if (!text.includes('(') && !text.includes(')')) return true;
  const closing = text.replace(/(?:^|\s)(?:\d{1,2}|\p{Ll})\)/gu, ' ');
  return (text.match(/\(/gu) ?? []).length === (closing.match(/\)/gu) ?? []).length;
}

/**
 * The last word of a sentence cut short: "…share it directly, or.", or a mark where a feed cut
 * the text inside a sentence ("…on-site lau [...]", "…uma diferença de 3 pontos em [?]").
 */
const BROKEN_END = /(?:\s(?:and|or|but|nor|the|a|an)[.!?]?["”’»]?|[^\s.!?…"”’»]\s\[(?:\.\.\.|…|\?)\])$/u;

/** Letters at least, and share of them in lower case at most, of a line written in capitals. */
const MIN_SHOUT_LETTERS = 12;
const MAX_SHOUT_LOWER_SHARE = 0.2;

export function isShouted(text: string): boolean {
  let upper = 0;
  let lower = 0;
  for (const char of text) {
    if (char >= 'A' && char <= 'Z') upper++;
    else if (char >= 'a' && char <= 'z') lower++;
  }
  return upper + lower >= MIN_SHOUT_LETTERS && lower <= MAX_SHOUT_LOWER_SHARE * (upper + lower);
}

/**
 * A card line states something: a question ("Did you know …?") asks, a supposition ("Say your
 * team has …") sets up an example, and a sentence ending on a conjunction or an article was cut
 * short in the source.
 */
export function statesSomething(text: string): boolean {
  // ("Consider refactoring when …" is advice, not a supposition.)
  return (
    !QUESTION.test(text) &&
    !BROKEN_END.test(text) &&
    (!SUPPOSITION.test(text) || /^Consider \p{Ll}+ing\b/u.test(text))
  );
}

/**
 * Cheap test before the patterns: it runs on every sentence. One pattern of plain words reads the
 * sentence once, where a search per word read it five times.
 */
const MAY_DENY = /not |n’t |n't |declined|refused/u;

function mayDeny(text: string): boolean {
  return MAY_DENY.test(text);
}

/**
 * Named parties that have not confirmed, denied or commented: "Neither Moscow nor Pyongyang has
 * confirmed …", "The ministry has not denied …". The subject is a capitalised name or a title noun.
 */
const UNCONFIRMED =
  /(?:^|,\s)(?:(?:for now|so far|as yet|yet),?\s)?(?:[Nn]either\s(?:the\s)?\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*)*\snor\s(?:the\s)?\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*)*\s(?:has|have|had)|(?:the\s)?\p{Lu}[\p{L}'’-]*(?:\s\p{L}[\p{L}'’-]*){0,3}\s(?:has|have|had|did)\s(?:not|yet to)|(?:the\s)?\p{Lu}[\p{L}'’-]*(?:\s\p{L}[\p{L}'’-]*){0,3}\s(?:hasn['’]t|haven['’]t|didn['’]t))\s(?:yet\s|publicly\s|officially\s)?(?:confirm|confirmed|denied|deny|commented|comment|acknowledged|acknowledge|responded|respond)\b/u;

/** Sentences that lean on the previous one ("This is…", "He added…") read badly alone. */
const LEANS_ON_PREVIOUS = /^(?:this|that|these|those|it|he|she|they|but|and|also|still|yet|so|which)\b/iu;

/** A reporting verb whose source the attribution patterns may not have read. */
const REPORTED = /\b(?:said|says|told|according|reported|announced|stated)\b/u;

const NOTHING_SAID =
  /\b(?:could not|couldn['’]t|did not|didn['’]t|would not|wouldn['’]t|declined to|refused to)\s(?:immediately\s)?(?:provide|give|comment|elaborate|disclose)\b/iu;
function quotedShare(text: string): number {
  let quoted = 0;
  let depth = 0;
  // Where the first closing and the first opening mark stand, for a quotation run on from before.
  let firstClose = -1;
  let firstOpen = -1;
  // By character code: this runs on every sentence, and a string iterator costs more.
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const opens = code === 0x201c || code === 0xab;
    const closes = code === 0x201d || code === 0xbb;
    if (opens && firstOpen < 0) firstOpen = i;
    if (closes && firstClose < 0) firstClose = i;
    if (opens) depth++;
    else if (closes && depth > 0) depth--;
    else if (depth > 0) {
      quoted++;
      // A surrogate pair is one character.
      if (code >= 0xd800 && code <= 0xdbff && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) i++;
    }
  }
  // A quotation that runs on from the previous sentence opens before this one starts.
  if (depth === 0 && quoted === 0 && firstClose >= 0 && (firstOpen < 0 || firstOpen > firstClose))
    quoted = firstClose;
  return text.length === 0 ? 0 : quoted / text.length;
}

function overlap(a: readonly string[], b: readonly string[]): number {
  const setA = new Set(a);
  const setB = new Set(b);
  if (setA.size === 0 || setB.size === 0) return 0;
  let shared = 0;
  for (const word of setA) if (setB.has(word)) shared++;
  // Two words in common ("American government") do not make two short claims say the same thing.
  return shared < MIN_SHARED_WORDS ? 0 : shared / Math.min(setA.size, setB.size);
}
