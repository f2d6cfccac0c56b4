import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { clientAddress, parseTrustedProxies } from "./client-address";

describe("client address", () => {
  it("is the socket's peer without trusted proxies, whatever X-Forwarded-For claims", () => {
    const none = parseTrustedProxies(undefined);
    assert.equal(clientAddress("203.0.113.9", "198.51.100.1", none), "203.0.113.9");
    assert.equal(clientAddress("::ffff:127.0.0.1", "1.2.3.4", none), "127.0.0.1");
    assert.equal(clientAddress("10.0.0.1", null, parseTrustedProxies("0")), "10.0.0.1");
  });

  it("with a count of hops, believes that many entries from the right and no more", () => {
    const one = parseTrustedProxies("1");
    assert.equal(clientAddress("10.0.0.2", "198.51.100.7", one), "198.51.100.7");
    // A client that sends its own X-Forwarded-For only prepends to the chain the proxy appends to.
    assert.equal(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7", one), "198.51.100.7");
    assert.equal(clientAddress("10.0.0.2", "6.6.6.6, 198.51.100.7, 10.0.0.3", parseTrustedProxies("2")), "198.51.100.7");
    assert.equal(clientAddress("10.0.0.2", null, one), "10.0.0.2");
  });

  it("with networks, skips trusted proxies from the right and stops at the first other address", () => {
    const nets = parseTrustedProxies("10.0.0.0/8, fd00::/8, 192.0.2.1");
    assert.equal(clientAddress("10.1.2.3", "6.6.6.6, 198.51.100.7, 192.0.2.1", nets), "198.51.100.7");
    assert.equal(clientAddress("203.0.113.9", "198.51.100.7", nets), "203.0.113.9");
    assert.equal(clientAddress("fd00::1", "2001:db8::5", nets), "2001:db8::5");
    assert.equal(clientAddress("10.0.0.1", "10.0.0.2", nets), "10.0.0.2");
  });

  it("refuses a setting that is neither hops nor networks", () => {
    assert.throws(() => parseTrustedProxies("proxy.example"), /neither a number of hops/);
    assert.throws(() => parseTrustedProxies("10.0.0.0/40"), /prefix length/);
  });
});
