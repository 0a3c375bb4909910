/**
 * What part a sentence plays besides stating the news: a call to action or words to the reader,
 * a line of a list, a question, a set-up, a look back before the news, or the news cue itself.
 * Patterns over one sentence's text; the claim selection weighs them.
 */
import type { AnalysedSentence } from './analyse-sentences.js';

/**
 * A sentence that asks the reader to watch, follow, buy or give: "Watch Ed's series on Netflix",
 * "Follow us on Twitter", "Get $50 off", "Check out the review", "Please give". Advice in a how-to
 * ("Use a comment when …") is the article's content and is not matched; nor is a noun that opens a
 * statement ("Share prices fell", "Book sales rose").
 */
const CALL_TO_ACTION =
  /^(?:Please\s|(?:Watch|Follow|Subscribe|Listen|Visit|Download|Click|Donate|Buy|Order|Shop|Grab|Register|Book|See|Read|Join)\s(?:(?:the|this|these|our|us|my|his|her|their|more|it|now|here|to|on|all|every)\b|[“"‘'\p{Lu}])|(?:Get|Save)\s(?:[$€£\d]|up to|your\b|a free\b)|(?:Check|Find|Sign|Stay)\s(?:out|up|tuned)\b|(?:Head|Go) (?:to|over)\b|Take a look\b|(?:Be sure|Make sure|Remember|Don['’]t forget) to (?:also )?(?:check|visit|follow|subscribe|watch|listen|read|sign|register|join|download|get|share|tune)\b|Tell us\b|Don['’]t miss\b)/u;

/**
 * What the piece says to its reader or its helpers rather than about the news: "You can get the
 * workflow here" (but "You can get the watch for $259 on Amazon" is a deal's news), "Anyone who
 * writes should check it out", "See how it all ends in …", "If you have questions, you can post
 * them on our forums", "Thanks to Earwolf for the studio space!".
 */
const READER_ADDRESS =
  /^(?:You can (?![^.!?]*[$€£¥]\d)(?:get|find|download|grab|buy|pick (?:it |this |them )?up|pre-?order|subscribe|sign up|listen|watch|follow|join|register|read|see|check|post|try)\b|(?:See|Find out|Learn|Discover) (?:how|what|why|who|where|more)\b|If you (?:have|want|['’]d like|would like|are interested|enjoy(?:ed)?|liked)\b[^.!?]*\b(?:you can|please|feel free|let us know|get in touch|contact us|email us|reach out)\b|(?:(?:My|Many|Special|Big) )?[Tt]hanks (?:to|go to) [^.!?]*\bfor\b|Thank you to\b)|\bcheck (?:it|them|this|that) out\b/u;

/**
 * A greeting or a teaser: "Welcome back to the show", "Herzlich willkommen zurück …", "We have
 * some exciting news for App Engine customers." They open a post; the news comes after them.
 */
const GREETING_OR_TEASER =
  /^(?:(?:Hi|Hello|Hey),? (?:(?:everyone|everybody|all|folks|friends),? )?and welcome\b|(?:And )?[Ww]elcome (?:back|to|aboard)\b|(?:Herzlich )?[Ww]illkommen\b|Bienvenue\b|Bienvenidos?\b|We(?: have|['’]ve got) (?:some )?(?:exciting|big|great|good) news\b|Big news\b|Exciting news\b)/u;

/**
 * A note about the piece itself: "Update 11/28/17: Added a note about …", "This post has been
 * updated with …", "Editor's note: …", "(Full disclosure: …)". ("Update, two hours later: The
 * company confirmed …" is news, and keeps it.)
 */
const NOTE_ON_THE_PIECE =
  /^(?:Update[ds]?\b[^:]{0,30}:\s*(?:(?:We|I)(?:['’]ve| have)?\s)?(?:[Aa]dded|[Cc]orrected|[Ff]ixed|[Uu]pdated|[Cc]hanged|[Rr]emoved|[Cc]larified|[Ee]dited)\b|(?:This|The) (?:article|post|story|piece|page|review|blog post|blog) (?:has been|was|is being|is) (?:regularly |frequently )?(?:updated|corrected|amended|edited)\b|Editor['’]s note\b|\(?Full disclosure\b|Correction:)/u;

/** Verbs that make a line without a full stop a sentence: "Boy, 12, takes kit into school". */
const LINE_VERB =
  /\s(?:is|are|was|were|has|have|had|will|says|said|calls|takes|makes|wants|warns|argues|explains|reveals|finds|shows|gets|sets|faces|becomes|looks|asks|tells|claims|plans|joins|wins|loses|leaves|returns|brings|\p{Ll}{3,}ed)\s/u;

/**
 * "Boy, 12, takes Marsi Bionics-designed kit into Madrid school for first time": a first line
 * without a full stop that is a whole sentence, the standfirst of a feed item, may be the gist.
 * A short label ("Latest transfer deals in Europe's top five leagues") may not.
 */
export function isStandfirstLine(sentence: AnalysedSentence): boolean {
  return (
    sentence.index === 0 &&
    sentence.wordCount >= 10 &&
    sentence.wordCount <= 40 &&
    LINE_VERB.test(` ${sentence.text} `)
  );
}

/** Longer than this, a line without a full stop is prose whose stop was lost (a cut teaser). */
const MAX_LIST_LINE_WORDS = 20;

/**
 * A line of its own in a list: a short paragraph without sentence punctuation, or a lone question
 * or lead-in ("Does John like Node.js?", "#askatp:").
 */
function isShortLine(sentence: AnalysedSentence | undefined, paragraphWords: readonly number[]): boolean {
  if (sentence === undefined || (paragraphWords[sentence.paragraph] ?? 0) > MAX_LIST_LINE_WORDS) return false;
  return (
    sentence.isHeading ||
    (sentence.wordCount === paragraphWords[sentence.paragraph] &&
      (QUESTION.test(sentence.text) || LEAD_IN.test(sentence.text)))
  );
}

/**
 * A line in a run of short lines: show notes' topics and links ("Follow up: Moscone food research
 * by Daniel Jalkut"). A subheading over prose ("Bucha satellite images contradict Russian claims")
 * is not one.
 */
export function isListLine(
  sentence: AnalysedSentence,
  sentences: readonly AnalysedSentence[],
  paragraphWords: readonly number[],
): boolean {
  return (
    isShortLine(sentence, paragraphWords) &&
    (isShortLine(sentences[sentence.index - 1], paragraphWords) ||
      isShortLine(sentences[sentence.index + 1], paragraphWords))
  );
}

/** Show notes: at least this many paragraphs, most of them short lines without a full stop. */
const MIN_LIST_PARAGRAPHS = 6;
const LIST_SHARE = 0.6;
/** In show notes, a paragraph this short is one more item even with a full stop ("T-Shirts are back."). */
const MAX_LIST_ITEM_WORDS = 15;

/**
 * A text that is mostly a list of short lines (show notes, link lists): its short paragraphs are
 * items even when they end with a full stop. Paragraphs of prose among the items stay prose.
 */
export function isListOfShortLines(
  sentences: readonly AnalysedSentence[],
  paragraphWords: readonly number[],
): boolean {
  let paragraphs = 0;
  let shortLines = 0;
  for (const sentence of sentences) {
    if (sentence.positionInParagraph !== 0) continue;
    paragraphs++;
    if (sentence.isHeading && (paragraphWords[sentence.paragraph] ?? 0) <= MAX_LIST_LINE_WORDS) shortLines++;
  }
  return paragraphs >= MIN_LIST_PARAGRAPHS && shortLines >= LIST_SHARE * paragraphs;
}

/** In such a list, one more item: a paragraph short enough, with or without a full stop. */
export function isListItem(sentence: AnalysedSentence, paragraphWords: readonly number[]): boolean {
  return (paragraphWords[sentence.paragraph] ?? 0) <= MAX_LIST_ITEM_WORDS;
}

/** A web address, a handle or a phone number: how to reach someone, not news. */
export const CONTACT_DETAILS =
  /https?:\/\/|\bwww\.|(?:^|\s)@\w{2,}|\b\d{3,4}[ -]\d{2,3}[ -]\d{2,3}[ -]?\d{2,4}\b|\bcontact info\b/u;
/** "Suppose we want …", "Consider: …", "Imagine a world …": a set-up for what follows. */
export const SUPPOSITION =
  /^(?:Suppose|Imagine|Consider|Picture this|Let['’]s say|Say,? (?:you|your|we|our|I|a|an|the|that|someone|somebody)\b)\b/u;

/** A sentence that ends with a question mark, inside closing quotes or not. */
export const QUESTION = /\?["”’»]?$/u;
/**
 * An opening that looks back before the news: "Last year, we announced …", "In October 2015, …",
 * "Back in October, I wrote …", "Over the last few months …", "You may have heard of …".
 */
export const BACKGROUND_OPENING =
  /^(?:Last year\b|Back in\b|In (?:(?:early|late|mid-?)\s?)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s)?(?:19|20)\d\d,|Over the (?:last|past) (?:few )?(?:years|months|decades)\b|For (?:years|decades)\b|Years ago\b|Previously,|You may (?:have heard|have seen|know|remember)\b|A (?:number|couple|few) of (?:folks|people|readers|you)\b)/u;
/** What makes a sentence the news: "Today, we're announcing …", "is now available", "we're releasing". */
export const NEWS_CUE =
  /\b(?:[Tt]oday,? (?:we|I|the|it|\p{Lu})|(?:is|are) now (?:available|live|out|open|in)\b|[Ww]e['’]re (?:now )?(?:releasing|launching|announcing|introducing|rolling out)\b|[Ww]e (?:are )?(?:now )?(?:releasing|launching|announcing|introducing|rolling out)\b|(?:is|are) (?:launching|releasing|rolling out)\b)/u;

/** A sentence that turns from what came before: "But …", "However, …", "That's about to change". */
export const TURN_OPENING =
  /^(?:But|However|Now|Until now|That['’]s (?:set|about) to change|That (?:is|has) changed|That changes)\b/u;

/** A line that ends with a colon: a lead-in to a quotation or a list. */
export const LEAD_IN = /:["”’»]?$/u;

/**
 * "Watch the series on YouTube", "You can get the workflow here", "Welcome back": the piece speaks
 * to its reader (or about itself: "This post has been updated").
 */
export function addressesReader(text: string): boolean {
  return (
    CALL_TO_ACTION.test(text) ||
    READER_ADDRESS.test(text) ||
    GREETING_OR_TEASER.test(text) ||
    NOTE_ON_THE_PIECE.test(text)
  );
}
