import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { decodeJwt, decodeProtectedHeader } from "jose";
import { getDb } from "../../../db/client";
import { env } from "../../env";
import { AppError } from "../../errors";
import { callAt, expectAppError, makeOrganization, sessionOf, withEnv } from "../../testing/fixtures";
import { authenticateAccessToken } from "./caller";
import { clientCredentialsGrant, narrowScope, type TokenRequest } from "./client-credentials";
import { createServiceAccount, deleteServiceAccount, rotateServiceAccountSecret, updateServiceAccount } from "./manage";

const T0 = new Date("2031-03-01T10:00:00Z");
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
let address = 0;

async function account(permissions = ["org.directory.get", "org.directory.list", "org.roles.list"]) {
  const { org, owner } = await makeOrganization();
  const created = await callAt(createServiceAccount, sessionOf(owner), { name: "Deploy bot", permissions }, org.id, T0);
  return { org, owner, created };
}

/** A request from an address of its own, so the failure limit of one test never meets another's. */
const request = (clientId: string, clientSecret: string, extra: Partial<TokenRequest> = {}): TokenRequest => ({
  grantType: "client_credentials",
  clientId,
  clientSecret,
  scope: null,
  address: `192.0.2.${++address}`,
  ...extra,
});

const grant = async (req: TokenRequest, now: Date) => clientCredentialsGrant(await getDb(), req, now);
const oauthCode = (code: string) => (err: unknown) => err instanceof AppError && err.body.code === code;

