import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { blockedAddressKind, embeddedIPv4 } from "./address-policy";

describe("blockedAddressKind", () => {
  test("public unicast addresses pass, including public IPv4 inside IPv6", () => {
    for (const ip of ["8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8", "64:ff9b::808:808"]) {
      assert.equal(blockedAddressKind(ip), null, ip);
    }
  });

  test("each special-purpose IPv4 range is named", () => {
    const cases: [string, RegExp][] = [
      ["169.254.169.254", /cloud metadata/],
      ["100.100.100.200", /cloud metadata/],
      ["0.0.0.0", /unspecified/],
      ["127.0.0.1", /loopback/],
      ["127.255.255.254", /loopback/],
      ["10.0.0.1", /private/],
      ["172.16.0.1", /private/],
      ["172.31.255.255", /private/],
      ["192.168.1.1", /private/],
      ["100.64.0.1", /carrier-grade NAT/],
      ["100.127.255.255", /carrier-grade NAT/],
      ["169.254.1.1", /link-local/],
      ["224.0.0.1", /multicast/],
      ["239.255.255.250", /multicast/],
      ["255.255.255.255", /broadcast/],
      ["240.0.0.1", /reserved/],
      ["192.0.2.1", /documentation/],
      ["198.18.0.1", /reserved/],
      ["192.0.0.170", /reserved/],
    ];
    for (const [ip, kind] of cases) assert.match(blockedAddressKind(ip) ?? "allowed", kind, ip);
  });

  test("each special-purpose IPv6 range is named, and anything outside 2000::/3 is reserved", () => {
    const cases: [string, RegExp][] = [
      ["fd00:ec2::254", /cloud metadata/],
      ["::", /unspecified/],
      ["::1", /loopback/],
      ["fc00::1", /unique-local/],
      ["fd12:3456::1", /unique-local/],
      ["fe80::1", /link-local/],
      ["fe80::1%eth0", /link-local/],
      ["febf::1", /link-local/],
      ["ff02::1", /multicast/],
      ["2001:db8::1", /documentation/],
      ["2001::1", /reserved/],
      ["100::1", /reserved/],
      ["::7f00:1", /reserved/],
      ["4000::1", /reserved/],
    ];
    for (const [ip, kind] of cases) assert.match(blockedAddressKind(ip) ?? "allowed", kind, ip);
  });

  test("IPv4 carried in IPv6 (mapped, SIIT, NAT64, 6to4) is judged as that IPv4 address", () => {
    const cases: [string, RegExp][] = [
      ["::ffff:127.0.0.1", /loopback address \(127\.0\.0\.1\)/],
      ["::ffff:7f00:1", /loopback/],
      ["::ffff:a00:1", /private address \(10\.0\.0\.1\)/],
      ["::ffff:169.254.169.254", /cloud metadata/],
      ["::ffff:0:c0a8:101", /private address \(192\.168\.1\.1\)/],
      ["64:ff9b::a9fe:a9fe", /cloud metadata/],
      ["2002:7f00:1::1", /loopback/],
      ["::ffff:0.0.0.0", /unspecified/],
    ];
    for (const [ip, kind] of cases) assert.match(blockedAddressKind(ip) ?? "allowed", kind, ip);
  });

  test("embeddedIPv4 finds the IPv4 address only where one is carried", () => {
    assert.equal(embeddedIPv4("::ffff:c0a8:101"), "192.168.1.1");
    assert.equal(embeddedIPv4("2002:c000:204::"), "192.0.2.4");
    assert.equal(embeddedIPv4("2606:4700::1111"), null);
    assert.equal(embeddedIPv4("::1"), null);
  });

  test("something that is not an address is never allowed", () => {
    assert.notEqual(blockedAddressKind("example.com"), null);
  });
});
