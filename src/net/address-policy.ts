/**
 * Which IP addresses the bot may connect to. Users type URLs into chat (`/summary <url>`,
 * `/feeds add <url>`), so by default anything that reaches the bot's own host or network is refused:
 * loopback, private, link-local, carrier-grade NAT, multicast, unspecified, reserved and
 * documentation ranges, in IPv4 and IPv6, including IPv4 addresses embedded in IPv6 ones.
 */
import { isIP } from 'node:net';

/** Thrown when a URL or the address it resolves to is outside the network policy. */
export class NetworkPolicyError extends Error {
  override readonly name = 'NetworkPolicyError';
  constructor(
    readonly target: string,
    readonly reason: string,
    options?: ErrorOptions & { hint?: string },
  ) {
    // An IPv6 address is shown in brackets, as in a URL: "refusing [::]", not "refusing :::".
    const shown = isIP(target) === 6 ? `[${target}]` : target;
    super(`refusing ${shown}: ${reason}${options?.hint === undefined ? '' : `; ${options.hint}`}`, options);
  }
}

export const allowPrivateHint = 'set network.allowPrivateAddresses to allow it';

interface Range4 {
  readonly base: number;
  readonly bits: number;
  readonly reason: string;
}

function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return undefined;
    const n = Number(part);
    if (n > 255) return undefined;
    value = value * 256 + n;
  }
  return value;
}

function range4(cidr: string, reason: string): Range4 {
  const [address = '', bits = '32'] = cidr.split('/');
  const base = parseIpv4(address);
  if (base === undefined) throw new Error(`bad IPv4 range ${cidr}`);
  return { base, bits: Number(bits), reason };
}

const ipv4Ranges: readonly Range4[] = [
  range4('0.0.0.0/8', 'unspecified address'),
  range4('10.0.0.0/8', 'private address'),
  range4('100.64.0.0/10', 'carrier-grade NAT address'),
  range4('127.0.0.0/8', 'loopback address'),
  range4('169.254.0.0/16', 'link-local address'),
  range4('172.16.0.0/12', 'private address'),
  range4('192.0.0.0/24', 'reserved address (IETF protocol assignments)'),
  range4('192.0.2.0/24', 'reserved address (documentation)'),
  range4('192.88.99.0/24', 'reserved address (6to4 relay)'),
  range4('192.168.0.0/16', 'private address'),
  range4('198.18.0.0/15', 'reserved address (benchmarking)'),
  range4('198.51.100.0/24', 'reserved address (documentation)'),
  range4('203.0.113.0/24', 'reserved address (documentation)'),
  range4('224.0.0.0/4', 'multicast address'),
  range4('255.255.255.255/32', 'broadcast address'),
  range4('240.0.0.0/4', 'reserved address'),
];

function classifyIpv4(value: number): string | undefined {
  for (const range of ipv4Ranges) {
    const size = 2 ** (32 - range.bits);
    if (value >= range.base && value < range.base + size) return range.reason;
  }
  return undefined;
}

/** Expands an IPv6 address (zone id allowed, dotted tail allowed) into eight 16-bit groups. */
function parseIpv6(text: string): number[] | undefined {
  let address = text.replace(/^\[|\]$/g, '');
  const zone = address.indexOf('%');
  if (zone >= 0) address = address.slice(0, zone);
  let tail: number[] = [];
  const lastColon = address.lastIndexOf(':');
  const dotted = address.slice(lastColon + 1);
  if (dotted.includes('.')) {
    const v4 = parseIpv4(dotted);
    if (v4 === undefined) return undefined;
    tail = [Math.floor(v4 / 65536), v4 % 65536];
    address = address.slice(0, lastColon + 1) + '0:0';
  }
  const halves = address.split('::');
  if (halves.length > 2) return undefined;
  const toGroups = (part: string): number[] | undefined => {
    if (part === '') return [];
    const groups: number[] = [];
    for (const group of part.split(':')) {
      if (!/^[0-9a-f]{1,4}$/i.test(group)) return undefined;
      groups.push(parseInt(group, 16));
    }
    return groups;
  };
  const head = toGroups(halves[0] ?? '');
  const rest = halves.length === 2 ? toGroups(halves[1] ?? '') : [];
  if (head === undefined || rest === undefined) return undefined;
  const missing = 8 - head.length - rest.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...rest];
  if (tail.length === 2) {
    groups[6] = tail[0] ?? 0;
    groups[7] = tail[1] ?? 0;
  }
  return groups;
}

