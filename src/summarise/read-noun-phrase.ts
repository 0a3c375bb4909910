/**
 * The noun phrase after an amount: "1,100 soldiers", "8.2 million current and former customers",
 * "3,000 men “killed or injured”", read up to where the phrase ends.
 */
import { PHRASE_END, PARTICIPLE } from './count-phrase-words.js';
import type { Word } from './phrase-words.js';

/** Adjectives that pair before one noun: "current and former customers", "full or part time". */
const PAIRED_ADJECTIVES = new Set(
  'current former new old existing past present future domestic foreign local international national public private full part male female young old older younger small large big'.split(
    ' ',
  ),
);

export function readNounPhrase(words: readonly Word[], from: number): { words: string[]; next: number } {
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
    // "of Russia’s $604bn foreign currency reserves": the whole after a possessive goes on past its size.
    if (/^(?:[$€£¥]|\d)/u.test(text) && /['’]s?$/u.test(phrase[phrase.length - 1] ?? '')) continue;
    if (!/^[\p{L}\p{N}]/u.test(text)) break;
    const lower = text.toLowerCase();
    if (quoted && phrase.length > 0 && PARTICIPLE.test(text)) break;
    // Spanish past tenses end the phrase: "45.300 personas encontraron empleo".
    if (phrase.length > 0 && /^\p{Ll}{2,}(?:aron|ieron|ó)$/u.test(text)) break;
    // "8.2 million current and former customers": two adjectives on one noun.
    if (
      (lower === 'and' || lower === 'or') &&
      phrase.length === 1 &&
      PAIRED_ADJECTIVES.has((phrase[0] ?? '').toLowerCase()) &&
      PAIRED_ADJECTIVES.has((words[i + 1]?.text ?? '').toLowerCase())
    ) {
      phrase.push(text);
      continue;
    }
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
