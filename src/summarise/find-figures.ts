/**
 * Key figures: quantities (not dates, years, times, ordinals, ages or durations) with what they
 * count, their unit, who gives them and when, ranked by how much they matter to the story.
 */
import type { Figure } from '../model.js';
import type { AnalysedSentence } from './analyse-sentences.js';
import { countWordsUpTo } from './count-words.js';
import { dateOfFigure, withoutDates } from './date-of-figure.js';
import { isBareRate, withRateOf } from './count-rates.js';
import { CASUALTY_WORDS, nounOfCount } from './count-phrase-words.js';
import { describeCount, isCountPhrase } from './describe-count.js';
import { numberOfPhrase } from './count-subject.js';
import type { NumberMention } from './find-numbers.js';
import { mentionsYearBefore, typicalYear } from './article-year.js';

export interface ScoredFigure {
  readonly figure: Figure;
  readonly score: number;
}

/** Below this importance a figure is incidental ("two key figures", "three others"). */
const KEY_FIGURE_SCORE = 2.0;

/** "a nation of about 11 million people": background about a place, not news. */
const BACKGROUND_BEFORE =
  /\b(?:nation|country|city|town|state|population|home|region|island|pays|ville|Land|Stadt|país|ciudad) (?:of|to|de|von)\s+$/iu;

/** Nouns of the things news figures usually count: a figure about them matters more. */
const KEY_NOUNS =
  /\b(?:kill|dead|death|die|wound|injur|casualt|victim|people|person|soldier|troop|civilian|refugee|migrant|job|vote|case|patient|child|worker|resident|tourist|foreigner|loss|losses|home|house|famil|student|employee|user|customer|citizen|fighter|prisoner|hostage|spending|budget|debt|deficit|revenue|interest|cost|price|rate|tax|sale|profit|growth|inflation|unemploy|morts?|bless|personne|victime|habitant|Français|Tote|Verletzte|Menschen|Opfer|muertos?|heridos?|personas|víctimas)/iu;

