import { CommandError } from './command-error.js';

/** Longest link accepted from a command. */
export const MAX_URL_CHARS = 2048;

/**
 * True when the text is meant as a link rather than as words: one token with a scheme
 * (`https://…`, `ftp://…`, `javascript:…`) or starting with `www.`. Chat platforms may wrap links
 * as `<https://…>` or `<https://…|label>`; those count too.
 */
export function looksLikeUrl(text: string): boolean {
  const token = unwrapChatLink(text.trim());
  if (token === '' || /\s/u.test(token)) return false;
  return (
    /^[a-z][a-z0-9+.-]*:\/\//iu.test(token) ||
    /^(?:javascript|data|file|mailto|vbscript):/iu.test(token) ||
    /^www\./iu.test(token)
  );
}

/**
 * Parses a link given to a command: http or https only, a host name, no user name or password,
 * within `MAX_URL_CHARS`. `www.example.com/x` is read as `https://www.example.com/x`. Returns the
 * normalised URL without its fragment. Throws a `CommandError` that says what is wrong.
 */
export function parseHttpUrl(text: string): URL {
  let candidate = unwrapChatLink(text.trim());
  if (candidate === '') throw new CommandError('Give a link that starts with http:// or https://.');
  if (candidate.length > MAX_URL_CHARS) {
    throw new CommandError(
      `That link is too long (${candidate.length} characters; the limit is ${MAX_URL_CHARS}).`,
    );
  }
  if (/\s/u.test(candidate)) throw new CommandError('A link cannot contain spaces.');
  if (/^www\./iu.test(candidate)) candidate = `https://${candidate}`;
  const scheme = /^([a-z][a-z0-9+.-]*):/iu.exec(candidate)?.[1]?.toLowerCase();
  if (scheme === undefined) throw new CommandError('Give a link that starts with http:// or https://.');
  if (scheme !== 'http' && scheme !== 'https') {
    throw new CommandError(`Only http and https links are supported, not ${scheme}:.`);
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    throw new CommandError('That does not look like a valid link.');
  }
  if (url.hostname === '') throw new CommandError('That link has no host name.');
  if (url.username !== '' || url.password !== '') {
    throw new CommandError('Links with a user name or password are not accepted.');
  }
  url.hash = '';
  if (url.href.length > MAX_URL_CHARS) {
    throw new CommandError(`That link is too long (the limit is ${MAX_URL_CHARS} characters).`);
  }
  return url;
}

/** `<https://x|label>` → `https://x`; `<https://x>` → `https://x`; anything else unchanged. */
function unwrapChatLink(text: string): string {
  const match = /^<([^<>|\s]+)(?:\|[^<>]*)?>$/u.exec(text);
  return match?.[1] ?? text;
}
