/**
 * Shortens a sentence for a card by deletion only. What goes: a dateline ("CAIRO — "), an opening
 * connective ("But", "However,"), scene-setting openings ("In a video published in mid-January
 * by …, ", "Hours after the interview, ", "Published on January 22, "), parentheses and paired
 * dashes, appositives ("Steuerle, a fellow at the Urban Institute,"), non-restrictive relative
 * clauses (", who was ousted this month,"), comma-fenced adverbs (", either,"), a mid-sentence
 * "also", and trailing colour (", allowing it to …", ", when the economy …"). What stays: the
 * subject, the reporting verb and its source, the core proposition, and every number left in a
 * trailing clause. Nothing is added or reordered, so every number and name left in the result
 * stands in the original sentence; only the first letter may become a capital.
 */

import { countWords, countWordsUpTo } from './count-words.js';
import { isMonthName } from './find-dates.js';
import { codePointBefore, isLetter } from './letter-class.js';
import { withoutWordBoundaries } from './loose-pattern.js';

/** "CAIRO — ", "NEWARK, N.J. (AP) — ", "MOSCOU, 24 SET (ANSA) - ": a place in capitals before a dash. */
const DATELINE = /^\p{Lu}[\p{Lu}\d ,.'-]{1,30}(?:\([^)]{1,30}\))?\s[—–-]\s/u;
/**
 * "Dubai, May 10: ", "MANGALURU: ": a place with a date, or a place in capitals of five letters or
 * more, before a colon. A shorter word in capitals ("NASA: ") may be the source of what follows.
 */
const DATELINE_COLON =
  /^(?:\p{Lu}[\p{L}.'-]+(?: \p{Lu}[\p{L}.'-]+)?, (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:, \d{4})?|\p{Lu}{5,}(?:[ -]\p{Lu}{2,})?): (?=\p{Lu})/u;
/** In the same case: "Films To Be Buried With with Brett" names a title; "and and or" names operators. */
const DOUBLED_WORD =
  /(?<![\p{L}\p{N}])(the|a|an|of|to|in|on|for|with|at|by|le|la|les|de|der|die|das|el) \1(?![\p{L}\p{N}])/gu;
const CONNECTIVE =
  /^(?:(?:but|and|yet|so(?! far\b)|still|however|meanwhile|moreover|indeed|instead(?! of\b)|also|already|additionally|in addition|for example|for instance|in fact|in turn|of course|mais|et|pourtant|cependant|aber|und|doch|pero|y|sin embargo),?|(?:plus|well|anyway|besides|that said|even so|after all|again|alas|now|sure|okay|ok|btw|(?:hi|hello|hey)(?:,? (?:all|everyone|everybody|folks|there))?),|(?:tl;dr|tldr|update(?:d)?(?:,[^:,]{1,30})?|spoiler(?: alert)?|btw|p\.?s\.?|edit|note|nb|n\.b\.):)\s+/iu;
/** Openings that set a scene rather than state the news: prepositions and subordinators. */
const ADVERBIAL_OPENING =
  /^(?:in|on|at|to|after|before|during|despite|since|while|although|though|as|with|within|for|aside from|until|following|amid|en|dans|après|avant|depuis|pendant|malgré|lors|im|nach|vor|seit|trotz|während|tras|durante|después|antes|desde)\b/iu;
const FIRST_TIME =
  /\b(?:first|last|only)\s+time\b|\bpour la première fois\b|\bzum ersten Mal\b|\bpor primera vez\b/iu;
const FIRST_TIME_LOOSE = withoutWordBoundaries(FIRST_TIME);
/** "After having undergone heavy losses, …": a prior event, often the cause of the news. */
const HAVING = /\bhaving\b/iu;
const HAVING_LOOSE = withoutWordBoundaries(HAVING);
/** "Published on January 22, ", "Speaking to reporters, ", "Asked about the deal, ". */
const PARTICIPLE_OPENING =
  /^\p{Lu}\p{Ll}{2,}(?:ed|ing)\s(?:on|to|about|in|at|by|from|after|before|with|for|during)\b/u;
/** A phrase that opens a sentence before its subject: "titled …", "In the letter", "Speaking to …". */
const OPENING_PHRASE =
  /^(?:\p{Ll}{3,}(?:ed|ing)\s|(?:[Ii]n|[Oo]n|[Aa]t|[Aa]fter|[Bb]efore|[Dd]uring|[Dd]espite|[Ww]hile|[Aa]lthough|[Ww]ith|[Ff]or|[Aa]mid|[Ff]ollowing)\s)/u;