/** What opens a converted amount after the original: "(", "(~", "(about ", "(or ". */
const CONVERSION_OPENING =
  /^\s*\(\s*(?:~|≈|about\s|around\s|roughly\s|approx(?:imately|\.)?\s|or\s|some\s|environ\s|etwa\s|unos\s)?\s*$/iu;

/** Years this close to the article's own read as years even where the words around them do not say so. */
const NEAR_YEARS = 5;

function looksLikeYear(mention: NumberMention, year: number): boolean {
  return (
    /^\d{4}$/u.test(mention.text) &&
    mention.unit === undefined &&
    Math.abs(mention.value - year) <= NEAR_YEARS
  );
}

function isMoney(unit: string | undefined): boolean {
  return unit !== undefined && /^[A-Z]{3}$/u.test(unit);
}

/** The text with each conversion's brackets and contents turned to spaces, offsets kept. */
function blankConversions(text: string, starts: ReadonlySet<number>): string {
  let result = text;
  for (const start of starts) {
    const open = result.lastIndexOf('(', start);
    const close = result.indexOf(')', start);
    if (open < 0 || close < 0) continue;
    result = result.slice(0, open) + ' '.repeat(close + 1 - open) + result.slice(close + 1);
  }
  return result;
}

/**
 * Starts of the amounts that only convert the amount before them: "€23 million ($25.2 million)",
 * "£5bn (about $6.2bn)". They are the same figure again, not one of their own.
 */
function conversionsIn(sentence: AnalysedSentence): Set<number> {
  const starts = new Set<number>();
  let previous: NumberMention | undefined;
  for (const mention of sentence.numbers) {
    if (mention.kind !== 'quantity') continue;
    if (
      previous !== undefined &&
      isMoney(previous.unit) &&
      isMoney(mention.unit) &&
      CONVERSION_OPENING.test(sentence.text.slice(previous.end, mention.start))
    ) {
      starts.add(mention.start);
      continue;
    }
    previous = mention;
  }
  return starts;
}

export function findFigures(
  sentences: readonly AnalysedSentence[],
  centrality: readonly number[],
  options: { maxFigures: number; publishedYear?: number },
): Figure[] {
  return rankFigureCandidates(sentences, centrality, options.publishedYear)
    .filter((candidate) => candidate.score >= KEY_FIGURE_SCORE && candidate.figure.counts !== '')
    .slice(0, options.maxFigures)
    .map((candidate) => candidate.figure);
}

/** Every quantity of the article as a figure with its importance score, best first, repeats merged. */
export function rankFigureCandidates(
  sentences: readonly AnalysedSentence[],
  centrality: readonly number[],
  publishedYear?: number,
): ScoredFigure[] {
  const candidates: ScoredFigure[] = [];
  const currentYear = publishedYear ?? typicalYear(sentences);
  for (const sentence of sentences) {
    let previousCounts: string | undefined;
    let previousEnd = 0;
    const conversions = conversionsIn(sentence);
    // Dates and counts read past a conversion as if it were not there.
    const unconverted =
      conversions.size === 0
        ? sentence
        : {
            ...sentence,
            text: blankConversions(sentence.text, conversions),
            numbers: sentence.numbers.filter((number) => !conversions.has(number.start)),
          };
    for (const mention of sentence.numbers) {
      if (mention.kind !== 'quantity' || conversions.has(mention.start)) continue;
      // "the 2016 highlights": a year near the article's own, written as a bare number, is a year.
      if (currentYear !== undefined && looksLikeYear(mention, currentYear)) continue;
      // "13 percent of spending, up from 6.6 percent": a number right after another counts the same.
      const inherited =
        countWordsUpTo(sentence.text.slice(previousEnd, mention.start), 5) <= 4 ||
        /,\s*(?:up|down)\s+from\s*$/iu.test(sentence.text.slice(previousEnd, mention.start))
          ? previousCounts
          : undefined;
      // "from 164 MB in May 2013 to about 1.8 GB": the dates in between do not break the comparison.
      const comparison =
        /^[\s,]*(?:up|down|rising|falling|en hausse|en baisse)?\s*(?:from|to|compared with|against|versus|vs\.?|contre|après|à|auf|gegenüber|frente a|a)\s*$/iu.test(
          withoutDates(sentence, previousEnd, mention.start).replace(
            /^.*,(?=\s*(?:up|down)\s+from\s*$)/su,
            '',
          ),
        );
      let counts =
        (comparison ? inherited : undefined) ?? describeCount(unconverted.text, mention) ?? inherited ?? '';
      // "$1.99 a month or $19.99 a year": the second price pays for the same thing over its own period.
      if (inherited !== undefined && isBareRate(counts)) counts = withRateOf(inherited, counts);
      // "it's less than 100", after "the number of Americans killed": the count names its noun earlier.
      if (
        /^(?:it|it's|it’s|that|this|which|they|these|ce|c['’]est|das|es|eso)$/iu.test(counts) ||
        counts === ''
      ) {
        counts = numberOfPhrase(sentence.text.slice(0, mention.start)) ?? counts;
      }
      let scoringCounts: string | undefined;
      // "Two gunmen died, and three others may have escaped": the others are more of the same kind,
      // not of the same fate, so only the noun carries over.
      if (previousCounts !== undefined && /^(?:others?|more|autres|weitere|otros|otras)$/iu.test(counts)) {
        const noun = nounOfCount(previousCounts);
        // Scored as the group it belongs to (casualties stay important), shown with the noun only.
        scoringCounts = `${counts} (${previousCounts})`;
        if (noun !== '') counts = `${counts} (${noun})`;
      }
      if (!isCountPhrase(counts) || isImperativeOpening(sentence.text, counts)) counts = '';
      previousCounts = counts || previousCounts;
      previousEnd = mention.end;
      const date = dateOfFigure(unconverted, mention);
      const figure: Figure = {
        text: mention.text,
        value: mention.value,
        ...(mention.valueTo === undefined ? {} : { valueTo: mention.valueTo }),
        ...(mention.unit === undefined ? {} : { unit: mention.unit }),
        counts,
        // (Not the byline: a price in "I think $249 is fair" is the maker's, not the writer's.)
        ...(sentence.source === undefined ? {} : { attribution: sentence.source }),
        ...(date === undefined ? {} : { date }),
        ...(mention.approximate ? { approximate: true } : {}),
        sentence: sentence.index,
      };
      let score = scoreFigure(
        scoringCounts === undefined || counts === '' ? figure : { ...figure, counts: scoringCounts },
        mention,
        sentence,
        centrality[sentence.index] ?? 0,
      );
      if (
        BACKGROUND_BEFORE.test(
          sentence.text
            .slice(Math.max(0, mention.start - 30), mention.start)
            .replace(
              /(?:about|around|some|nearly|almost|more than|over|environ|près de|plus de|rund|etwa|unos|casi|más de)\s+$/iu,
              '',
            ),
        )
      ) {
        score -= 1.2;
      }
      // Figures of years gone by ("in 2002, militants killed more than 20 people") are history.
      if (currentYear !== undefined && sentence.index > 2 && mentionsYearBefore(sentence, currentYear - 1))
        score -= 0.7;
      candidates.push({ figure, score });
    }
  }
  // The same quantity mentioned twice is one figure: keep the best-placed mention, credited if any is.
  const byKey = new Map<string, ScoredFigure>();
  for (const candidate of candidates) {
    const key = `${candidate.figure.value}|${candidate.figure.unit ?? ''}`;
    const existing = byKey.get(key);
    if (existing === undefined) {
      byKey.set(key, candidate);
      continue;
    }
    const [keep, drop] = candidate.score > existing.score ? [candidate, existing] : [existing, candidate];
    const attribution = keep.figure.attribution ?? drop.figure.attribution;
    byKey.set(key, {
      figure: { ...keep.figure, ...(attribution === undefined ? {} : { attribution }) },
      score: keep.score + 0.3,
    });
  }
  return [...byKey.values()].sort((a, b) => b.score - a.score || a.figure.sentence - b.figure.sentence);
}

