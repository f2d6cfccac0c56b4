import { promises as dns } from "node:dns";
import type { DnsResolver } from "./index";

/** Each try waits this long for an answer (c-ares doubles it on the retry). */
const TRY_TIMEOUT_MS = 1500;
const TRIES = 2;
/** However many servers and retries, a lookup gives up (null) after this long. */
const DEADLINE_MS = 4000;

/** Answers that mean the name has no TXT record: it does not exist, or has no record of that type. */
const NOT_THERE = new Set(["ENOTFOUND", "ENODATA"]);

/**
 * TXT lookups through c-ares against `servers` (`host:port` as `parseDnsServers` returns them), or the system's
 * resolvers when undefined. Each lookup has its own Resolver, so cancelling one at its deadline leaves the others.
 */
export function dnsResolverFor(servers: string[] | undefined, deadlineMs = DEADLINE_MS): DnsResolver {
  return {
    async txt(name) {
      let timer: NodeJS.Timeout | undefined;
      try {
        const resolver = new dns.Resolver({ timeout: TRY_TIMEOUT_MS, tries: TRIES });
        if (servers) resolver.setServers(servers);
        timer = setTimeout(() => resolver.cancel(), deadlineMs);
        return await resolver.resolveTxt(name);
      } catch (err) {
        return NOT_THERE.has((err as { code?: string }).code ?? "") ? [] : null;
      } finally {
        clearTimeout(timer);
      }
    },
  };
}
