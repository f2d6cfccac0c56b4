import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { offSiteRequestPath } from "./canonical-host";
import { parseTrustedProxies } from "./client-address";

const SITE = "http://localhost:3000";
const request = (url: string, headers: Record<string, string>) => ({ url, headers: new Headers(headers) });

describe("pages off SITE_URL's address", () => {
  test("a page reached under another host names its path and query, to be opened on SITE_URL", () => {
    const none = parseTrustedProxies(undefined);
    assert.equal(offSiteRequestPath(request("http://localhost:3000/signin?next=%2Fa", { host: "127.0.0.1:3000" }), SITE, none), "/signin?next=%2Fa");
    assert.equal(offSiteRequestPath(request("http://x/", { host: "LOCALHOST:3000" }), SITE, none), null);
    assert.equal(offSiteRequestPath(request("http://x/a", { host: "localhost:3001" }), SITE, none), "/a");
  });

  test("behind declared proxies the forwarded host counts, and without one nothing moves", () => {
    const one = parseTrustedProxies("1");
    const site = "https://console.example.com";
    assert.equal(offSiteRequestPath(request("http://app:3000/x", { host: "app:3000", "x-forwarded-host": "console.example.com" }), site, one), null);
    assert.equal(offSiteRequestPath(request("http://app:3000/x", { host: "app:3000" }), site, one), null);
    assert.equal(offSiteRequestPath(request("http://app:3000/x?y=1", { host: "app:3000", "x-forwarded-host": "10.0.0.5, other" }), site, one), "/x?y=1");
  });
});
