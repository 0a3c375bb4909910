/**
 * What the direct RSS and Atom readers share: the XML parser settings feedsmith uses (built once
 * per reader) and the choice among an Atom entry's links.
 */
import { XMLParser } from 'fast-xml-parser';

/**
 * A parser with feedsmith's settings: no entity processing (text is decoded when read), attributes
 * kept, names lower-cased, and the elements whose text the bot reads kept verbatim (markup included).
 */
export function createFeedXmlParser(textElements: readonly string[]): XMLParser {
  return new XMLParser({
    trimValues: false,
    processEntities: false,
    htmlEntities: false,
    parseTagValue: false,
    parseAttributeValue: false,
    ignoreAttributes: false,
    ignorePiTags: true,
    ignoreDeclaration: true,
    attributeNamePrefix: '@',
    jPath: false,
    transformTagName: (name) => name.toLowerCase(),
    transformAttributeName: (name) => name.toLowerCase(),
    stopNodes: textElements.map((name) => `..${name}`),
  });
}

/** Link relations that point at machinery (the feed itself, editing, paging), not at the story. */
const technicalRels = new Set([
  'self',
  'edit',
  'replies',
  'enclosure',
  'license',
  'hub',
  'next',
  'previous',
  'first',
  'last',
  'service.edit',
  'service.post',
  'service.feed',
]);

/** Atom links: the alternate HTML page first, then other alternates, then anything not technical. */
export function rankAtomLinks(
  links:
    readonly { href?: string | undefined; rel?: string | undefined; type?: string | undefined }[] | undefined,
): string[] {
  if (links === undefined) return [];
  const score = (link: { rel?: string | undefined; type?: string | undefined }): number => {
    const rel = link.rel?.toLowerCase() ?? 'alternate';
    if (rel === 'alternate') return link.type === undefined || /html/i.test(link.type) ? 0 : 1;
    return technicalRels.has(rel) ? 9 : 2;
  };
  return links
    .filter((link) => typeof link.href === 'string' && link.href.trim() !== '' && score(link) < 9)
    .sort((a, b) => score(a) - score(b))
    .map((link) => link.href as string);
}
