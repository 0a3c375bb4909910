/**
 * Clauses around a reporting verb: those it can stand in without reporting the sentence (a
 * relative clause on a noun, "the policy that Trump announced in June"; a clause of time or cause,
 * "… after the team told him"), and an opening phrase glued to its subject ("In advance of the
 * announcement AT&T has announced").
 */
import { QUOTE_OR_PUNCTUATION } from './attribution-names.js';
import type { Token } from './attribution-tokens.js';
import { BOUNDARIES, INSIDE_NAME, REPORTING_VERBS, TIME_WORDS } from './attribution-words.js';

/** What may follow a verb that has no object of its own: a time, a place, the sentence's end. */
const NO_COMPLEMENT =
  /^(?:in|on|at|last|earlier|this|during|before|after|since|to|for|with|about|,|\.|;|!|\?|\)|en|le|am|im|el)$/iu;

/**
 * "the tougher policy that President Trump announced in June": a relative clause on a noun, whose
 * verb has no object because the noun before "that" is its object. Nobody is reported saying the
 * sentence.
 */
export function inRelativeClause(tokens: readonly Token[], subjectStart: number, verbIndex: number): boolean {
  const relativiser = (tokens[subjectStart - 1]?.text ?? '').toLowerCase();
  if (!/^(?:that|which|whom)$/u.test(relativiser)) return false;
  const head = tokens[subjectStart - 2]?.text ?? '';
  // "said that officials announced …": the clause after a report is reported speech, not a relative.
  if (!/^\p{Ll}+$/u.test(head) || REPORTING_VERBS.has(head) || head === 'so') return false;
  return NO_COMPLEMENT.test(tokens[verbIndex + 1]?.text ?? '.');
}

/** Words that open a clause of time, cause or condition ("as", which also attributes, is not one). */
const SUBORDINATOR =
  /^(?:after|before|when|whenever|because|since|until|till|unless|if|although|though|while|once|whereas|quand|lorsque|parce|wenn|weil|nachdem|cuando|porque)$/iu;

/**
 * "Mueller lost his job after the team told him …", "Shares fell when the company said …": a report
 * inside a clause of time or cause, after the main clause, is an event of the story; nobody is
 * reported saying the sentence. (A leading clause is judged apart: `inLeadingClause`.)
 */
export function inSubordinateClause(tokens: readonly Token[], subjectStart: number): boolean {
  // Back over the rest of the subject ("after Swift's management and security team told"), to
  // punctuation or another boundary word.
  for (let before = subjectStart - 1; before >= 1 && before >= subjectStart - 8; before--) {
    const text = tokens[before]?.text ?? '';
    if (SUBORDINATOR.test(text)) return true;
    if (QUOTE_OR_PUNCTUATION.test(text) || (text !== 'and' && BOUNDARIES.has(text.toLowerCase())))
      return false;
  }
  return false;
}

/** An opening phrase of time or place, glued to the subject after it when no comma parts them. */
const LEADING_PREPOSITION =
  /^(?:in|on|at|after|before|during|since|following|amid|despite|ahead of|in advance of)\s/iu;

/**
 * "In advance of the new iPhone announcement AT&T has announced": an opening phrase glued to the
 * subject when no comma parts them; the name at its end is the source.
 */
export function withoutLeadingAdverbial(subject: string | undefined): string | undefined {
  if (subject === undefined) return subject;
  if (!LEADING_PREPOSITION.test(subject)) return withoutGluedNoun(subject);
  const words = subject.replace(LEADING_PREPOSITION, '').split(' ');
  let start = words.length;
  while (start > 0 && /^(?:\p{Lu}|of$|for$|de$)/u.test(words[start - 1] ?? '')) start--;
  while (start < words.length && TIME_WORDS.test(words[start] ?? '')) start++;
  // "… announcement AT&T", "On Monday Prime Minister Habib Essid": the name at the end.
  if (start < words.length && (start === 0 || !/^(?:the|a|an)$/iu.test(words[start - 1] ?? '')))
    return start === 0 ? subject : words.slice(start).join(' ');
  // "In Paris the minister": the object of the preposition ends where a determiner starts the subject.
  const determiner = words.findLastIndex((word) => /^(?:the|a|an)$/iu.test(word));
  return determiner > 0 ? words.slice(determiner).join(' ') : subject;
}

/**
 * "vote the European Commission" (from "After the vote the European Commission said"): a noun of
 * the opening phrase, then a determiner and a name. "head of the Budget Office" stays whole.
 */
function withoutGluedNoun(subject: string): string {
  const words = subject.split(' ');
  const inner = words.findIndex(
    (word, index) =>
      index > 0 &&
      /^(?:the|a|an)$/u.test(word) &&
      /^\p{Ll}+$/u.test(words[index - 1] ?? '') &&
      !INSIDE_NAME.has(words[index - 1] ?? '') &&
      !/^(?:at|in|on|to|by|from|with|about|inside|within)$/u.test(words[index - 1] ?? '') &&
      words.slice(index + 1).every((rest) => /^\p{Lu}/u.test(rest) || INSIDE_NAME.has(rest)),
  );
  return inner > 0 && inner < words.length - 1 ? words.slice(inner).join(' ') : subject;
}
