/** Why an input cannot be summarised. */
export type SummariseFailure = 'empty' | 'binary' | 'no-text' | 'unsupported-script';

/**
 * Thrown by the summariser when the input holds nothing it can summarise: empty text, binary
 * data, markup without prose, or a script it has no rules for. Callers show `message` as is.
 */
export class SummariseError extends Error {
  override readonly name = 'SummariseError';
  constructor(
    readonly reason: SummariseFailure,
    detail: string,
    options?: ErrorOptions,
  ) {
    super(`Cannot summarise this article: ${detail}`, options);
  }
}
