import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, test } from "node:test";
import { checkOutboundUrl, isReservedHostname, MAX_OUTBOUND_URL_LENGTH, outboundUrlProblem } from "./check-url";
import { outboundUrlSchema } from "./url-schema";

const reasonOf = (url: string, allowPrivate = false) => outboundUrlProblem(url, { allowPrivate })?.reason ?? null;

describe("checkOutboundUrl (save time, no DNS)", () => {
  test("accepts https URLs with public-looking host names, ports, paths and IDNs", () => {
    for (const url of [
      "https://idp.example.com/.well-known/jwks.json",
      "https://hooks.example.com:8443/in?token=abc",
      "https://bücher.example/export",
      "https://internal.example.com/",
      "https://mylocalhost.com/",
      "https://example.com./",
    ]) {
      assert.equal(checkOutboundUrl(url), null, url);
    }
  });

  test("refuses what is not a URL, or too long", () => {
    for (const url of ["", "not a url", "https://", "//example.com/", "https://exa mple.com/", "https://./"]) {
      assert.equal(reasonOf(url), "invalid_url", url);
    }
    assert.equal(reasonOf(`https://example.com/${"a".repeat(MAX_OUTBOUND_URL_LENGTH)}`), "invalid_url");
  });

  test("refuses every scheme but https", () => {
    for (const url of ["http://example.com/", "http://169.254.169.254/", "ftp://example.com/", "javascript:alert(1)", "file:///etc/passwd"]) {
      assert.equal(reasonOf(url), "scheme", url);
    }
    assert.equal(checkOutboundUrl("http://example.com/"), "The URL must start with https://.");
  });

  test("refuses IP literals in every spelling WHATWG URL normalises", () => {
    for (const url of [
      "https://127.0.0.1/",
      "https://8.8.8.8/",
      "https://[::1]/",
      "https://[::ffff:127.0.0.1]/",
      "https://[::ffff:7f00:1]:8443/",
      "https://[fd00:ec2::254]/",
      "https://2130706433/",
      "https://0x7f.1/",
      "https://0177.0.0.1/",
      "https://0/",
      "https://169.254.169.254/latest/meta-data/",
    ]) {
      assert.equal(reasonOf(url), "ip_literal", url);
    }
    assert.match(checkOutboundUrl("https://0x7f.1/") ?? "", /127\.0\.0\.1/);
  });

  test("refuses localhost, *.localhost and *.internal, whatever the case or trailing dot", () => {
    for (const url of [
      "https://localhost/",
      "https://LOCALHOST./",
      "https://api.localhost:3000/",
      "https://metadata.google.internal/computeMetadata/v1/",
      "https://Billing.Corp.Internal./",
    ]) {
      assert.equal(reasonOf(url), "reserved_name", url);
    }
    assert.equal(isReservedHostname("localhost.example.com"), false);
    assert.equal(isReservedHostname("internal"), false);
  });

  test("allowPrivate lifts the https, IP-literal and name rules but still needs http(s)", () => {
    for (const url of ["http://127.0.0.1:8080/", "http://localhost/", "https://[::1]/", "http://169.254.169.254/", "https://x.internal/"]) {
      assert.equal(reasonOf(url, true), null, url);
    }
    assert.equal(reasonOf("ftp://127.0.0.1/", true), "scheme");
    assert.equal(checkOutboundUrl("ftp://127.0.0.1/", { allowPrivate: true }), "The URL must start with https:// or http://.");
  });

  test("outboundUrlSchema trims, accepts good URLs and reports the check's message", () => {
    assert.equal(outboundUrlSchema().parse("  https://idp.example.com/jwks  "), "https://idp.example.com/jwks");
    const result = outboundUrlSchema().safeParse("https://127.0.0.1/");
    assert.equal(result.success, false);
    assert.equal(result.error?.issues[0].message, "Use a host name, not an IP address (127.0.0.1).");
    assert.equal(outboundUrlSchema({ allowPrivate: true }).safeParse("http://127.0.0.1/").success, true);
  });

  test("the save-time files stay client-safe: they import only zod and each other", () => {
    for (const file of ["check-url.ts", "url-schema.ts", "outbound-error.ts"]) {
      const sources = [...readFileSync(new URL(file, import.meta.url), "utf8").matchAll(/from "([^"]+)"/g)].map((m) => m[1]);
      for (const source of sources) assert.ok(["zod", "./check-url", "./outbound-error"].includes(source), `${file} imports ${source}`);
    }
  });
});
