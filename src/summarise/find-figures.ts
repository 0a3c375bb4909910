/**
 * Key figures: quantities (not dates, years, times, ordinals, ages or durations) with what they
 * count, their unit, who gives them and when, ranked by how much they matter to the story.
 */
import type { Figure } from '../model.js';
import type { AnalysedSentence } from './analyse-sentences.js';
import { countWords } from './count-words.js';
import type { DateMention } from './find-dates.js';
import type { NumberMention } from './find-numbers.js';

export interface ScoredFigure {
  readonly figure: Figure;
  readonly score: number;
}

/** Below this importance a figure is incidental ("two key figures", "three others"). */
const KEY_FIGURE_SCORE = 2.0;

/** Casualties and damage: the figures a reader looks for first, even when small or spelled out. */
const CASUALTY_WORDS =
  /\b(?:killed|dead|died|deaths?|wounded|injured|casualties|victims|missing|hostages|beheaded|stranded|morts?|tués?|blessés?|disparus|Tote|Toten|Verletzte|muertos?|heridos?|fallecidos)\b/iu;

/** "a nation of about 11 million people": background about a place, not news. */
const BACKGROUND_BEFORE =
  /\b(?:nation|country|city|town|state|population|home|region|island|pays|ville|Land|Stadt|país|ciudad) (?:of|to|de|von)\s+$/iu;

/** Words that end the noun phrase a number counts. */
const PHRASE_END = new Set(
  (
    'were was are is have has had will would could can may might be been being to in on at by for from with as ' +
    'than that which who whom when where while since during after before into over under about between among and ' +
    'or but if because so per each a an the this these those its their his her our last next ago this year ' +
    'ont a été sont est qui que dans en sur par pour avec selon et ou mais depuis sans entre ' +
    'wurden wurde sind ist haben hat worden waren war wird werden hatte hatten in im am bei mit von für nach seit und oder aber die der das ' +
    'soll sollen sollten kann können konnten muss müssen mussten darf dürfen se ' +
    'étaient était avaient eran era estaban están ' +
    'fueron fue son es han ha en con por para según y o pero desde sin entre que'
  ).split(' '),
);

/** Nouns of the things news figures usually count: a figure about them matters more. */
const KEY_NOUNS =
  /\b(?:kill|dead|death|die|wound|injur|casualt|victim|people|person|soldier|troop|civilian|refugee|migrant|job|vote|case|patient|child|worker|resident|tourist|foreigner|loss|losses|home|house|famil|student|employee|user|customer|citizen|fighter|prisoner|hostage|spending|budget|debt|deficit|revenue|interest|cost|price|rate|tax|sale|profit|growth|inflation|unemploy|morts?|bless|personne|victime|habitant|Français|Tote|Verletzte|Menschen|Opfer|muertos?|heridos?|personas|víctimas)/iu;

/** "killing at least 19 people" → "people killed". */
const CASUALTY_VERBS: Readonly<Record<string, string>> = {
  killing: 'killed',
  killed: 'killed',
  injuring: 'injured',
  injured: 'injured',
  wounding: 'wounded',
  wounded: 'wounded',
  displacing: 'displaced',
  displaced: 'displaced',
  arresting: 'arrested',
  arrested: 'arrested',
  evacuating: 'evacuated',
  evacuated: 'evacuated',
  infecting: 'infected',
  infected: 'infected',
  rescuing: 'rescued',
  rescued: 'rescued',
  beheaded: 'beheaded',
};

