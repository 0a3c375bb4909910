/**
 * Keeps article extraction bounded in time and memory. Readability on a DOM is superlinear in the
 * number of elements, so a hostile or broken page (megabytes of nested `<div>`s, a page of 100,000
 * paragraphs) could take minutes and gigabytes. The largest real news pages seen have about 2,000
 * elements and under 1 MB of markup once scripts and styles are gone.
 */

/** Markup kept after scripts, styles and comments are dropped; the article is near the top. */
export const maxArticleHtmlChars = 2_000_000;
/** Elements allowed in the markup handed to the DOM (ten times the largest real page seen). */
export const maxArticleElements = 20_000;

const droppedElements = ['script', 'style', 'svg', 'noscript', 'template'];

/** Removes `<script>…</script>` and the like, and comments, in one linear pass. */
export function stripInertMarkup(html: string): string {
  const lower = html.toLowerCase();
  const parts: string[] = [];
  let position = 0;
  while (position < html.length) {
    const open = lower.indexOf('<', position);
    if (open === -1) break;
    let end = -1;
    if (lower.startsWith('<!--', open)) {
      const close = lower.indexOf('-->', open + 4);
      end = close === -1 ? html.length : close + 3;
    } else {
      const name = droppedElements.find(
        (element) =>
          lower.startsWith(element, open + 1) && /[\s>/]/.test(lower[open + 1 + element.length] ?? ''),
      );
      if (name !== undefined) {
        const close = lower.indexOf(`</${name}`, open);
        const closeEnd = close === -1 ? -1 : lower.indexOf('>', close);
        end = closeEnd === -1 ? html.length : closeEnd + 1;
      }
    }
    if (end === -1) {
      parts.push(html.slice(position, open + 1));
      position = open + 1;
    } else {
      parts.push(html.slice(position, open));
      position = end;
    }
  }
  parts.push(html.slice(position));
  return parts.join('');
}

export type BoundedHtml =
  | { readonly ok: true; readonly html: string; readonly truncated: boolean }
  | { readonly ok: false; readonly reason: string };

/** The page's markup, made safe to hand to the DOM, or the reason it is refused. */
export function boundPageHtml(html: string): BoundedHtml {
  let bounded = stripInertMarkup(html);
  const truncated = bounded.length > maxArticleHtmlChars;
  if (truncated) bounded = bounded.slice(0, maxArticleHtmlChars);
  let elements = 0;
  for (let at = bounded.indexOf('<'); at !== -1; at = bounded.indexOf('<', at + 1)) {
    const next = bounded.charCodeAt(at + 1);
    // Letters open an element; "</", "<!" and stray "<" do not.
    if ((next >= 65 && next <= 90) || (next >= 97 && next <= 122)) elements += 1;
    if (elements > maxArticleElements) {
      return {
        ok: false,
        reason: `the page has more than ${maxArticleElements.toLocaleString('en')} elements, too many to extract safely`,
      };
    }
  }
  return { ok: true, html: bounded, truncated };
}