/** Whether every comma-separated part of `text` is an opening phrase: no subject and verb yet. */
function onlyOpenings(text: string): boolean {
  return text.split(', ').every((segment) => OPENING_PHRASE.test(segment));
}
/** "Hours after the interview, ", "Two days later, ", "Nine months ago, ". */
const TIME_OPENING =
  /^(?:[\p{L}\d-]+\s){0,3}(?:hours?|days?|weeks?|months?|years?|decades?|minutes?)\s(?:after|before|later|earlier|ago)\b/iu;
const APPOSITIVE_AFTER_NAME =
  /([\p{Lu}][\p{L}.'’-]*),\s(?:one of (?:the|its|their|his|her)|a|an|the|who|whose|which|un|une|le|la|qui|der|die|das|el|la|quien)\s[^,;:“”"«»]{2,90}?(,\s|(?=[.!?]["”»]?$))/gu;
/**
 * After the comma that would close an appositive, another item of a list with a comma still to
 * come (", the ongoing scandal, and more"): dropping the item would run two others together. A
 * determiner with no comma after it may open the main clause ("…, a new series, a woman is seen").
 */
const LIST_GOES_ON = /^(?:the|a|an)\s[^.!?]*,\s/u;
/** ", the larger the test,", ", the better it gets": half of a comparison, when the sentence has two. */
const COMPARATIVE_HALF = /^[^,]*,\sthe\s(?:more|less|fewer|\p{L}{2,}er)\b/u;
const COMPARATIVE = /\bthe\s(?:more|less|fewer|\p{L}{2,}er)\b/giu;
/** ", who seized power in March," — a clause about a noun that the sentence does not need. */
const RELATIVE_CLAUSE = /,\s(?:who|whose|which|qui|dont|der|die|das|quien)\s[^,;:]{3,100}?,\s/gu;
/** Adverbs fenced by commas: ", either,", ", however,". */
const FENCED_ADVERB =
  /,\s(?:either|too|however|though|meanwhile|in turn|for now|so far|of course|in fact|for (?:his|her|its|their) part|cependant|toutefois|en effet|jedoch|sin embargo),(?=\s)/giu;
/** ", days before leaving office,": when, said in passing. */
const FENCED_TIME =
  /,\s(?:(?:hours?|days?|weeks?|months?)\s(?:before|after)|shortly\s(?:before|after))\s[^,;:“”"«»\d]{3,50},(?=\s)/giu;
/** "has also said", "The report also suggested": the sentence stands without it. */
const INNER_ALSO = /(?<=\p{L})\salso(?=\s\p{L})/gu;
/** "had already declared": the statement stands without the adverb. */
const AUXILIARY_ALREADY = /(?<=\b(?:has|have|had|is|are|was|were)\s)already\s/gu;
/**
 * "has previously reported", "recently said", "will then attempt": when, said in passing. After a
 * verb of being it carries the claim: "code that was previously tested" is not "code that was tested".
 */
const PASSING_TIME_ADVERB =
  /(?<=\p{L})(?<!(?:^|\s)(?:was|were|is|are|be|been|being))\s(?:recently|previously|then|subsequently)(?=\s\p{Ll})/gu;
/**
 * "said in a press release", "said during the board meeting", "told Reuters by telephone": where or
 * how a statement was made, not what was said. Runs only up to the next comma, "that" or the end.
 */
const REPORT_SETTING =
  /\b((?:said|says|told \p{Lu}[\p{L}.]*(?:\s\p{Lu}[\p{L}.]*){0,3}|announced|declared|wrote|added|warned|stated|confirmed|reported|explained))\s(?:in|during|at|on|by|via)\s(?:an?|the|its|his|her|their)\s(?:[\p{L}-]+\s){0,3}?(?:press release|statement|tweet|interview|blog post|post|video|televised address|address|speech|news conference|press conference|briefing|presentation|meeting|call|email|filing|letter|podcast|telephone|phone)(?:\s\([^()]{1,20}\))?(?=\s(?:that|today|on|this|last)\b|[,.;:!?]|$)/gu;
/** "in order to" → "to". */
const IN_ORDER_TO = /\bin order to\b/gu;
/** "…released on Wednesday as part of a new policy aimed at …": the frame, not the news. */
const TRAILING_AS_PART_OF = /\sas part of\s[^,;:“”"«»\d]{5,160}([.!?])$/u;
/**
 * "The fastest-growing major expense, the cost of interest is on track to hit …": a label before
 * the subject; the subject after the comma carries the sentence.
 */
const LEADING_LABEL =
  /^(?:The|A|An)\s[^,;:“”"«»\d]{3,60},\s(?=(?:the|its|their|his|her|this|these)\s[^,;:“”"«»]{2,60}?\s(?:is|are|was|were|has|have|had|will|would|could|may|might)\s)/u;
/** ", Tunisia country director for Amnesty International." after a name that ends a report. */
const TRAILING_TITLE_AFTER_SOURCE =
  /\b((?:said|says|told|added|declared|warned|wrote)\s\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){1,3}),\s[^,;:“”"«»\d]{3,90}(?=[.!?]["”»]?$)/u;
/** Words of the settings REPORT_SETTING drops: a cheap test before the pattern. */
const SETTING_WORD =
  /release|statement|tweet|interview|post|video|address|speech|conference|briefing|presentation|meeting|call|email|filing|letter|podcast|phone/u;
/** The verbs TRAILING_TITLE_AFTER_SOURCE reads a source after: a cheap test before the pattern. */
const VERB_BEFORE_SOURCE = /\b(?:said|says|told|added|declared|warned|wrote) \p{Lu}/u;

/** ", in Russia," after a place already named: a fenced location of one to three capitalised words. */
const FENCED_LOCATION = /,\sin\s(?:the\s)?\p{Lu}[\p{L}'’-]*(?:\s\p{Lu}[\p{L}'’-]*){0,2},(?=\s\p{Ll})/gu;
/** Numbers written out, which a deletion must not lose silently. */
const NUMBER_WORD =
  /\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|million|billion|trillion|dozens?|half|un|une|deux|trois|cent|mille|millions?|milliards?)\b/iu;