function scoreFigure(
  figure: Figure,
  mention: NumberMention,
  sentence: AnalysedSentence,
  centrality: number,
): number {
  let score = 1;
  if (isMoney(figure.unit)) score += 1.2;
  else if (figure.unit === '%' || figure.unit === 'percentage points' || figure.unit === 'share') score += 1;
  else if (figure.unit !== undefined) score += 0.6;
  if (mention.scaled) score += 0.6;
  const magnitude = Math.abs(figure.value);
  if (magnitude >= 1000) score += 0.8;
  else if (magnitude >= 100) score += 0.5;
  else if (magnitude >= 10) score += 0.2;
  else if (figure.unit === undefined) score -= 0.4;
  // A share is written in words as a rule ("half", "two-thirds"); other numbers in words are small talk.
  if (mention.spelled && figure.unit !== 'share') score -= 0.7;
  if (mention.approximate) score += 0.2;
  if (sentence.sourceInSentence) score += 0.5;
  else if (figure.attribution !== undefined) score += 0.2;
  if (figure.counts === '') score -= 0.8;
  else if (KEY_NOUNS.test(figure.counts)) score += 0.5;
  if (CASUALTY_WORDS.test(figure.counts)) score += mention.spelled || magnitude < 10 ? 1.4 : 0.5;
  if (sentence.isHeading) score -= 0.5;
  score += 0.6 * centrality;
  if (sentence.index < 4) score += 0.4;
  else if (sentence.index < 10) score += 0.2;
  return score;
}

/**
 * "Save $20 with code X", "Download a free trial and get 10 percent off": a sentence that opens
 * with a verb followed by its object; that verb is not what the amount counts.
 */
function isImperativeOpening(sentence: string, counts: string): boolean {
  if (!/^\p{Lu}\p{Ll}+$/u.test(counts) || !sentence.startsWith(counts)) return false;
  // "Available at £140 from the shop"; "Remember that it’s easy getting 95% there" (but "Losses
  // that Seoul figures at 1,100" opens on a noun).
  return (
    /^\p{Lu}\p{Ll}+\s+(?:(?:a|an|the|your|our|up to|at)\s|[$€£¥\d])/u.test(sentence) ||
    /^(?:Remember|Note|Consider|Imagine|Recall|Notice|Think|Suppose|Picture)\s+(?:that|this|last|when|how|what|why|if)\s/u.test(
      sentence,
    )
  );
}