const PARTICIPLE =
  /^(?:\p{Ll}+ed|sent|killed|hit|held|taken|made|seen|found|lost|built|brought|born|caught|left|given|put|shot|struck|hurt|kept|paid|sold|spent|cut|won|driven|written|deployed|tué|tués|blessés?|morts?|localisés|rapatriés|évacués|getötet|verletzt|muertos|heridos)$/iu;

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
    for (const mention of sentence.numbers) {
      if (mention.kind !== 'quantity') continue;
      // "13 percent of spending, up from 6.6 percent": a number right after another counts the same.
      const inherited =
        countWords(sentence.text.slice(previousEnd, mention.start)) <= 4 ? previousCounts : undefined;
      // "from 164 MB in May 2013 to about 1.8 GB": the dates in between do not break the comparison.
      const comparison =
        /^[\s,]*(?:up|down|rising|falling|en hausse|en baisse)?\s*(?:from|to|compared with|against|versus|vs\.?|contre|après|à|auf|gegenüber|frente a|a)\s*$/iu.test(
          withoutDates(sentence, previousEnd, mention.start),
        );
      let counts =
        (comparison ? inherited : undefined) ?? describeCount(sentence.text, mention) ?? inherited ?? '';
      // "it's less than 100", after "the number of Americans killed": the count names its noun earlier.
      if (
        /^(?:it|it's|it’s|that|this|which|they|these|ce|c['’]est|das|es|eso)$/iu.test(counts) ||
        counts === ''
      ) {
        counts = numberOfPhrase(sentence.text.slice(0, mention.start)) ?? counts;
      }
      // "Two gunmen died, and three others …": the others are more of the same.
      if (previousCounts !== undefined && /^(?:others?|more|autres|weitere|otros|otras)$/iu.test(counts)) {
        counts = `${counts} (${previousCounts})`;
      }
      if (!isCountPhrase(counts)) counts = '';
      previousCounts = counts || previousCounts;
      previousEnd = mention.end;
      const date = dateOfFigure(sentence, mention);
      const figure: Figure = {
        text: mention.text,
        value: mention.value,
        ...(mention.valueTo === undefined ? {} : { valueTo: mention.valueTo }),
        ...(mention.unit === undefined ? {} : { unit: mention.unit }),
        counts,
        ...(sentence.source === undefined ? {} : { attribution: sentence.source }),
        ...(date === undefined ? {} : { date }),
        ...(mention.approximate ? { approximate: true } : {}),
        sentence: sentence.index,
      };
      let score = scoreFigure(figure, mention, sentence, centrality[sentence.index] ?? 0);
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
  const money = figure.unit !== undefined && /^[A-Z]{3}$/u.test(figure.unit);
  if (money) score += 1.2;
  else if (figure.unit === '%' || figure.unit === 'percentage points') score += 1;
  else if (figure.unit !== undefined) score += 0.6;
  if (mention.scaled) score += 0.6;
  const magnitude = Math.abs(figure.value);
  if (magnitude >= 1000) score += 0.8;
  else if (magnitude >= 100) score += 0.5;
  else if (magnitude >= 10) score += 0.2;
  else if (figure.unit === undefined) score -= 0.4;
  if (mention.spelled) score -= 0.7;
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
 * The article's own year when it has no publication date: the median of the years it mentions
 * (a story names earlier years for background and later ones for forecasts).
 */
function typicalYear(sentences: readonly AnalysedSentence[]): number | undefined {
  const years: number[] = [];
  for (const sentence of sentences)
    for (const number of sentence.numbers) if (isYear(number)) years.push(number.value);
  if (years.length === 0) return undefined;
  years.sort((a, b) => a - b);
  return years[Math.floor(years.length / 2)];
}

function isYear(number: NumberMention): boolean {
  return (
    (number.kind === 'year' || number.kind === 'date') &&
    Number.isInteger(number.value) &&
    number.value >= 1800 &&
    number.value <= 2100
  );
}

/** "In 1998, …" or "… in 2002": the sentence tells of an earlier year ("since 1840" does not). */
function mentionsYearBefore(sentence: AnalysedSentence, year: number): boolean {
  return sentence.numbers.some(
    (number) =>
      isYear(number) &&
      number.value < year &&
      /\b(?:in|en|im|Im|In|En)\s+$/u.test(sentence.text.slice(Math.max(0, number.start - 4), number.start)),
  );
}

interface Word {
  readonly text: string;
  readonly start: number;
}

function wordsOf(text: string, offset: number): Word[] {
  const words: Word[] = [];
  // "Feb." and "U.S." stay whole, so their full stop does not end a clause.
  const pattern =
    /\p{Lu}\p{Ll}{1,3}\.(?=\s\d)|(?:\p{L}\.){2,}|[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]|[^\s\p{L}\p{N}]/gu;
  for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
    words.push({ text: match[0], start: offset + match.index });
  }
  return words;
}

/** "the number of Americans killed since 9/11 by terrorism" → "Americans killed since 9/11 by terrorism". */
function numberOfPhrase(before: string): string | undefined {
  const match =
    /\b(?:the (?:number|total|count|tally) of|le nombre de|la cantidad de|el número de|die Zahl der)\s+([^,;:.]{3,80})[,;:]?[^,;:]*$/iu.exec(
      before,
    );
  if (!match?.[1]) return undefined;
  const words = match[1].trim().split(/\s+/u).slice(0, 8);
  return words.join(' ');
}

