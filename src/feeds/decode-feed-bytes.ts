/**
 * Bytes to text, as XML and HTTP say it should be done: a byte-order mark first, then the charset
 * of the Content-Type header, then the XML declaration (or HTML meta charset), then UTF-8. When
 * nothing is declared, or UTF-8 is declared, and the bytes are not UTF-8, they are read as
 * windows-1252, the encoding of almost every mislabelled or undeclared legacy feed. Encoding
 * names follow the WHATWG Encoding Standard (so "iso-8859-1" reads as windows-1252 and "gb2312"
 * as gbk, as browsers do).
 */

import { isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';

export interface DecodedText {
  readonly text: string;
  /** WHATWG name of the encoding used, e.g. "utf-8", "windows-1252", "gbk". */
  readonly encoding: string;
  /** Where the encoding came from. */
  readonly source: 'bom' | 'content-type' | 'declaration' | 'default' | 'fallback';
}

function decoderFor(label: string | undefined): TextDecoder | undefined {
  if (label === undefined) return undefined;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return undefined; // unknown label: ignore it and keep looking
  }
}

/** The charset parameter of a Content-Type header value. */
export function readCharsetParameter(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const match = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return match?.[1];
}

function readDeclaredEncoding(head: string): string | undefined {
  const xml = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  if (xml !== null) return xml[1];
  const meta = /<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9._:-]+)/i.exec(head);
  return meta?.[1];
}

function detectBom(bytes: Uint8Array): { label: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', length: 2 };
  return undefined;
}

/** A declared UTF-16 on a document whose first bytes are ASCII is a lie; the bytes win. */
function isAsciiCompatibleStart(bytes: Uint8Array): boolean {
  return bytes.length < 2 || (bytes[0] !== 0 && bytes[1] !== 0);
}

export function decodeFeedBytes(bytes: Uint8Array, contentType?: string): DecodedText {
  const bom = detectBom(bytes);
  if (bom !== undefined) {
    const decoder = new TextDecoder(bom.label);
    return { text: decoder.decode(bytes.subarray(bom.length)), encoding: decoder.encoding, source: 'bom' };
  }
  const fromHeader = decoderFor(readCharsetParameter(contentType));
  if (
    fromHeader !== undefined &&
    !(fromHeader.encoding.startsWith('utf-16') && isAsciiCompatibleStart(bytes))
  ) {
    return decodeDeclared(fromHeader, bytes, 'content-type');
  }
  // The declaration is ASCII in every encoding we accept; latin1 reads it without loss.
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 2048)).toString('latin1');
  const declared = decoderFor(readDeclaredEncoding(head));
  if (declared !== undefined && !declared.encoding.startsWith('utf-16')) {
    if (declared.encoding === 'windows-1252' && isValidUtf8(bytes) && hasNonAscii(bytes)) {
      // "us-ascii" or "iso-8859-1" declared on bytes that are plainly UTF-8: the declaration is stale.
      return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8', source: 'fallback' };
    }
    return decodeDeclared(declared, bytes, 'declaration');
  }
  if (isUtf8(bytes)) {
    return {
      text: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8'),
      encoding: 'utf-8',
      source: 'default',
    };
  }
  return { text: decodeWindows1252(bytes), encoding: 'windows-1252', source: 'fallback' };
}

/**
 * A declared UTF-8 on bytes that are mostly not UTF-8 is a wrong declaration (a Latin-1 feed behind
 * a template that says utf-8): read them as windows-1252, as browsers and feed readers do. A UTF-8
 * document with a stray bad byte stays UTF-8.
 */
function decodeDeclared(decoder: TextDecoder, bytes: Uint8Array, source: DecodedText['source']): DecodedText {
  if (decoder.encoding === 'utf-8' && !isUtf8(bytes) && isMostlyNotUtf8(bytes)) {
    return { text: decodeWindows1252(bytes), encoding: 'windows-1252', source: 'fallback' };
  }
  return { text: decodeWith(decoder, bytes), encoding: decoder.encoding, source };
}

/** True when more non-ASCII characters fail to decode as UTF-8 than succeed. */
function isMostlyNotUtf8(bytes: Uint8Array): boolean {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  let invalid = 0;
  let valid = 0;
  for (let i = 0; i < text.length; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 0x80) continue;
    if (code === 0xfffd) invalid += 1;
    else valid += 1;
  }
  return invalid > valid;
}

/** windows-1252 code points for bytes 0x80..0x9F (undefined bytes keep their C1 value). */
const cp1252High = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/**
 * windows-1252 (which is also what "iso-8859-1" and "us-ascii" mean on the web). Done by hand:
 * Node 20's TextDecoder reads bytes 0x80..0x9F as C1 controls, losing €, curly quotes and dashes.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  return latin1.replace(/[\u0080-\u009f]/g, (c) =>
    String.fromCharCode(cp1252High[c.charCodeAt(0) - 0x80] ?? c.charCodeAt(0)),
  );
}

/** Buffer's UTF-8 and latin1 paths are much faster than TextDecoder; the rest goes to TextDecoder. */
function decodeWith(decoder: TextDecoder, bytes: Uint8Array): string {
  if (decoder.encoding === 'utf-8')
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  if (decoder.encoding === 'windows-1252') return decodeWindows1252(bytes);
  return decoder.decode(bytes);
}

function hasNonAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80) return true;
  return false;
}

function isValidUtf8(bytes: Uint8Array): boolean {
  return isUtf8(bytes);
}
