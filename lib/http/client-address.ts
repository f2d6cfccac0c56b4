import { BlockList, isIP } from "node:net";

/**
 * Which proxies stand between the clients and this server: none (the socket's peer is the client), a number of hops
 * (the peer and the `X-Forwarded-For` entries they appended), or the networks the proxies live in.
 */
export type TrustedProxies = { kind: "none" } | { kind: "hops"; count: number } | { kind: "networks"; list: BlockList };

/** Parses TRUSTED_PROXIES: a count of proxy hops (`1`), or a comma-separated list of addresses and CIDRs. */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  if (value === undefined || value.trim() === "" || value.trim() === "0") return { kind: "none" };
  if (/^\d+$/.test(value.trim())) return { kind: "hops", count: Number(value.trim()) };
  const list = new BlockList();
  for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [address, bits] = entry.split("/");
    const family = isIP(address);
    if (family === 0) throw new Error(`"${entry}" is neither a number of hops nor an address or CIDR`);
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === undefined) {
      list.addAddress(address, type);
      continue;
    }
    const prefix = Number(bits);
    if (!/^\d+$/.test(bits) || prefix > (family === 4 ? 32 : 128)) throw new Error(`"${entry}" has an invalid prefix length`);
    list.addSubnet(address, prefix, type);
  }
  return { kind: "networks", list };
}

/** `::ffff:127.0.0.1` (an IPv4 peer on a dual-stack socket) is `127.0.0.1`. */
function normalize(address: string) {
  const trimmed = address.trim().replace(/^\[(.*)\]$/, "$1");
  return trimmed.startsWith("::ffff:") && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

function isTrusted(list: BlockList, address: string) {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
}

/**
 * The client's address: the socket's peer, unless trusted proxies say which `X-Forwarded-For` entry to believe. Each
 * proxy appends the address it received from, so the chain is read from the right, past the trusted hops only; a
 * client's own `X-Forwarded-For` is never believed beyond that.
 */
export function clientAddress(peer: string, forwardedFor: string | null, trusted: TrustedProxies): string {
  const chain = [normalize(peer)];
  if (trusted.kind === "none") return chain[0];
  const forwarded = (forwardedFor ?? "").split(",").map(normalize).filter(Boolean);
  chain.push(...forwarded.reverse());
  if (trusted.kind === "hops") return chain[Math.min(trusted.count, chain.length - 1)];
  let i = 0;
  while (i < chain.length - 1 && isTrusted(trusted.list, chain[i])) i++;
  return chain[i];
}

/**
 * The socket's peer address, stamped on every request by the server (a client sending this header has it replaced):
 * Next.js only fills `X-Forwarded-For` from the socket when the client sent none, so it cannot tell the two apart.
 */
export const PEER_HEADER = "x-orgdeck-peer";