/** "said that the…" → "said the…": the complementiser after a reporting verb. */
const REPORTED_THAT =
  /(?<=\b(?:said|says|say|declared|warned|warns|believes|believe|thinks|think|added|reported|announced|confirmed|insisted|argued|admitted|suggested|concluded|estimated|found)\s)that\s(?!(?:when|if|although|though|because|while|as|since|before|after|unless|once)\b)(?=\p{L})/gu;
/** "it turns out that the troops …" → "the troops …": a phrase that announces without adding. */
const FILLER_THAT =
  /\b(?:it turns out|it is worth noting|it should be noted|it must be said|it['’]s (?:probably |also )?worth (?:pointing out|noting|mentioning)) that\s(?=\p{L})/giu;
const FILLER_THAT_LOOSE = withoutWordBoundaries(FILLER_THAT);
/** "Mr Obama" → "Obama": an honorific before a capitalised name. */
const HONORIFIC = /\b(?:Mr|Mrs|Ms|Dr)\.?\s(?=\p{Lu}\p{Ll})/gu;
const LIMITING_ASIDE =
  /^\s\((?:only|except|excluding|not|unless|but not|until|if|which is|which are|vs\.?|versus)\b|\svs\.?\s/u;
const PARENTHESES = /\s\((?!\p{Lu}{2,6}\))[^()]{1,120}\)/gu;
/** "buttery smooth [2] scrolling": a footnote or reference mark. */
const FOOTNOTE_MARK = /\s?\[\d{1,3}\]/gu;
const DASH = /--|[—–]/u;
const PAIRED_DASHES = /\s[—–]\s[^—–]{1,120}\s[—–]\s/gu;
/**
 * "prime minister, Imran Khan" just before a dash aside: a name set off by a comma after the title
 * it names, which needs closing.
 */
const NAME_AFTER_COMMA =
  /\b(?:minister|president|chief|executive|director|secretary|leader|spokes(?:man|woman|person)|founder|CEO|head|chair(?:man|woman)?|editor|correspondent|manager|coach|captain|mayor|governor|ambassador|envoy|commander|general|judge|senator|wife|husband|son|daughter|brother|sister|mother|father),\s\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,3}$/u;

/**
 * A reporting word not inside a longer word: "said", "told", "selon". The word's start is checked
 * for each match instead of a look-behind at every position of the text, which costs several times more.
 */
const REPORTING_WORD =
  /(?:said|says|say|told|tells|reported|reports|according|announced|declared|estimated|added|warned|stated|confirmed|insisted|a déclaré|a dit|selon|sagte|laut|dijo|según)(?![\p{L}])/giu;

function hasReportingWord(text: string): boolean {
  REPORTING_WORD.lastIndex = 0;
  for (let match = REPORTING_WORD.exec(text); match !== null; match = REPORTING_WORD.exec(text)) {
    if (!isLetter(codePointBefore(text, match.index))) return true;
    REPORTING_WORD.lastIndex = match.index + 1;
  }
  return false;
}

/** Sentences shorter than this (in words) are kept as they are. */
const MIN_WORDS_TO_COMPRESS = 14;
/** A deletion never leaves fewer words than this: the claim must still say something. */
const MIN_WORDS_LEFT = 7;

export function compressSentence(sentence: string): string {
  let text = sentence.replace(DATELINE, '').replace(DATELINE_COLON, '');
  // "one of the the best": a small word typed twice goes ("had had" and "that that" are English).
  if (DOUBLED_WORD.test(text)) text = text.replace(DOUBLED_WORD, '$1');
  const connected = text.replace(CONNECTIVE, '');
  if (countWordsUpTo(connected, MIN_WORDS_LEFT) >= MIN_WORDS_LEFT) text = connected;
  if (countWordsUpTo(text, MIN_WORDS_TO_COMPRESS) < MIN_WORDS_TO_COMPRESS) {
    // A short sentence still loses a scene-setting opening ("For the moment, "): it says when, not what.
    return capitaliseCut(text.includes(', ') ? dropOpenings(text) : text, sentence);
  }
  // Each rule runs only when the characters it needs are there: this runs on every candidate claim.
  // "(only relevant to versions 4.1-5.8)": a bracket that limits the claim stays with it.
  if (text.includes('('))
    text = text.replace(PARENTHESES, (aside) => (LIMITING_ASIDE.test(aside) ? aside : ''));
  if (text.includes('[')) text = text.replace(FOOTNOTE_MARK, '');
  if (DASH.test(text))
    text = text.replace(PAIRED_DASHES, (_aside, offset: number) =>
      // "Pakistan's prime minister, Imran Khan – who … – claimed": the comma that closes the name stays.
      NAME_AFTER_COMMA.test(text.slice(Math.max(0, offset - 60), offset)) ? ', ' : ' ',
    );
  if (text.includes(', ')) {
    // The sentence's length matters only to a match: counted then, once.
    let words: number | undefined;
    text = text.replace(APPOSITIVE_AFTER_NAME, (whole, name: string, closer: string, offset: number) =>
      // "Valdoria, the Red Cross said on Tuesday," is a clause, not an appositive; so is most of
      // a sentence after an opening that ends in a name ("On Friday, the council will …").
      // "Overwhelmingly, the larger the test, the more …": an opening adverb is no name, and the
      // first half of "the larger …, the more …" is half of the claim.
      hasReportingWord(whole) ||
      countWords(whole) > Math.min(14, (words ??= countWords(text)) / 2) ||
      (offset === 0 && name.endsWith('ly')) ||
      (COMPARATIVE_HALF.test(whole) && (text.match(COMPARATIVE) ?? []).length > 1) ||
      // "In the letter, obtained by the Daily Courier, the investors wrote …": the name ends an
      // opening, and what follows is the sentence.
      (closer === '' && onlyOpenings(text.slice(0, offset + name.length))) ||
      HANGS_ON_CLAUSE.test(text.slice(offset + whole.length)) ||
      // "… The Forgotten Sands, the appeal of Split/Second, the ongoing scandal": a list item.
      (closer !== '' && LIST_GOES_ON.test(text.slice(offset + whole.length)))
        ? whole
        : closer === ''
          ? name
          : `${name} `,
    );
    text = dropRelativeClauses(text)
      .replace(FENCED_ADVERB, '')
      .replace(FENCED_LOCATION, '')
      .replace(FENCED_TIME, '');
  }
  if (text.includes(' also ')) text = text.replace(INNER_ALSO, '');
  if (text.includes('already ')) text = text.replace(AUXILIARY_ALREADY, '');
  // Each rule runs only when the words it needs are there: this runs on every candidate claim.
  if (/recently|previously|then|subsequently/u.test(text)) text = text.replace(PASSING_TIME_ADVERB, '');
  if (SETTING_WORD.test(text)) text = text.replace(REPORT_SETTING, '$1');
  if (text.includes('in order to')) text = text.replace(IN_ORDER_TO, 'to');
  if (text.includes(', ')) {
    if (VERB_BEFORE_SOURCE.test(text)) text = text.replace(TRAILING_TITLE_AFTER_SOURCE, '$1');
    text = dropLeadingLabel(text);
  }
  if (text.includes('as part of')) {
    const frame = TRAILING_AS_PART_OF.exec(text);
    if (frame !== null && countWords(text.slice(0, frame.index)) >= 12)
      text = text.slice(0, frame.index) + (frame[1] ?? '.');
  }
  if (text.includes(' that ')) {
    text = text.replace(REPORTED_THAT, '');
    if (FILLER_THAT_LOOSE.test(text)) text = text.replace(FILLER_THAT, '');
  }
  if (/\b(?:Mr|Mrs|Ms|Dr)\b/u.test(text)) text = text.replace(HONORIFIC, '');
  if (text.includes(', ')) text = dropOpenings(text);
  text = dropSubjectParticiple(text);
  if (text.includes(', ')) text = trimTrailingClauses(text);
  if (text.includes(' and ') || text.includes(' but ')) text = dropSecondPredicate(text);
  if (DASH.test(text)) text = dropTrailingDash(text);
  return capitaliseCut(
    text
      .replace(/\s{2,}/gu, ' ')
      .replace(/\s+([,.;:!?])/gu, '$1')
      .trim(),
    sentence,
  );
}

function dropLeadingLabel(text: string): string {
  const label = LEADING_LABEL.exec(text);
  if (label === null || hasReportingWord(label[0])) return text;
  // "The mayor, her deputy and two aides are …": a list of subjects, not a label and a subject.
  const subject = /^[^,;:]*?(?=\s(?:is|are|was|were|has|have|had|will|would|could|may|might)\s)/u.exec(
    text.slice(label[0].length),
  )?.[0];
  return subject === undefined || /\s(?:and|or|&)\s/u.test(subject) ? text : text.slice(label[0].length);
}

/** ", which claims to find bad photos, thereby saving you space": what follows hangs on the clause. */
const HANGS_ON_CLAUSE = /^(?:thereby|thus|hence|\p{Ll}+ing)\b/u;

function dropRelativeClauses(text: string): string {
  return text.replace(RELATIVE_CLAUSE, (whole, offset: number) => {
    if (hasReportingWord(whole) || /\d/u.test(whole) || !balancedQuotes(whole)) return whole;
    const rest = text.slice(offset + whole.length);
    if (HANGS_ON_CLAUSE.test(rest)) return whole;
    // "the generals, who seized power, a senior source told Reuters.": the comma stays before the source.
    return /^[^,;:]{0,80}$/u.test(rest) && hasReportingWord(rest) ? ', ' : ' ';
  });
}

/** What follows a comma inside a list: "solar and wind power, …". */
const LIST_CONTINUES = /^\p{Ll}[\p{L}-]*(?:\s\p{Ll}[\p{L}-]*)?\s(?:and|or|et|ou|und|oder|y|o)\s/u;

/**
 * "Texas, " after "Fort Worth": a state or country after a place, before the comma that ends the
 * opening ("in Vegas, Ryan, Vinny, …" is a list of names instead).
 */
const PLACE_AFTER_PLACE =
  /^(\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*)?),\s(?!\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*)?,)/u;
