import http from "node:http";
import https from "node:https";
import { isIP, type LookupFunction } from "node:net";

/** Idle pooled connections close after this: before the 5 s after which Node servers (and many others) drop them. */
const IDLE_MS = 4_000;
/** Pools kept at once; the least recently made one is closed beyond this. */
const MAX_POOLS = 64;

/** A socket lookup that answers only with the checked addresses, instead of asking DNS again. */
export function pinnedLookup(host: string, addresses: readonly string[]): LookupFunction {
  return (_name, options, callback) => {
    const family = options.family === 4 || options.family === 6 ? options.family : 0;
    const entries = addresses.map((address) => ({ address, family: isIP(address) })).filter((e) => !family || e.family === family);
    if (entries.length === 0) callback(Object.assign(new Error(`${host} has no IPv${family} address`), { code: "ENOTFOUND" }), "");
    else if (options.all) callback(null, entries);
    else callback(null, entries[0].address, entries[0].family);
  };
}

const pools = new Map<string, http.Agent>();

/**
 * A keep-alive pool for one origin AND one set of checked addresses: its sockets were all connected through
 * `pinnedLookup` to one of those addresses, so a request that checked the same set may reuse them, and a request whose
 * check gave other addresses (DNS changed) gets another pool, never a socket to an address it did not check.
 */
export function pinnedAgent(secure: boolean, host: string, port: string, addresses: readonly string[]): http.Agent {
  const key = `${secure ? "https" : "http"}://${host}:${port}|${[...addresses].sort().join(",")}`;
  let agent = pools.get(key);
  if (!agent) {
    const options = { keepAlive: true, timeout: IDLE_MS, lookup: pinnedLookup(host, addresses) };
    agent = secure ? new https.Agent(options) : new http.Agent(options);
    pools.set(key, agent);
    for (const [oldKey, old] of pools) {
      if (pools.size <= MAX_POOLS) break;
      pools.delete(oldKey);
      old.destroy();
    }
  }
  return agent;
}
