import { startDnsServer, type TestDnsServer } from "../../lib/testing/dns-server";

/** The port of DNS_SERVERS in the test server's settings (playwright.config.ts). */
export const E2E_DNS_PORT = 3153;

export type { TestDnsServer };

/**
 * The DNS server the test server asks (127.0.0.1:3153, UDP and TCP), for a spec about domain verification:
 * start it in `beforeAll` and stop it in `afterAll`. One port for the whole suite, so only one spec at a time
 * may run it: keep the domain lookups in one spec file.
 */
export function startE2eDnsServer(): Promise<TestDnsServer> {
  return startDnsServer({ port: E2E_DNS_PORT });
}
