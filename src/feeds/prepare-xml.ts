/**
 * Makes decoded feed XML safe and tidy before it reaches the parser, in linear time:
 * - refuses entity-expansion attacks (billion laughs, quadratic blow-up) and external entities
 *   (XXE): a DOCTYPE internal subset may only declare a few short, literal entities, which are
 *   substituted here; anything else is refused;
 * (Pathologically deep nesting is refused by the XML parser itself: fast-xml-parser stops at 100
 * levels, in linear time, and parse-feed.ts reports it.)
 * - drops whatever precedes the XML declaration or root element (whitespace, stray bytes).
 */

export class UnsafeXmlError extends Error {
  override readonly name = 'UnsafeXmlError';
}

const maxEntities = 64;
const maxEntityLength = 1024;

interface DoctypeScan {
  readonly start: number;
  readonly end: number;
  readonly entities: ReadonlyMap<string, string>;
}

function scanDoctype(xml: string, from: number): DoctypeScan | undefined {
  // Only a DOCTYPE in the prolog matters; look no further than the first element.
  const firstElement = xml.slice(from).search(/<[A-Za-z_]/);
  const prologEnd = firstElement < 0 ? xml.length : from + firstElement;
  const start = xml.slice(0, prologEnd).indexOf('<!DOCTYPE', from);
  if (start < 0) return undefined;
  const open = xml.indexOf('[', start);
  const close = xml.indexOf('>', start);
  if (close < 0) throw new UnsafeXmlError('unterminated DOCTYPE declaration');
  if (open < 0 || open > close) return { start, end: close + 1, entities: new Map() };
  const subsetEnd = xml.indexOf(']', open);
  if (subsetEnd < 0) throw new UnsafeXmlError('unterminated DOCTYPE internal subset');
  const end = xml.indexOf('>', subsetEnd);
  if (end < 0) throw new UnsafeXmlError('unterminated DOCTYPE declaration');
  const subset = xml.slice(open + 1, subsetEnd);
  const entities = new Map<string, string>();
  const declarations = subset.match(/<!ENTITY[\s\S]*?>/g) ?? [];
  if (declarations.length > maxEntities) {
    throw new UnsafeXmlError(`the DOCTYPE declares ${declarations.length} entities (limit ${maxEntities})`);
  }
  for (const declaration of declarations) {
    if (/^<!ENTITY\s+%/.test(declaration)) {
      throw new UnsafeXmlError(
        'the DOCTYPE declares a parameter entity (refused: entity-expansion or external-entity attack)',
      );
    }
    const literal = /^<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>$/.exec(declaration);
    if (literal === null) {
      throw new UnsafeXmlError('the DOCTYPE declares an external entity (refused: external-entity attack)');
    }
    const name = literal[1] ?? '';
    const value = literal[2] ?? literal[3] ?? '';
    if (/[&%<]/.test(value)) {
      throw new UnsafeXmlError(
        `entity "${name}" refers to other entities or markup (refused: entity-expansion attack such as billion laughs)`,
      );
    }
    if (value.length > maxEntityLength)
      throw new UnsafeXmlError(`entity "${name}" is longer than ${maxEntityLength} characters`);
    entities.set(name, value);
  }
  return { start, end: end + 1, entities };
}

/** Returns XML ready for the parser, or throws UnsafeXmlError with the reason. */
export function prepareXml(xml: string): string {
  let start = xml.search(/<\?xml|<[A-Za-z_!]/);
  if (start < 0) start = 0;
  let text = start > 0 ? xml.slice(start) : xml;
  const doctype = scanDoctype(text, 0);
  if (doctype !== undefined) {
    let body = text.slice(doctype.end);
    if (doctype.entities.size > 0) {
      const entities = doctype.entities;
      // Quadratic blow-up (one long entity referenced many times) is bounded by the growth budget.
      let budget = body.length + 1024 * 1024;
      body = body.replace(/&([A-Za-z_][\w.-]*);/g, (whole, name: string) => {
        const value = entities.get(name);
        if (value === undefined) return whole;
        budget -= value.length;
        if (budget < 0)
          throw new UnsafeXmlError(
            'entity references expand the document too much (refused: entity-expansion attack)',
          );
        return value;
      });
    }
    text = text.slice(0, doctype.start) + body;
  }
  return text;
}
