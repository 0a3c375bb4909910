/**
 * Fetches an article page under the network policy and caps, decodes it, and extracts the story.
 */
import { decodeFeedBytes } from '../feeds/decode-feed-bytes.js';
import type { HttpClient } from '../net/http-client.js';
import { ExtractionError, extractArticle, type ExtractedArticle } from './extract-article.js';

const pageAccept = 'text/html, application/xhtml+xml;q=0.9, */*;q=0.1';

export async function fetchArticlePage(
  url: string,
  client: HttpClient,
  options: { readonly signal?: AbortSignal } = {},
): Promise<ExtractedArticle> {
  const response = await client.get(url, {
    accept: pageAccept,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType !== '' && !/html|xml|text\/plain/i.test(contentType)) {
    throw new ExtractionError(
      response.url,
      `the address returns ${contentType.split(';')[0]?.trim()}, not a web page`,
    );
  }
  // Same decoding rules as feeds: BOM, Content-Type charset, <meta charset>, then UTF-8.
  const { text } = decodeFeedBytes(response.body, contentType === '' ? undefined : contentType);
  return extractArticle(text, response.url);
}
