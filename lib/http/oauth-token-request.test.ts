import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { AppError } from "../errors";
import { basicCredentials, parseTokenRequest } from "./oauth-token-request";

const FORM = "application/x-www-form-urlencoded";
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

function oauthError(fn: () => unknown, code: string, detail?: RegExp) {
  assert.throws(fn, (err: unknown) => {
    assert.ok(err instanceof AppError);
    assert.equal(err.body.code, code);
    if (detail) assert.match(err.detail, detail);
    return true;
  });
}

describe("token request parsing", () => {
  test("Basic credentials are form-urlencoded before base64: a ':' or a space in the id or secret survives", () => {
    assert.deepEqual(basicCredentials(basic("odsa_client_abc", "odsa_s3cret")), { clientId: "odsa_client_abc", clientSecret: "odsa_s3cret" });
    assert.deepEqual(basicCredentials(basic("my%3Aclient", "p%40ss+word%3Amore")), { clientId: "my:client", clientSecret: "p@ss word:more" });
    assert.deepEqual(basicCredentials(basic("caf%C3%A9", "x")), { clientId: "café", clientSecret: "x" });
    assert.deepEqual(basicCredentials(`basic   ${Buffer.from("a:b").toString("base64")}`), { clientId: "a", clientSecret: "b" });
    assert.equal(basicCredentials(null), null);
    assert.equal(basicCredentials("Bearer abc"), null);
    oauthError(() => basicCredentials("Basic !!!"), "invalid_client", /base64/);
    oauthError(() => basicCredentials(`Basic ${Buffer.from("no-colon").toString("base64")}`), "invalid_client", /':'/);
    oauthError(() => basicCredentials(basic("bad%zzescape", "x")), "invalid_client", /percent-escape/);
    oauthError(() => basicCredentials(basic("", "x")), "invalid_client", /no client id/);
  });

  test("a request authenticates the client one way only, names its grant once, and is a form", () => {
    const viaForm = parseTokenRequest(FORM, null, "grant_type=client_credentials&client_id=abc&client_secret=s%2Bt&scope=org.directory.get+org.roles.list");
    assert.deepEqual(viaForm, { clientId: "abc", clientSecret: "s+t", viaBasic: false, grantType: "client_credentials", scope: "org.directory.get org.roles.list" });
    const viaBasic = parseTokenRequest(`${FORM}; charset=utf-8`, basic("abc", "s"), "grant_type=client_credentials");
    assert.deepEqual(viaBasic, { clientId: "abc", clientSecret: "s", viaBasic: true, grantType: "client_credentials", scope: null });
    assert.equal(parseTokenRequest(FORM, basic("abc", "s"), "grant_type=client_credentials&client_id=abc").clientId, "abc");

    oauthError(() => parseTokenRequest(FORM, basic("abc", "s"), "grant_type=client_credentials&client_secret=s"), "invalid_request", /one way/);
    oauthError(() => parseTokenRequest(FORM, basic("abc", "s"), "grant_type=client_credentials&client_id=other"), "invalid_request", /not the one/);
    oauthError(() => parseTokenRequest("application/json", null, '{"grant_type":"client_credentials"}'), "invalid_request", /x-www-form-urlencoded/);
    oauthError(() => parseTokenRequest(null, null, "grant_type=client_credentials"), "invalid_request");
    oauthError(() => parseTokenRequest(FORM, null, "client_id=a&client_secret=b"), "invalid_request", /grant_type/);
    oauthError(() => parseTokenRequest(FORM, null, "grant_type=client_credentials&grant_type=password&client_id=a&client_secret=b"), "invalid_request", /repeated/);
    oauthError(() => parseTokenRequest(FORM, null, "grant_type=client_credentials"), "invalid_client");
    oauthError(() => parseTokenRequest(FORM, null, "grant_type=client_credentials&client_id=a"), "invalid_client");
    // Any grant is read here; which ones are supported is the grant's own rule.
    assert.equal(parseTokenRequest(FORM, null, "grant_type=password&client_id=a&client_secret=b").grantType, "password");
  });
});
