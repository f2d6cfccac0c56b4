/**
 * DNS lookups Orgdeck makes itself (domain verification). The implementation is chosen by the configuration
 * (`DNS_SERVERS`, else the system's resolvers); tests pass a resolver of their own or start a DNS server on 127.0.0.1.
 */
export interface DnsResolver {
  /**
   * The TXT records at `name`, each as its list of strings. An empty list when the name does not exist or has no TXT
   * record; null when no resolver answered in time (or refused), so a caller can tell "not there" from "not known".
   * Never throws.
   */
  txt(name: string): Promise<string[][] | null>;
}

export { dnsResolverFor } from "./resolver";
export { parseDnsServers } from "./servers";
