/**
 * Shortens a sentence for a card by deletion only: a dateline ("CAIRO — "), an opening
 * connective ("But", "However,"), a short opening adverbial ("In a video published in
 * mid-January by …, "), parentheses, paired dashes and appositives ("Steuerle, a fellow at the
 * Urban Institute,"). Nothing is added or reordered, so every number and name left in the result
 * stands in the original sentence; only the first letter may become a capital.
 */

import { countWords } from './count-words.js';

const DATELINE = /^\p{Lu}[\p{Lu} .'-]{1,30}(?:\([^)]{1,30}\))?\s[—–-]\s/u;
const CONNECTIVE =
  /^(?:but|and|yet|so|still|however|meanwhile|moreover|indeed|instead|also|already|in addition|for example|for instance|in fact|in turn|of course|mais|et|pourtant|cependant|aber|und|doch|pero|y|sin embargo),?\s+/iu;
/** Openings that set a scene rather than state the news: prepositions and subordinators. */
const ADVERBIAL_OPENING =
  /^(?:in|on|at|after|before|during|despite|since|while|although|though|as|with|within|for|aside from|until|following|amid|en|dans|après|avant|depuis|pendant|malgré|lors|im|nach|vor|seit|trotz|während|tras|durante|después|antes|desde)\b/iu;
const APPOSITIVE_AFTER_NAME =
  /([\p{Lu}][\p{L}.'’-]*),\s(?:a|an|the|who|whose|which|un|une|le|la|qui|der|die|das|el|la|quien)\s[^,;:“”"]{2,90}?(,\s|(?=[.!?]["”»]?$))/gu;
const PARENTHESES = /\s\((?!\p{Lu}{2,6}\))[^()]{1,120}\)/gu;
const PAIRED_DASHES = /\s[—–]\s[^—–]{1,120}\s[—–]\s/gu;

const REPORTING =
  /(?<![\p{L}])(?:said|says|say|told|tells|reported|reports|according|announced|declared|estimated|added|warned|stated|confirmed|a déclaré|a dit|selon|sagte|laut|dijo|según)(?![\p{L}])/iu;

/** Sentences shorter than this (in words) are kept as they are. */
const MIN_WORDS_TO_COMPRESS = 14;

export function compressSentence(sentence: string): string {
  let text = sentence.replace(DATELINE, '');
  if (countWords(text) < MIN_WORDS_TO_COMPRESS) return capitalise(text);
  text = text.replace(CONNECTIVE, '');
  text = text.replace(PARENTHESES, '').replace(PAIRED_DASHES, ' ');
  text = text.replace(APPOSITIVE_AFTER_NAME, (whole, name: string, closer: string) =>
    // "Valdoria, the Red Cross said on Tuesday," is a clause, not an appositive.
    REPORTING.test(whole) || countWords(whole) > 14 ? whole : closer === '' ? name : `${name} `,
  );
  const comma = text.indexOf(', ');
  if (comma > 0 && ADVERBIAL_OPENING.test(text)) {
    const opening = text.slice(0, comma);
    const rest = text.slice(comma + 2);
    // Keep openings that hold the quotation or are most of the sentence.
    if (countWords(opening) <= 16 && countWords(rest) >= 8 && !/[“”"«»]/u.test(opening)) text = rest;
  }
  text = trimTrailingClauses(text);
  return capitalise(
    text
      .replace(/\s{2,}/gu, ' ')
      .replace(/\s+([,.;:!?])/gu, '$1')
      .trim(),
  );
}

/** A long sentence's last comma segment if it only adds colour: no number, no quotation, no source. */
const TRAILING_COLOUR =
  /,\s(?:a|an|the|in an?|as|while|amid|which|their|its|his|her|where|with|warning|adding|leaving|making|seen as|un|une|alors que|tandis que|während|mientras)\s[^,;:“”"«»\d]{8,200}([.!?]["”»]?)$/u;

function trimTrailingClauses(text: string): string {
  let result = text;
  for (let round = 0; round < 2 && countWords(result) > 24; round++) {
    const match = TRAILING_COLOUR.exec(result);
    if (match === null || REPORTING.test(match[0])) break;
    const kept = result.slice(0, match.index) + (match[1] ?? '.');
    if (countWords(kept) < 12) break;
    result = kept;
  }
  return result;
}

function capitalise(text: string): string {
  const first = text.charAt(0);
  return first === first.toLowerCase() ? first.toUpperCase() + text.slice(1) : text;
}
