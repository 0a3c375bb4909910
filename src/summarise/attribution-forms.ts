/**
 * Forms of attribution beyond a reporting verb and its subject: the writer's own view ("I think"),
 * a company stating its results ("reported revenue of"), and the adverbs between a source and its
 * verb ("Apple clearly believes").
 */
import type { Token } from './attribution-tokens.js';
import type { Attribution } from './find-attribution.js';

/**
 * "I think the repairs were overdue", "We believe this will help": the writer's own view, a
 * pronoun for the caller to credit to the byline. (Other subjects who think are no sources: what
 * analysts think is not what they said.)
 */
const FIRST_PERSON_OPINION =
  /(?:^|[\s,;])(I|[Ww]e)\s(?:(?:also|still|really|truly|strongly|honestly|personally)\s)?(?:think|believe|feel)\s/u;

export function firstPersonOpinion(sentence: string): Attribution | undefined {
  // One cheap look for the verbs first: this runs on every sentence without a reporting verb.
  if (!sentence.includes('think') && !sentence.includes('believe') && !sentence.includes('feel'))
    return undefined;
  const match = FIRST_PERSON_OPINION.exec(sentence);
  if (match === null || sentence.endsWith('?')) return undefined;
  const pronoun = match[1] ?? 'I';
  return { source: pronoun, pronoun: true, at: match.index + match[0].indexOf(pronoun) };
}

/** "Apple clearly believes", "officials privately said": how the source holds the view, not who. */
export const STANCE_ADVERBS = new Set(
  'clearly certainly probably apparently privately strongly firmly really actually obviously widely largely increasingly personally openly genuinely'.split(
    ' ',
  ),
);

/** "reported revenue of", "posted a net loss": a company stating its results, not a report. */
const RESULTS = /^(?:revenue|revenues|sales|profit|profits|earnings|income|losses|results|turnover)$/u;
export function reportsResults(tokens: readonly Token[], verbIndex: number): boolean {
  if (!/^(?:reported|reports|posted|posts)$/u.test(tokens[verbIndex]?.text ?? '')) return false;
  const next = tokens[verbIndex + 1]?.text ?? '';
  const after = tokens[verbIndex + 2]?.text ?? '';
  const third = tokens[verbIndex + 3]?.text ?? '';
  return (
    RESULTS.test(next) ||
    (/^(?:a|an|record|its|their)$/u.test(next) &&
      (RESULTS.test(after) || /^(?:loss|profit)$/u.test(after) || /^(?:loss|profit)$/u.test(third)))
  );
}
