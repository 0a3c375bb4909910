/**
 * Makes decoded feed XML safe and tidy before it reaches the parser, in linear time:
 * - refuses entity-expansion attacks (billion laughs, quadratic blow-up) and external entities
 *   (XXE): a DOCTYPE internal subset may only declare a few short, literal entities, which are
 *   substituted here; anything else is refused;
 * - refuses pathologically deep nesting;
 * - drops whatever precedes the XML declaration or root element (whitespace, stray bytes).
 */

export class UnsafeXmlError extends Error {
  override readonly name = 'UnsafeXmlError';
}

const maxEntities = 64;
const maxEntityLength = 1024;
export const maxXmlDepth = 256;

interface DoctypeScan {
  readonly start: number;
  readonly end: number;
  readonly entities: ReadonlyMap<string, string>;
}

function scanDoctype(xml: string, from: number): DoctypeScan | undefined {
  const start = xml.indexOf('<!DOCTYPE', from);
  // Only a DOCTYPE in the prolog matters; look no further than the first element.
  const firstElement = xml.slice(from).search(/<[A-Za-z_]/);
  if (start < 0 || (firstElement >= 0 && start > from + firstElement)) return undefined;
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

const voidElement = /(?:br|img|hr|meta|link|input|wbr|source|col|area|base|embed|param|track)[\s>]/iy;

/** HTML void elements written without "/>" in ill-formed feeds do not open a level. */
function isVoidElementAt(xml: string, index: number): boolean {
  voidElement.lastIndex = index;
  return voidElement.test(xml);
}

/** Deepest element nesting, counted in one pass; stops as soon as `limit` is passed. */
export function measureXmlDepth(xml: string, limit = maxXmlDepth): number {
  let depth = 0;
  let deepest = 0;
  let index = xml.indexOf('<');
  while (index >= 0 && index < xml.length) {
    const next = xml.charCodeAt(index + 1);
    if (next === 0x21 /* ! */) {
      // comment, CDATA or declaration: skip to its end
      const terminator = xml.startsWith('<!--', index)
        ? '-->'
        : xml.startsWith('<![CDATA[', index)
          ? ']]>'
          : '>';
      const end = xml.indexOf(terminator, index + 2);
      if (end < 0) break;
      index = xml.indexOf('<', end + terminator.length);
      continue;
    }
    const end = xml.indexOf('>', index + 1);
    if (end < 0) break;
    if (next === 0x2f /* / */) depth -= 1;
    else if (next !== 0x3f /* ? */ && xml.charCodeAt(end - 1) !== 0x2f && !isVoidElementAt(xml, index + 1)) {
      depth += 1;
      if (depth > deepest) {
        deepest = depth;
        if (deepest > limit) return deepest;
      }
    }
    index = xml.indexOf('<', end + 1);
  }
  return deepest;
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
  if (measureXmlDepth(text) > maxXmlDepth) {
    throw new UnsafeXmlError(`elements are nested deeper than ${maxXmlDepth} levels`);
  }
  return text;
}
