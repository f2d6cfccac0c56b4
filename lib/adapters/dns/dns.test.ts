import assert from "node:assert/strict";
import { promises as dns } from "node:dns";
import { after, before, beforeEach, describe, test } from "node:test";
import { env } from "../../env";
import { createAdapters } from "../index";
import { closedDnsPort, startDnsServer, startSilentDnsServer, type TestDnsServer } from "../../testing/dns-server";
import { dnsResolverFor, parseDnsServers } from "./index";

const CHALLENGE = "_orgdeck-challenge.example.test";

describe("dnsResolverFor against a DNS server", () => {
  let server: TestDnsServer;
  before(async () => void (server = await startDnsServer()));
  after(async () => server.stop());
  beforeEach(() => server.clear());
  const lookup = (name: string) => dnsResolverFor([server.address]).txt(name);

  test("every TXT record at the name, each as its strings", async () => {
    server.setTxt(CHALLENGE, [["orgdeck-verify=abc123"], ["v=spf1 ", "include:example.test ~all"], ["other"]]);
    const records = await lookup(CHALLENGE);
    assert.deepEqual(
      records?.map((r) => r.join("|")).sort(),
      ["orgdeck-verify=abc123", "other", "v=spf1 |include:example.test ~all"],
    );
  });

  test("single-string records; the name matches whatever its case", async () => {
    server.setTxt(CHALLENGE, ["first", "second"]);
    const records = await lookup("_Orgdeck-Challenge.Example.TEST");
    assert.deepEqual(records?.sort(), [["first"], ["second"]]);
  });

  test("a wrong value comes back as it is", async () => {
    server.setTxt(CHALLENGE, ["orgdeck-verify=not-the-token"]);
    assert.deepEqual(await lookup(CHALLENGE), [["orgdeck-verify=not-the-token"]]);
  });

  test("a name with no TXT record: an empty list", async () => {
    server.setTxt("elsewhere.example.test", ["x"]);
    assert.deepEqual(await lookup(CHALLENGE), []);
  });

  test("a name that does not exist (NXDOMAIN): an empty list", async () => {
    server.setNxdomain(CHALLENGE);
    assert.deepEqual(await lookup(CHALLENGE), []);
  });

  test("lookups do not share answers: a changed record is seen at once", async () => {
    server.setTxt(CHALLENGE, ["before"]);
    const resolver = dnsResolverFor([server.address]);
    assert.deepEqual(await resolver.txt(CHALLENGE), [["before"]]);
    server.setTxt(CHALLENGE, ["after"]);
    assert.deepEqual(await resolver.txt(CHALLENGE), [["after"]]);
  });
});

describe("several servers", () => {
  test("a refused first server: the next one answers", async () => {
    const server = await startDnsServer();
    try {
      server.setTxt(CHALLENGE, ["token"]);
      const refused = `127.0.0.1:${await closedDnsPort()}`;
      assert.deepEqual(await dnsResolverFor([refused, server.address]).txt(CHALLENGE), [["token"]]);
    } finally {
      await server.stop();
    }
  });

  test("a silent first server: the next one answers before the deadline", async () => {
    const [server, silent] = await Promise.all([startDnsServer(), startSilentDnsServer()]);
    try {
      server.setTxt(CHALLENGE, ["token"]);
      assert.deepEqual(await dnsResolverFor([silent.address, server.address]).txt(CHALLENGE), [["token"]]);
    } finally {
      await Promise.all([server.stop(), silent.stop()]);
    }
  });
});

describe("createAdapters", () => {
  test("looks up TXT records through the servers DNS_SERVERS names", async () => {
    const server = await startDnsServer();
    try {
      server.setTxt(CHALLENGE, ["through the adapters"]);
      const adapters = createAdapters({ ...env(), DNS_SERVERS: parseDnsServers(server.address) });
      assert.deepEqual(await adapters.dns.txt(CHALLENGE), [["through the adapters"]]);
    } finally {
      await server.stop();
    }
  });
});

describe("dnsResolverFor when no answer comes", () => {
  test("a silent resolver: null at the deadline, after waiting", async () => {
    const silent = await startSilentDnsServer();
    try {
      const started = performance.now();
      const records = await dnsResolverFor([silent.address]).txt(CHALLENGE);
      const elapsed = performance.now() - started;
      assert.equal(records, null);
      assert.ok(silent.questions() >= 1, "the question reached the silent server");
      assert.ok(elapsed >= 1000, `waited for an answer (${Math.round(elapsed)} ms)`);
      assert.ok(elapsed < 5000, `gave up within the deadline (${Math.round(elapsed)} ms)`);
    } finally {
      await silent.stop();
    }
  });

  test("a refused port: null at once", async () => {
    const port = await closedDnsPort();
    const started = performance.now();
    const records = await dnsResolverFor([`127.0.0.1:${port}`]).txt(CHALLENGE);
    const elapsed = performance.now() - started;
    assert.equal(records, null);
    assert.ok(elapsed < 1000, `answered without waiting (${Math.round(elapsed)} ms)`);
  });
});

describe("parseDnsServers (DNS_SERVERS)", () => {
  test("unset or blank: the system's resolvers", () => {
    assert.equal(parseDnsServers(undefined), undefined);
    assert.equal(parseDnsServers("  "), undefined);
  });

  test("host:port and host (port 53), comma-separated, spaces ignored", () => {
    assert.deepEqual(parseDnsServers("127.0.0.1:3153"), ["127.0.0.1:3153"]);
    assert.deepEqual(parseDnsServers("192.0.2.1, 192.0.2.2:5353"), ["192.0.2.1:53", "192.0.2.2:5353"]);
  });

  test("IPv6 in brackets, with or without a port; a bare IPv6 address is port 53", () => {
    assert.deepEqual(parseDnsServers("[::1]:5353,[2001:db8::53]"), ["[::1]:5353", "[2001:db8::53]:53"]);
    assert.deepEqual(parseDnsServers("2001:db8::53"), ["[2001:db8::53]:53"]);
  });

  test("the resolver takes the parsed list as it is", () => {
    const servers = parseDnsServers("192.0.2.1, 192.0.2.2:5353, [::1]:5353, 2001:db8::53") ?? [];
    const resolver = new dns.Resolver();
    resolver.setServers(servers);
    assert.deepEqual(resolver.getServers(), ["192.0.2.1", "192.0.2.2:5353", "[::1]:5353", "2001:db8::53"]);
  });

  for (const [value, message] of [
    ["dns.example.test", /"dns\.example\.test" is not an IP address/],
    ["192.0.2.1:0", /"192\.0\.2\.1:0" has an invalid port/],
    ["192.0.2.1:65536", /invalid port/],
    ["192.0.2.1:abc", /invalid port/],
    ["[192.0.2.1]:53", /is not an IP address/],
    ["[::1:5353", /is not an IP address/],
    ["192.0.2.1,,192.0.2.2", /empty entry/],
    ["999.0.0.1", /is not an IP address/],
  ] as const) {
    test(`refuses ${JSON.stringify(value)}`, () => assert.throws(() => parseDnsServers(value), message));
  }
});
