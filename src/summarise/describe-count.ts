/**
 * What a figure counts: the noun phrase a number quantifies ("main interest rate", "people
 * killed", "coût du scrutin"), read after the number or back from it past the verb and linking
 * word, and checked so that a date, a pronoun, a connective or a reporting clause never stands in.
 */
import { AFTER_NAMED_AMOUNT, nounBeforeOf } from './count-noun-before.js';
import { readNounPhrase } from './read-noun-phrase.js';
import {
  ADVERB,
  DATE_WORD,
  LONE_AMOUNT_WORD,
  LONE_NUMBER_WORD,
  AUXILIARY,
  CASUALTY_VERBS,
  DETERMINER,
  LINK_BEFORE,
  CASUALTY_WORDS,
  isCountWord,
  LINKING_END,
  MODAL,
  NOT_COUNTED,
  PHRASE_END,
  REPORTING,
  SUBJECT_PRONOUN,
  PARTICIPLE,
  opensWithPayingVerb,
  PERIOD,
  SIZE_WORD,
  VERB_BEFORE,
} from './count-phrase-words.js';
import { isComparative, opensParticipleClause, subjectOf, TIME_SPAN } from './count-subject.js';
import type { NumberMention } from './find-numbers.js';
import { endsWithRate, isPeriodAt, isRateAt } from './count-rates.js';
import { phraseWords, type Word } from './phrase-words.js';

/** A preposition of place right before a number: what follows is where, not who did it. */
const PLACE_PREPOSITION_BEFORE = /(?:^|\s)(?:in|at|across|into|within|throughout)\s$/iu;

/** What a number counts: the noun phrase after it, with a short predicate, else the phrase before it. */
const CONVERSION =
  /^\s\((?:about |around |roughly |some |c\. |~)?[$€£¥]?\d[\d.,]*\s?(?:[a-zA-Z]{1,8}|[$€£¥])?\)/u;

