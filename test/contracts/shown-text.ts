/**
 * Comparing what a platform showed with what was posted: invisible and control characters do not
 * count, look-alike characters count as the character they stand for, and a piece of text cut by
 * the platform counts as shown when the cut is visible (an ellipsis after a long enough start).
 */
const invisible = /[\u200b-\u200d\u2060\ufeff]/g;
// eslint-disable-next-line no-control-regex -- control characters are not text a reader sees
const controls = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
/** Slack shows mrkdwn markers from feeds as look-alike characters; a reader sees the same glyph. */
const lookAlikes: Readonly<Record<string, string>> = { '∗': '*', ˍ: '_', '∼': '~', ˋ: '`' };

/** Text as compared: no invisible or control characters, look-alikes folded, whitespace collapsed. */
export function toComparable(text: string): string {
  return text
    .replace(invisible, '')
    .replace(controls, '')
    .replace(/[∗ˍ∼ˋ]/g, (c) => lookAlikes[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Whether `piece` is shown in `shown`: whole, or cut visibly, i.e. at least its first `minShown`
 * characters followed by an ellipsis. Both arguments are comparable text.
 */
export function isShown(shown: string, piece: string, minShown = 100): boolean {
  if (shown.includes(piece)) return true;
  const head = piece.slice(0, Math.min(piece.length, minShown));
  for (let cut = shown.indexOf('…'); cut >= 0; cut = shown.indexOf('…', cut + 1)) {
    for (let start = shown.indexOf(head); start >= 0 && start < cut; start = shown.indexOf(head, start + 1)) {
      const prefix = shown.slice(start, cut).trimEnd();
      if (prefix.length >= head.length && piece.startsWith(prefix)) return true;
    }
  }
  return false;
}
