import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { withEnv } from "../testing/fixtures";
import { outboundFetch, type OutboundRequestInit } from "./outbound-fetch";
import { OutboundError, type OutboundReason } from "./outbound-error";
import { startTestDns, startTestHttp, type TestDns, type TestHttp } from "./test-servers";

const RECORDS: Record<string, string[]> = {
  "private.example.test": ["10.0.0.1"],
  "mixed.example.test": ["93.184.215.14", "192.168.1.10"],
  "mixed6.example.test": ["93.184.215.14", "fd00::1"],
  "mapped.example.test": ["::ffff:7f00:1"],
  "metadata.example.test": ["169.254.169.254"],
  "cgnat.example.test": ["100.64.0.7"],
  "loopback.example.test": ["127.0.0.1"],
};

let dns: TestDns;
let http: TestHttp;

/** Runs with ORGDECK_ALLOW_PRIVATE_URLS=0 and asserts the request is refused with this reason. */
async function refused(url: string, reason: OutboundReason, message?: RegExp, init: OutboundRequestInit = {}) {
  await withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "0" }, () =>
    assert.rejects(outboundFetch(url, { resolver: dns.resolver, ...init }), (err: unknown) => {
      assert.ok(err instanceof OutboundError, `expected an OutboundError, got ${String(err)}`);
      assert.equal(err.reason, reason, `${url}: ${err.message}`);
      if (message) assert.match(err.message, message);
      return true;
    }),
  );
}

describe("outboundFetch refuses what a URL an admin typed must not reach", () => {
  before(async () => {
    dns = await startTestDns((name) => RECORDS[name]);
    http = await startTestHttp((_req, res) => res.end("reached"));
  });
  after(async () => {
    await dns.close();
    await http.close();
  });

  test("http:, even to a metadata address", async () => {
    await refused("http://169.254.169.254/", "scheme");
    await refused(`http://loopback.example.test:${http.port}/`, "scheme");
  });

  test("IP literals: v4, v6, IPv4-mapped v6 and numeric spellings of 127.0.0.1", async () => {
    for (const url of ["https://127.0.0.1/", "https://[::1]/", "https://[::ffff:127.0.0.1]/", "https://2130706433/", "https://169.254.169.254/"]) {
      await refused(url, "ip_literal");
    }
  });

  test("localhost, *.localhost and *.internal, before any DNS lookup", async () => {
    const before = dns.queries.length;
    for (const url of ["https://localhost/", "https://app.localhost/", "https://metadata.google.internal/"]) {
      await refused(url, "reserved_name");
    }
    assert.equal(dns.queries.length, before);
  });

  test("a name that resolves to a private address, through a real DNS server", async () => {
    await refused("https://private.example.test/jwks", "private_address", /private\.example\.test resolves to 10\.0\.0\.1, a private address/);
  });

  test("names resolving to metadata, CGNAT, loopback and IPv4-mapped loopback addresses", async () => {
    await refused("https://metadata.example.test/", "private_address", /cloud metadata/);
    await refused("https://cgnat.example.test/", "private_address", /carrier-grade NAT/);
    await refused(`https://loopback.example.test:${http.port}/`, "private_address", /loopback/);
    await refused("https://mapped.example.test/", "private_address", /loopback address \(127\.0\.0\.1\)/);
    assert.equal(http.seen.length, 0);
  });

  test("a name with one public and one private address, in either family", async () => {
    await refused("https://mixed.example.test/", "private_address", /192\.168\.1\.10/);
    await refused("https://mixed6.example.test/", "private_address", /fd00::1/);
  });

  test("a name DNS does not know", async () => {
    await refused("https://nowhere.example.test/", "dns", /could not be found/);
  });

  test("DNS that does not answer in time", async () => {
    const stalled = { resolve4: () => new Promise<string[]>(() => {}), resolve6: () => new Promise<string[]>(() => {}) };
    await refused("https://slow.example.test/", "timeout", /did not answer within 0\.2 s/, { resolver: stalled, timeoutMs: 200 });
  });
});
