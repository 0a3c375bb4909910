/**
 * Groups articles about the same event, from different feeds, into stories. Each article becomes a
 * TF-IDF vector over the folded words of its title (counted twice) and its gist, names and numbers
 * weighing double; two articles from different feeds that share at least two terms are candidates
 * when their cosine similarity reaches the threshold, and clusters
 * merge by average linkage (every cross pair counts) so that one loose pair cannot chain two
 * unrelated stories together.
 *
 * The default threshold was measured (`npm run bench:digest`) on hand-written article sets
 * (test/digest/fixtures/story-sets.ts: 50 articles, 12 multi-source stories in English, French and
 * German wording, distractors on the same companies and countries): pairwise precision and recall
 * are both 1.0 from 0.18 to 0.26, recall drops to 0.97 at 0.28 and 0.86 at 0.30, precision to 0.97
 * at 0.16 and 0.90 at 0.14. On 465 real entries of 50 unrelated corpus feeds (blogs, podcasts,
 * tech news), which should hardly cluster at all, the upper end of the plateau makes fewer
 * spurious pairs (4 multi-source stories at 0.26 against 8 at 0.22), so 0.25 is the default.
 */

/** What clustering reads of an article. */
export interface ClusterInput {
  readonly feedUrl: string;
  readonly title: string;
  /** The gist or teaser: one or two sentences. */
  readonly text: string;
  /** Publication time in milliseconds since 1970, when known: one event is reported within days. */
  readonly publishedAtMs?: number;
}

/** Articles published further apart than this are not about the same event. */
export const maxStoryDaysApart = 3;

export const defaultSimilarityThreshold = 0.25;

/** Returns clusters as lists of input indexes; every input is in exactly one cluster. */
export function clusterStories(
  inputs: readonly ClusterInput[],
  options: { readonly threshold?: number } = {},
): number[][] {
  const threshold = options.threshold ?? defaultSimilarityThreshold;
  const vectors = buildVectors(inputs);
  const candidates = findCandidatePairs(inputs, vectors, threshold);
  candidates.sort((a, b) => b.similarity - a.similarity || a.i - b.i || a.j - b.j);

  const clusterOf = inputs.map((_, index) => index);
  const members = new Map<number, number[]>(inputs.map((_, index) => [index, [index]]));
  const similarityCache = new Map<number, number>();
  const similarityOf = (a: number, b: number): number => {
    const cacheKey = a < b ? a * inputs.length + b : b * inputs.length + a;
    let value = similarityCache.get(cacheKey);
    if (value === undefined) {
      value = cosine(vectors[a] as Vector, vectors[b] as Vector);
      similarityCache.set(cacheKey, value);
    }
    return value;
  };

  // Two clusters that failed to merge fail again until one of them changes: remember the refusal
  // (keyed by both clusters' sizes, which grow on every merge) instead of re-averaging them for
  // each of their candidate pairs.
  const refused = new Set<string>();
  for (const { i, j } of candidates) {
    const ci = clusterOf[i] as number;
    const cj = clusterOf[j] as number;
    if (ci === cj) continue;
    const left = members.get(ci) as number[];
    const right = members.get(cj) as number[];
    const refusalKey =
      ci < cj ? `${ci}:${left.length}|${cj}:${right.length}` : `${cj}:${right.length}|${ci}:${left.length}`;
    if (refused.has(refusalKey)) continue;
    // A story gathers different sources: two entries of one feed are two stories (or an update).
    const leftFeeds = new Set(left.map((index) => inputs[index]?.feedUrl));
    if (right.some((index) => leftFeeds.has(inputs[index]?.feedUrl))) {
      refused.add(refusalKey);
      continue;
    }
    let total = 0;
    for (const a of left) for (const b of right) total += similarityOf(a, b);
    if (total / (left.length * right.length) < threshold) {
      refused.add(refusalKey);
      continue;
    }
    const [keep, drop] = left.length >= right.length ? [ci, cj] : [cj, ci];
    const kept = members.get(keep) as number[];
    for (const index of members.get(drop) as number[]) {
      kept.push(index);
      clusterOf[index] = keep;
    }
    members.delete(drop);
  }
  return [...members.values()]
    .map((group) => group.sort((a, b) => a - b))
    .sort((a, b) => (a[0] as number) - (b[0] as number));
}

/** Cosine similarity of two articles' vectors, for measuring thresholds. */
export function measureSimilarities(inputs: readonly ClusterInput[]): (i: number, j: number) => number {
  const vectors = buildVectors(inputs);
  return (i, j) => cosine(vectors[i] as Vector, vectors[j] as Vector);
}

/** A sparse unit vector: term → weight. */
type Vector = Map<string, number>;

