import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { withEnv } from "../testing/fixtures";
import { checkDestination, outboundFetch, type OutboundRequestInit } from "./outbound-fetch";
import { OutboundError } from "./outbound-error";
import { startTestDns, startTestHttp, type TestDns, type TestHttp } from "./test-servers";

const ADDRESS_REASONS = ["scheme", "ip_literal", "reserved_name", "private_address"];

/** With ORGDECK_ALLOW_PRIVATE_URLS=1: the request may still fail to connect, but never on an address rule. */
async function passesAddressChecks(url: string, init: OutboundRequestInit = {}) {
  try {
    await withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, () => outboundFetch(url, init));
  } catch (err) {
    assert.ok(err instanceof OutboundError, `expected an OutboundError, got ${String(err)}`);
    assert.ok(!ADDRESS_REASONS.includes(err.reason), `${url} refused: ${err.reason} (${err.message})`);
    return err.reason;
  }
  return "fetched";
}

describe("outboundFetch with ORGDECK_ALLOW_PRIVATE_URLS=1", () => {
  let dns: TestDns;
  let http: TestHttp;
  let rebindAnswers = 0;

  before(async () => {
    dns = await startTestDns((name) => {
      if (name === "private.example.test") return ["10.0.0.1"];
      // Answers 127.0.0.1 once, then an address nothing listens on: a second lookup would make the request fail.
      if (name === "hooks.example.test") return rebindAnswers++ === 0 ? ["127.0.0.1"] : ["127.0.0.2"];
      return undefined;
    });
    http = await startTestHttp((_req, res) => res.end("reached"));
  });
  after(async () => {
    await dns.close();
    await http.close();
  });

  test("an http:// IP literal on loopback is really fetched", async () => {
    const res = await withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, () => outboundFetch(`http://127.0.0.1:${http.port}/hello?x=1`));
    assert.equal(res.status, 200);
    assert.equal(res.text(), "reached");
    assert.equal(res.address, "127.0.0.1");
    assert.deepEqual(http.seen.at(-1), { method: "GET", url: "/hello?x=1", host: `127.0.0.1:${http.port}`, localAddress: "127.0.0.1", body: "" });
  });

  test("a name resolving to 127.0.0.1 through the test DNS is fetched from the checked address, with one lookup", async () => {
    const res = await withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, () =>
      outboundFetch(`http://hooks.example.test:${http.port}/jwks`, { resolver: dns.resolver }),
    );
    assert.equal(res.status, 200);
    assert.equal(res.address, "127.0.0.1");
    const seen = http.seen.at(-1);
    assert.equal(seen?.host, `hooks.example.test:${http.port}`, "Host keeps the name");
    assert.equal(seen?.localAddress, "127.0.0.1");
    assert.deepEqual(dns.queries.filter((q) => q.startsWith("hooks.")).sort(), ["hooks.example.test A", "hooks.example.test AAAA"]);
  });

  test("the URLs refused without the flag pass the address checks", async () => {
    // Loopback is really connected to: a TLS handshake against the plain HTTP server fails only once connected.
    assert.equal(await passesAddressChecks(`https://127.0.0.1:${http.port}/`), "network");
    await passesAddressChecks(`https://[::1]:${http.port}/`, { connectTimeoutMs: 300, timeoutMs: 600 });
    // Addresses off loopback are only checked, never connected to: tests reach nothing but 127.0.0.1.
    const allowed = (url: string) => withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, () => checkDestination(url, { resolver: dns.resolver }));
    assert.deepEqual((await allowed("http://169.254.169.254/")).addresses, ["169.254.169.254"]);
    assert.deepEqual((await allowed("https://private.example.test/")).addresses, ["10.0.0.1"]);
  });

  test("localhost is allowed and resolved by the system resolver", async () => {
    assert.equal(await passesAddressChecks(`http://localhost:${http.port}/`), "fetched");
  });

  test("other schemes stay refused", async () => {
    await withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, () =>
      assert.rejects(outboundFetch(`ftp://127.0.0.1:${http.port}/`), (err) => err instanceof OutboundError && err.reason === "scheme"),
    );
  });
});
