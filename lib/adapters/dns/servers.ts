import { isIP } from "node:net";

const DEFAULT_PORT = 53;

/**
 * `DNS_SERVERS`: a comma-separated list of `host:port` or `host` (port 53), hosts as IP addresses, IPv6 in brackets
 * when a port follows (`[::1]:5353`). Returns the list in the form `Resolver.setServers` takes, or undefined when
 * unset (the system's resolvers). Throws a message naming the bad entry.
 */
export function parseDnsServers(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === "") return undefined;
  const entries = value.split(",").map((s) => s.trim());
  if (entries.some((entry) => entry === "")) throw new Error(`"${value}" has an empty entry`);
  return entries.map(parseServer);
}

function parseServer(entry: string): string {
  if (isIP(entry) === 6) return `[${entry}]:${DEFAULT_PORT}`;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(entry);
  const [host, port] = bracketed ? [bracketed[1], bracketed[2]] : splitIpv4(entry);
  const family = isIP(host);
  if (bracketed ? family !== 6 : family !== 4) {
    throw new Error(`"${entry}" is not an IP address with an optional port (like 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:5353)`);
  }
  const number = port === undefined ? DEFAULT_PORT : Number(port);
  if (port !== undefined && (!/^\d+$/.test(port) || number < 1 || number > 65535)) {
    throw new Error(`"${entry}" has an invalid port (1 to 65535)`);
  }
  return family === 6 ? `[${host}]:${number}` : `${host}:${number}`;
}

function splitIpv4(entry: string): [string, string | undefined] {
  const colon = entry.lastIndexOf(":");
  return colon === -1 ? [entry, undefined] : [entry.slice(0, colon), entry.slice(colon + 1)];
}
