/**
 * Word lists that decide whether a phrase can say what a number counts: pronouns and connectives,
 * adverbs, words about the amount itself, dates, reporting verbs and modals.
 */

/** Pronouns and sentence connectives: never what a number counts. */
export const NOT_COUNTED =
  /^(?:it|its|it's|it’s|(?:i|you|we|they|he|she|it)['’](?:ll|re|ve|d|m|s)|they|them|he|she|we|i|you|this|that|these|those|which|who|there|here|given|but|and|or|so|yet|however|although|though|as|while|whereas|also|still|then|thus|meanwhile|since|because|if|when|after|before|according|alternatively|additionally|otherwise|instead|likewise|similarly|respectively|approximately|roughly|every|each|any|your|my|our|his|her|their|here['’]s|there['’]s|il|elle|ils|elles|on|nous|cela|ce|mais|et|er|sie|es|wir|aber|und|ello|ella|ellos|pero|y)$/iu;

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
