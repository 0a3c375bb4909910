/**
 * The Lead-3 baseline: the first three sentences of the article after simple boilerplate removal.
 * Its claims are those sentences, its gist the first, and its figures every number in them.
 */
import type { OutputSummary } from './summary-metrics.js';
import { countWords, findNumbers } from './summary-text.js';

/** Lines that are page furniture rather than article text. */
const BOILERPLATE_LINE =
  /^(?:published|updated|reading time\b|related\b|related articles|read more\b|image|photo|credit\b|share\b|advertisement|continue reading|powered by\b|map:|\[)/iu;

const ABBREVIATIONS = new Set(
  'mr mrs ms dr st jr sr prof gen col lt sgt rep sen gov no vs etc jan feb mar apr jun jul aug sep sept oct nov dec mt ft'.split(
    ' ',
  ),
);

/** Paragraphs that read as prose: not furniture, not a repeat of the title, and a sentence long. */
export function selectBodyParagraphs(text: string, title?: string): string[] {
  const normalisedTitle = title?.trim().toLowerCase();
  const seen = new Set<string>();
  const paragraphs: string[] = [];
  for (const block of text.split(/\n\s*\n/u)) {
    const paragraph = block.replace(/\s+/gu, ' ').trim();
    if (paragraph === '') continue;
    const lower = paragraph.toLowerCase();
    if (BOILERPLATE_LINE.test(paragraph)) continue;
    if (normalisedTitle !== undefined && lower === normalisedTitle) continue;
    if (seen.has(lower)) continue;
    seen.add(lower);
    // Photo captions end with a credit in brackets: "... January 11, 2025. (Telegram / Agency)".
    if (
      /\([^()]*\)\.?$/u.test(paragraph) &&
      /[/©]|credit|getty|reuters|afp|photo/iu.test(paragraph.slice(paragraph.lastIndexOf('(')))
    )
      continue;
    // Captions with a photo credit glued on ("...in 2023.CreditJeon Heon-Kyun/EPA, via Shutterstock").
    if (/Credit\s*\p{Lu}|\bvia (?:Shutterstock|Getty Images|Reuters|AP)\b/u.test(paragraph)) continue;
    // Headlines, captions without a full stop and section labels are short and unpunctuated.
    if (countWords(paragraph) < 8 && !/[.!?]["”’]?$/u.test(paragraph)) continue;
    paragraphs.push(paragraph);
  }
  return paragraphs;
}

/** Splits a paragraph into sentences, keeping abbreviations ("Mr.", "U.S.", "Sept.") and initials intact. */
export function splitSentences(paragraph: string): string[] {
  const sentences: string[] = [];
  let start = 0;
  const boundary = /[.!?]+["”’»)]*\s+(?=["“‘«(¿¡]?\s?[\p{Lu}\p{N}])/gu;
  for (const match of paragraph.matchAll(boundary)) {
    const end = match.index + match[0].length;
    const before = paragraph.slice(start, match.index + 1);
    const lastWord = /([\p{L}.]+)\.$/u.exec(before)?.[1] ?? '';
    const isAbbreviation =
      ABBREVIATIONS.has(lastWord.toLowerCase()) ||
      /^(?:\p{L}\.)+\p{L}?$/u.test(lastWord) ||
      /^\p{Lu}$/u.test(lastWord);
    if (match[0].startsWith('.') && isAbbreviation) continue;
    sentences.push(paragraph.slice(start, end).trim());
    start = end;
  }
  const rest = paragraph.slice(start).trim();
  if (rest !== '') sentences.push(rest);
  return sentences;
}

/** The Lead-3 summary of an article, in the shape the benchmark scores. */
export function summariseLeadThree(text: string, title?: string): OutputSummary {
  const sentences: string[] = [];
  for (const paragraph of selectBodyParagraphs(text, title)) {
    for (const sentence of splitSentences(paragraph)) {
      if (sentences.length < 3) sentences.push(sentence);
    }
    if (sentences.length >= 3) break;
  }
  return {
    gist: sentences[0] ?? '',
    claims: sentences.map((sentence) => ({ text: sentence })),
    figures: sentences.flatMap((sentence) =>
      findNumbers(sentence, { spelled: true }).map((mention) => ({
        text: mention.text,
        value: mention.value,
        counts: sentence,
      })),
    ),
  };
}