/** What a number counts: the noun phrase after it, with a short predicate, else the phrase before it. */
function describeCount(sentence: string, mention: NumberMention): string | undefined {
  const after = wordsOf(sentence.slice(mention.end, mention.end + 160), mention.end);
  const before = wordsOf(sentence.slice(Math.max(0, mention.start - 120), mention.start), 0);
  const isMeasure = mention.unit !== undefined;
  let phrase: string[] = [];
  let i = 0;
  if (isMeasure) {
    // "$900 billion in interest payments", "15 percent of its gross domestic product".
    const link =
      mention.unit === '%' || mention.unit === 'percentage points'
        ? /^(?:of|de|d['’]|des|du|von|del)$/iu
        : /^(?:of|in|for|on|de|d['’]|des|du|von|für|en|del)$/iu;
    if (link.test(after[0]?.text ?? '')) {
      i = 1;
      phrase = readNounPhrase(after, 1).words;
      i = 1 + phrase.length;
    } else if (
      /^\p{Ll}/u.test(after[0]?.text ?? '') &&
      !VERB_BEFORE.test(after[0]?.text ?? '') &&
      !/^(?:more|less|fewer|higher|lower|above|below|plus|moins|mehr|weniger|más|menos)$/iu.test(
        after[0]?.text ?? '',
      )
    ) {
      // "a $2 trillion tax cut", "an $800 billion stimulus bill": the amount modifies the noun after it.
      phrase = readNounPhrase(after, 0).words;
      const participle = phrase.findIndex(
        (word) => AUXILIARY.test(word) || /^(?:\p{Ll}{3,}ly|very|so|too|quite|really)$/u.test(word),
      );
      if (participle >= 0) phrase = phrase.slice(0, participle);
    }
  } else {
    if (mention.scaled && /^(?:of|de|d['’]|d)$/iu.test(after[0]?.text ?? '')) i = 1;
    const read = readNounPhrase(after, i);
    phrase = read.words;
    i = read.next;
  }
  if (phrase.length > 0 && !isMeasure) {
    const predicate = readPredicate(after, i);
    const verb = casualtyVerbBefore(before);
    if (predicate.length > 0) phrase = [...phrase, ...predicate];
    else if (verb !== undefined) phrase = [...phrase, verb];
  }
  if (phrase.length === 0 || !isCountPhrase(phrase.join(' '))) phrase = phraseBefore(before);
  if (!isCountPhrase(phrase.join(' ')) && isMeasure && /^(?:to|into|on)$/iu.test(after[0]?.text ?? '')) {
    // "they would add $250 billion to the deficit": the amount goes to the noun after it.
    phrase = readNounPhrase(after, 1).words;
  }
  const text = phrase
    .join(' ')
    .replace(/\s+([,.;:’'])/gu, '$1')
    .replace(/^[“"«]\s*|\s*[”"»]$/gu, '')
    .trim();
  return text === '' ? undefined : text;
}

function readNounPhrase(words: readonly Word[], from: number): { words: string[]; next: number } {
  const phrase: string[] = [];
  let i = from;
  while (
    i < words.length &&
    /^(?:the|a|an|its|their|his|her|our|le|la|les|l['’]|du|des|ses|leurs|der|die|das|den|dem|el|los|las|sus)$/iu.test(
      words[i]?.text ?? '',
    )
  ) {
    i++;
  }
  let quoted = false;
  for (; i < words.length && phrase.length < 6; i++) {
    const text = words[i]?.text ?? '';
    if (/^[“”"«»]$/u.test(text)) {
      // A quotation after the noun is its predicate ("3,000 men “killed or injured”").
      if (phrase.length > 0) break;
      quoted = true;
      continue;
    }
    if (!/^[\p{L}\p{N}]/u.test(text)) break;
    const lower = text.toLowerCase();
    if (quoted && phrase.length > 0 && PARTICIPLE.test(text)) break;
    // Spanish past tenses end the phrase: "45.300 personas encontraron empleo".
    if (phrase.length > 0 && /^\p{Ll}{2,}(?:aron|ieron|ó)$/u.test(text)) break;
    if (
      PHRASE_END.has(lower) &&
      !(
        lower === 'of' &&
        phrase.length > 0 &&
        /^(?:hundreds|thousands|millions|dozens|square|tonnes|tons|barrels|kilometres|kilometers|miles)$/iu.test(
          phrase[phrase.length - 1] ?? '',
        )
      )
    ) {
      break;
    }
    phrase.push(text);
  }
  return { words: phrase, next: i };
}

/** "were sent by Pyongyang to help Russia", "“Killed or injured”", "ont été localisés sains et saufs". */
function readPredicate(words: readonly Word[], from: number): string[] {
  let i = from;
  while (
    i < words.length &&
    /^(?:[“”"«»]|were|was|are|is|have|has|had|been|being|ont|a|été|sont|wurden|worden|fueron|han|sido|reportedly|already)$/iu.test(
      words[i]?.text ?? '',
    )
  ) {
    i++;
  }
  const first = words[i]?.text ?? '';
  if (!PARTICIPLE.test(first)) return [];
  const predicate: string[] = [];
  for (; i < words.length && predicate.length < 7; i++) {
    const text = words[i]?.text ?? '';
    if (/^[“”"«»]$/u.test(text)) continue;
    if (!/^[\p{L}\p{N}]/u.test(text)) break;
    if (
      predicate.length > 0 &&
      /^(?:that|which|who|while|when|because|since|but|after|before|as|qui|que|dont)$/iu.test(text)
    )
      break;
    if (predicate.length >= 3 && /^(?:to|in|on|at|for|with|à|dans|pour|zu|in|para|en)$/iu.test(text)) break;
    predicate.push(text);
  }
  while (predicate.length > 1 && PHRASE_END.has((predicate[predicate.length - 1] ?? '').toLowerCase()))
    predicate.pop();
  return predicate;
}

function casualtyVerbBefore(before: readonly Word[]): string | undefined {
  for (let i = before.length - 1; i >= 0 && i >= before.length - 3; i--) {
    const verb = CASUALTY_VERBS[(before[i]?.text ?? '').toLowerCase()];
    if (verb !== undefined) return verb;
  }
  return undefined;
}

/** "an annualized rate of 4.2 percent" → "annualized rate"; "Losses that Seoul figures … 1,100" → "Losses". */
function phraseBefore(before: readonly Word[]): string[] {
  let start = before.length;
  while (start > 0) {
    const text = before[start - 1]?.text ?? '';
    if (
      !/^[\p{L}\p{N}]/u.test(text) ||
      /^(?:that|which|who|whom|where|qui|que|dont|dass|die|der)$/iu.test(text)
    )
      break;
    start--;
  }
  const clause = before.slice(start).map((word) => word.text);
  const ofAt =
    clause.length >= 2 && /^(?:of|de|des|du|von)$/iu.test(clause[clause.length - 1] ?? '')
      ? clause.length - 1
      : -1;
  if (ofAt > 0) {
    const chunk: string[] = [];
    for (let i = ofAt - 1; i >= 0 && chunk.length < 4; i--) {
      const text = clause[i] ?? '';
      if (PHRASE_END.has(text.toLowerCase())) break;
      chunk.unshift(text);
    }
    if (chunk.length > 0) return chunk;
  }
  const nounBefore = nounPhraseBefore(clause);
  if (nounBefore.length > 0) return nounBefore;
  // "Losses that Seoul figures … around 1,100": the number counts the noun the clause describes.
  const boundary = before[start - 1]?.text ?? '';
  if (/^(?:that|which|que|qui|dont)$/iu.test(boundary)) {
    const antecedent: string[] = [];
    for (let k = start - 2; k >= 0 && antecedent.length < 4; k--) {
      const text = before[k]?.text ?? '';
      if (!/^[\p{L}\p{N}]/u.test(text) || PHRASE_END.has(text.toLowerCase())) break;
      antecedent.unshift(text);
    }
    if (antecedent.length > 0 && isCountPhrase(antecedent.join(' '))) return antecedent;
  }
  const chunk: string[] = [];
  let i = 0;
  // Skip what opens the clause: "after quarterly profit fell 37%" → "quarterly profit fell".
  while (
    i < clause.length &&
    (/^(?:the|a|an|le|la|les|un|une|der|die|das|el|los|las)$/iu.test(clause[i] ?? '') ||
      PHRASE_END.has((clause[i] ?? '').toLowerCase()) ||
      /^\d/u.test(clause[i] ?? ''))
  )
    i++;
  for (; i < clause.length && chunk.length < 5; i++) {
    const text = clause[i] ?? '';
    const lower = text.toLowerCase();
    if (
      lower === 'of' &&
      chunk.length > 0 &&
      i + 1 < clause.length &&
      !PHRASE_END.has((clause[i + 1] ?? '').toLowerCase())
    ) {
      chunk.push(text);
      continue;
    }
    if (PHRASE_END.has(lower)) break;
    chunk.push(text);
  }
  return chunk;
}

/** Words that link a noun to the amount after it: "rate at 4.5%", "defences worth £40 million". */
const LINK_BEFORE =
  /^(?:at|to|by|of|from|worth|around|about|for|near|with|in|on|à|de|du|des|von|bei|auf|um|en|del|a)$/iu;

/** Verbs and auxiliaries that sit between a noun and its amount ("inflation fell to 2.1%"). */
const VERB_BEFORE =
  /^(?:is|are|was|were|be|been|being|has|have|had|will|would|could|can|may|might|should|must|shall|do|does|did|not|never|also|still|now|just|only|said|says|say|told|kept|keeps|keep|fell|falls|fall|fallen|rose|rises|rise|risen|grew|grows|grow|grown|stood|stands|stand|hit|hits|cost|costs|add|adds|put|puts|set|sets|reach|reaches|total|totals|remain|remains|came|comes|come|amount|amounts|paid|pays|pay|spent|spends|spend|lost|loses|lose|sold|sells|sell|took|takes|take|made|makes|make|gave|gives|give|given|saw|sees|see|seen|found|finds|find|eat|eats|ate|climb|climbs|jump|jumps|drop|drops|soar|soars|slip|slips|slide|slides|plunge|plunges|ont|est|sont|été|atteint|atteignent|atteindra|représente|hat|ist|sind|wurde|wird|stieg|sank|beträgt|betrug|liegt|lag|erreichte|wuchs|ha|es|son|fue|se|alcanzó|\p{Ll}{2,}(?:aron|ieron|ó)|\p{Ll}{3,}ed|\p{Ll}{3,}ly)$/u;

/** Verbs that never end a noun phrase (unlike "cost" or "rise", which can be nouns). */
const AUXILIARY =
  /^(?:is|are|was|were|be|been|being|has|have|had|will|would|could|can|may|might|should|must|shall|do|does|did|said|says|told|\p{Ll}{3,}ed)$/u;

/** Words that open a noun phrase: the phrase read backwards stops there. */
const DETERMINER =
  /^(?:the|a|an|its|their|his|her|our|my|your|this|that|these|those|some|any|le|la|les|l['’]|un|une|du|des|ses|leurs|sa|son|der|die|das|den|dem|des|ein|eine|el|los|las|sus|su|un|una)$/iu;

/**
 * The noun phrase that ends a clause before its amount, read backwards past the linking word and
 * the verb: "its main interest rate at" → "main interest rate", "inflation fell to" → "inflation",
 * "repairs would cost" → "repairs". Empty when the clause has no noun there ("they would add").
 */
function nounPhraseBefore(clause: readonly string[]): string[] {
  let k = clause.length;
  let linked = false;
  while (
    k > 0 &&
    (LINK_BEFORE.test(clause[k - 1] ?? '') ||
      (linked && DETERMINER.test(clause[k - 1] ?? '')) ||
      (k === clause.length && /^(?:el|la|le|les|die|der|das)$/iu.test(clause[k - 1] ?? '')))
  ) {
    k--;
    linked = true;
  }
  // One verb ("risen", "cost"), then only auxiliaries and adverbs: "the cost had risen by".
  let verbs = 0;
  if (k > 0 && VERB_BEFORE.test(clause[k - 1] ?? '')) {
    k--;
    verbs++;
  }
  while (
    k > 0 &&
    (AUXILIARY.test(clause[k - 1] ?? '') ||
      /^(?:not|never|also|still|now|just|only|\p{Ll}{3,}ly)$/u.test(clause[k - 1] ?? ''))
  ) {
    k--;
    verbs++;
  }
  if (!linked && verbs === 0) return [];
  const phrase: string[] = [];
  while (k > 0 && phrase.length < 8) {
    const word = clause[k - 1] ?? '';
    // "the total public debt of the United States stands at": the head comes before "of the".
    if (
      DETERMINER.test(word) &&
      phrase.length > 0 &&
      /^(?:of|de|des|du|von)$/iu.test(clause[k - 2] ?? '') &&
      isCountWord(clause[k - 3] ?? '') &&
      !PHRASE_END.has((clause[k - 3] ?? '').toLowerCase())
    ) {
      phrase.unshift(clause[k - 2] ?? '', word);
      k -= 2;
      continue;
    }
    // "coût du scrutin": a contracted "of the" joins the head noun too.
    if (
      phrase.length > 0 &&
      /^(?:du|des|del|vom)$/iu.test(word) &&
      isCountWord(clause[k - 2] ?? '') &&
      !PHRASE_END.has((clause[k - 2] ?? '').toLowerCase()) &&
      !DETERMINER.test(clause[k - 2] ?? '')
    ) {
      phrase.unshift(word);
      k--;
      continue;
    }
    if (
      DETERMINER.test(word) ||
      PHRASE_END.has(word.toLowerCase()) ||
      AUXILIARY.test(word) ||
      /^\d/u.test(word) ||
      !isCountWord(word)
    )
      break;
    phrase.unshift(word);
    k--;
  }
  // "grants to students … for college total": a noun after a preposition is not the head.
  if (/^(?:for|to|from|with|in|on|at|by|pour|avec|dans|für|mit|para|con)$/iu.test(clause[k - 1] ?? ''))
    return [];
  return phrase.length > 5 ? phrase.slice(phrase.length - 5) : phrase;
}

/** Pronouns and sentence connectives: never what a number counts. */
const NOT_COUNTED =
  /^(?:it|its|it's|it’s|they|them|he|she|we|i|you|this|that|these|those|which|who|there|here|given|but|and|or|so|yet|however|although|though|as|while|whereas|also|still|then|thus|meanwhile|since|because|if|when|after|before|according|il|elle|ils|elles|on|nous|cela|ce|mais|et|er|sie|es|wir|aber|und|ello|ella|ellos|pero|y)$/iu;

const DATE_WORD =
  /^(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|today|yesterday|tomorrow|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|januar|februar|märz|juni|juli|oktober|dezember|lunes|martes|miércoles|jueves|viernes|sábado|domingo|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre)$/iu;

const REPORTING =
  /^(?:said|says|say|told|tells|polled|reported|reports|announced|stated|dit|a dit|sagte|dijo)$/iu;

function isCountWord(word: string): boolean {
  return /^[\p{L}]/u.test(word) && !NOT_COUNTED.test(word) && !DATE_WORD.test(word.replace(/\.$/u, ''));
}

/**
 * Whether a phrase can say what a number counts: a noun phrase, never a date, a year, a
 * pronoun, a connective that opens the sentence or a reporting clause ("Officials said repairs").
 */
export function isCountPhrase(counts: string): boolean {
  const words = counts.split(/\s+/u).filter((word) => word !== '');
  if (words.length === 0) return false;
  const first = words[0] ?? '';
  if (!/^[\p{L}“"«]/u.test(first) || NOT_COUNTED.test(first.replace(/^[“"«]/u, ''))) return false;
  if (words.some((word) => DATE_WORD.test(word.replace(/[.,]$/u, '')) || REPORTING.test(word))) return false;
  const last = (words[words.length - 1] ?? '').toLowerCase();
  if (
    (PHRASE_END.has(last) ||
      /^(?:of|de|des|du|von|del|through|off|across|within|up|down|out)$/u.test(last)) &&
    words.length > 1
  )
    return false;
  // "most apps can’t", "Facebook Messenger shows", a lone "shrunk": a clause or a verb, not a noun.
  if (words.some((word) => /^(?:\p{L}+n[’']t|cannot|shows?|seems?|appears?|looks?)$/iu.test(word)))
    return false;
  if (
    words.length === 1 &&
    !CASUALTY_WORDS.test(first) &&
    (PARTICIPLE.test(first) || AUXILIARY.test(first) || /^(?:shrunk|sunk|grown|risen|fallen)$/iu.test(first))
  )
    return false;
  return !/^(?:\d{4}|\d+)$/u.test(counts.trim());
}

/** A reporting clause between a figure and a date after it. */
const REPORTED_BETWEEN =
  /^[^;:()]*,[^,;:()]*\b(?:said|says|told|announced|reported|estimated|according to|a déclaré|a indiqué|a annoncé|selon|sagte|teilte|mitteilte|erklärte|dijo|informó|anunció|señaló)\b[^,;:()]*$/iu;

/** Marks between clauses: a date on the other side of one dates another statement. */
const CLAUSE_BREAK =
  /[;:()]|\s(?:and|but|while|whereas|et|mais|alors que|tandis que|und|aber|während|pero|mientras)\s/iu;

/** A relative or time clause opening between a figure and a date after it: the date is that clause's. */
const RELATIVE_BETWEEN =
  /,\s*(?:who|which|whose|where|when|after|before|although|while|as|qui|dont|où|der|die|das|quien|donde)\b/iu;

/**
 * The date of one figure: the nearest date in the figure's own clause ("4.5% on Thursday, as
 * inflation fell to 2.1% in October" dates 4.5% Thursday and 2.1% October), none when the
 * sentence dates only other clauses. A "since" date starts a period and dates nothing.
 */
export function dateOfFigure(
  sentence: {
    readonly text: string;
    readonly dates: readonly DateMention[];
    readonly numbers: readonly { readonly start: number; readonly end: number }[];
  },
  mention: { readonly start: number; readonly end: number },
): string | undefined {
  const numbers = sentence.numbers.filter((other) => other.start !== mention.start);
  let best: DateMention | undefined;
  let bestDistance = Infinity;
  for (const date of sentence.dates) {
    if (date.since) continue;
    const between =
      date.start >= mention.end
        ? sentence.text.slice(mention.end, date.start)
        : sentence.text.slice(date.end, mention.start);
    if (date.start < mention.end && date.end > mention.start) continue;
    // "On Tuesday, the agency said …": a date that opens the sentence dates all of it.
    const opening =
      date.end <= mention.start && /^\W*(?:\p{L}+\s+)?$/u.test(sentence.text.slice(0, date.start));
    // "nearly 50 percent more than in 2017": the year is the comparison's base, not the figure's.
    if (
      /\b(?:than|que|als)\s+(?:in\s+|en\s+|im\s+)?$/iu.test(
        sentence.text.slice(Math.max(0, date.start - 12), date.start),
      )
    )
      continue;
    // Another number in between takes the date: "13 percent, up from 6.6 percent in 2017".
    const lo = Math.min(mention.end, date.end);
    const hi = Math.max(mention.start, date.start);
    if (
      numbers.some(
        (other) =>
          other.start >= lo && other.end <= hi && !(other.start >= date.start && other.end <= date.end),
      )
    )
      continue;
    // "$390 billion next year, nearly 50 percent …": a date right after another number is that number's.
    if (
      date.end <= mention.start &&
      numbers.some(
        (other) =>
          other.end <= date.start &&
          /^\s*(?:in|on|at|by|en|im|am|el)?\s*$/iu.test(sentence.text.slice(other.end, date.start)),
      )
    )
      continue;
    // "…, the Red Cross said on Tuesday": the day the source gave the figure dates it.
    const reported = date.start >= mention.end && REPORTED_BETWEEN.test(between);
    const relative = date.start >= mention.end && RELATIVE_BETWEEN.test(between);
    if ((CLAUSE_BREAK.test(` ${between} `) || relative) && !opening && !reported) continue;
    // A date after the figure is usually its own ("1.8 GB last month"); one before it, the clause's.
    const distance = opening
      ? 1000
      : reported
        ? 500 + between.length
        : between.length + (date.start >= mention.end ? 0 : 10);
    if (distance < bestDistance) {
      best = date;
      bestDistance = distance;
    }
  }
  return best?.text;
}

/** The text between two offsets with the dates in it (and the word that introduces them) left out. */
function withoutDates(
  sentence: { readonly text: string; readonly dates: readonly DateMention[] },
  from: number,
  to: number,
): string {
  let text = '';
  let at = from;
  for (const date of sentence.dates) {
    if (date.start < from || date.end > to) continue;
    text += sentence.text.slice(at, date.start).replace(/\b(?:in|on|en|im|am|el)\s*$/iu, '');
    at = date.end;
  }
  return text + sentence.text.slice(at, to);
}
