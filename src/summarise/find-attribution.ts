/**
 * Who says it: the source of a sentence's statement, from "according to X" / "selon X" /
 * "laut X" / "según X", a reporting verb with its subject ("Essid declared", "officials said",
 * "Seoul figures"), an inverted one ("said Jeffrey Frankel", "reports the South Korean
 * intelligence", "a déclaré jeudi le ministre"), or the name that follows a closing quote.
 * Pronoun subjects ("he said") are flagged so the caller can resolve them from context.
 */
import {
  AUXILIARIES,
  BOUNDARIES,
  CLAUSE_WORD,
  DATA_NOUNS,
  DETERMINERS,
  ENGLISH_REPORTING_VERBS,
  FORWARD_BOUNDARIES,
  INSIDE_NAME,
  MEASURE_NOT_SOURCE,
  NAME_ONLY_VERBS,
  NOUN_OR_VERB,
  OBJECT_START,
  POSTED_STATEMENT,
  PRONOUNS,
  QUANTIFIERS,
  REPORTING_VERBS,
  SOURCE_NOUNS,
  TIME_WORDS,
} from './attribution-words.js';
import {
  isNamePhrase,
  nameBeforeAppositive,
  possessive,
  QUOTE_OR_PUNCTUATION,
  withNameAfterTitle,
} from './attribution-names.js';
import {
  inLeadingClause,
  insideQuotation,
  MIN_QUOTED_WORDS,
  quotedWordsBefore,
  sentenceAfter,
  tokenise,
  type Token,
} from './attribution-tokens.js';
import { inRelativeClause, inSubordinateClause, withoutLeadingAdverbial } from './attribution-clauses.js';
import { firstPersonOpinion, reportsResults, STANCE_ADVERBS } from './attribution-forms.js';
import { lowerWords } from './lower-words.js';

export interface Attribution {
  /** The source as written ("Tunisian Prime Minister Habib Essid", "officials"), or the pronoun. */
  readonly source: string;
  /** True when `source` is a pronoun ("he", "she", "they", "il", "er") still to be resolved. */
  readonly pronoun: boolean;
  /** Offset of the reporting verb or phrase in the sentence. */
  readonly at: number;
  /**
   * True when the report stands in a clause of time or cause ("… after the team told him …"): the
   * speaker is not the sentence's source, only the person a later "she said" may mean.
   */
  readonly inClause?: boolean;
}

