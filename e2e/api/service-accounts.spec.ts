import { randomBytes } from "node:crypto";
import { createLocalJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet } from "jose";
import { expect, test, type APIRequestContext, type APIResponse } from "./recording";
import { bearer, cli, cliFailure, makeOrganization } from "../support/cli";
import { E, err, expectError, expectOk, isoDate, SITE_URL, uuidRe } from "./helpers";

const accounts = (orgId: string, rest = "") => `/api/organizations/${orgId}/service_accounts/${rest}`;
const FIELDS = ["client_id", "created_at", "id", "is_active", "last_used_at", "name", "permissions"];
const DIRECTORY_READ = ["org.directory.get", "org.directory.list", "org.roles.list"];

/** Each test's token requests come from an address of its own (the server trusts one proxy), so failure limits stay apart. */
const fromAddress = () => ({ "X-Forwarded-For": `198.51.100.${1 + (randomBytes(1)[0] % 250)}` });
const basic = (id: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}` });

type Account = { id: string; client_id: string; client_secret: string; permissions: string[] };

function tokenRequest(request: APIRequestContext, form: Record<string, string>, headers: Record<string, string> = {}) {
  return request.post("/oauth/token", { form, headers: { ...fromAddress(), ...headers } });
}

async function tokenFor(request: APIRequestContext, account: Pick<Account, "client_id" | "client_secret">, scope?: string) {
  const res = await tokenRequest(request, { grant_type: "client_credentials", ...(scope && { scope }) }, basic(account.client_id, account.client_secret));
  expect(res.headers()["cache-control"]).toBe("no-store");
  return (await expectOk(res)) as { access_token: string; token_type: string; expires_in: number; scope: string };
}

async function oauthError(res: APIResponse, status: number, error: string) {
  const body = (await res.json()) as { error: string; error_description: string };
  expect({ status: res.status(), error: body.error, described: typeof body.error_description }).toEqual({ status, error, described: "string" });
  expect(res.headers()["cache-control"]).toBe("no-store");
  return res;
}

const machineRefused = E.denied();
const tokenRefused = err("authentication_error", "authentication_failed", "This service account is disabled or no longer exists.");

test.describe("service accounts and the client-credentials grant over HTTP", () => {
  test("an admin creates one over REST; its token is an RFC 9068 JWT that the published JWKS verifies; /api refuses the account cleanly", async ({ request }) => {
    const { org, members: [admin] } = await makeOrganization([8]);
    const created = await expectOk(
      await request.post(accounts(org.id), { headers: bearer(admin.key), data: { name: "Directory sync", permissions: DIRECTORY_READ, is_active: false } }),
      201,
    );
    expect(created).toEqual({
      id: expect.stringMatching(uuidRe),
      name: "Directory sync",
      client_id: expect.stringMatching(/^odsa_client_[A-Za-z0-9_-]{22}$/),
      client_secret: expect.stringMatching(/^odsa_[A-Za-z0-9_-]{43}$/),
      permissions: DIRECTORY_READ,
      is_active: true,
      created_at: expect.stringMatching(isoDate),
      last_used_at: null,
    });

    const metadata = await expectOk(await request.get("/.well-known/oauth-authorization-server"));
    expect(metadata).toEqual({
      issuer: SITE_URL,
      token_endpoint: `${SITE_URL}/oauth/token`,
      jwks_uri: `${SITE_URL}/.well-known/jwks.json`,
      grant_types_supported: ["client_credentials"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post"],
      scopes_supported: expect.arrayContaining([...DIRECTORY_READ, "org.directory.delete", "org.directory.members.delete"]),
      response_types_supported: [],
    });
    expect(metadata.scopes_supported).toHaveLength(8);

    const token = await tokenFor(request, created, "org.directory.get org.roles.list");
    expect(token).toEqual({ access_token: expect.any(String), token_type: "Bearer", expires_in: 3600, scope: "org.directory.get org.roles.list" });
    const jwksRes = await request.get(metadata.jwks_uri);
    expect(jwksRes.headers()["cache-control"]).toBe("public, max-age=300");
    const keySet = (await expectOk(jwksRes)) as JSONWebKeySet;
    expect(keySet.keys.length).toBeGreaterThan(0);
    for (const key of keySet.keys) expect(key).not.toHaveProperty("d");
    const { payload, protectedHeader } = await jwtVerify(token.access_token, createLocalJWKSet(keySet), {
      issuer: SITE_URL,
      audience: `${SITE_URL}/directory`,
      typ: "at+jwt",
      algorithms: ["ES256"],
    });
    expect(protectedHeader.kid).toEqual(expect.any(String));
    expect(payload).toEqual({
      iss: SITE_URL,
      sub: created.id,
      aud: `${SITE_URL}/directory`,
      client_id: created.client_id,
      organization_id: org.id,
      scope: "org.directory.get org.roles.list",
      iat: expect.any(Number),
      exp: (payload.iat as number) + 3600,
      jti: expect.stringMatching(uuidRe),
    });

    // Authenticated, but no /api operation accepts a service account: 403 in the error body, never a 500 or a 401.
    const asAccount = bearer(token.access_token);
    await expectError(await request.get(`/api/organizations/${org.id}/`, { headers: asAccount }), 403, machineRefused);
    await expectError(await request.get(accounts(org.id), { headers: asAccount }), 403, machineRefused);
    await expectError(await request.get("/api/users/@me/", { headers: asAccount }), 403, machineRefused);
    await expectError(await request.get(accounts(org.id, `${created.id}/`), { headers: asAccount }), 403, machineRefused);
    // A forged or broken token is simply not valid.
    const [h, , s] = token.access_token.split(".");
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...decodeJwt(token.access_token), scope: "org.directory.delete" })).toString("base64url")}.${s}`;
    await expectError(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(forged) }), 401, err("authentication_error", "authentication_failed", "The access token is not valid."));

    const listed = await expectOk(await request.get(accounts(org.id), { headers: bearer(admin.key) }));
    expect(listed.count).toBe(1);
    expect(Object.keys(listed.results[0]).sort()).toEqual(FIELDS);
    expect(listed.results[0].last_used_at).toEqual(expect.stringMatching(isoDate));
  });

  test("the admin CLI creates one; client_secret_post with scope narrowing; the token endpoint's errors follow RFC 6749 §5.2", async ({ request }) => {
    const { org } = await makeOrganization();
    const made = await cli<Account>("service-account", "create", "--org", org.id, "--name", "CLI bot", "--permissions", "org.directory.get,org.directory.delete");
    expect(Object.keys(made).sort()).toEqual(["client_id", "client_secret", "id", "permissions"]);
    expect(made.permissions).toEqual(["org.directory.get", "org.directory.delete"]);

    const post = await expectOk(await tokenRequest(request, { grant_type: "client_credentials", client_id: made.client_id, client_secret: made.client_secret, scope: "org.directory.delete" }));
    expect(post.scope).toBe("org.directory.delete");
    const all = await tokenFor(request, made);
    expect(all.scope).toBe("org.directory.get org.directory.delete");

    const wrong = await oauthError(await tokenRequest(request, { grant_type: "client_credentials" }, basic(made.client_id, "odsa_wrong")), 401, "invalid_client");
    expect(wrong.headers()["www-authenticate"]).toMatch(/^Basic /);
    await oauthError(await tokenRequest(request, { grant_type: "client_credentials", client_id: made.client_id, client_secret: "odsa_wrong" }), 401, "invalid_client");
    await oauthError(await tokenRequest(request, { grant_type: "client_credentials" }), 401, "invalid_client");
    await oauthError(await tokenRequest(request, { grant_type: "password", username: "a", password: "b" }, basic(made.client_id, made.client_secret)), 400, "unsupported_grant_type");
    await oauthError(await tokenRequest(request, { grant_type: "client_credentials", scope: "org.directory.get org.roles.list" }, basic(made.client_id, made.client_secret)), 400, "invalid_scope");
    await oauthError(await tokenRequest(request, { grant_type: "client_credentials", client_secret: made.client_secret }, basic(made.client_id, made.client_secret)), 400, "invalid_request");
    await oauthError(await tokenRequest(request, { client_id: made.client_id, client_secret: made.client_secret }), 400, "invalid_request");
    const json = await request.post("/oauth/token", { data: { grant_type: "client_credentials" }, headers: { ...fromAddress(), ...basic(made.client_id, made.client_secret) } });
    await oauthError(json, 400, "invalid_request");
    const get = await request.get("/oauth/token");
    expect(get.status()).toBe(405);
    expect(get.headers().allow).toBe("POST");

    const bad = await cliFailure("service-account", "create", "--org", org.id, "--name", "Bad", "--permissions", "org.directory.get,root");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^invalid_input: "root" is not a directory permission\..* \(permissions\)\n$/);
  });

  test("failed client authentication is limited per client id: past the limit, even the right secret answers 429 slow_down", async ({ request }) => {
    const { org } = await makeOrganization();
    const made = await cli<Account>("service-account", "create", "--org", org.id, "--name", "Target", "--permissions", "org.roles.list");
    const wrong = () => tokenRequest(request, { grant_type: "client_credentials" }, basic(made.client_id, "odsa_guess"));
    // The server's limit is the default, 20 a minute; a window that turns over mid-test would only delay the 429.
    let res = await wrong();
    for (let i = 0; i < 40 && res.status() === 401; i++) res = await wrong();
    await oauthError(res, 429, "slow_down");
    expect(Number(res.headers()["retry-after"])).toBeGreaterThan(0);
    await oauthError(await tokenRequest(request, { grant_type: "client_credentials" }, basic(made.client_id, made.client_secret)), 429, "slow_down");
  });

  test("a disabled or deleted account is refused at once: its live token stops working and it gets no new one", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const created: Account = await expectOk(await request.post(accounts(org.id), { headers: bearer(ownerKey), data: { name: "Bot", permissions: ["org.directory.get"] } }), 201);
    const { access_token } = await tokenFor(request, created);
    const orgPath = `/api/organizations/${org.id}/`;
    await expectError(await request.get(orgPath, { headers: bearer(access_token) }), 403, machineRefused);

    const disabled = await expectOk(await request.patch(accounts(org.id, `${created.id}/`), { headers: bearer(ownerKey), data: { is_active: false } }));
    expect(disabled.is_active).toBe(false);
    await expectError(await request.get(orgPath, { headers: bearer(access_token) }), 401, tokenRefused);
    await oauthError(await tokenRequest(request, { grant_type: "client_credentials" }, basic(created.client_id, created.client_secret)), 400, "unauthorized_client");

    await expectOk(await request.patch(accounts(org.id, `${created.id}/`), { headers: bearer(ownerKey), data: { is_active: true } }));
    const fresh = await tokenFor(request, created);
    await expectError(await request.get(orgPath, { headers: bearer(fresh.access_token) }), 403, machineRefused);
    await expectOk(await request.delete(accounts(org.id, `${created.id}/`), { headers: bearer(ownerKey) }), 204);
    await expectError(await request.get(orgPath, { headers: bearer(fresh.access_token) }), 401, tokenRefused);
    await oauthError(await tokenRequest(request, { grant_type: "client_credentials" }, basic(created.client_id, created.client_secret)), 401, "invalid_client");

    const log = await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/?scope=ServiceAccount`, { headers: bearer(ownerKey) }));
    expect(log.results.map((e: { activity: string }) => e.activity)).toEqual(["deleted", "updated", "updated", "created"]);
  });

  test("a rotated secret: the new one works, and the previous one still works within the overlap window", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const created: Account = await expectOk(await request.post(accounts(org.id), { headers: bearer(ownerKey), data: { name: "Rotating", permissions: ["org.roles.list"] } }), 201);
    const rotated = await expectOk(await request.post(accounts(org.id, `${created.id}/rotate/`), { headers: bearer(ownerKey) }));
    expect(Object.keys(rotated).sort()).toEqual([...FIELDS, "client_secret"].sort());
    expect(rotated.client_id).toBe(created.client_id);
    expect(rotated.client_secret).not.toBe(created.client_secret);
    expect((await tokenFor(request, rotated)).scope).toBe("org.roles.list");
    expect((await tokenFor(request, created)).scope).toBe("org.roles.list");
    // A second rotation ends the first secret's overlap: only the secret it replaced overlaps.
    const again = await expectOk(await request.post(accounts(org.id, `${created.id}/rotate/`), { headers: bearer(ownerKey) }));
    await oauthError(await tokenRequest(request, { grant_type: "client_credentials" }, basic(created.client_id, created.client_secret)), 401, "invalid_client");
    expect((await tokenFor(request, rotated)).scope).toBe("org.roles.list");
    expect((await tokenFor(request, again)).scope).toBe("org.roles.list");
  });

  test("tenant isolation and who may manage: another organization's admin sees and changes nothing (404); members are refused (403); permissions are validated", async ({ request }) => {
    const { org, ownerKey, members: [member, admin] } = await makeOrganization([1, 8]);
    const other = await makeOrganization([8]);
    const ours: Account = await expectOk(await request.post(accounts(org.id), { headers: bearer(ownerKey), data: { name: "Ours", permissions: ["org.directory.delete"] } }), 201);
    const outsider = other.members[0].key;

    await expectError(await request.get(accounts(org.id), { headers: bearer(outsider) }), 403, E.denied());
    for (const path of [accounts(other.org.id, `${ours.id}/`), accounts(other.org.id, `${ours.id}/rotate/`)]) {
      const res = path.endsWith("rotate/")
        ? await request.post(path, { headers: bearer(outsider) })
        : await request.patch(path, { headers: bearer(outsider), data: { is_active: false } });
      await expectError(res, 404, E.notFound);
    }
    await expectError(await request.delete(accounts(other.org.id, `${ours.id}/`), { headers: bearer(outsider) }), 404, E.notFound);
    expect((await expectOk(await request.get(accounts(other.org.id), { headers: bearer(outsider) }))).count).toBe(0);
    expect((await tokenFor(request, ours)).scope).toBe("org.directory.delete");

    await expectError(await request.get(accounts(org.id), { headers: bearer(member.key) }), 403, E.levelInsufficient);
    await expectError(await request.post(accounts(org.id), { headers: bearer(member.key), data: { name: "X" } }), 403, E.levelInsufficient);
    await expectError(
      await request.post(accounts(org.id), { headers: bearer(admin.key), data: { name: "X", permissions: ["org.directory.get", "admin"] } }),
      400,
      E.invalid('"admin" is not a directory permission. Choose from: org.directory.create, org.directory.get, org.directory.list, org.directory.update, org.directory.delete, org.directory.members.create, org.directory.members.delete, org.roles.list.', "permissions"),
    );
    await expectError(
      await request.post(accounts(org.id), { headers: bearer(admin.key), data: { name: "X", permissions: ["org.directory.delete"] } }),
      400,
      E.invalid("You cannot grant 'org.directory.delete': your own role does not hold it.", "permissions"),
    );
    await expectError(await request.patch(accounts(org.id, `${ours.id}/`), { headers: bearer(admin.key), data: { permissions: ["org.directory.delete", "org.directory.create"] } }), 400, E.invalid("You cannot grant 'org.directory.create': your own role does not hold it.", "permissions"));
  });
});
