import assert from "node:assert/strict";
import { test } from "node:test";
import { generateApiKey, tokenKind } from "./tokens";

test("bearer tokens are told apart by shape: a JWT is an access token, never looked up as a personal API key", () => {
  assert.equal(tokenKind(generateApiKey()), "personal_api_key");
  const jwt = `${Buffer.from('{"alg":"ES256"}').toString("base64url")}.${Buffer.from('{"sub":"x"}').toString("base64url")}.c2ln`;
  assert.equal(tokenKind(jwt), "access_token");
  assert.equal(tokenKind("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0."), "unknown", "an unsigned JWT has no signature part");
  assert.equal(tokenKind(`${jwt}${"a".repeat(5000)}`), "unknown", "an oversized token is not parsed");
  assert.equal(tokenKind("odk_short"), "unknown");
});
