import assert from "node:assert/strict";
import { test } from "node:test";
import { contentSecurityPolicy, newNonce, setSecurityHeaders } from "./security-headers";

test("every response gets nosniff, a referrer policy and no framing; HSTS only on an https site", () => {
  const plain = new Headers();
  setSecurityHeaders(plain, "http://localhost:3000");
  assert.equal(plain.get("x-content-type-options"), "nosniff");
  assert.equal(plain.get("referrer-policy"), "strict-origin-when-cross-origin");
  assert.equal(plain.get("x-frame-options"), "DENY");
  assert.equal(plain.get("strict-transport-security"), null);
  const secure = new Headers();
  setSecurityHeaders(secure, "https://orgdeck.example.com");
  assert.equal(secure.get("strict-transport-security"), "max-age=31536000; includeSubDomains");
});

test("the pages' policy carries the nonce and lets forms reach the identity provider", () => {
  const nonce = newNonce();
  assert.notEqual(nonce, newNonce());
  assert.match(nonce, /^[A-Za-z0-9+/]{22}==$/);
  const csp = contentSecurityPolicy(nonce, ["https://idp.example.com"]);
  assert.match(csp, new RegExp(`script-src 'self' 'nonce-${nonce.replace(/[+/]/g, "\\$&")}' 'strict-dynamic'`));
  assert.match(csp, /form-action 'self' https:\/\/idp\.example\.com/);
  for (const d of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "img-src 'self' data: https:"]) {
    assert.ok(csp.includes(d), d);
  }
});
