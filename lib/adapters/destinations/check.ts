/** Save-time checks of destinations; client-safe, so the console form runs them too. */
import { outboundUrlProblem, type OutboundUrlOptions } from "../../outbound/check-url";
import type { BatchExportDestination } from "../../schemas/batch-export-destinations";

/** A host as the authority of a URL: IPv6 literals in brackets. */
export const urlHost = (host: string) => (host.includes(":") && !host.startsWith("[") ? `[${host}]` : host);

/**
 * Save-time rule for a bare host name (a Postgres host): the same rules as an outbound URL's host (no IP literal, no
 * local or internal name unless private addresses are allowed); null when it may be saved.
 */
export function hostProblem(host: string, options: OutboundUrlOptions = {}): string | null {
  if (!host || /[\s/?#@\\]/.test(host)) return "Enter a host name, without a scheme, path or port.";
  let url: URL;
  try {
    url = new URL(`https://${urlHost(host)}/`);
  } catch {
    return "Enter a valid host name.";
  }
  if (url.port) return "Enter the port in its own field.";
  return outboundUrlProblem(url.href, options)?.message ?? null;
}

/**
 * Save-time rule for a destination: its URL (HTTP url, S3 endpoint_url) or host (Postgres) passes the outbound rules
 * (https, no IP literal or local name unless private addresses are allowed); null when it may be saved, else why not.
 * Client-safe (no DNS): the addresses are checked again at every connection.
 */
export function destinationProblem(destination: BatchExportDestination, options: OutboundUrlOptions = {}): string | null {
  switch (destination.type) {
    case "HTTP":
      return outboundUrlProblem(destination.config.url, options)?.message ?? null;
    case "S3": {
      const endpoint = destination.config.endpoint_url;
      if (!endpoint) return null;
      const problem = outboundUrlProblem(endpoint, options)?.message;
      if (problem) return `endpoint_url: ${problem}`;
      const url = new URL(endpoint);
      return url.pathname !== "/" || url.search || url.username ? "endpoint_url: Enter only the scheme, host and port." : null;
    }
    case "Postgres": {
      const problem = hostProblem(destination.config.host, options);
      return problem && `host: ${problem}`;
    }
  }
}
