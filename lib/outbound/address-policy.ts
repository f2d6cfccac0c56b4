/**
 * Which IP addresses an outbound request may connect to: public unicast only. The ranges follow IANA's IPv4 and IPv6
 * special-purpose registries; anything in them would let an admin-typed URL reach this machine, its network or the
 * cloud's metadata service.
 */
import { BlockList, isIPv4, isIPv6 } from "node:net";

/** Most specific first: the first kind whose ranges hold an address names it in the error message. */
const RANGES: [kind: string, cidrs: string[]][] = [
  ["a cloud metadata address", ["169.254.169.254/32", "100.100.100.200/32", "fd00:ec2::254/128"]],
  ["an unspecified address", ["0.0.0.0/8", "::/128"]],
  ["a loopback address", ["127.0.0.0/8", "::1/128"]],
  ["a private address", ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16"]],
  ["a unique-local (private) address", ["fc00::/7"]],
  ["a shared (carrier-grade NAT) address", ["100.64.0.0/10"]],
  ["a link-local address", ["169.254.0.0/16", "fe80::/10"]],
  ["a multicast address", ["224.0.0.0/4", "ff00::/8"]],
  ["a reserved or broadcast address", ["240.0.0.0/4"]],
  ["a documentation address", ["192.0.2.0/24", "198.51.100.0/24", "203.0.113.0/24", "2001:db8::/32", "3fff::/20"]],
  // IETF protocol assignments, the deprecated 6to4 relay, benchmarking, Teredo/ORCHID, local-use NAT64, SRv6.
  [
    "a reserved address",
    ["192.0.0.0/24", "192.88.99.0/24", "198.18.0.0/15", "2001::/23", "64:ff9b:1::/48", "5f00::/16", "fec0::/10"],
  ],
];

const LISTS = RANGES.map(([kind, cidrs]) => {
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [network, prefix] = cidr.split("/");
    list.addSubnet(network, Number(prefix), isIPv4(network) ? "ipv4" : "ipv6");
  }
  return { kind, list };
});

/** Global unicast IPv6 lives in 2000::/3; everything outside it that no range above names is reserved. */
const GLOBAL_UNICAST_V6 = new BlockList();
GLOBAL_UNICAST_V6.addSubnet("2000::", 3, "ipv6");

function ipv6Groups(ip: string): number[] {
  let text = ip;
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const fill = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...fill, ...right].map((group) => parseInt(group, 16));
}

/**
 * The IPv4 address carried inside an IPv6 one (IPv4-mapped, SIIT-translated, NAT64 64:ff9b::/96, 6to4), because
 * connecting to it reaches that IPv4 host; null when there is none.
 */
export function embeddedIPv4(ip: string): string | null {
  const g = ipv6Groups(ip);
  const quad = (hi: number, lo: number) => [hi >> 8, hi & 0xff, lo >> 8, lo & 0xff].join(".");
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && g[5] === 0xffff) return quad(g[6], g[7]);
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return quad(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return quad(g[6], g[7]);
  if (g[0] === 0x2002) return quad(g[1], g[2]);
  return null;
}

function kindOf(ip: string, type: "ipv4" | "ipv6"): string | null {
  return LISTS.find(({ list }) => list.check(ip, type))?.kind ?? null;
}

/** Names why an address must not be connected to (loopback, private, metadata, …); null for public unicast. */
export function blockedAddressKind(address: string): string | null {
  const ip = address.replace(/%.*$/, "");
  if (isIPv4(ip)) return kindOf(ip, "ipv4");
  if (!isIPv6(ip)) return "not an IP address";
  const inner = embeddedIPv4(ip);
  if (inner) {
    const kind = kindOf(inner, "ipv4");
    return kind && `${kind} (${inner})`;
  }
  return kindOf(ip, "ipv6") ?? (GLOBAL_UNICAST_V6.check(ip, "ipv6") ? null : "a reserved address");
}
