/**
 * Scoring functions of the summary benchmark: ROUGE-1/2/L, key-figure matching, attribution
 * agreement, claim coverage and grounding. Pure functions over plain data, unit-tested in
 * test/bench/.
 */
import {
  isStopWord,
  normaliseWrittenForm,
  stemWord,
  tokeniseContent,
  tokeniseForRouge,
  tokeniseWords,
} from './summary-text.js';

// ---------------------------------------------------------------------------------------------
// Shapes

/** A key figure as annotated by hand (one entry of a gold file). */
export interface GoldFigure {
  readonly value: number;
  /** Other ways the figure is written ("around 1,100", "$900 billion"). */
  readonly accept?: readonly string[];
  readonly counts: string;
  /** Acceptable names for the source; null when the article states it without attribution. */
  readonly attribution: readonly string[] | null;
  /** The source is only implied by context (a neighbouring sentence): an output naming none is right too. */
  readonly attributionOptional?: boolean;
  readonly date?: string;
}

export interface GoldClaim {
  readonly text: string;
  readonly attribution: readonly string[] | null;
  readonly attributionOptional?: boolean;
  /** When the claim was made, when the article says ("4 February", "Wednesday"). */
  readonly date?: string;
}

/** One item of a feed file in the corpus, found by its GUID (or its id when it has none). */
export interface GoldFeedItem {
  /** Path of the feed file relative to the corpus feeds folder. */
  readonly file: string;
  readonly guid: string;
}

/** The annotated text: an article file, or one item of a feed (read at run time, never copied). */
export type GoldSource =
  | {
      /** Path of the article relative to the corpus articles folder. */
      readonly article: string;
    }
  | { readonly feedItem: GoldFeedItem };

export type GoldAnnotation = GoldSource & {
  readonly keyFigures: readonly GoldFigure[];
  readonly claims: readonly GoldClaim[];
};

/** What the benchmark reads from any summariser's output (a `Summary` fits). */
export interface OutputFigure {
  readonly text: string;
  readonly value: number;
  readonly valueTo?: number;
  readonly counts: string;
  readonly attribution?: string;
  readonly date?: string;
}

export interface OutputClaim {
  readonly text: string;
  readonly attribution?: string;
  readonly date?: string;
}

export interface OutputSummary {
  readonly gist: string;
  readonly claims: readonly OutputClaim[];
  readonly figures: readonly OutputFigure[];
}

// ---------------------------------------------------------------------------------------------
// ROUGE

export interface RougeScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