const ACCORDING =
  /(?:^|[\s,(])(according to|as (?:first )?reported by|as noted by|selon|d['’]après|de source|laut|nach Angaben (?:des|der|von)|zufolge|según|de acuerdo con|citing|quoted by)\s/giu;

/** A document named before its author: "a press release from", "a statement by", "the filing of". */
const DOCUMENT_FROM =
  /^\s*(?:(?:a|an|the)\s)?(?:new\s|recent\s|joint\s|written\s|latest\s|official\s)?(?:data|figures|statistics|press release|news release|statement|report|filing|court filing|letter|blog post|post|tweet|thread|document|notice|memo|complaint|indictment|announcement|study|survey|analysis|paper)\s(?:from|by|of|issued by|released by)\s/iu;

/** Words of the "according to" phrases; with the reporting verbs, a sentence needs one to hold a source. */
export const ACCORDING_WORDS: ReadonlySet<string> = new Set(
  'according reported noted selon après source laut angaben zufolge según acuerdo citing quoted'.split(' '),
);

export function findAttribution(
  sentence: string,
  /** The sentence's `lowerWords`; only those in `ACCORDING_WORDS` and `REPORTING_VERBS` are read. */
  words: readonly string[] = lowerWords(sentence),
): Attribution | undefined {
  const hasAccordingWord = words.some((word) => ACCORDING_WORDS.has(word));
  const candidate =
    hasAccordingWord ||
    sentence.includes('”') ||
    sentence.includes('»') ||
    words.some((word) => REPORTING_VERBS.has(word));
  if (!candidate) return firstPersonOpinion(sentence);
  // Every "according to" phrase holds one of its words; a long s, which the pattern reads as an
  // "s" but which splits a lower-case word, lets it run too.
  ACCORDING.lastIndex = 0;
  const according = hasAccordingWord || sentence.includes('ſ') ? ACCORDING.exec(sentence) : null;
  if (according) {
    const phrase = according[1] ?? '';
    const at = according.index + according[0].indexOf(phrase);
    if (/zufolge/iu.test(phrase)) {
      const source = readBackward(tokenise(sentence.slice(0, at)));
      if (source) return { source, pronoun: false, at };
    } else {
      const rest = sentence.slice(at + phrase.length);
      // "according to a press release from the Attorney's Office": the office, not the release.
      const document = DOCUMENT_FROM.exec(rest);
      const source =
        (document === null ? undefined : readForward(tokenise(rest.slice(document[0].length)), true)) ??
        readForward(tokenise(rest), true);
      if (source && namesSomeone(source))
        return { source: withNameAfterTitle(source, rest), pronoun: false, at };
    }
  }
  const tokens = tokenise(sentence);
  let fallback: Attribution | undefined;
  let weak: Attribution | undefined;
  let inClause: Attribution | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === undefined) continue;
    // Verbs are lower-case inside a sentence: "States" is not "states". The verbs are listed in
    // lower case, so a word past the first is looked up as written, without lower-casing it.
    const lower = i === 0 ? token.text.toLowerCase() : token.text;
    if (!REPORTING_VERBS.has(lower)) continue;
    if (inLeadingClause(tokens, i)) continue;
    const found = attributionAt(sentence, tokens, i);
    if (found === undefined) continue;
    if (found.inClause === true) {
      inClause ??= found;
      continue;
    }
    // "The company expects …, Chief Executive Tom Harris told analysts": "told" is the report.
    // "The firm reported revenue of $4bn, analysts said": a company's results are its news, and the
    // source of the sentence is who says so, if anyone else does.
    if (!found.pronoun && !NAME_ONLY_VERBS.has(lower) && !reportsResults(tokens, i)) return found;
    if (!found.pronoun) weak ??= found;
    else fallback ??= found;
  }
  return weak ?? fallback ?? nameAfterQuote(tokens) ?? inClause ?? firstPersonOpinion(sentence);
}

function attributionAt(
  sentence: string,
  tokens: readonly Token[],
  verbIndex: number,
): Attribution | undefined {
  const verb = tokens[verbIndex];
  if (verb === undefined) return undefined;
  const lower = verb.text.toLowerCase();
  const previous = tokens[verbIndex - 1]?.text ?? '';
  // Inside a quotation the speaker quotes someone else's words, or none: “… wouldn’t say …”.
  if (insideQuotation(tokens, verbIndex)) return undefined;
  // "would not say", "n'a pas dit": a statement nobody made.
  if (
    /^(?:not|never|n['’]t|\p{L}+n['’]t|pas|nicht|no|nunca)$/iu.test(previous) ||
    /n['’]t$/iu.test(previous)
  ) {
    return undefined;
  }
  // Passive or adjectival uses: "is expected", "was said to", "the figures".
  const foreignPerfect =
    /^(?:a|ont|hat|haben|ha|han)$/u.test(previous) && !ENGLISH_REPORTING_VERBS.has(lower);
  if (
    !foreignPerfect &&
    /^(?:is|are|was|were|be|been|being|get|gets|got|getting|gotten|let['’]s|the|a|an|its|their|his|her|these|those|key|most|many|some|all|few|several|both|other|our|your|my|est|sont|été|ist|sind|wurde|es|son|fue)$/iu.test(
      previous,
    )
  ) {
    return undefined;
  }
  // "they've added a button", "Michael posted links to a technique": a verb with an object of its own.
  // ("posted a public statement" still reports.)
  if (
    /^(?:added|adds|posted|posts)$/u.test(lower) &&
    OBJECT_START.test(tokens[verbIndex + 1]?.text ?? '') &&
    !(lower.startsWith('post') && POSTED_STATEMENT.test(sentenceAfter(tokens, verbIndex)))
  )
    return undefined;
  // "Dive modes added: To record dives.": a change log's item; "Lind added: “We …”" quotes someone.
  if (
    /^(?:added|adds)$/u.test(lower) &&
    tokens[verbIndex + 1]?.text === ':' &&
    !/^["“«]$/u.test(tokens[verbIndex + 2]?.text ?? '')
  )
    return undefined;
  // "the variance explained (PVE) was …", "the share explained by prices": a participle.
  if (/^(?:\(|by|durch)$/iu.test(tokens[verbIndex + 1]?.text ?? '')) return undefined;
  // "movies and TV shows": the compound noun, not a verb.
  if (lower === 'shows' && /^(?:TV|television|talk|game|radio)$/u.test(tokens[verbIndex - 1]?.text ?? ''))
    return undefined;
  // "StackOverflow shows up higher in search results": turning up, not showing that something is so.
  if (/^(?:show|shows|showed|shown)$/u.test(lower) && tokens[verbIndex + 1]?.text === 'up') return undefined;
  // "games already announced for UE5": a participle describing a noun.
  if (lower.endsWith('ed') && tokens[verbIndex + 1]?.text === 'for') return undefined;
  // "Non-work projects have been …", "the figures are": a noun before its own verb.
  // ("said would" stays a verb: "the deal, which officials said would cost …").
  if (
    (NOUN_OR_VERB.has(lower) || NAME_ONLY_VERBS.has(lower)) &&
    NOUN_BEFORE_VERB.test(tokens[verbIndex + 1]?.text ?? '')
  )
    return undefined;
  // "James tells a very boring story": telling a story reports nothing.
  if (/^(?:tells?|told|telling)$/u.test(lower) && TOLD_A_STORY.test(sentenceAfter(tokens, verbIndex)))
    return undefined;
  // "helps you group together notes on a topic": a plural noun, not a verb ("reports on Tuesday" still reports).
  if (
    NOUN_OR_VERB.has(lower) &&
    /^(?:on|of|for|about|from|in|with|and|or)$/iu.test(tokens[verbIndex + 1]?.text ?? '') &&
    !TIME_WORDS.test(tokens[verbIndex + 2]?.text ?? '')
  )
    return undefined;
  let left = verbIndex - 1;
  while (
    left >= 0 &&
    (AUXILIARIES.has((tokens[left]?.text ?? '').toLowerCase()) ||
      STANCE_ADVERBS.has(tokens[left]?.text ?? ''))
  )
    left--;
  const subject = withoutLeadingAdverbial(readBackward(tokens.slice(0, left + 1)));
  const nameOnly = NAME_ONLY_VERBS.has(lower);
  // "no group claimed responsibility": nobody is the source of that.
  const nobody =
    subject !== undefined &&
    /^(?:no|nobody|none|neither|personne|aucun|aucune|kein|keine|ningún|ninguna|nadie)\b/iu.test(subject);
  const subjectStart = subject === undefined ? 0 : left - tokenise(subject).length + 1;
  if (
    subject &&
    !nobody &&
    !(nameOnly && !isNamePhrase(subject)) &&
    !inRelativeClause(tokens, subjectStart, verbIndex)
  ) {
    const pronoun = PRONOUNS.has(subject.toLowerCase());
    if (inSubordinateClause(tokens, subjectStart)) {
      return pronoun || !isPlausibleSource(subject)
        ? undefined
        : { source: subject, pronoun: false, at: verb.start, inClause: true };
    }
    // "Eric Reeves, one of the leading voices on Sudan, said": the name, not its description.
    const named = pronoun ? undefined : nameBeforeAppositive(tokens, left + 1);
    if (named !== undefined) return { source: named, pronoun: false, at: verb.start };
    if (pronoun || isPlausibleSource(subject)) return { source: subject, pronoun, at: verb.start };
  }
  if (nameOnly) return undefined;
  // Inverted: `, said Jeffrey Frankel`, `” Essid declared` is handled above; `a déclaré jeudi le ministre`.
  let right = verbIndex + 1;
  // "a déclaré jeudi le ministre", "anunció el martes el presidente", "teilte am Freitag mit".
  for (;;) {
    const text = tokens[right]?.text ?? '';
    if (TIME_WORDS.test(text) || /^mit$/u.test(text)) right++;
    else if (/^(?:on|am|el|le|this|este|ce)$/iu.test(text) && TIME_WORDS.test(tokens[right + 1]?.text ?? ''))
      right += 2;
    else break;
  }
  const leftEdge = tokens[left]?.text ?? '';
  const invertible = left < 0 || QUOTE_OR_PUNCTUATION.test(leftEdge) || foreignPerfect;
  if (invertible) {
    const object = readForward(tokens.slice(right), false);
    if (object && !PRONOUNS.has(object.toLowerCase()) && isPlausibleSource(object)) {
      // "said the mayor, Ana Lind.": the title takes the name set after it in commas.
      const rest = sentence.slice(tokens[right]?.start ?? verb.end);
      return { source: withNameAfterTitle(object, rest), pronoun: false, at: verb.start };
    }
    // "Kyrylo Budanov, said he would expect": the subject stands before the comma.
    // (Not after an auxiliary: in "…soir, a précisé la préfecture" the source follows the verb.)
    // "Taylor, who backs Trump but “not blindly,” said": the relative clause ends in a quotation.
    const quoteEnds = /^["”»]$/u.test(leftEdge) && tokens[left - 1]?.text === ',';
    if ((leftEdge === ',' || quoteEnds) && left === verbIndex - 1) {
      let end = left;
      // "Dr. Lena Ostrova, who runs the hospital, said": step over the relative clause.
      for (let k = left - 1; k >= 0 && k >= left - (quoteEnds ? 30 : 14); k--) {
        const text = (tokens[k]?.text ?? '').toLowerCase();
        if (QUOTE_OR_PUNCTUATION.test(text) && text !== ',' && !(quoteEnds && /^["“”«»]$/u.test(text))) break;
        if (
          /^(?:who|which|whose|qui|que|dont|der|die|das|quien)$/u.test(text) &&
          tokens[k - 1]?.text === ',' &&
          !insideQuotation(tokens, k)
        ) {
          end = k - 1;
          break;
        }
      }
      // A quotation before the verb with no relative clause is the statement itself ("“No,” said …").
      if (!quoteEnds || end !== left) {
        const beforeComma = readBackward(tokens.slice(0, end));
        const named = nameBeforeAppositive(tokens, end);
        if (named !== undefined) return { source: named, pronoun: false, at: verb.start };
        if (beforeComma && /\p{Lu}/u.test(beforeComma) && isPlausibleSource(beforeComma))
          return { source: beforeComma, pronoun: false, at: verb.start };
      }
    }
  }
  if (subject && PRONOUNS.has(subject.toLowerCase()))
    return { source: subject, pronoun: true, at: verb.start };
  return undefined;
}

/** "one of them says", "two of the soldiers said": a member of a group named before. */
const PARTITIVE_SOURCE = /^(?:one|two|three|some|several|many|most|each) of (?:them|those|the \p{L}+)$/iu;

function isPlausibleSource(source: string): boolean {
  const words = source.split(' ');
  if (words.length > 12) return false;
  // "officials 12", "were 12,000": a number after a common word is a figure, not part of a name
  // (names keep theirs: "Channel 4", "Group of 20").
  if (
    words.some(
      (word, index) => /^\d+(?:[.,]\d+)*$/u.test(word) && !/^(?:\p{Lu}|of$)/u.test(words[index - 1] ?? ''),
    )
  )
    return false;
  if (PARTITIVE_SOURCE.test(source)) return true;
  // "the past products they've", "Chen's truncation makes it sound like Cook": a clause that ends
  // at the verb, not a source; so is one with a verb of being or having ("data is accessible via X").
  if (words.length > 1 && words.some((word) => CLAUSE_WORD.test(word))) return false;
  return (
    words.some(
      (word, index) =>
        /^\p{Lu}/u.test(word) &&
        (index > 0 ||
          !/^(?:The|A|An|In|On|At|For|As|If|So|Then|Now|Here|There|When|But|And|It|This|That|Le|La|Les|Der|Die|Das|El|Los|See|Read|Visit|Click|Note|Check|Please|Watch|Listen|Find|Try|Having|Being)$/u.test(
            word,
          )),
    ) || SOURCE_NOUNS.test(source)
  );
}

/**
 * The name before a description fenced by commas, when the description starts at `start`:
 * "Eric Reeves, one of the leading voices on Sudan, said". The name stands at the start of the
 * sentence or after punctuation or a boundary word, so a clause before the comma is never read as one.
 */

/** An auxiliary right after a reporting word makes the word a noun: "projects have", "figures are". */
const NOUN_BEFORE_VERB =
  /^(?:have|has|had|are|is|were|was|will|would|can|could|may|might|must|do|does|did)$/iu;
/** "tells a story", "told the same old joke": what is told is no statement. */
const TOLD_A_STORY =
  /^(?:a|an|the|this|that|his|her|their|some)\s(?:[\p{Ll}-]+\s){0,2}(?:story|stories|joke|jokes|tale|tales|lies)\b/u;

/**
 * "according to plan" and "according to a user's parental status" name nobody: a source after
 * "according to" is no measure things go by, and has a capital, a noun for people or bodies, is
 * data ("the latest figures"), or is a bare name.
 */
function namesSomeone(source: string): boolean {
  if (MEASURE_NOT_SOURCE.test(source)) return false;
  return (
    /\p{Lu}/u.test(source) ||
    SOURCE_NOUNS.test(source) ||
    DATA_NOUNS.test(source) ||
    // "according to kyiv": a name in lower case, as machine translation leaves it.
    !/^(?:a|an|the|his|her|their|its|our|your|my|how|what|which|whether)\s/iu.test(source)
  );
}

/** The phrase that ends at the end of `tokens`, back to a boundary word or punctuation. */

function readBackward(tokens: readonly Token[]): string | undefined {
  const words: string[] = [];
  let last = tokens.length - 1;
  // German puts the verb last: "wie Eurostat am Freitag mitteilte" — the time is not the source.
  while (last >= 0 && TIME_WORDS.test(tokens[last]?.text ?? '')) {
    last--;
    if (/^(?:am|on|le|el)$/iu.test(tokens[last]?.text ?? '')) last--;
  }
  for (let i = last; i >= 0 && words.length < 10; i--) {
    const text = tokens[i]?.text ?? '';
    // "Germany's Federal Crime Police Office (BKA) announced": the acronym belongs to the name.
    if (
      text === ')' &&
      words.length === 0 &&
      /^\p{Lu}{2,6}$/u.test(tokens[i - 1]?.text ?? '') &&
      tokens[i - 2]?.text === '('
    ) {
      words.unshift(`(${tokens[i - 1]?.text ?? ''})`);
      i -= 2;
      continue;
    }
    if (QUOTE_OR_PUNCTUATION.test(text)) break;
    // A capital only marks the sentence start: "Although no group claimed …".
    if (i === 0 && BOUNDARIES.has(text.toLowerCase())) break;
    if (
      BOUNDARIES.has(text) &&
      !(
        INSIDE_NAME.has(text) &&
        /^\p{Lu}/u.test(words[0] ?? '') &&
        /^\p{Lu}/u.test(tokens[i - 1]?.text ?? '')
      )
    ) {
      // "Eyewitnesses and local community leaders said": two sources that open the clause.
      const other = tokens[i - 1]?.text ?? '';
      const opensClause = i === 1 || QUOTE_OR_PUNCTUATION.test(tokens[i - 2]?.text ?? '');
      if (text === 'and' && words.length > 0 && opensClause && SOURCE_NOUNS.test(other)) {
        words.unshift(other, text);
      }
      break;
    }
    words.unshift(text);
  }
  // "The union representing 12,000 workers said": the source is the noun before the participle.
  // After an article it is an adjective: "a leading central bank chief", "the outgoing president".
  const participle = words.findIndex(
    (word, index) =>
      index > 0 && /^\p{Ll}{3,}ing$/u.test(word) && !/^(?:a|an|the)$/iu.test(words[index - 1] ?? ''),
  );
  if (participle > 0) words.splice(participle);
  return tidy(words);
}

/** The noun phrase at the start of `tokens`, up to punctuation or a word that starts a clause. */
function readForward(tokens: readonly Token[], allowLowerCase: boolean): string | undefined {
  const words: string[] = [];
  for (let i = 0; i < tokens.length && words.length < 10; i++) {
    const text = tokens[i]?.text ?? '';
    if (text === '(' && /^\p{Lu}{2,6}$/u.test(tokens[i + 1]?.text ?? '') && tokens[i + 2]?.text === ')') {
      words.push(`(${tokens[i + 1]?.text ?? ''})`);
      i += 2;
      continue;
    }
    if (QUOTE_OR_PUNCTUATION.test(text)) break;
    const lower = text.toLowerCase();
    if (
      words.length === 0 &&
      !allowLowerCase &&
      /^\p{Ll}/u.test(text) &&
      !DETERMINERS.test(text) &&
      !QUANTIFIERS.test(text) &&
      !SOURCE_NOUNS.test(text)
    )
      break;
    // "said people familiar with the matter": the phrase that describes an unnamed source.
    const familiarWith = lower === 'with' && words[words.length - 1] === 'familiar';
    if (FORWARD_BOUNDARIES.has(lower) && !(INSIDE_NAME.has(lower) && words.length > 0) && !familiarWith)
      break;
    if (
      words.length > 0 &&
      /^\p{Ll}/u.test(text) &&
      !allowLowerCase &&
      !INSIDE_NAME.has(lower) &&
      !SOURCE_NOUNS.test(text) &&
      !/^\p{Ll}+(?:ian|ese|ish|an|ais|aise)$/u.test(text)
    ) {
      // Lower-case words after a name start the rest of the clause ("said Essid today"), unless
      // the phrase ends with them ("le ministre des Affaires étrangères.").
      const closesPhrase = i + 1 >= tokens.length || QUOTE_OR_PUNCTUATION.test(tokens[i + 1]?.text ?? '');
      const adverb =
        /^(?:today|yesterday|tonight|recently|earlier|later|again|too|also|aujourd['’]hui|hier|heute|gestern|hoy|ayer)$/iu.test(
          text,
        );
      if (/\p{Lu}/u.test(words.join(' ')) && (!closesPhrase || adverb) && !possessive(words)) break;
    }
    if (REPORTING_VERBS.has(lower) && words.length > 0 && !allowLowerCase) break;
    // "laut Eurostat stiegen die Preise": after a name, a plain lower-case word starts the clause.
    if (
      allowLowerCase &&
      /^\(?\p{Lu}/u.test(words[words.length - 1] ?? '') &&
      !possessive(words) &&
      /^\p{Ll}/u.test(text) &&
      !INSIDE_NAME.has(lower) &&
      !/^[dl]['’]/u.test(text) &&
      !SOURCE_NOUNS.test(text) &&
      !/^\p{Ll}+(?:ian|ese|ish|an|ais|aise|ische[nr]?)$/u.test(text)
    ) {
      break;
    }
    words.push(text);
  }
  return tidy(words);
}

function tidy(words: string[]): string | undefined {
  while (words.length > 0 && INSIDE_NAME.has(words[words.length - 1] ?? '')) words.pop();
  while (words.length > 0 && /^(?:the|le|la|les|der|die|das|el|los|las|by|of)$/u.test(words[0] ?? ''))
    words.shift();
  const phrase = words.join(' ').replace(/\s+\(/gu, ' (').trim();
  return phrase === '' ? undefined : phrase;
}

/** Machine-translated attributions: `fights” succession National Intelligence Service (NIS), Tuesday`. */
function nameAfterQuote(tokens: readonly Token[]): Attribution | undefined {
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]?.text !== '”' && tokens[i]?.text !== '»') continue;
    // "“well-behaved applications” excludes MS Word": a term in quotation marks is not a quotation.
    if (quotedWordsBefore(tokens, i) < MIN_QUOTED_WORDS) continue;
    let j = i + 1;
    if (/^\p{Ll}+$/u.test(tokens[j]?.text ?? '')) j++;
    if (!/^\p{Lu}/u.test(tokens[j]?.text ?? '')) continue;
    const name = readForward(tokens.slice(j), false);
    if (name && name.split(' ').filter((word) => /^\p{Lu}/u.test(word)).length >= 2) {
      return { source: name, pronoun: false, at: tokens[i]?.start ?? 0 };
    }
  }
  return undefined;
}