function buildVectors(inputs: readonly ClusterInput[]): Vector[] {
  const termCounts = inputs.map((input) => {
    const counts = new Map<string, number>();
    // Title words count twice; names and numbers (the who and how many of an event) twice more.
    for (const { term, name } of readTerms(input.title))
      counts.set(term, (counts.get(term) ?? 0) + (name ? 4 : 2));
    for (const { term, name } of readTerms(input.text))
      counts.set(term, (counts.get(term) ?? 0) + (name ? 2 : 1));
    return counts;
  });
  const documentFrequency = new Map<string, number>();
  for (const counts of termCounts) {
    for (const term of counts.keys()) documentFrequency.set(term, (documentFrequency.get(term) ?? 0) + 1);
  }
  const n = inputs.length;
  return termCounts.map((counts) => {
    const vector: Vector = new Map();
    let norm = 0;
    for (const [term, count] of counts) {
      // Smoothed IDF keeps terms shared by every article of a small batch slightly positive.
      const weight =
        (1 + Math.log(count)) * (Math.log((n + 1) / ((documentFrequency.get(term) ?? 0) + 1)) + 1);
      vector.set(term, weight);
      norm += weight * weight;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (const [term, weight] of vector) vector.set(term, weight / norm);
    return vector;
  });
}

/**
 * Two short texts sharing one rare word ("Budgets" and "Israel's parliament passes budget") look
 * alike to cosine alone; a same-story pair shares at least two distinct words. Numbers do not
 * count towards it: "2.0" or "4" alone joined "watchOS 2.0" to "feed-rs 0.2.0".
 */
const minSharedWords = 2;

function countSharedWords(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let shared = 0;
  for (const term of small.keys()) if (/\p{L}/u.test(term) && large.has(term)) shared++;
  return shared;
}

const dayMs = 86_400_000;

function publishedFarApart(a: ClusterInput | undefined, b: ClusterInput | undefined): boolean {
  if (a?.publishedAtMs === undefined || b?.publishedAtMs === undefined) return false;
  return Math.abs(a.publishedAtMs - b.publishedAtMs) > maxStoryDaysApart * dayMs;
}

function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [term, weight] of small) {
    const other = large.get(term);
    if (other !== undefined) dot += weight * other;
  }
  return dot;
}

/** Pairs of articles from different feeds that share a term and reach the threshold. */
function findCandidatePairs(
  inputs: readonly ClusterInput[],
  vectors: readonly Vector[],
  threshold: number,
): Array<{ i: number; j: number; similarity: number }> {
  const postings = new Map<string, number[]>();
  vectors.forEach((vector, index) => {
    for (const term of vector.keys()) {
      const list = postings.get(term);
      if (list) list.push(index);
      else postings.set(term, [index]);
    }
  });
  const pairs: Array<{ i: number; j: number; similarity: number }> = [];
  for (let i = 0; i < vectors.length; i++) {
    const seen = new Set<number>();
    for (const term of (vectors[i] as Vector).keys()) {
      for (const j of postings.get(term) ?? []) {
        if (j <= i || seen.has(j)) continue;
        seen.add(j);
        if (inputs[i]?.feedUrl === inputs[j]?.feedUrl) continue;
        if (publishedFarApart(inputs[i], inputs[j])) continue;
        if (countSharedWords(vectors[i] as Vector, vectors[j] as Vector) < minSharedWords) continue;
        const similarity = cosine(vectors[i] as Vector, vectors[j] as Vector);
        if (similarity >= threshold) pairs.push({ i, j, similarity });
      }
    }
  }
  return pairs;
}

// Function words of English, French, German and Spanish, and news boilerplate, in folded form.
const stopWords: ReadonlySet<string> = new Set(
  (
    'a an the and or not no of to in on at for with by from as into over under about after before up down out ' +
    'is are was were be been being has have had do does did it its this that these those he she they we you i ' +
    'his her their our your them him us who whom which what when where why how all any some more most other ' +
    'than then there here so such only also but if will would can could should may might must new says said ' +
    'say saying according report reports reported told tells news live update updates latest video watch ' +
    'le la les l un une des du de d et ou est sont a au aux en dans par pour sur avec sans que qu qui ce cette ' +
    'ces il elle ils elles nous vous ne pas plus se sa ses leur leurs lui mais selon apres avant ' +
    'der die das den dem des ein eine einen einem einer und oder ist sind war wird werden mit von zu im am ' +
    'auf fur bei nach aus sich nicht auch als wie es er sie ' +
    'el los las lo una unos unas y o es son fue con por para del al se su sus que como mas pero segun'
  ).split(' '),
);

const stemLength = 6;

/** Folded, stop-worded words cut to their first six letters; numbers kept whole. */
export function tokeniseForSimilarity(text: string): string[] {
  return readTerms(text).map(({ term }) => term);
}

/**
 * Terms with a flag for names and numbers: a capitalised word that does not start a sentence
 * ("Valencia", "Nvidia", "ECB") or a word with digits. In an all-capitalised headline every word
 * is flagged, which weighs them all alike.
 */
function readTerms(text: string): Array<{ term: string; name: boolean }> {
  const plain = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/(\d)[,.\u00a0\u202f ](?=\d{3}\b)/g, '$1');
  const terms: Array<{ term: string; name: boolean }> = [];
  for (const match of plain.matchAll(/[\p{L}\p{N}]+/gu)) {
    const word = match[0];
    let term = word.toLowerCase();
    if (stopWords.has(term)) continue;
    const hasDigit = /\d/.test(term);
    if (term.length < 2 && !hasDigit) continue;
    const before = plain.slice(0, match.index).trimEnd();
    const startsSentence = before === '' || /[.!?:"“«]$/u.test(before);
    const name = hasDigit || (/^\p{Lu}/u.test(word) && !startsSentence);
    // Prefix truncation is a crude, language-blind stemmer: "evacuate", "evacuation" and
    // "evacuated" meet, and so do "Valencia" and "Valence".
    if (!hasDigit) term = term.slice(0, stemLength);
    terms.push({ term, name });
  }
  return terms;
}
