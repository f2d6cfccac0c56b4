import assert from "node:assert/strict";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { withEnv } from "../testing/fixtures";
import { OutboundError } from "./outbound-error";
import { outboundFetch } from "./outbound-fetch";
import { startTestDns, type TestDns } from "./test-servers";

describe("outboundFetch with keepAlive", () => {
  let dns: TestDns;
  let answer = "127.0.0.1";
  const connections: string[] = [];
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end(`${req.socket.remotePort}`));
  });
  let port = 0;

  before(async () => {
    dns = await startTestDns((name) => (name === "pool.example.test" ? [answer] : undefined));
    server.on("connection", (socket) => connections.push(`${socket.remoteAddress}:${socket.remotePort}`));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(async () => {
    await dns.close();
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  });

  const post = (init: { keepAlive?: boolean } = {}) =>
    withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, () => outboundFetch(`http://pool.example.test:${port}/hook`, { method: "POST", body: "{}", resolver: dns.resolver, ...init }));

  test("requests reuse one connection to the checked address, and a changed DNS answer never reuses it", async () => {
    const first = await post({ keepAlive: true });
    const second = await post({ keepAlive: true });
    assert.equal(first.address, "127.0.0.1");
    assert.equal(second.address, "127.0.0.1");
    assert.equal(second.text(), first.text(), "the same client port: one connection");
    assert.equal(connections.length, 1);

    // Without keepAlive each request connects anew.
    await post();
    assert.equal(connections.length, 2);

    // The name now resolves elsewhere: the pooled socket to 127.0.0.1 was made for another check and is not used; the
    // request connects to the new address (where nothing listens) and fails.
    answer = "127.0.0.2";
    await assert.rejects(post({ keepAlive: true }), (err) => err instanceof OutboundError && err.reason === "network");
    assert.equal(connections.length, 2);

    answer = "127.0.0.1";
    const again = await post({ keepAlive: true });
    assert.equal(again.text(), first.text(), "the pool of the first check is still there for requests that check the same");
  });
});