function embeddedIpv4(high: number, low: number): number {
  return high * 65536 + low;
}

function classifyIpv6(groups: readonly number[]): string | undefined {
  const g = (i: number): number => groups[i] ?? 0;
  const allZeroTo = (end: number): boolean => groups.slice(0, end).every((x) => x === 0);
  if (allZeroTo(8)) return 'unspecified address';
  if (allZeroTo(7) && g(7) === 1) return 'loopback address';
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible, deprecated): judge the IPv4 inside.
  if (allZeroTo(5) && (g(5) === 0xffff || g(5) === 0)) {
    const inner = classifyIpv4(embeddedIpv4(g(6), g(7)));
    return inner === undefined ? undefined : `IPv4-mapped ${inner}`;
  }
  // 64:ff9b::/96 NAT64 well-known prefix embeds an IPv4 address in the last 32 bits.
  if (g(0) === 0x64 && g(1) === 0xff9b && groups.slice(2, 6).every((x) => x === 0)) {
    const inner = classifyIpv4(embeddedIpv4(g(6), g(7)));
    return inner === undefined ? undefined : `NAT64 ${inner}`;
  }
  if (g(0) === 0x64 && g(1) === 0xff9b && g(2) === 1) return 'reserved address (local-use NAT64)';
  // 2002::/16 (6to4) embeds an IPv4 address in bits 16..48.
  if (g(0) === 0x2002) {
    const inner = classifyIpv4(embeddedIpv4(g(1), g(2)));
    return inner === undefined ? undefined : `6to4 ${inner}`;
  }
  if (g(0) === 0x2001 && g(1) === 0) return 'reserved address (Teredo tunnelling)';
  if (g(0) === 0x2001 && g(1) === 0xdb8) return 'reserved address (documentation)';
  if (g(0) === 0x100 && g(1) === 0 && g(2) === 0 && g(3) === 0) return 'reserved address (discard prefix)';
  if ((g(0) & 0xfe00) === 0xfc00) return 'unique local (private) address';
  if ((g(0) & 0xffc0) === 0xfe80) return 'link-local address';
  if ((g(0) & 0xffc0) === 0xfec0) return 'site-local (private) address';
  if ((g(0) & 0xff00) === 0xff00) return 'multicast address';
  return undefined;
}

/** Says why an address is refused, or undefined when it is allowed. */
export type AddressClassifier = (address: string) => string | undefined;

/**
 * Why an IP address is refused by the default policy, or undefined when it is a public unicast
 * address. Text that is not an IP address is refused too ("not an IP address").
 */
export function classifyAddress(address: string): string | undefined {
  const family = isIP(address.replace(/^\[|\]$/g, '').replace(/%.*$/, ''));
  if (family === 4) {
    const value = parseIpv4(address);
    return value === undefined ? 'not an IP address' : classifyIpv4(value);
  }
  if (family === 6) {
    const groups = parseIpv6(address);
    return groups === undefined ? 'not an IP address' : classifyIpv6(groups);
  }
  return 'not an IP address';
}

/** Throws NetworkPolicyError when the address may not be connected to under the policy. */
export function assertAddressAllowed(
  address: string,
  allowPrivateAddresses: boolean,
  subject?: string,
  classify: AddressClassifier = classifyAddress,
): void {
  if (allowPrivateAddresses) return;
  const reason = classify(address);
  if (reason === undefined) return;
  const target = subject === undefined || subject === address ? address : `${subject} (${address})`;
  throw new NetworkPolicyError(target, reason, { hint: allowPrivateHint });
}

/**
 * Checks what can be checked before any connection: the scheme, credentials in the URL, and a
 * literal IP host. Names are checked when they resolve (see http-client.ts).
 */
export function assertUrlAllowed(
  url: URL,
  allowPrivateAddresses: boolean,
  classify: AddressClassifier = classifyAddress,
): void {
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new NetworkPolicyError(
      url.href,
      `the ${url.protocol.replace(/:$/, '')} scheme is not allowed; use http or https`,
    );
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host) !== 0) {
    assertAddressAllowed(host, allowPrivateAddresses, host, classify);
    return;
  }
  if (!allowPrivateAddresses && /^localhost$|\.localhost$/i.test(host.replace(/\.$/, ''))) {
    throw new NetworkPolicyError(host, 'loopback name', { hint: allowPrivateHint });
  }
}
