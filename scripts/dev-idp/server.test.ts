import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { isLoopbackHost, startDevIdp, type DevIdp } from "./server";

async function freePort() {
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** A raw request to the provider with exactly this Host header (fetch would not let us choose it). */
function get(port: number, path: string, host: string) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path, headers: { host }, agent: false }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

describe("the development identity provider", () => {
  let idp: DevIdp;
  let port: number;
  before(async () => {
    port = await freePort();
    idp = await startDevIdp({ port, dataDir: null, redirectUri: "http://localhost:3000/api/auth/callback/oidc", postLogoutUri: "http://localhost:3000/signin" });
  });
  after(() => idp.close());

  test("answers requests addressed to a loopback host", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, "localhost", `[::1]:${port}`]) {
      const res = await get(port, "/.well-known/openid-configuration", host);
      assert.equal(res.status, 200, host);
    }
  });

  test("refuses any other Host before oidc-provider sees the request", async () => {
    for (const host of ["evil.example", `orgdeck.example.com:${port}`, "127.0.0.1.nip.io", "10.0.0.1", "[::2]"]) {
      const res = await get(port, "/.well-known/openid-configuration", host);
      assert.equal(res.status, 403, host);
      assert.doesNotMatch(res.body, /issuer/);
    }
  });
});

test("isLoopbackHost reads the name with or without a port", () => {
  assert.equal(isLoopbackHost("LOCALHOST:1"), true);
  assert.equal(isLoopbackHost("127.1.2.3"), true);
  assert.equal(isLoopbackHost(undefined), false);
  assert.equal(isLoopbackHost("localhost:1@evil"), false);
  assert.equal(isLoopbackHost("localhost.evil.example"), false);
});