export function describeCount(sentence: string, mention: NumberMention): string | undefined {
  // "a 400-strong motorcade": what is counted follows the size word.
  // "$350bn (£266bn) of …": the same amount in another currency stands between it and its noun.
  const size =
    SIZE_WORD.exec(sentence.slice(mention.end, mention.end + 8))?.[0].length ??
    CONVERSION.exec(sentence.slice(mention.end, mention.end + 40))?.[0].length ??
    0;
  const after = phraseWords(sentence.slice(mention.end + size, mention.end + size + 160), mention.end + size);
  // The window starts at a word boundary, so a word cut in half ("ccording") never becomes a count.
  let windowStart = Math.max(0, mention.start - 120);
  while (
    windowStart > 0 &&
    windowStart < mention.start &&
    /[\p{L}\p{N}]/u.test(sentence.charAt(windowStart - 1))
  )
    windowStart++;
  const before = phraseWords(sentence.slice(windowStart, mention.start), 0);
  const isMeasure = mention.unit !== undefined;
  // "$100 cheaper than …": the amount is a difference, not what something costs.
  const comparative = isMeasure && isComparative(after[0]?.text ?? '', after[1]?.text ?? '');
  let phrase: string[] = [];
  let i = 0;
  // "revenue of $32.2 billion for the quarter", "a fine of €40 million": the noun before "of" is
  // what the amount is, whatever follows it (but "$5bn of debt" is read after).
  // ("a trickle of $1 referral bonuses": a noun right after the amount is what it counts.)
  const namedBefore =
    isMeasure && AFTER_NAMED_AMOUNT.test(after[0]?.text ?? '') ? nounBeforeOf(before) : undefined;
  if (namedBefore !== undefined) {
    phrase = namedBefore;
  } else if (isMeasure) {
    // "$900 billion in interest payments", "15 percent of its gross domestic product".
    const link =
      mention.unit === '%' || mention.unit === 'percentage points'
        ? /^(?:of|de|d['’]|des|du|von|del)$/iu
        : /^(?:of|in|for|on|de|d['’]|des|du|von|für|en|del)$/iu;
    if (link.test(after[0]?.text ?? '')) {
      i = 1;
      phrase = readNounPhrase(after, 1).words;
      i = 1 + phrase.length;
      // "$799 in the US": a place the amount is paid in, not what it pays for.
      if (
        /^(?:in|en)$/iu.test(after[0]?.text ?? '') &&
        /^the$/iu.test(after[1]?.text ?? '') &&
        /^\p{Lu}/u.test(phrase[0] ?? '')
      )
        phrase = [];
      // "lost 10 pounds in a month": a stretch of time, not what the amount pays for.
      if (/^(?:in|en)$/iu.test(after[0]?.text ?? '') && TIME_SPAN.test(phrase.join(' '))) phrase = [];
    } else if (mention.unit === 'share' && PARTICIPLE.test(after[0]?.text ?? '')) {
      // "£1 in every £3 spent on cards": the share is of what the participle describes.
      phrase = readPredicate(after, 0);
    } else if (
      /^(?:per|each|par|pro|por)$/iu.test(after[0]?.text ?? '') ||
      (after[0]?.text === 'a' && isRateAt(after, 0))
    ) {
      // "$3 per monthly active user": a rate; what it is paid for is what the amount counts.
      const unit = readNounPhrase(after, 1).words;
      // "$4.99 per month Plex Premium package": a price per stretch of time, for the thing after it.
      const pricedAfterPeriod = PERIOD.test(unit[0] ?? '') && unit.length > 1;
      if (unit.length > 0)
        phrase = pricedAfterPeriod
          ? [...unit.slice(1), after[0]?.text ?? '', unit[0] ?? '']
          : [after[0]?.text ?? '', ...unit];
      // "an account that costs $6 per month": what the price is for stands before it.
      if (unit.length === 1 && PERIOD.test(unit[0] ?? '')) {
        const paidFor = phraseBefore(before);
        // Otherwise the rate alone ("per month") says the most that can be said.
        // "$1.99 a month or $19.99 a year": the month is the other price's period, not what this one buys.
        if (
          isCountPhrase(paidFor.join(' ')) &&
          !opensWithPayingVerb(paidFor) &&
          !paidFor.some((word) => PERIOD.test(word))
        )
          phrase = [...paidFor, after[0]?.text ?? '', unit[0] ?? ''];
      }
    } else if (
      /^\p{Ll}/u.test(after[0]?.text ?? '') &&
      !VERB_BEFORE.test(after[0]?.text ?? '') &&
      !/^(?:more|less|fewer|higher|lower|above|below|plus|moins|mehr|weniger|más|menos)$/iu.test(
        after[0]?.text ?? '',
      ) &&
      !comparative
    ) {
      // "a $2 trillion tax cut", "an $800 billion stimulus bill": the amount modifies the noun after it.
      // "$5 a year earlier" names a time, not a noun.
      phrase = isPeriodAt(after, 0) ? [] : readNounPhrase(after, 0).words;
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
    // "1,100 soldiers of the 11th Corps died": the phrase goes on after "of the", and the
    // predicate after that.
    if (phrase.length > 1 && LINKING_END.test(phrase[phrase.length - 1] ?? '')) {
      const determiner = DETERMINER.test(after[i]?.text ?? '') ? [after[i]?.text ?? ''] : [];
      const rest = readNounPhrase(after, i);
      phrase = rest.words.length > 0 ? [...phrase, ...determiner, ...rest.words] : phrase.slice(0, -1);
      i = rest.words.length > 0 ? rest.next : i;
    }
  }
  // "100 to 200 thousand views per month": the rate belongs to what is counted.
  const rate = [after[i]?.text ?? '', after[i + 1]?.text ?? ''];
  if (phrase.length > 0 && !isMeasure && isRateAt(after, i)) {
    const withRate = [...phrase, ...rate];
    if (isCountPhrase(withRate.join(' '))) {
      phrase = withRate;
      i += 2;
    }
  }
  // "people in at least 407 locations marched": the verb is the people's, not the places'.
  const inPlacePhrase = PLACE_PREPOSITION_BEFORE.test(
    sentence.slice(Math.max(0, mention.start - 12), mention.start),
  );
  if (inPlacePhrase) {
    const verb = phrase.findIndex((word, index) => index > 0 && PARTICIPLE.test(word));
    if (verb > 0) phrase = phrase.slice(0, verb);
  }
  if (phrase.length > 0 && !isMeasure && !inPlacePhrase) {
    const predicate = readPredicate(after, i);
    const verb = casualtyVerbBefore(before);
    if (predicate.length > 0) phrase = [...phrase, ...predicate];
    else if (verb !== undefined) phrase = [...phrase, verb];
  }
  if (comparative) {
    // "The Z9 is $1,000 cheaper than the R3D": a difference between two things, both named, so
    // that "$1,000 — Z9" never reads as a price.
    const than = after[1]?.text === 'than' ? readNounPhrase(after, 2).words : [];
    const subject = nounPhraseBefore(before.slice(clauseStart(before)).map((word) => word.text));
    phrase =
      subject.length > 0 || than.length > 0
        ? [...subject, after[0]?.text ?? '', ...(than.length > 0 ? ['than', ...than] : [])]
        : [];
  } else if (phrase.length === 0 || !isCountPhrase(phrase.join(' '))) {
    const subject = opensParticipleClause(before) ? subjectOf(sentence) : undefined;
    phrase = subject !== undefined && isCountPhrase(subject.join(' ')) ? subject : phraseBefore(before);
  }
  if (isMeasure && /^(?:to|into|on)$/iu.test(after[0]?.text ?? '') && !isCountPhrase(phrase.join(' '))) {
    // "they would add $250 billion to the deficit": the amount goes to the noun after it.
    phrase = readNounPhrase(after, 1).words;
  }
  // "The Canon EOS R3 weighs 1,015 grams": the measured thing, without the verb that measures it.
  if (phrase.length > 1 && MEASURING_VERB.test(phrase[phrase.length - 1] ?? '')) phrase = phrase.slice(0, -1);
  const text = phrase
    .join(' ')
    .replace(/\s+([,.;:’'])/gu, '$1')
    .replace(/^[“"«]\s*|\s*[”"»]$/gu, '')
    .trim();
  return text === '' ? undefined : text;
}

/** A verb that states a measure of its subject: "weighs", "measures", "costs". */
const MEASURING_VERB =
  /^(?:weighs|weighed|measures|measured|costs|cost|totals|totalled|totaled|stands|stood)$/u;

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
      /^(?:that|which|who|while|when|because|since|but|after|before|as|qui|que|dont|tandis|alors|lorsque|quand|pendant|mais)$/iu.test(
        text,
      )
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

/** Where the clause that ends at the amount opens: after punctuation or a relative pronoun. */
function clauseStart(before: readonly Word[]): number {
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
  return start;
}

/** "an annualized rate of 4.2 percent" → "annualized rate"; "Losses that Seoul figures … 1,100" → "Losses". */
function phraseBefore(before: readonly Word[]): string[] {
  const start = clauseStart(before);
  const clause = before.slice(start).map((word) => word.text);
  const ofAt =
    clause.length >= 2 && /^(?:of|de|des|du|von)$/iu.test(clause[clause.length - 1] ?? '')
      ? clause.length - 1
      : -1;
  if (ofAt > 0) {
    const chunk: string[] = [];
    for (let i = ofAt - 1; i >= 0 && chunk.length < 4; i--) {
      const text = clause[i] ?? '';
      // "annoncé mardi un plan de 2,5 milliards": the noun phrase opens at its article.
      if (PHRASE_END.has(text.toLowerCase()) || DETERMINER.test(text)) break;
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
    // "his medallion, which cost $250,000": the comma before "which" stays out.
    const from = before[start - 2]?.text === ',' ? start - 3 : start - 2;
    for (let k = from; k >= 0 && antecedent.length < 4; k--) {
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
    (/^(?:the|a|an|this|these|those|le|la|les|un|une|der|die|das|el|los|las)$/iu.test(clause[i] ?? '') ||
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
    // "the heavy-duty option should comfortably support up to 27kg": the subject ends at the modal.
    if (chunk.length > 0 && MODAL.test(lower)) break;
    // "Last week it was over 1,000": a pronoun stands for what is counted, which is elsewhere.
    if (SUBJECT_PRONOUN.test(lower)) return [];
    chunk.push(text);
  }
  // "Those start at $139": a verb alone says nothing of what is counted.
  return chunk.length === 1 && VERB_BEFORE.test(chunk[0] ?? '') ? [] : chunk;
}

/**
 * The noun phrase that ends a clause before its amount, read backwards past the linking word and
 * the verb: "its main interest rate at" → "main interest rate", "inflation fell to" → "inflation",
 * "repairs would cost" → "repairs". Empty when the clause has no noun there ("they would add").
 */
function nounPhraseBefore(clause: readonly string[]): string[] {
  let k = clause.length;
  let linked = false;
  // "by an additional $631 billion": the amount's own adjective and article come first.
  while (
    k > 1 &&
    /^(?:additional|extra|further|another|combined|estimated|mere|whopping)$/iu.test(clause[k - 1] ?? '')
  )
    k--;
  while (k > 1 && DETERMINER.test(clause[k - 1] ?? '') && LINK_BEFORE.test(clause[k - 2] ?? '')) k--;
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
    // "would reduce federal revenue by": a word after a modal is the verb, not the noun.
    if (
      phrase.length > 0 &&
      /^(?:will|would|could|can|may|might|should|must|to|did|does|do)$/iu.test(clause[k - 2] ?? '')
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

/**
 * Whether a phrase can say what a number counts: a noun phrase, never a date, a year, a
 * pronoun, a connective that opens the sentence or a reporting clause ("Officials said repairs").
 */
export function isCountPhrase(counts: string): boolean {
  const words = counts.split(/\s+/u).filter((word) => word !== '');
  if (words.length === 0) return false;
  // "plan a year", "a year": a rate after what is counted, or a price's rate alone.
  if (endsWithRate(words)) return words.length === 2 || isCountPhrase(words.slice(0, -2).join(' '));
  const first = words[0] ?? '';
  if (!/^[\p{L}“"«]/u.test(first) || NOT_COUNTED.test(first.replace(/^[“"«]/u, ''))) return false;
  if (words.some((word) => DATE_WORD.test(word.replace(/[.,]$/u, '')) || REPORTING.test(word))) return false;
  const last = (words[words.length - 1] ?? '').toLowerCase();
  if (/^(?:of|de|des|du|von|del|through|off|across|within|up|down|out|from|like)$/u.test(last)) return false;
  if (PHRASE_END.has(last) && words.length > 1) return false;
  // "most apps can’t", "Facebook Messenger shows", a lone "shrunk": a clause or a verb, not a noun.
  if (words.some((word) => /^(?:\p{L}+n[’']t|cannot|shows?|seems?|appears?|looks?)$/iu.test(word)))
    return false;
  // "just over 1 million — total", "10% — greater": a word about the amount, not what it counts.
  if (words.length === 1 && (LONE_AMOUNT_WORD.test(first) || LONE_NUMBER_WORD.test(first))) return false;
  // "$30 just for the case", "820 actually": an adverb opens a clause, not the name of a thing.
  if (ADVERB.test(first)) return false;
  if (
    words.length === 1 &&
    !CASUALTY_WORDS.test(first) &&
    (PARTICIPLE.test(first) ||
      AUXILIARY.test(first) ||
      /^(?:shrunk|sunk|grown|risen|fallen|get|gets|got|take|takes|make|makes|give|gives|save|saves|pay|pays|buy|buys|win|wins)$/iu.test(
        first,
      ))
  )
    return false;
  return !/^(?:\d{4}|\d+)$/u.test(counts.trim());
}
