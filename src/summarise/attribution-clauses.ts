/**
 * Clauses a reporting verb can stand in without reporting the sentence: a relative clause on a
 * noun ("the policy that Trump announced in June") and a clause of time or cause ("… after the
 * team told him").
 */
import { QUOTE_OR_PUNCTUATION } from './attribution-names.js';
import type { Token } from './attribution-tokens.js';
import { BOUNDARIES, REPORTING_VERBS } from './attribution-words.js';

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
