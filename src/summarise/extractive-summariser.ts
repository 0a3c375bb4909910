/** The default `Summariser`: extractive, local, needs no API key and cannot invent content. */
import type { Summary } from '../model.js';
import type { Summariser, SummaryInput } from '../ports.js';
import { summariseArticle, type SummariseOptions } from './summarise-article.js';

export function createExtractiveSummariser(options: SummariseOptions = {}): Summariser {
  return {
    summarise(input: SummaryInput): Promise<Summary> {
      try {
        return Promise.resolve(summariseArticle(input, options));
      } catch (error) {
        return Promise.reject(error instanceof Error ? error : new Error(String(error)));
      }
    },
  };
}