/** "… in Fort Worth": a place named after a preposition of place ends the opening. */
const PLACE_AT_END = /\b(?:in|at|near|outside)\s\p{Lu}[\p{L}.'’-]*(?:\s\p{Lu}[\p{L}.'’-]*){0,2}$/u;

/** Openings that only set the scene, up to two in a row ("In an interview with X, Published on Y, "). */
function dropOpenings(text: string): string {
  let result = text;
  for (let round = 0; round < 2; round++) {
    let comma = result.indexOf(', ');
    if (comma <= 0) break;
    // "During a rally in Fort Worth, Texas, Trump …": the comma between a city and its state is
    // inside the opening, not its end.
    const state = /\p{Lu}/u.test(result.charAt(comma + 2))
      ? PLACE_AFTER_PLACE.exec(result.slice(comma + 2))
      : null;
    if (state !== null && PLACE_AT_END.test(result.slice(0, comma))) comma += 2 + (state[1] ?? '').length;
    const opening = result.slice(0, comma);
    const rest = result.slice(comma + 2);
    const sceneSetting =
      ADVERBIAL_OPENING.test(opening) || PARTICIPLE_OPENING.test(opening) || TIME_OPENING.test(opening);
    // Keep openings that hold the quotation, the source, or most of the sentence.
    if (
      !sceneSetting ||
      countWordsUpTo(opening, 17) > 16 ||
      countWordsUpTo(rest, 8) < 8 ||
      /[“”"«»]/u.test(opening) ||
      hasReportingWord(opening) ||
      // "For the first time since the 1990s, …": the opening is what makes it news.
      (FIRST_TIME_LOOSE.test(opening) && FIRST_TIME.test(opening)) ||
      (HAVING_LOOSE.test(opening) && HAVING.test(opening)) ||
      // "After November 2016, …", "In France, …", "As the data grows, …": when, where or under what
      // condition the statement holds; without it the claim says something else.
      boundsTheClaim(opening) ||
      // "In the letter, titled “Moving Forward”, the investors wrote …": the participle hangs on it.
      /^(?:titled|entitled|called|named|dubbed|headlined|labell?ed)\b/u.test(rest) ||
      // "Amid talk of more nuclear, solar and wind power, …": the comma is inside a list.
      LIST_CONTINUES.test(rest) ||
      // "With the 250W, 5V motor, …": so is one between two figures.
      /^\d/u.test(rest) ||
      // "As the name implies it has 5 ports, and each …": the opening holds a clause of its own.
      /^(?:and|but|or|nor|so|yet)\s/iu.test(rest)
    ) {
      break;
    }
    result = rest;
  }
  return result;
}

/** Openings that say when, where or under what condition the rest holds. */
const DATED_BOUND =
  /^(?:after|before|since|until|till|from|starting|beginning|by|as of|through|in|during|après|avant|depuis|jusqu['’]|dès|en|nach|vor|seit|bis|ab|im|tras|antes|desde|hasta|en)\b/iu;
/** "Ten years ago today": the date of the event itself, said as a span back from now. */
const YEARS_AGO = /\b(?:years?|decades?|centur(?:y|ies))\s+ago\b/iu;
const YEARS_AGO_LOOSE = withoutWordBoundaries(YEARS_AGO);
/**
 * "As the amount of data grows, …", "As prices rise, …": the condition under which the rest holds
 * ("As expected, …", "As the holidays draw nigh, …" only set the scene). "As Indians, we …": the
 * group the statement is about.
 */
const AS_CONDITION =
  /^as\s(?:[^,]{1,60}\s(?:grows?|increases?|rises?|falls?|declines?|shrinks?|expands?|ages?|improves?|worsens?|goes up|goes down|(?:gets?|becomes?)\s\p{L}+er)|\p{Lu}\p{Ll}+(?:ans|ers|ese|ists))$/iu;
/** "In France, …", "Across the US, …": the place the statement is about. */
const PLACE_SCOPE =
  /^(?:[Ii]n|[Aa]cross|[Tt]hroughout|[Oo]utside|[Ee]n|[Dd]ans|[Ii]m|[Ii]n der|[Ee]n el)\s(?:the\s)?\p{Lu}/u;

function namesMonthOrYear(opening: string): boolean {
  return /\b(?:1[89]|20)\d\d\b/u.test(opening) || opening.split(' ').some((word) => isMonthName(word));
}

function boundsTheClaim(opening: string): boolean {
  const words = countWordsUpTo(opening, 6);
  if (words <= 5 && DATED_BOUND.test(opening) && namesMonthOrYear(opening)) return true;
  if (YEARS_AGO_LOOSE.test(opening) && YEARS_AGO.test(opening)) return true;
  if (AS_CONDITION.test(opening)) return true;
  return words <= 4 && PLACE_SCOPE.test(opening);
}

/** A long sentence's last comma segment if it only adds colour: no number, no quotation, no source. */
const TRAILING_COLOUR =
  /,\s(?:a|an|the|in an?|as|while|amid|which|when|where|their|its|his|her|with|warning|adding|leaving|making|allowing|forcing|prompting|bringing|raising|sending|and(?=\s\p{Ll}+ing\s)|seen as|called (?:on|in|up)?\s?by|described as|known as|days? before|weeks? before|un|une|alors que|tandis que|während|mientras)\s[^,;:“”"«»\d]{8,200}([.!?]["”»]?)$/u;

/** A trailing list of examples ("…, with 140 pilot whales beaching …"): its numbers stay in the figures. */
const TRAILING_EXAMPLES = /,\s(?:with)\s[^;:“”"«»]{8,260}([.!?]["”»]?)$/u;
/** Only sentences this long lose a trailing list of examples with numbers in it. */
const LONG_SENTENCE_WORDS = 30;

/**
 * "The troops sent by Pyongyang to help Russia take up this area seem to have been withdrawn" →
 * "The troops seem to have been withdrawn": a participle phrase after the subject, up to the
 * auxiliary that starts the predicate. Only a closed set of auxiliaries ends it, so a main verb is
 * never mistaken for its end.
 */
const SUBJECT_PARTICIPLE =
  /^((?:[^,;:“”"«»]{1,80},\s)?(?:[Tt]he|[Aa]n?|[Tt]hese|[Tt]hose)\s(?:\p{L}+\s){0,2}?\p{Ll}+s?)\s(?:\p{Ll}+ed|sent|seen|held|made|taken|given|known|built|brought|caught|found|led|paid|shown|told|written|kept|left|won|hit)\s(?:by|to|in|from|at|on|into|for|with)\s[^,;:“”"«»\d]{3,120}?\s((?:seem|seems|seemed|appear|appears|appeared|is|are|was|were|has|have|had|will|would|could|may|might|can|must)\s)/u;

function dropSubjectParticiple(text: string): string {
  const match = SUBJECT_PARTICIPLE.exec(text);
  // "A spokesperson confirmed to reporters that the network has hired him": the verb is a report,
  // and what follows "that" is what was reported, not the subject's predicate.
  // A dash inside starts another clause ("The program focused on exams – Mr. Sharma was the guest").
  if (match === null || hasReportingWord(match[0]) || /\bthat\b|\s[–—-]\s/u.test(match[0])) return text;
  // "The Act was written at a time when … had to be worked out": a passive verb, not a subject
  // with a participle after it.
  if (/\s(?:is|are|was|were|be|been|has|have|had)$/u.test(match[1] ?? '')) return text;
  const kept = `${match[1] ?? ''} ${match[2] ?? ''}${text.slice(match[0].length)}`;
  return countWordsUpTo(kept, MIN_WORDS_LEFT + 1) >= MIN_WORDS_LEFT + 1 ? kept : text;
}

/** A head that ends on a verb of being, perhaps with an aside after it: its complement follows. */
const VERB_AWAITING_COMPLEMENT =
  /\b(?:is|are|was|were|be|been|being|remains?|remained|seems?|seemed|becomes?|became|and|or|but)(?:,\s[^,]{1,40})?$/u;
/** A clause that opens a subordinate without closing it: what follows its comma is the main clause. */
const DANGLING_SUBORDINATE =
  /(?:^|\s)(?:when|if|although|though|because|while|whereas|unless|since|once|after|before|as|until|quand|lorsque|si|wenn|als|cuando)\s(?:[^,;:\s]+\s){2,}[^,;:]*$/iu;

function trimTrailingClauses(text: string): string {
  let result = text;
  if (countWordsUpTo(result, LONG_SENTENCE_WORDS + 1) > LONG_SENTENCE_WORDS) {
    const examples = TRAILING_EXAMPLES.exec(result);
    if (examples !== null && !hasReportingWord(examples[0])) {
      const kept = result.slice(0, examples.index) + (examples[1] ?? '.');
      if (countWordsUpTo(kept, 12) >= 12) result = kept;
    }
  }
  for (let round = 0; round < 3 && countWordsUpTo(result, 19) > 18; round++) {
    const match = TRAILING_COLOUR.exec(result);
    if (match === null || hasReportingWord(match[0])) break;
    // "the less time they wait, the more likely they are to buy": the second half is the statement.
    if (/^,\s(?:the)\s(?:more|less|fewer|\p{L}{2,}er)\b/u.test(match[0])) break;
    // ", as does clearing the set", ", as did rents": a second subject of the same claim.
    if (/^,\sas\s(?:does|do|did|is|are|was|were|has|have|had|will|would|can|could)\s/u.test(match[0])) break;
    const head = result.slice(0, match.index);
    // "by standing up, walking over to his classmates, and playing with them": the last of a list.
    if (/^,\sand\s/u.test(match[0]) && /,\s\p{Ll}+ing\s/u.test(head)) break;
    // "… warns that when the economy weakens, the government will …": the tail is the main clause.
    if (DANGLING_SUBORDINATE.test(head)) break;
    // "this is, in many ways, the easiest review I've written": the tail completes the verb;
    // "10 pixels and, perhaps surprisingly, the world kept turning": the tail is what "and" joins.
    if (VERB_AWAITING_COMPLEMENT.test(head)) break;
    // "titled “Moving Forward” and obtained by the Times, the investors wrote …": the head is only
    // an opening, and the tail is the sentence.
    if (onlyOpenings(head)) break;
    const kept = head + (match[1] ?? '.');
    if (countWordsUpTo(kept, MIN_WORDS_LEFT + 1) < MIN_WORDS_LEFT + 1) break;
    result = kept;
  }
  return result;
}

/**
 * "X are under arrest in Harare and are insisting on Y, a source said." → "X are under arrest in
 * Harare, a source said." Dropping one conjunct of "and" keeps the statement true; the second
 * predicate (an auxiliary after "and") goes, and a second report ("and the military said …") too.
 * Conjuncts that hold a number or a quotation stay.
 */
const SECOND_PREDICATE =
  /\s(?:and|but)\s(?:(?:is|are|was|were|has|have|had|will|would|could|did)\s|(?:the\s)?\p{Ll}+(?:\s\p{Ll}+)?\s(?:said|says|told|added|reported)\s)/u;
const NEGATION = /\b(?:not|never|no|neither|nor|without)\b|n['’]t\b/iu;
const NEGATION_LOOSE = withoutWordBoundaries(NEGATION);
/** "the 93 year-old": an age in passing, not a figure to keep. */
const AGE = /\b\d{1,3}[- ]years?[- ]old\b/gu;
const TRAILING_SOURCE = /,\s[^,;:“”"«»]{2,80}\s(?:said|says|told\s[^,;:]{1,30}|reported|added)([.!?])$/u;

function dropSecondPredicate(text: string): string {
  if (countWordsUpTo(text, 25) <= 24) return text;
  const match = SECOND_PREDICATE.exec(text);
  if (match === null) return text;
  const head = text.slice(0, match.index);
  const tail = text.slice(match.index);
  const source = TRAILING_SOURCE.exec(tail);
  const dropped = source === null ? tail : tail.slice(0, source.index);
  if (
    /[\d“”"«»]/u.test(dropped.replace(AGE, '')) ||
    NUMBER_WORD.test(dropped) ||
    /^\s(?:and|but)\s\S+\s(?:not|never)\b/u.test(dropped)
  )
    return text;
  // "neither … nor", "not … and": a conjunct under negation cannot be dropped.
  if (NEGATION_LOOSE.test(head) && NEGATION.test(head)) return text;
  const kept = head.replace(/,$/u, '') + (source === null ? '.' : tail.slice(source.index));
  return countWordsUpTo(kept, 12) >= 12 ? kept : text;
}

/** A dash that goes on with the story: "— and then …", "— but …", "— only to …". */
const DASH_CONTINUATION = /^\s(?:--|—|–)\s(?:and then|and never|and not|then|but|yet|only to|until|so)\b/u;
/** A closing dash aside without numbers: "… its safety net -- social programs aimed at reducing poverty." */
const TRAILING_DASH = /\s(?:--|—|–)\s[^—–\d“”"«»]{5,120}([.!?])$/u;
/** A name and a verb after the dash make a clause of its own: "… and CAT Guru – Mr. Sharma was the guest." */
const CLAUSE_AFTER_DASH = /^\s(?:--|—|–)\s\p{Lu}[^—–]*\s(?:is|are|was|were|has|have|had|will|would)\s/u;

function dropTrailingDash(text: string): string {
  const match = TRAILING_DASH.exec(text);
  if (match === null || hasReportingWord(match[0]) || NUMBER_WORD.test(match[0])) return text;
  // "I wrote most of a system — and then stopped because …": what happened next, not an aside.
  if (DASH_CONTINUATION.test(match[0]) || CLAUSE_AFTER_DASH.test(match[0])) return text;
  const kept = text.slice(0, match.index) + (match[1] ?? '.');
  return countWordsUpTo(kept, 10) >= 10 ? kept : text;
}

function balancedQuotes(text: string): boolean {
  const opens = (text.match(/[“«]/gu) ?? []).length;
  const closes = (text.match(/[”»]/gu) ?? []).length;
  return opens === closes && (text.match(/"/gu) ?? []).length % 2 === 0;
}

/** A capital only where the cut made a new start: a sentence the article starts in lower case stays so. */
function capitaliseCut(text: string, sentence: string): string {
  return sentence.trimStart().startsWith(text.slice(0, 12)) ? text : capitalise(text);
}

function capitalise(text: string): string {
  const first = text.charAt(0);
  return first === first.toLowerCase() ? first.toUpperCase() + text.slice(1) : text;
}
