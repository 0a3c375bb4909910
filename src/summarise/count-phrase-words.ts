/**
 * Word lists that decide whether a phrase can say what a number counts: pronouns and connectives,
 * adverbs, words about the amount itself, dates, reporting verbs and modals.
 */

/** Pronouns and sentence connectives: never what a number counts. */
export const NOT_COUNTED =
  /^(?:vs\.?|versus|it|its|it's|it’s|(?:i|you|we|they|he|she|it)['’](?:ll|re|ve|d|m|s)|they|them|he|she|we|i|you|this|that|these|those|which|who|there|here|given|but|and|or|so|yet|however|although|though|as|while|whereas|also|still|then|thus|meanwhile|since|because|if|when|after|before|according|alternatively|additionally|otherwise|instead|likewise|similarly|respectively|approximately|roughly|every|each|any|your|my|our|his|her|their|here['’]s|there['’]s|such|il|elle|ils|elles|on|nous|cela|ce|mais|et|er|sie|es|wir|aber|und|ello|ella|ellos|pero|y)$/iu;

export const ADVERB =
  /^(?:only|just|even|actually|normally|usually|typically|generally|likely|probably|possibly|reportedly|allegedly|apparently|formerly|previously|originally|initially|subsequently|eventually|finally|necessarily|particularly|especially|nearly|roughly|mostly|currently|recently|already|simply|really|basically|certainly|clearly|obviously|literally|now|today|overall|altogether|together)$/iu;

export const LONE_AMOUNT_WORD =
  /^(?:total|overall|combined|altogether|apiece|each|greater|higher|lower|larger|smaller|bigger|more|less|fewer|above|below|over|under|up|down|insgesamt|mehr|weniger|plus|moins|más|menos)$/iu;

/**
 * A test for a word in any case against a list, by a set look-up of the lower-case word instead
 * of a case-insensitive pattern of alternatives, which costs more for every word of a phrase. A
 * long s, which the pattern reads as an "s" but lower-casing keeps, still goes to the pattern.
 */
function wordList(alternatives: string): { test(word: string): boolean } {
  const set = new Set(alternatives.split('|'));
  const pattern = new RegExp(`^(?:${alternatives})$`, 'iu');
  return { test: (word) => (word.includes('ſ') ? pattern.test(word) : set.has(word.toLowerCase())) };
}

/** "eight more than 20%": another number, not the thing counted. */
export const LONE_NUMBER_WORD =
  /^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|hundred|thousand|dozen|deux|trois|quatre|cinq|zwei|drei|vier|fünf|dos|tres|cuatro|cinco)$/iu;

export const DATE_WORD = wordList(
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|today|yesterday|tomorrow|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|januar|februar|märz|juni|juli|oktober|dezember|lunes|martes|miércoles|jueves|viernes|sábado|domingo|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre',
);

export const REPORTING = wordList(
  'said|says|say|told|tells|polled|reported|reports|announced|stated|estimated|estimates|projected|projects|forecast|forecasts|dit|a dit|sagte|dijo',
);

