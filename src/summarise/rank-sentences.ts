/**
 * Sentence centrality (LexRank with a continuous similarity graph): a sentence that shares
 * content words with many others is central. Sentence vectors are bags of stemmed content words
 * weighted by inverse sentence frequency. The O(n²) graph is built over at most
 * `MAX_GRAPH_SENTENCES`; later sentences get no centrality, which suits news, where the key
 * content comes first.
 */

import { wordTokens } from './word-tokens.js';

const MAX_GRAPH_SENTENCES = 50;
const DAMPING = 0.85;
const ITERATIONS = 15;
/** Total change in rank below which the power iteration has settled. */
const CONVERGED = 1e-4;

const STOP_WORDS = new Set(
  (
    'a an the and or but nor of to in on at by for with from as into about over after before than then that this ' +
    'these those there here it its is be are was were been being has have had do does did will would could should ' +
    'may might can must not no so if also very just only more most such he she they we you i his her their our ' +
    'your them him us me who whom whose which what when where why how said says say told according while since ' +
    'up out all one two some any other new le la les un une des du de d l et ou mais en dans sur par pour avec ' +
    'au aux ce cette ces qui que il elle ils elles est sont été a ont se sa son ses leur selon pas ne plus der ' +
    'die das den dem des ein eine einen und oder aber in im am zu mit von für auf ist sind war hat haben sich ' +
    'nicht auch es er sie wird el los las del y o pero con por para es son fue ha se su sus lo que al como más'
  ).split(' '),
);

/** A word longer than this is no stop word: it is not looked up. */
const LONGEST_STOP_WORD = Math.max(...[...STOP_WORDS].map((word) => word.length));

/** Stemmed content words of a text (a light suffix stripper: plurals, -ing, -ed, -ly). */
export function contentWords(text: string): string[] {
  const words = wordTokens(text.toLowerCase());
  const result: string[] = [];
  for (const word of words) {
    if (word.length < 2 || (word.length <= LONGEST_STOP_WORD && STOP_WORDS.has(word))) continue;
    result.push(stem(word));
  }
  return result;
}

const LETTER_D = 0x64;
const LETTER_G = 0x67;
const LETTER_S = 0x73;

function stem(word: string): string {
  if (word.length <= 4) return word;
  // Every suffix stripped ends in "s", "g" or "d": other words are looked at no further.
  const last = word.charCodeAt(word.length - 1);
  if (last !== LETTER_S && last !== LETTER_G && last !== LETTER_D) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('ing') && word.length > 6) return word.slice(0, -3);
  if (word.endsWith('ed') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('es') && word.length > 5) return word.slice(0, -2);
  if (word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word;
}

/** Centrality per sentence, scaled so the most central sentence scores 1. */
export function rankSentences(wordsPerSentence: readonly (readonly string[])[]): number[] {
  const n = Math.min(wordsPerSentence.length, MAX_GRAPH_SENTENCES);
  const scores = new Array<number>(wordsPerSentence.length).fill(0);
  if (n === 0) return scores;
  if (n === 1) {
    scores[0] = 1;
    return scores;
  }
  // Words become small integers; each sentence a sorted list of its distinct word ids.
  const ids = new Map<string, number>();
  const totalWords = wordsPerSentence.slice(0, n).reduce((total, words) => total + words.length, 0);
  // The last sentence each word id was seen in: a repeated word is listed once, without a set.
  const lastSeen = new Int32Array(totalWords).fill(-1);
  const sentenceIds: Int32Array[] = [];
  for (let i = 0; i < n; i++) {
    const words = wordsPerSentence[i] ?? [];
    const list = new Int32Array(words.length);
    let count = 0;
    for (const word of words) {
      let id = ids.get(word);
      if (id === undefined) {
        id = ids.size;
        ids.set(word, id);
      }
      if (lastSeen[id] !== i) {
        lastSeen[id] = i;
        list[count++] = id;
      }
    }
    sentenceIds.push(list.subarray(0, count).sort());
  }
  const documentFrequency = new Int32Array(ids.size);
  for (const list of sentenceIds)
    for (const id of list) documentFrequency[id] = (documentFrequency[id] ?? 0) + 1;
  const idf = new Float64Array(ids.size);
  for (let id = 0; id < ids.size; id++) idf[id] = Math.log(n / (documentFrequency[id] ?? 1));
  const idfSquared = new Float64Array(ids.size);
  for (let id = 0; id < ids.size; id++) idfSquared[id] = (idf[id] ?? 0) ** 2;
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let norm = 0;
    for (const id of sentenceIds[i] as Int32Array) norm += idfSquared[id] ?? 0;
    norms[i] = Math.sqrt(norm);
  }
  const similarity = new Float64Array(n * n);
  const rowSums = new Float64Array(n);
  // Sentence i's weights spread over all word ids (zero elsewhere): a dot product is one pass over
  // the other sentence's ids, adding the shared words' weights in the same ascending order as a
  // merge of the two lists would (the zeros change no sum).
  const weights = new Float64Array(ids.size);
  for (let i = 0; i < n; i++) {
    const a = sentenceIds[i] as Int32Array;
    for (const id of a) weights[id] = idfSquared[id] ?? 0;
    for (let j = i + 1; j < n; j++) {
      const b = sentenceIds[j] as Int32Array;
      let dot = 0;
      for (let y = 0; y < b.length; y++) dot += weights[b[y] as number] ?? 0;
      const denominator = (norms[i] ?? 0) * (norms[j] ?? 0);
      const value = denominator === 0 ? 0 : dot / denominator;
      similarity[i * n + j] = value;
      similarity[j * n + i] = value;
      rowSums[i] = (rowSums[i] ?? 0) + value;
      rowSums[j] = (rowSums[j] ?? 0) + value;
    }
    for (const id of a) weights[id] = 0;
  }
  // Many sentence pairs share no content word. The power iteration reads each row's non-zero
  // similarities only, in column order: adding a zero changes no sum.
  const rowStarts = new Int32Array(n + 1);
  const columns = new Int32Array(n * n);
  const values = new Float64Array(n * n);
  let stored = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const value = similarity[i * n + j] ?? 0;
      if (value === 0) continue;
      columns[stored] = j;
      values[stored] = value;
      stored++;
    }
    rowStarts[i + 1] = stored;
  }
  let rank = new Float64Array(n).fill(1 / n);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    const next = new Float64Array(n).fill((1 - DAMPING) / n);
    for (let i = 0; i < n; i++) {
      const sum = rowSums[i] ?? 0;
      if (sum === 0) continue;
      const share = (DAMPING * (rank[i] ?? 0)) / sum;
      const end = rowStarts[i + 1] ?? 0;
      for (let k = rowStarts[i] ?? 0; k < end; k++) {
        const j = columns[k] ?? 0;
        next[j] = (next[j] ?? 0) + share * (values[k] ?? 0);
      }
    }
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs((next[i] ?? 0) - (rank[i] ?? 0));
    rank = next;
    if (change < CONVERGED) break;
  }
  let max = 0;
  for (const value of rank) max = Math.max(max, value);
  for (let i = 0; i < n; i++) scores[i] = max === 0 ? 0 : (rank[i] ?? 0) / max;
  return scores;
}
