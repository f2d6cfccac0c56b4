import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { test } from "node:test";
import { signInviteToken, verifyInviteToken } from "./invite-token";
import { signLegalSigningToken, verifyLegalSigningToken } from "./legal-sign-token";

const SECRET = "a server secret of at least thirty-two characters";

test("a signing token names its document, is the same every time, and is refused when forged or altered", () => {
  const id = randomUUID();
  const token = signLegalSigningToken(SECRET, id);
  assert.equal(token, signLegalSigningToken(SECRET, id));
  assert.match(token, /^[\w-]{64}$/);
  assert.equal(verifyLegalSigningToken(SECRET, token), id);
  assert.equal(verifyLegalSigningToken("another secret of at least thirty-two characters", token), null);
  for (let i = 0; i < token.length; i += 7) {
    const altered = token.slice(0, i) + (token[i] === "A" ? "B" : "A") + token.slice(i + 1);
    assert.equal(verifyLegalSigningToken(SECRET, altered), null, `position ${i}`);
  }
  for (const bad of ["", "garbage", token.slice(0, -1), `${token}A`, "A".repeat(64)]) assert.equal(verifyLegalSigningToken(SECRET, bad), null);
});

test("signing tokens and invitation tokens are not interchangeable under one secret", () => {
  const id = randomUUID();
  const invite = signInviteToken(SECRET, id, 1);
  assert.equal(verifyLegalSigningToken(SECRET, invite), null);
  assert.equal(verifyInviteToken(SECRET, signLegalSigningToken(SECRET, id)), null);
});