/** A modal ends the subject before it: "the heavy-duty rack should support". */
export const MODAL = /^(?:will|would|could|can|may|might|should|must|shall)$/u;
/** A pronoun or its contraction stands for what is counted, which is elsewhere. */
export const SUBJECT_PRONOUN = /^(?:it|they|he|she|we|you|i|\p{L}+['’](?:ll|re|ve|d|m))$/u;

/** Words that end the noun phrase a number counts. */
export const PHRASE_END = new Set(
  (
    'were was are is have has had will would could can may might be been being to in on at by for from with as ' +
    'than that which who whom when where while since during after before into over under about between among and ' +
    'or but if because so per each a an the this these those its their his her our last next ago also too ' +
    'across through throughout around within without against toward towards along beyond via including ' +
    'ont a été sont est qui que dans en sur par pour avec selon et ou mais depuis sans entre ' +
    'wurden wurde sind ist haben hat worden waren war wird werden hatte hatten in im am bei mit von für nach seit und oder aber die der das ' +
    'soll sollen sollten kann können konnten muss müssen mussten darf dürfen se ' +
    'étaient était avaient eran era estaban están ' +
    'fueron fue son es han ha en con por para según y o pero desde sin entre que'
  ).split(' '),
);

/** "killing at least 19 people" → "people killed". */
export const CASUALTY_VERBS: Readonly<Record<string, string>> = {
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

/** Words that link a noun to the amount after it: "rate at 4.5%", "defences worth £40 million". */
export const LINK_BEFORE =
  /^(?:at|to|by|of|from|worth|around|about|for|near|with|in|on|à|de|du|des|von|bei|auf|um|en|del|a)$/iu;

/** Verbs and auxiliaries that sit between a noun and its amount ("inflation fell to 2.1%"). */
export const VERB_BEFORE =
  /^(?:is|are|was|were|be|been|being|has|have|had|will|would|could|can|may|might|should|must|shall|do|does|did|not|never|also|still|now|just|only|said|says|say|told|kept|keeps|keep|fell|falls|fall|fallen|rose|rises|rise|risen|grew|grows|grow|grown|stood|stands|stand|hit|hits|cost|costs|add|adds|put|puts|set|sets|reach|reaches|total|totals|remain|remains|came|comes|come|amount|amounts|start|starts|begin|begins|retail|retails|run|runs|go|goes|paid|pays|pay|spent|spends|spend|lost|loses|lose|sold|sells|sell|took|takes|take|made|makes|make|gave|gives|give|given|saw|sees|see|seen|found|finds|find|eat|eats|ate|climb|climbs|jump|jumps|drop|drops|soar|soars|slip|slips|slide|slides|plunge|plunges|ont|est|sont|été|atteint|atteignent|atteindra|représente|hat|ist|sind|wurde|wird|stieg|sank|beträgt|betrug|liegt|lag|erreichte|wuchs|ha|es|son|fue|se|alcanzó|\p{Ll}{2,}(?:aron|ieron|ó)|\p{Ll}{3,}ed|\p{Ll}{3,}ly)$/u;

/** Verbs that never end a noun phrase (unlike "cost" or "rise", which can be nouns). */
export const AUXILIARY =
  /^(?:is|are|was|were|be|been|being|has|have|had|will|would|could|can|may|might|should|must|shall|do|does|did|said|says|told|\p{Ll}{3,}ed)$/u;

/** Words that open a noun phrase: the phrase read backwards stops there. */
export const DETERMINER =
  /^(?:the|a|an|its|their|his|her|our|my|your|this|that|these|those|some|any|le|la|les|l['’]|un|une|du|des|ses|leurs|sa|son|der|die|das|den|dem|des|ein|eine|el|los|las|sus|su|un|una)$/iu;

/** Stretches of time a rate is given per. */
export const PERIOD =
  /^(?:second|minute|hour|day|night|week|month|year|quarter|mois|an|jour|semaine|Monat|Jahr|Tag|mes|año|día)$/u;

/** "a 400-strong motorcade": the word that makes a number the size of what follows. */
export const SIZE_WORD = /^-(?:strong|member|person|man|woman)\b/iu;

/** Past participles (and French, German and Spanish ones) that follow what a number counts. */
export const PARTICIPLE =
  /^(?:\p{Ll}+ed|ge\p{Ll}{3,}(?:et|elt|t)|ver\p{Ll}{3,}et|\p{Ll}{3,}iert|sent|killed|hit|held|taken|made|seen|found|lost|built|brought|born|caught|left|given|put|shot|struck|hurt|kept|paid|sold|spent|cut|won|driven|written|deployed|tué|tués|blessés?|morts?|localisés|rapatriés|évacués|getötet|verletzt|muertos|heridos)$/iu;

/** "subscribe for $2 per month": a verb of paying or using opens no name of what is paid for. */
export const PAYING_VERB = /^(?:see|subscribe|pay|buy|get|access|use)$/u;

/**
 * True when a phrase opens with a verb of paying or using ("Getting Netflix", "using the app"),
 * not with a noun that ends in -ing ("streaming service", "banking app").
 */
export function opensWithPayingVerb(words: readonly string[]): boolean {
  const first = words[0] ?? '';
  if (PAYING_VERB.test(first)) return true;
  if (!/^\p{Ll}{2,}ing$/u.test(first)) return false;
  const next = words[1];
  return (
    next === undefined || /^\p{Lu}/u.test(next) || /^(?:the|a|an|my|your|our|their|its|it|them)$/u.test(next)
  );
}

/** A word that links a noun to the rest of its phrase: "soldiers of the 11th Corps". */
export const LINKING_END = /^(?:of|de|des|du|von)$/iu;

/** A word that may be part of what is counted: a word, not a pronoun, connective or date. */
export function isCountWord(word: string): boolean {
  return /^[\p{L}]/u.test(word) && !NOT_COUNTED.test(word) && !DATE_WORD.test(word.replace(/\.$/u, ''));
}

/** Casualties and damage: the figures a reader looks for first, even when small or spelled out. */
export const CASUALTY_WORDS =
  /\b(?:killed|dead|died|deaths?|wounded|injured|casualties|victims|missing|hostages|beheaded|stranded|morts?|tués?|blessés?|disparus|Tote|Toten|Verletzte|muertos?|heridos?|fallecidos)\b/iu;

/** The noun of a count without its predicate: "gunmen died" → "gunmen", "soldiers sent by Pyongyang" → "soldiers". */
export function nounOfCount(counts: string): string {
  const words = counts.split(/\s+/u);
  const cut = words.findIndex(
    (word, index) =>
      index > 0 && (PARTICIPLE.test(word) || AUXILIARY.test(word) || PHRASE_END.has(word.toLowerCase())),
  );
  return (cut < 0 ? words : words.slice(0, cut)).join(' ');
}
