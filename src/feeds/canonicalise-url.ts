/**
 * Canonical article URLs, so the same story reached through different campaign links is stored
 * once: relative links resolved, only http(s) kept, fragment dropped, tracking parameters removed.
 */

const trackingParameters = new Set([
  'fbclid',
  'gclid',
  'gclsrc',
  'dclid',
  'msclkid',
  'yclid',
  'twclid',
  'igshid',
  'mc_cid',
  'mc_eid',
  'mkt_tok',
  '_hsenc',
  '_hsmi',
  'hsctatracking',
  'oly_enc_id',
  'oly_anon_id',
  'vero_id',
  'vero_conv',
  'wt.mc_id',
  'wt_mc_id',
  'ncid',
  'ocid',
  'cmpid',
  'sr_share',
  'at_medium',
  'at_campaign',
  'at_custom1',
  'at_custom2',
  'at_custom3',
  'at_custom4',
  'smid',
  'ref_src',
  'ref_url',
  'spm',
  'cvid',
  'rss',
  'ito',
  'xtor',
]);

function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return (
    lower.startsWith('utm_') ||
    lower.startsWith('pk_') ||
    lower.startsWith('mtm_') ||
    trackingParameters.has(lower)
  );
}

/**
 * Resolves `raw` against `base` and returns the canonical form, or undefined when it is no web URL.
 * `keepFragment` keeps the "#…" part: for entries whose only distinguishing mark is an anchor in a
 * shared page (one page per day, one anchor per post).
 */
export function canonicaliseUrl(
  raw: string | undefined,
  base?: string,
  options?: { readonly keepFragment?: boolean },
): string | undefined {
  if (raw === undefined) return undefined;
  const trimmed = raw.trim();
  if (trimmed === '') return undefined;
  let url: URL;
  try {
    url = base === undefined ? new URL(trimmed) : new URL(trimmed, base);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (options?.keepFragment !== true || url.hash === '#') url.hash = '';
  if (url.search !== '') {
    for (const name of [...url.searchParams.keys()]) {
      if (isTrackingParameter(name)) url.searchParams.delete(name);
    }
    if (url.searchParams.size === 0) url.search = '';
  }
  return url.href;
}

/** Resolves a possibly relative URL without canonicalising it (feed links, enclosure links). */
export function resolveUrl(raw: string | undefined, base?: string): string | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  try {
    const url = base === undefined ? new URL(raw.trim()) : new URL(raw.trim(), base);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}
