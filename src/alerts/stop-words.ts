/**
 * Words too common to be worth following on their own, in their folded form (see `foldWord`), for
 * English, French, German and Spanish. Words that are also ordinary nouns or names in another of
 * these languages are left out on purpose ("war", "son", "die", "man", "hat", "may", "will").
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  [
    // English
    'a an the and or not no nor of to in on at for with by from as into onto over under about after',
    'before up down out off again once is are was were be been being am do does did doing has have had',
    'having would can could should might must shall it its this that these those he she they we you i',
    'me him her them us our ours your yours his hers their theirs my mine myself itself what which who',
    'whom whose when where why how all any some each every both few more most other such only own same',
    'so than too very just also but if then there here s t d ll re ve don isn didn',
    // French
    'le la les l un une des du de d et ou est sont etait ete etre avoir a au aux en dans par pour sur',
    'avec sans sous que qu qui quoi dont ce cet cette ces il elle ils elles on nous vous je j tu ne n pas',
    'plus se s sa ses leur leurs lui y mais donc car ni mon ma mes ton ta tes notre nos votre vos c',
    // German
    'der das den dem des ein eine einen einem einer eines und oder ist sind waren sein bin bist',
    'nicht mit von zu zum zur auf fur im ins am an aus bei nach uber unter vor ich du er sie es wir ihr',
    'sich dass wie auch noch nur schon aber wenn als',
    // Spanish
    'el la los las un una unos unas y e o u que de del en por para con sin es son fue era ser se lo le',
    'les al su sus mi mis tu tus nos como mas pero muy ya este esta estos estas ese esa eso',
  ]
    .join(' ')
    .split(' '),
);

/** True for a folded word too common to follow on its own ("the", "und", "les"). */
export function isStopWord(folded: string): boolean {
  return STOP_WORDS.has(folded);
}
