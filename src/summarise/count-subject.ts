/**
 * What an amount counts when the words around it do not say: the subject of the sentence for an
 * amount that ends a participle clause ("FDI declined, falling by 1% to $44.37 billion"), and the
 * comparison an amount measures ("$100 cheaper than the AirPods Pro"), and the noun after "the number
 * of".
 */
import {
  AUXILIARY,
  CASUALTY_VERBS,
  DETERMINER,
  NOT_COUNTED,
  PHRASE_END,
  VERB_BEFORE,
} from './count-phrase-words.js';
import { phraseWords, type Word } from './phrase-words.js';

/** "a month", "just two weeks", "the past year": how long, after "in". */
export const TIME_SPAN =
  /^(?:(?:a|an|the|one|just|only|under|over|less than|the past|the last|the first)\s)*(?:\p{L}+\s)?(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|quarters?|semaines?|mois|ans|années|Wochen|Monaten?|Jahren?|semanas|meses|años)$/iu;

const COMPARATIVE_WORD =
  /^(?:cheaper|costlier|pricier|faster|slower|bigger|larger|smaller|longer|shorter|heavier|lighter|wider|narrower|taller|older|younger|richer|poorer|stronger|weaker|deeper|thinner|thicker|better|worse)$/iu;

/**
 * "$100 cheaper than the AirPods Pro": the amount is a difference, and what it counts is the thing
 * compared, named before it ("The Beats Studio Buds are"), not the comparative.
 */
export function isComparative(word: string, next: string): boolean {
  if (next === 'than') return /^\p{Ll}{3,}er$/u.test(word);
  // "50% faster tessellation": a comparative before a noun describes the noun.
  return COMPARATIVE_WORD.test(word) && !/^\p{Ll}/u.test(next.replace(/^(?:and|but|or)$/u, ''));
}

/** Words between a participle and its amount: "falling by 1% to", "starting at", "rising to nearly". */
const PARTICIPLE_LINK =
  /^(?:by|to|from|at|of|about|around|nearly|almost|roughly|some|more|than|up|over|under|just|approximately|another|an|a|additional|further)$/iu;

/**
 * "FDI declined in 2018-19, falling by 1% to $44.37 billion": the amount ends a participle clause
 * set off by a comma or dash, whose subject is the sentence's.
 */
export function opensParticipleClause(before: readonly Word[]): boolean {
  let start = before.length;
  while (start > 0 && /^[\p{L}\p{N}]/u.test(before[start - 1]?.text ?? '')) start--;
  const edge = before[start - 1]?.text ?? '';
  if (start === 0 || !/^[,–—-]$/u.test(edge) || before.length - start > 4) return false;
  const participle = before[start]?.text ?? '';
  if (!/^\p{Ll}{3,}ing$/u.test(participle) || CASUALTY_VERBS[participle] !== undefined) return false;
  return before.slice(start + 1).every((word) => PARTICIPLE_LINK.test(word.text));
}

/** Reporting and finding verbs: their subject says something about the amount, it is not counted. */
const SAYING_VERB =
  /^(?:said|says|told|tells|reported|reports|announced|estimated|estimates|found|finds|showed|shows|suggested|suggests|noted|notes|wrote|writes|added|argued|predicted|expects|expected|believes|thinks)$/u;

/**
 * The noun phrase that opens the sentence, up to its verb: "The death rate increased …" → "death
 * rate". Undefined when the sentence opens otherwise (a pronoun, a preposition, a comma before the
 * verb), when its verb reports, or when a "that" clause with a subject of its own follows. The
 * caller still checks that the subject can be counted.
 */
export function subjectOf(sentence: string): string[] | undefined {
  const words = phraseWords(sentence.slice(0, 200), 0);
  let i = DETERMINER.test(words[0]?.text ?? '') ? 1 : 0;
  const subject: string[] = [];
  for (; i < words.length && subject.length <= 5; i++) {
    const text = words[i]?.text ?? '';
    if (subject.length > 0 && (VERB_BEFORE.test(text) || AUXILIARY.test(text))) break;
    if (!/^[\p{L}\p{N}]/u.test(text) || PHRASE_END.has(text.toLowerCase()) || NOT_COUNTED.test(text))
      return undefined;
    subject.push(text);
  }
  const verb = words[i]?.text ?? '';
  if (subject.length === 0 || subject.length > 5 || verb === '' || SAYING_VERB.test(verb)) return undefined;
  if (words.slice(i + 1).some((word) => /^(?:that|which|who)$/iu.test(word.text))) return undefined;
  return subject;
}

/** "the number of Americans killed since 9/11 by terrorism" → "Americans killed since 9/11 by terrorism". */
export function numberOfPhrase(before: string): string | undefined {
  const match =
    /\b(?:the (?:number|total|count|tally) of|le nombre de|la cantidad de|el número de|die Zahl der)\s+([^,;:.]{3,80})[,;:]?[^,;:]*$/iu.exec(
      before,
    );
  if (!match?.[1]) return undefined;
  const words = match[1].trim().split(/\s+/u).slice(0, 8);
  return words.join(' ');
}
