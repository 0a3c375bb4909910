/**
 * Feed subscriptions from an OPML file (what feed readers export): every outline with an
 * `xmlUrl`, at any depth, with its title. Folders are flattened; duplicates are kept once.
 */
import { parseOpml } from 'feedsmith';
import { prepareXml, UnsafeXmlError } from './prepare-xml.js';

export interface OpmlFeed {
  readonly url: string;
  readonly name?: string;
}

export class OpmlError extends Error {
  override readonly name = 'OpmlError';
}

interface Outline {
  readonly text?: string;
  readonly title?: string;
  readonly xmlUrl?: string;
  readonly outlines?: readonly Outline[];
}

export function parseOpmlFeeds(xml: string): OpmlFeed[] {
  let document: { body?: { outlines?: readonly Outline[] } };
  try {
    document = parseOpml(prepareXml(xml.replace(/^\ufeff/, ''))) as typeof document;
  } catch (error) {
    if (error instanceof UnsafeXmlError)
      throw new OpmlError(`unsafe OPML: ${error.message}`, { cause: error });
    throw new OpmlError('not an OPML document (expected <opml><body><outline xmlUrl="…">)', { cause: error });
  }
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  const visit = (outlines: readonly Outline[] | undefined, depth: number): void => {
    if (outlines === undefined || depth > 16) return;
    for (const outline of outlines) {
      const url = outline.xmlUrl?.trim();
      if (url !== undefined && url !== '' && !seen.has(url)) {
        seen.add(url);
        const name = (outline.title ?? outline.text)?.trim();
        feeds.push({ url, ...(name === undefined || name === '' ? {} : { name }) });
      }
      visit(outline.outlines, depth + 1);
    }
  };
  visit(document.body?.outlines, 0);
  return feeds;
}
