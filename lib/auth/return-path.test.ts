import assert from "node:assert/strict";
import { test } from "node:test";
import { safeReturnPath } from "./return-path";

const SITE = "http://localhost:3000";

test("paths that leave the site fall back to the default page", () => {
  const bad = [
    "/\\evil.example",
    "\\\\evil.example",
    "/\\/evil.example",
    "/\t/evil.example",
    "/\n/evil.example",
    "//evil.example",
    "///evil.example",
    "https:evil.example",
    "https://evil.example/x",
    "http://localhost:3001/",
    "https://localhost:3000/",
    "http://localhost:3000@evil.example/",
    "javascript:alert(1)",
    "data:text/html,hi",
    " //evil.example",
  ];
  for (const value of bad) assert.equal(safeReturnPath(value, SITE), "/", JSON.stringify(value));
  assert.equal(safeReturnPath("//evil.example", SITE, "/signin"), "/signin");
});

test("non-strings and empty values fall back", () => {
  for (const value of [undefined, null, 1, {}, ""]) assert.equal(safeReturnPath(value, SITE), "/");
});

test("paths on the site are kept, as paths", () => {
  assert.equal(safeReturnPath("/", SITE), "/");
  assert.equal(safeReturnPath("/organizations/abc/settings?tab=1#x", SITE), "/organizations/abc/settings?tab=1#x");
  assert.equal(safeReturnPath("/invites/tok?accept=1", SITE), "/invites/tok?accept=1");
  assert.equal(safeReturnPath("account/profile", SITE), "/account/profile");
  assert.equal(safeReturnPath("http://localhost:3000/account", SITE), "/account");
  assert.equal(safeReturnPath("/%5Cevil.example", SITE), "/%5Cevil.example");
  // Same scheme as the site: a relative path on the site, as a browser reads it too.
  assert.equal(safeReturnPath("http:evil.example", SITE), "/evil.example");
});

test("a same-origin absolute URL whose path starts with // comes back as a single-slash path", () => {
  assert.equal(safeReturnPath("http://localhost:3000//evil.example/x", SITE), "/evil.example/x");
});

test("a site under https with a path prefix compares origins only", () => {
  assert.equal(safeReturnPath("/a", "https://orgdeck.example.com"), "/a");
  assert.equal(safeReturnPath("http://orgdeck.example.com/a", "https://orgdeck.example.com"), "/");
});
