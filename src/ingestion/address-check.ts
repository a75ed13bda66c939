// Which addresses a fetch must not reach unless the user allows private ones: loopback, private,
// link-local, carrier-grade NAT, multicast, reserved and documentation ranges, and every IPv6 form
// that carries an IPv4 address inside it, judged by the IPv4 address it carries (issue 14:
// [::127.0.0.1] and the NAT64, 6to4 and site-local ranges passed the old check). Pure functions
// on address strings; the fetcher calls them on the very address it then connects to.
import { isIPv4, isIPv6 } from "node:net";

/** IPv4 ranges as [first octets, prefix length]; RFC 6890's special-purpose registry. */
const PRIVATE_V4: [string, number][] = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8],
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8],
  ["169.254.0.0", 16], // link-local, cloud metadata services
  ["172.16.0.0", 12],
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16],
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, and the broadcast address
];

/** IPv6 ranges refused whole, as [prefix, length]. */
const PRIVATE_V6: [string, number][] = [
  ["::", 96], // unspecified, loopback, and the deprecated IPv4-compatible ::a.b.c.d
  ["64:ff9b:1::", 48], // local-use NAT64 (RFC 8215)
  ["100::", 64], // discard-only
  ["2001::", 23], // IETF protocol assignments, Teredo (2001::/32) among them: the IPv4 inside is obscured
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated, still routed by some stacks)
  ["ff00::", 8], // multicast
];

function v4Number(address: string): number {
  return address.split(".").reduce((n, part) => n * 256 + Number(part), 0);
}

const V4_RANGES = PRIVATE_V4.map(([net, prefix]) => ({ net: v4Number(net), prefix }));

function privateV4(n: number): boolean {
  return V4_RANGES.some(
    ({ net, prefix }) => Math.floor(n / 2 ** (32 - prefix)) === Math.floor(net / 2 ** (32 - prefix)),
  );
}

/** An IPv6 address as 8 groups of 16 bits, dotted IPv4 tails and "::" expanded; null if malformed. */
export function ipv6Groups(address: string): number[] | null {
  let text = address.toLowerCase();
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    if (!isIPv4(dotted[1]!)) return null;
    const n = v4Number(dotted[1]!);
    text = `${text.slice(0, dotted.index)}${Math.floor(n / 65536).toString(16)}:${(n % 65536).toString(16)}`;
  }
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string) => (part ? part.split(":").map((g) => Number.parseInt(g, 16)) : []);
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...new Array(halves.length === 2 ? missing : 0).fill(0), ...tail];
  return groups.every((g) => Number.isInteger(g) && g >= 0 && g <= 0xffff) ? groups : null;
}

function inV6Range(groups: number[], prefix: number[], length: number): boolean {
  for (let bit = 0; bit < length; bit += 16) {
    const take = Math.min(16, length - bit);
    const shift = 16 - take;
    if (groups[bit / 16]! >> shift !== prefix[bit / 16]! >> shift) return false;
  }
  return true;
}

const V6_RANGES = PRIVATE_V6.map(([net, length]) => ({ prefix: ipv6Groups(net)!, length }));

/** The IPv4 address an IPv6 address carries and delivers to, if it is one of the forms that do. */
export function embeddedIPv4(groups: number[]): number | null {
  const [a, b, c, d, e, f, g, h] = groups as [number, number, number, number, number, number, number, number];
  const v4 = (hi: number, lo: number) => hi * 65536 + lo;
  // ::ffff:a.b.c.d, IPv4-mapped
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0xffff) return v4(g, h);
  // ::ffff:0:a.b.c.d, IPv4-translated (SIIT)
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0xffff && f === 0) return v4(g, h);
  // 64:ff9b::a.b.c.d, the well-known NAT64 prefix
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return v4(g, h);
  // 2002:aabb:ccdd::/48, 6to4: the relay delivers to aa.bb.cc.dd
  if (a === 0x2002) return v4(b, c);
  return null;
}

/** Whether an address (IPv4, or IPv6 in any spelling, with or without brackets or a zone) is
 * one a fetch may reach only with --allow-private. Anything that is not an address is refused. */
export function isPrivateAddress(address: string): boolean {
  const bare = address.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  if (isIPv4(bare)) return privateV4(v4Number(bare));
  if (!isIPv6(bare)) return true;
  const groups = ipv6Groups(bare);
  if (!groups) return true;
  const inner = embeddedIPv4(groups);
  if (inner !== null) return privateV4(inner);
  return V6_RANGES.some(({ prefix, length }) => inV6Range(groups, prefix, length));
}
