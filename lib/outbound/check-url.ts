/**
 * Save-time checks for URLs an admin types (JWKS, IdP metadata, webhooks, export destinations). Client-safe: no
 * node: imports and no DNS, so console forms can run them and saving works offline. The address checks that need DNS
 * happen again, at request time, in outbound-fetch.ts.
 */
import type { OutboundReason } from "./outbound-error";

/** Whether ORGDECK_ALLOW_PRIVATE_URLS is on, which lifts every rule but "http or https". */
export type OutboundUrlOptions = {
  /** Pass `env().ORGDECK_ALLOW_PRIVATE_URLS` on the server; the browser cannot read it, so forms get it as a prop. */
  allowPrivate?: boolean;
};

/** Why a URL may not be saved: the same reason code OutboundError carries, and a message for the admin. */
export type OutboundUrlProblem = { reason: OutboundReason; message: string };

/** Longer URLs are almost certainly pasted by mistake, and they end up in logs and database rows. */
export const MAX_OUTBOUND_URL_LENGTH = 2048;

/** Names that resolve to this machine or to a private network by convention (RFC 6761, ICANN's .internal). */
const RESERVED_SUFFIXES = [".localhost", ".internal"];

/** The host of a parsed URL without IPv6 brackets and trailing dots, lower-cased: the form every check compares. */
export function bareHostname(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.+$/, "").toLowerCase();
}

/**
 * True when the host is an IP address: WHATWG URL already rewrites decimal, octal and hex IPv4 forms to dotted
 * quads and IPv6 to bracketed hex, so these two shapes cover every spelling.
 */
export function isIpLiteralHost(url: URL): boolean {
  return url.hostname.startsWith("[") || /^\d{1,3}(\.\d{1,3}){3}$/.test(url.hostname);
}

/** True for `localhost`, `*.localhost` and `*.internal`, which must never be reached from a URL an admin typed. */
export function isReservedHostname(hostname: string): boolean {
  const host = hostname.replace(/\.+$/, "").toLowerCase();
  return host === "localhost" || RESERVED_SUFFIXES.some((suffix) => host.endsWith(suffix));
}

/** Refuses URLs that are malformed, not https, or name an IP or a reserved host; null when the URL may be saved. */
export function outboundUrlProblem(input: string, options: OutboundUrlOptions = {}): OutboundUrlProblem | null {
  if (input.length > MAX_OUTBOUND_URL_LENGTH) {
    return { reason: "invalid_url", message: `The URL is longer than ${MAX_OUTBOUND_URL_LENGTH} characters.` };
  }
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return { reason: "invalid_url", message: "This is not a valid URL." };
  }
  const allowed = options.allowPrivate ? ["https:", "http:"] : ["https:"];
  if (!allowed.includes(url.protocol)) {
    const wanted = options.allowPrivate ? "https:// or http://" : "https://";
    return { reason: "scheme", message: `The URL must start with ${wanted}.` };
  }
  const host = bareHostname(url);
  if (host === "") return { reason: "invalid_url", message: "The URL has no host name." };
  if (options.allowPrivate) return null;
  if (isIpLiteralHost(url)) {
    return { reason: "ip_literal", message: `Use a host name, not an IP address (${host}).` };
  }
  if (isReservedHostname(host)) {
    return { reason: "reserved_name", message: `${host} is a local or internal name; use a public host name.` };
  }
  return null;
}

/** Save-time check for forms: null when the URL may be saved, else a message saying why not. */
export function checkOutboundUrl(input: string, options: OutboundUrlOptions = {}): string | null {
  return outboundUrlProblem(input, options)?.message ?? null;
}