function scoreFrom(overlap: number, candidateTotal: number, referenceTotal: number): RougeScore {
  const precision = candidateTotal === 0 ? 0 : overlap / candidateTotal;
  const recall = referenceTotal === 0 ? 0 : overlap / referenceTotal;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

function countNgrams(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i += 1) {
    const gram = tokens.slice(i, i + n).join(' ');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/**
 * ROUGE-N over token lists, n-gram counts clipped by the reference. Sentences are scored as one
 * sequence each: callers pass one sentence, or use `rougeNOverSentences` for many.
 */
export function rougeN(candidate: readonly string[], reference: readonly string[], n: number): RougeScore {
  return rougeNOverSentences([candidate], [reference], n);
}

/** ROUGE-N where n-grams never span two sentences (each list entry is one sentence's tokens). */
export function rougeNOverSentences(
  candidate: readonly (readonly string[])[],
  reference: readonly (readonly string[])[],
  n: number,
): RougeScore {
  const candidateCounts = new Map<string, number>();
  const referenceCounts = new Map<string, number>();
  for (const sentence of candidate) {
    for (const [gram, count] of countNgrams(sentence, n)) {
      candidateCounts.set(gram, (candidateCounts.get(gram) ?? 0) + count);
    }
  }
  for (const sentence of reference) {
    for (const [gram, count] of countNgrams(sentence, n)) {
      referenceCounts.set(gram, (referenceCounts.get(gram) ?? 0) + count);
    }
  }
  let overlap = 0;
  for (const [gram, count] of candidateCounts) overlap += Math.min(count, referenceCounts.get(gram) ?? 0);
  const total = (counts: Map<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
  return scoreFrom(overlap, total(candidateCounts), total(referenceCounts));
}

/** Positions in `reference` that take part in one longest common subsequence with `candidate`. */
function lcsReferencePositions(reference: readonly string[], candidate: readonly string[]): number[] {
  const rows = reference.length + 1;
  const cols = candidate.length + 1;
  const table = new Uint16Array(rows * cols);
  for (let i = 1; i < rows; i += 1) {
    for (let j = 1; j < cols; j += 1) {
      table[i * cols + j] =
        reference[i - 1] === candidate[j - 1]
          ? (table[(i - 1) * cols + j - 1] ?? 0) + 1
          : Math.max(table[(i - 1) * cols + j] ?? 0, table[i * cols + j - 1] ?? 0);
    }
  }
  const positions: number[] = [];
  let i = reference.length;
  let j = candidate.length;
  while (i > 0 && j > 0) {
    if (reference[i - 1] === candidate[j - 1]) {
      positions.push(i - 1);
      i -= 1;
      j -= 1;
    } else if ((table[(i - 1) * cols + j] ?? 0) >= (table[i * cols + j - 1] ?? 0)) {
      i -= 1;
    } else {
      j -= 1;
    }
  }
  return positions;
}

/**
 * Summary-level ROUGE-L (Lin 2004, "ROUGE-Lsum"): for each reference sentence, the union of its
 * LCS hits with every candidate sentence, summed over the reference and divided by the token totals.
 */
export function rougeL(
  candidate: readonly (readonly string[])[],
  reference: readonly (readonly string[])[],
): RougeScore {
  let hits = 0;
  for (const referenceSentence of reference) {
    const union = new Set<number>();
    for (const candidateSentence of candidate) {
      for (const position of lcsReferencePositions(referenceSentence, candidateSentence)) union.add(position);
    }
    hits += union.size;
  }
  const candidateTotal = candidate.reduce((sum, sentence) => sum + sentence.length, 0);
  const referenceTotal = reference.reduce((sum, sentence) => sum + sentence.length, 0);
  return scoreFrom(hits, candidateTotal, referenceTotal);
}

export interface RougeSet {
  readonly rouge1: RougeScore;
  readonly rouge2: RougeScore;
  readonly rougeL: RougeScore;
}

/** ROUGE-1/2/L of candidate sentences against reference sentences, on stemmed lower-case tokens. */
export function scoreRouge(candidate: readonly string[], reference: readonly string[]): RougeSet {
  const candidateTokens = candidate.map(tokeniseForRouge);
  const referenceTokens = reference.map(tokeniseForRouge);
  return {
    rouge1: rougeNOverSentences(candidateTokens, referenceTokens, 1),
    rouge2: rougeNOverSentences(candidateTokens, referenceTokens, 2),
    rougeL: rougeL(candidateTokens, referenceTokens),
  };
}

/** The texts ROUGE reads from an output: the gist and each claim, without exact repeats. */
export function collectOutputTexts(output: OutputSummary): string[] {
  const texts: string[] = [];
  const seen = new Set<string>();
  for (const text of [output.gist, ...output.claims.map((claim) => claim.text)]) {
    const key = normaliseWrittenForm(text);
    if (key === '' || seen.has(key)) continue;
    seen.add(key);
    texts.push(text);
  }
  return texts;
}

// ---------------------------------------------------------------------------------------------
// Attribution

const ATTRIBUTION_NOISE = new Set(
  'according mr mrs ms dr president said says told spokesperson spokesman spokeswoman selon'.split(' '),
);

function attributionTokens(text: string): string[] {
  const words = tokeniseWords(text).filter((word) => !isStopWord(word));
  const named = words.filter((word) => !ATTRIBUTION_NOISE.has(word));
  // "his spokesman" names no one but the role, so the role word is what there is to compare.
  return (named.length > 0 ? named : words).map(stemWord);
}

/**
 * Whether an output attribution agrees with the gold alternatives: with gold null, the output must
 * give none; otherwise at least half of the (content) tokens of some alternative must appear in it
 * (or the output may give none when the gold marks the attribution optional).
 */
export function attributionAgrees(
  output: string | undefined,
  gold: readonly string[] | null,
  optional = false,
): boolean {
  const outputTokens = new Set(attributionTokens(output ?? ''));
  if (gold === null) return outputTokens.size === 0;
  if (outputTokens.size === 0) return optional;
  return gold.some((alternative) => {
    const tokens = attributionTokens(alternative);
    if (tokens.length === 0) return false;
    const shared = tokens.filter((token) => outputTokens.has(token)).length;
    return shared / tokens.length >= 0.5;
  });
}

// ---------------------------------------------------------------------------------------------
// Dates

/**
 * Whether an output date agrees with the gold one: at least half of the gold date's words and
 * numbers ("4 February" → 4, february) appear in it, in any order and form ("Tuesday, February 4").
 */
export function datesAgree(output: string | undefined, gold: string): boolean {
  const outputTokens = new Set(tokeniseWords(output ?? '').map(stemWord));
  const goldTokens = tokeniseWords(gold).map(stemWord);
  if (goldTokens.length === 0) return true;
  return goldTokens.filter((token) => outputTokens.has(token)).length / goldTokens.length >= 0.5;
}

// ---------------------------------------------------------------------------------------------
// Key figures

/** Relative tolerance when matching values (rounding in "about 1.1 million" against 1,100,000). */
export const FIGURE_VALUE_TOLERANCE = 0.005;

export function valuesMatch(output: OutputFigure, gold: GoldFigure): boolean {
  const tolerance = Math.max(1e-9, Math.abs(gold.value) * FIGURE_VALUE_TOLERANCE);
  if (Math.abs(output.value - gold.value) <= tolerance) return true;
  if (output.valueTo !== undefined && Math.abs(output.valueTo - gold.value) <= tolerance) return true;
  const written = normaliseWrittenForm(output.text);
  return (gold.accept ?? []).some((form) => normaliseWrittenForm(form) === written);
}

export interface FigureMatch {
  readonly gold: number;
  readonly output: number;
  readonly attributionOk: boolean;
  /** Whether the date agrees; undefined when the gold figure has no date. */
  readonly dateOk?: boolean;
}

export interface FigureMatching {
  readonly matches: readonly FigureMatch[];
  readonly missedGold: readonly number[];
  readonly unmatchedOutput: readonly number[];
}

function contentOverlap(a: string, b: string): number {
  const left = new Set(tokeniseContent(a));
  const right = tokeniseContent(b);
  if (left.size === 0 || right.length === 0) return 0;
  return right.filter((token) => left.has(token)).length / Math.max(left.size, right.length);
}

/**
 * One-to-one matching of output figures to gold figures by value (or written form). When several
 * candidates share a value, the pair whose "counts" texts overlap most is taken first, so a
 * repeated figure in the output counts once and the second copy is not key.
 */
export function matchFigures(output: readonly OutputFigure[], gold: readonly GoldFigure[]): FigureMatching {
  const pairs: Array<{ gold: number; output: number; score: number }> = [];
  gold.forEach((goldFigure, goldIndex) => {
    output.forEach((outputFigure, outputIndex) => {
      if (!valuesMatch(outputFigure, goldFigure)) return;
      const score = contentOverlap(goldFigure.counts, outputFigure.counts) - outputIndex * 1e-6;
      pairs.push({ gold: goldIndex, output: outputIndex, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score);
  const usedGold = new Set<number>();
  const usedOutput = new Set<number>();
  const matches: FigureMatch[] = [];
  for (const pair of pairs) {
    if (usedGold.has(pair.gold) || usedOutput.has(pair.output)) continue;
    usedGold.add(pair.gold);
    usedOutput.add(pair.output);
    const goldFigure = gold[pair.gold];
    const outputFigure = output[pair.output];
    if (goldFigure === undefined || outputFigure === undefined) continue;
    matches.push({
      gold: pair.gold,
      output: pair.output,
      attributionOk: attributionAgrees(
        outputFigure.attribution,
        goldFigure.attribution,
        goldFigure.attributionOptional === true,
      ),
      ...(goldFigure.date === undefined ? {} : { dateOk: datesAgree(outputFigure.date, goldFigure.date) }),
    });
  }
  matches.sort((a, b) => a.gold - b.gold);
  return {
    matches,
    missedGold: gold.map((_, index) => index).filter((index) => !usedGold.has(index)),
    unmatchedOutput: output.map((_, index) => index).filter((index) => !usedOutput.has(index)),
  };
}

// ---------------------------------------------------------------------------------------------
// Claims

/** A gold claim counts as covered when an output text recalls this share of its content tokens. */
export const CLAIM_COVERAGE_THRESHOLD = 0.5;

export interface ClaimCoverage {
  readonly gold: number;
  /** Content-token recall of the gold claim by its best output text. */
  readonly recall: number;
  readonly covered: boolean;
  /** Index of the best output claim, or 'gist' when the gist covers it best. */
  readonly best: number | 'gist' | null;
  /** The output claim whose attribution and date were judged: the best claim, when it alone covers. */
  readonly judgedClaim?: number;
  /** For covered claims matched to an output claim: whether the attribution agrees. */
  readonly attributionOk?: boolean;
  /** For such claims with a gold date: whether the output claim's date agrees. */
  readonly dateOk?: boolean;
}

/** Content-token recall of `reference` by `candidate` (stop words removed, stemmed, clipped counts). */
export function contentRecall(candidate: string, reference: string): number {
  return rougeN(tokeniseContent(candidate), tokeniseContent(reference), 1).recall;
}

/**
 * For each gold claim, the output text (gist or claim) that recalls most of its content. Attribution
 * is judged against the best output claim object (the gist has no attribution field), when that
 * claim alone reaches the threshold.
 */
export function coverClaims(output: OutputSummary, gold: readonly GoldClaim[]): ClaimCoverage[] {
  return gold.map((goldClaim, goldIndex) => {
    let best: number | 'gist' | null = null;
    let bestRecall = 0;
    let bestClaim: number | null = null;
    let bestClaimRecall = 0;
    output.claims.forEach((claim, index) => {
      const recall = contentRecall(claim.text, goldClaim.text);
      if (recall > bestClaimRecall) {
        bestClaimRecall = recall;
        bestClaim = index;
      }
    });
    if (bestClaim !== null) {
      best = bestClaim;
      bestRecall = bestClaimRecall;
    }
    const gistRecall = contentRecall(output.gist, goldClaim.text);
    if (gistRecall > bestRecall) {
      best = 'gist';
      bestRecall = gistRecall;
    }
    const covered = bestRecall >= CLAIM_COVERAGE_THRESHOLD;
    const claimForAttribution =
      bestClaimRecall >= CLAIM_COVERAGE_THRESHOLD && bestClaim !== null ? bestClaim : null;
    const coverage: ClaimCoverage = { gold: goldIndex, recall: bestRecall, covered, best };
    if (claimForAttribution === null) return coverage;
    const outputClaim = output.claims[claimForAttribution];
    const attributionOk = attributionAgrees(
      outputClaim?.attribution,
      goldClaim.attribution,
      goldClaim.attributionOptional === true,
    );
    return {
      ...coverage,
      judgedClaim: claimForAttribution,
      attributionOk,
      ...(goldClaim.date === undefined ? {} : { dateOk: datesAgree(outputClaim?.date, goldClaim.date) }),
    };
  });
}