describe("the client-credentials grant", () => {
  test("scope narrows the account's permissions; asking for one it lacks is invalid_scope", () => {
    const held = ["org.directory.get", "org.roles.list"];
    assert.deepEqual(narrowScope(held, null), held);
    assert.deepEqual(narrowScope(held, "  "), held);
    assert.deepEqual(narrowScope(held, "org.roles.list org.roles.list"), ["org.roles.list"]);
    assert.throws(() => narrowScope(held, "org.roles.list org.directory.delete"), oauthCode("invalid_scope"));
    assert.throws(() => narrowScope(held, "openid"), oauthCode("invalid_scope"));
  });

  test("a token is an RFC 9068 JWT for the account, and authenticates it as a service_account caller until it expires", async () => {
    const { org, created } = await account();
    const res = await grant(request(created.client_id, created.client_secret, { scope: "org.directory.get" }), T0);
    assert.deepEqual({ ...res, access_token: "…" }, { access_token: "…", token_type: "Bearer", expires_in: 3600, scope: "org.directory.get" });
    const header = decodeProtectedHeader(res.access_token);
    assert.equal(header.alg, "ES256");
    assert.equal(header.typ, "at+jwt");
    assert.equal(typeof header.kid, "string");
    const claims = decodeJwt(res.access_token);
    assert.deepEqual(Object.keys(claims).sort(), ["aud", "client_id", "exp", "iat", "iss", "jti", "organization_id", "scope", "sub"]);
    assert.equal(claims.iss, env().SITE_URL);
    assert.equal(claims.aud, `${env().SITE_URL}/directory`);
    assert.equal(claims.sub, created.id);
    assert.equal(claims.client_id, created.client_id);
    assert.equal(claims.organization_id, org.id);
    assert.equal(claims.iat, T0.getTime() / 1000);
    assert.equal(claims.exp, T0.getTime() / 1000 + 3600);

    const db = await getDb();
    const principal = await authenticateAccessToken(db, res.access_token, { now: at(3599) });
    assert.deepEqual(principal, {
      kind: "service_account",
      user: null,
      organizationId: org.id,
      serviceAccount: { id: created.id, name: "Deploy bot", clientId: created.client_id, permissions: ["org.directory.get"] },
    });
    await expectAppError(authenticateAccessToken(db, res.access_token, { now: at(3600) }), 401, "authentication_failed");
    await expectAppError(authenticateAccessToken(db, res.access_token, { now: at(-60) }), 401, "authentication_failed");
    const [h, p, s] = res.access_token.split(".");
    const tampered = `${h}.${Buffer.from(JSON.stringify({ ...claims, scope: "org.directory.delete" })).toString("base64url")}.${s}`;
    await expectAppError(authenticateAccessToken(db, tampered, { now: at(10) }), 401, "authentication_failed");
    assert.ok(p);
  });

  test("a shorter configured lifetime shortens the token; a permission taken from the account leaves its tokens at once", async () => {
    const { org, owner, created } = await account();
    const res = await withEnv({ ORGDECK_OAUTH_TOKEN_LIFETIME: "600" }, () => grant(request(created.client_id, created.client_secret), T0));
    assert.equal(res.expires_in, 600);
    assert.equal(res.scope, "org.directory.get org.directory.list org.roles.list");
    const db = await getDb();
    await expectAppError(authenticateAccessToken(db, res.access_token, { now: at(600) }), 401, "authentication_failed");
    await callAt(updateServiceAccount, sessionOf(owner), { id: created.id, permissions: ["org.roles.list"] }, org.id, at(1));
    const principal = await authenticateAccessToken(db, res.access_token, { now: at(2) });
    assert.deepEqual(principal.kind === "service_account" && principal.serviceAccount.permissions, ["org.roles.list"]);
  });

  test("wrong secrets and unknown clients are invalid_client; other grants are unsupported_grant_type", async () => {
    const { created } = await account();
    await assert.rejects(grant(request(created.client_id, "odsa_wrong"), T0), oauthCode("invalid_client"));
    await assert.rejects(grant(request("odsa_client_nobody", created.client_secret), T0), oauthCode("invalid_client"));
    await assert.rejects(grant(request(created.client_id, created.client_secret, { grantType: "password" }), T0), oauthCode("unsupported_grant_type"));
  });

  test("after a rotation the previous secret works for the overlap window, then not; the new one works throughout", async () => {
    const { org, owner, created } = await account();
    const rotated = await callAt(rotateServiceAccountSecret, sessionOf(owner), { id: created.id }, org.id, at(0));
    assert.match(rotated.client_secret, /^odsa_[A-Za-z0-9_-]{43}$/);
    assert.notEqual(rotated.client_secret, created.client_secret);
    const overlap = env().ORGDECK_SERVICE_ACCOUNT_SECRET_OVERLAP;
    assert.equal(overlap, 86_400);
    assert.ok(await grant(request(created.client_id, created.client_secret), at(overlap - 1)));
    await assert.rejects(grant(request(created.client_id, created.client_secret), at(overlap)), oauthCode("invalid_client"));
    assert.ok(await grant(request(created.client_id, rotated.client_secret), at(overlap + 10)));

    // A second rotation ends the first secret's overlap at once: only the one just replaced overlaps.
    const again = await callAt(rotateServiceAccountSecret, sessionOf(owner), { id: created.id }, org.id, at(10));
    await assert.rejects(grant(request(created.client_id, created.client_secret), at(11)), oauthCode("invalid_client"));
    assert.ok(await grant(request(created.client_id, rotated.client_secret), at(11)));
    assert.ok(await grant(request(created.client_id, again.client_secret), at(11)));
  });

  test("a disabled or deleted account's tokens are refused at once, and it gets no new ones", async () => {
    const { org, owner, created } = await account();
    const db = await getDb();
    const { access_token } = await grant(request(created.client_id, created.client_secret), T0);
    await callAt(updateServiceAccount, sessionOf(owner), { id: created.id, is_active: false }, org.id, at(1));
    await expectAppError(authenticateAccessToken(db, access_token, { now: at(2) }), 401, "authentication_failed", { detail: "This service account is disabled or no longer exists." });
    await assert.rejects(grant(request(created.client_id, created.client_secret), at(3)), oauthCode("unauthorized_client"));
    await callAt(updateServiceAccount, sessionOf(owner), { id: created.id, is_active: true }, org.id, at(4));
    const second = await grant(request(created.client_id, created.client_secret), at(5));
    assert.equal((await authenticateAccessToken(db, second.access_token, { now: at(6) })).kind, "service_account");
    await callAt(deleteServiceAccount, sessionOf(owner), { id: created.id }, org.id, at(7));
    await expectAppError(authenticateAccessToken(db, second.access_token, { now: at(8) }), 401, "authentication_failed");
    await assert.rejects(grant(request(created.client_id, created.client_secret), at(9)), oauthCode("invalid_client"));
  });

  test("failed client authentication is limited per client id: over the limit even the right secret is refused until the window ends", async () => {
    const { created } = await account();
    await withEnv({ RATE_LIMIT_OAUTH_FAILURES_PER_MINUTE: "3" }, async () => {
      const minute = new Date("2031-03-01T11:00:00Z");
      for (let i = 0; i < 3; i++) await assert.rejects(grant(request(created.client_id, "odsa_wrong"), minute), oauthCode("invalid_client"));
      await assert.rejects(grant(request(created.client_id, "odsa_wrong"), minute), oauthCode("throttled"));
      await assert.rejects(grant(request(created.client_id, created.client_secret), minute), oauthCode("throttled"));
      assert.ok(await grant(request(created.client_id, created.client_secret), new Date(minute.getTime() + 60_000)));
    });
  });
});
