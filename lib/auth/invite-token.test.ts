import assert from "node:assert/strict";
import { randomBytes, randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { signInviteToken, verifyInviteToken } from "./invite-token";

const SECRET = "s".repeat(43);
const id = randomUUID();

describe("invite tokens: signed, never stored", () => {
  test("a signed token verifies to its invite id and version", () => {
    const token = signInviteToken(SECRET, id, 1);
    assert.match(token, /^[\w-]+$/);
    assert.deepEqual(verifyInviteToken(SECRET, token), { inviteId: id, version: 1 });
    assert.deepEqual(verifyInviteToken(SECRET, signInviteToken(SECRET, id, 7)), { inviteId: id, version: 7 });
  });

  test("the token is the id, the version and an HMAC: nothing stored, deterministic, different per id and version", () => {
    const token = signInviteToken(SECRET, id, 1);
    assert.equal(signInviteToken(SECRET, id, 1), token);
    assert.notEqual(signInviteToken(SECRET, id, 2), token);
    assert.notEqual(signInviteToken(SECRET, randomUUID(), 1), token);
    const raw = Buffer.from(token, "base64url");
    assert.equal(raw.length, 16 + 4 + 32);
    assert.equal(raw.subarray(0, 16).toString("hex"), id.replace(/-/g, ""));
    assert.equal(raw.readUInt32BE(16), 1);
  });

  test("changing any single byte of the token makes it invalid", () => {
    const raw = Buffer.from(signInviteToken(SECRET, id, 1), "base64url");
    for (let i = 0; i < raw.length; i++) {
      for (const flip of [0x01, 0x80]) {
        const forged = Buffer.from(raw);
        forged[i] ^= flip;
        assert.equal(verifyInviteToken(SECRET, forged.toString("base64url")), null, `byte ${i} ^ ${flip}`);
      }
    }
  });

  test("changing any character of the text (but the last, whose low bits carry no data) makes it invalid", () => {
    const token = signInviteToken(SECRET, id, 1);
    for (let i = 0; i < token.length - 1; i++) {
      const replacement = token[i] === "A" ? "B" : "A";
      const forged = token.slice(0, i) + replacement + token.slice(i + 1);
      assert.equal(verifyInviteToken(SECRET, forged), null, `character ${i}`);
    }
  });

  test("another secret, a truncated, extended, empty or garbage token, and a token for another id are refused", () => {
    const token = signInviteToken(SECRET, id, 1);
    assert.equal(verifyInviteToken("another secret that is long enough!!", token), null);
    assert.equal(verifyInviteToken(SECRET, token.slice(0, -2)), null);
    assert.equal(verifyInviteToken(SECRET, `${token}AA`), null);
    assert.equal(verifyInviteToken(SECRET, ""), null);
    assert.equal(verifyInviteToken(SECRET, "x".repeat(70)), null);
    assert.equal(verifyInviteToken(SECRET, `${token.slice(0, 60)}!${token.slice(61)}`), null);
    assert.equal(verifyInviteToken(SECRET, randomBytes(52).toString("base64url")), null);
    // Someone else's MAC grafted onto this id.
    const other = Buffer.from(signInviteToken(SECRET, randomUUID(), 1), "base64url");
    const graft = Buffer.concat([Buffer.from(token, "base64url").subarray(0, 20), other.subarray(20)]);
    assert.equal(verifyInviteToken(SECRET, graft.toString("base64url")), null);
  });
});
