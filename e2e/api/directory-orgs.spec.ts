import { randomBytes, randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "./recording";
import { bearer, cli, makeKey, makeOrganization, makeSession, makeUser } from "../support/cli";
import { E, err, expectError, expectOk, isoDate, SITE_URL, uuidRe } from "./helpers";

const ORGS = "/directory/orgs";
const one = (id: string) => `${ORGS}/${id}`;
const hex = () => randomBytes(4).toString("hex");
const FIELDS = ["creation_date", "domain", "external_sales_force_id", "id", "logo_url", "modified_date", "name", "status", "subdomain"];
const ALL = ["org.directory.create", "org.directory.get", "org.directory.list", "org.directory.update", "org.directory.delete"];

const missing = (permission: string) => E.denied(`Missing permission '${permission}'.`);
const tokenRefused = err("authentication_error", "authentication_failed", "This service account is disabled or no longer exists.");
const subdomainUnavailable = err("validation_error", "unique", "This subdomain is not available.", "subdomain");

/** A session cookie's headers for a write: the cookie and the site's own origin. */
const sessionHeaders = (cookie: string) => ({ Cookie: cookie, Origin: SITE_URL });

/** "No content": a 200 with an empty body. */
async function expectEmpty(res: APIResponse) {
  expect({ status: res.status(), body: await res.text() }, res.url()).toEqual({ status: 200, body: "" });
}

type Account = { id: string; client_id: string; client_secret: string };

/** A service account of the organization, created over REST by `key`'s holder, and an access token of it. */
async function accountWithToken(request: APIRequestContext, orgId: string, key: string, permissions: string[]) {
  const account = (await expectOk(
    await request.post(`/api/organizations/${orgId}/service_accounts/`, { headers: bearer(key), data: { name: `Bot ${hex()}`, permissions } }),
    201,
  )) as Account;
  return { account, token: await tokenOf(request, account) };
}

async function tokenOf(request: APIRequestContext, account: Pick<Account, "client_id" | "client_secret">) {
  const res = await request.post("/oauth/token", {
    form: { grant_type: "client_credentials", client_id: account.client_id, client_secret: account.client_secret },
    headers: { "X-Forwarded-For": `198.51.100.${1 + (randomBytes(1)[0] % 250)}` },
  });
  return ((await expectOk(res)) as { access_token: string }).access_token;
}

test.describe("the directory API's organizations", () => {
  test("a session creates, reads, updates (the path's id wins over the body's) and deletes one; the documented shape; errors in the /api body", async ({ request }) => {
    const user = await makeUser("dir");
    const cookie = await makeSession(user.email);
    const other = await makeOrganization();
    const sub = `acme-${hex()}`;
    const domain = `${sub}.example.test`;
    const body = { id: other.org.id, name: "Acme", subdomain: sub, domain, logo_url: "https://elsewhere.test/logo.png", creation_date: "2001-01-01T00:00:00Z", modified_date: "2001-01-01T00:00:00Z", status: "active", external_sales_force_id: "SF-1" };
    const created = await expectOk(await request.post(ORGS, { headers: sessionHeaders(cookie), data: body }));
    expect(Object.keys(created).sort()).toEqual(FIELDS);
    expect(created).toEqual({
      id: expect.stringMatching(uuidRe), name: "Acme", subdomain: sub, domain, logo_url: null,
      creation_date: expect.stringMatching(isoDate), modified_date: expect.stringMatching(isoDate), status: "active", external_sales_force_id: "SF-1",
    });
    expect(created.id).not.toBe(other.org.id);
    expect(created.creation_date.startsWith("2001")).toBe(false);
    const owned = await expectOk(await request.get(`/api/organizations/${created.id}/`, { headers: { Cookie: cookie } }));
    expect(owned.membership_level).toBe(15);
    const claims = await expectOk(await request.get(`/api/organizations/${created.id}/domains/`, { headers: { Cookie: cookie } }));
    expect(claims.results.map((d: { domain: string; is_verified: boolean }) => [d.domain, d.is_verified])).toEqual([[domain, false]]);

    expect(await expectOk(await request.get(one(created.id), { headers: { Cookie: cookie } }))).toEqual(created);
    // Update trusting the body's id: the path names the organization; the other one is untouched.
    const updated = await expectOk(await request.put(one(created.id), { headers: sessionHeaders(cookie), data: { id: other.org.id, name: "Acme Renamed", status: "suspended" } }));
    expect(updated).toMatchObject({ id: created.id, name: "Acme Renamed", status: "suspended", subdomain: sub, external_sales_force_id: "SF-1" });
    expect((await expectOk(await request.get(`/api/organizations/${other.org.id}/`, { headers: bearer(other.ownerKey) }))).name).toBe(other.org.name);
    await expectError(await request.put(one(created.id), { headers: sessionHeaders(cookie), data: { status: "gone" } }), 400, E.invalidChoice("gone", "status"));
    await expectError(await request.put(one(created.id), { headers: sessionHeaders(cookie), data: { subdomain: "Not_A_Label" } }), 400, E.invalid("Enter a subdomain of lower-case letters, digits and inner hyphens (at most 63 characters).", "subdomain"));
    await expectError(await request.put(one(created.id), { headers: { Cookie: cookie }, data: { name: "No origin" } }), 403, E.csrf);

    await expectEmpty(await request.delete(one(created.id), { headers: sessionHeaders(cookie) }));
    await expectError(await request.get(one(created.id), { headers: { Cookie: cookie } }), 404, E.orgNotFound);
    await expectError(await request.delete(one(created.id), { headers: sessionHeaders(cookie) }), 404, E.orgNotFound);
  });

  test("creation's refusals: no credentials, a missing name, a subdomain taken or reserved (the same answer), a domain already claimed; other methods are 405", async ({ request }) => {
    const { ownerKey } = await makeOrganization();
    const sub = `taken-${hex()}`;
    const domain = `${sub}.example.test`;
    await expectOk(await request.post(ORGS, { headers: bearer(ownerKey), data: { name: "Holder", subdomain: sub, domain } }));
    await expectError(await request.post(ORGS, { data: { name: "Anonymous" } }), 401, E.notAuthenticated);
    await expectError(await request.post(ORGS, { headers: bearer(ownerKey), data: { subdomain: `n-${hex()}` } }), 400, E.required("name"));
    await expectError(await request.post(ORGS, { headers: bearer(ownerKey), data: { name: "Twin", subdomain: sub } }), 400, subdomainUnavailable);
    await expectError(await request.post(ORGS, { headers: bearer(ownerKey), data: { name: "Twin", subdomain: "www" } }), 400, subdomainUnavailable);
    await expectError(await request.post(ORGS, { headers: bearer(ownerKey), data: { name: "Twin", domain } }), 400, err("validation_error", "unique", "domain with this domain already exists.", "domain"));
    await expectError(await request.get(ORGS, { headers: bearer(ownerKey) }), 405, E.methodNotAllowed("GET"));
    await expectError(await request.patch(one(randomUUID()), { headers: bearer(ownerKey), data: {} }), 405, E.methodNotAllowed("PATCH"));
    await expectError(await request.get(one("not-a-uuid"), { headers: bearer(ownerKey) }), 404, E.orgNotFound);
  });

  test("personal API keys need directory:read or directory:write; a key without the scope gets 403", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const reader = await makeKey(owner.email, "directory:read");
    const writer = await makeKey(owner.email, "directory:write");
    const unrelated = await makeKey(owner.email, "organization:read,organization:write");
    expect((await expectOk(await request.get(one(org.id), { headers: bearer(reader) }))).id).toBe(org.id);
    expect((await expectOk(await request.get(`${ORGS}/domains?subdomain=k-${hex()}`, { headers: bearer(reader) }))).available).toBe(true);
    expect(await expectOk(await request.get(`${ORGS}/suggest`, { headers: bearer(reader) }))).toEqual([]);
    await expectError(await request.put(one(org.id), { headers: bearer(reader), data: { name: "Read only" } }), 403, E.missingScope("directory:write"));
    await expectError(await request.post(ORGS, { headers: bearer(reader), data: { name: "Read only" } }), 403, E.missingScope("directory:write"));
    await expectError(await request.delete(one(org.id), { headers: bearer(reader) }), 403, E.missingScope("directory:write"));
    for (const path of [one(org.id), `${ORGS}/domains?subdomain=x`, `${ORGS}/suggest`]) {
      await expectError(await request.get(path, { headers: bearer(unrelated) }), 403, E.missingScope("directory:read"));
    }
    await expectError(await request.post(ORGS, { headers: bearer(unrelated), data: { name: "No scope" } }), 403, E.missingScope("directory:write"));
    expect((await expectOk(await request.put(one(org.id), { headers: bearer(writer), data: { external_sales_force_id: "SF-2" } }))).external_sales_force_id).toBe("SF-2");
    expect((await expectOk(await request.post(ORGS, { headers: bearer(writer), data: { name: "By a writer" } }))).name).toBe("By a writer");
  });

  test("roles: a member reads, an administrator also updates, only the owner deletes; a non-member is refused naming the permission", async ({ request }) => {
    const { org, ownerKey, members: [member, admin] } = await makeOrganization([1, 8]);
    const outsider = await makeOrganization();
    expect((await expectOk(await request.get(one(org.id), { headers: bearer(member.key) }))).id).toBe(org.id);
    await expectError(await request.put(one(org.id), { headers: bearer(member.key), data: { name: "Member" } }), 403, missing("org.directory.update"));
    await expectError(await request.delete(one(org.id), { headers: bearer(member.key) }), 403, missing("org.directory.delete"));
    expect((await expectOk(await request.put(one(org.id), { headers: bearer(admin.key), data: { name: "By the admin" } }))).name).toBe("By the admin");
    await expectError(await request.delete(one(org.id), { headers: bearer(admin.key) }), 403, missing("org.directory.delete"));
    await expectError(await request.get(one(org.id), { headers: bearer(outsider.ownerKey) }), 403, missing("org.directory.get"));
    await expectError(await request.put(one(org.id), { headers: bearer(outsider.ownerKey), data: { name: "Outsider" } }), 403, missing("org.directory.update"));
    await expectEmpty(await request.delete(one(org.id), { headers: bearer(ownerKey) }));
  });

  test("service accounts: their own organization only (another's is 404), creation owned by the creating administrator, each permission checked", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const other = await makeOrganization();
    const { token } = await accountWithToken(request, org.id, ownerKey, ALL);
    const asAccount = bearer(token);
    expect((await expectOk(await request.get(one(org.id), { headers: asAccount }))).id).toBe(org.id);
    expect((await expectOk(await request.put(one(org.id), { headers: asAccount, data: { status: "inactive" } }))).status).toBe("inactive");
    expect(await expectOk(await request.get(`${ORGS}/suggest`, { headers: asAccount }))).toEqual([]);
    expect(await expectOk(await request.get(`${ORGS}/domains?subdomain=sa-${hex()}`, { headers: asAccount }))).toEqual({ available: true });
    const made = await expectOk(await request.post(ORGS, { headers: asAccount, data: { name: "Machine-made" } }));
    const seen = await expectOk(await request.get(`/api/organizations/${made.id}/`, { headers: bearer(ownerKey) }));
    expect([seen.membership_level, seen.member_count]).toEqual([15, 1]);
    expect((await expectOk(await request.get("/api/users/@me/", { headers: bearer(ownerKey) }))).organizations.map((o: { id: string }) => o.id)).toContain(made.id);

    // Tenant isolation: the other organization's account, whatever it holds, finds nothing here.
    const { token: foreign } = await accountWithToken(request, other.org.id, other.ownerKey, ALL);
    await expectError(await request.get(one(org.id), { headers: bearer(foreign) }), 404, E.orgNotFound);
    await expectError(await request.put(one(org.id), { headers: bearer(foreign), data: { name: "Hijacked" } }), 404, E.orgNotFound);
    await expectError(await request.delete(one(org.id), { headers: bearer(foreign) }), 404, E.orgNotFound);
    expect((await expectOk(await request.get(one(org.id), { headers: asAccount }))).name).toBe(org.name);

    const { token: reader } = await accountWithToken(request, org.id, ownerKey, ["org.directory.get"]);
    await expectError(await request.put(one(org.id), { headers: bearer(reader), data: { name: "No" } }), 403, missing("org.directory.update"));
    await expectError(await request.delete(one(org.id), { headers: bearer(reader) }), 403, missing("org.directory.delete"));
    await expectError(await request.post(ORGS, { headers: bearer(reader), data: { name: "No" } }), 403, missing("org.directory.create"));
    await expectError(await request.get(`${ORGS}/suggest`, { headers: bearer(reader) }), 403, missing("org.directory.list"));
    await expectError(await request.get(`${ORGS}/domains?domain=a.example.test`, { headers: bearer(reader) }), 403, missing("org.directory.list"));

    const operatorMade = await cli<Account>("service-account", "create", "--org", org.id, "--name", "Operator's", "--permissions", "org.directory.create");
    await expectError(
      await request.post(ORGS, { headers: bearer(await tokenOf(request, operatorMade)), data: { name: "Ownerless" } }),
      400,
      E.invalid("This service account has no active creating administrator to own the organization: create it as a person, or with a service account an administrator created.", null),
    );
  });

  test("domain availability is no oracle: {available} alone, the same answer for taken and reserved, and limited per caller", async ({ request }) => {
    const holder = await makeOrganization();
    const sub = `held-${hex()}`;
    const domain = `${sub}.example.test`;
    await expectOk(await request.post(ORGS, { headers: bearer(holder.ownerKey), data: { name: "Holder", subdomain: sub, domain } }));
    const asker = await makeOrganization();
    const ask = (query: string) => request.get(`${ORGS}/domains?${query}`, { headers: bearer(asker.ownerKey) });
    const taken = await ask(`subdomain=${sub}`);
    const reserved = await ask("subdomain=www");
    expect([taken.status(), await taken.text()]).toEqual([200, '{"available":false}']);
    expect([reserved.status(), await reserved.text()]).toEqual([200, await taken.text()]);
    expect(await expectOk(await ask(`domain=${domain}`))).toEqual({ available: false });
    expect(await expectOk(await ask(`domain=${domain.toUpperCase()}`))).toEqual({ available: false });
    expect(await expectOk(await ask(`domain=free-${hex()}.example.test&subdomain=free-${hex()}`))).toEqual({ available: true });
    await expectError(await ask(""), 400, E.invalid("Ask about a domain, a subdomain, or both.", "domain"));
    await expectError(await request.get(`${ORGS}/domains?subdomain=x`), 401, E.notAuthenticated);
    // The limit (30 a minute by default) counts this caller's questions; 6 asked above.
    let last: APIResponse | null = null;
    for (let i = 0; i < 25; i++) last = await ask(`subdomain=q-${hex()}`);
    expect(last?.status()).toBe(200);
    const throttled = await ask(`subdomain=q-${hex()}`);
    expect(throttled.status()).toBe(429);
    expect(Number(throttled.headers()["retry-after"])).toBeGreaterThan(0);
    expect((await throttled.json()).code).toBe("throttled");
    expect(await expectOk(await request.get(`${ORGS}/domains?subdomain=www`, { headers: bearer(holder.ownerKey) }))).toEqual({ available: false });
  });

  test("suggestions: a pending invitation for a verified address; never an unverified domain, nor an organization one is in; allow_domain_discovery is an admin setting", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const invited = await makeUser("invited");
    await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: invited.email, level: 1 } }), 201);
    const invitedKey = await makeKey(invited.email, "directory:read");
    expect(await expectOk(await request.get(`${ORGS}/suggest`, { headers: bearer(invitedKey) }))).toEqual([{ id: org.id, name: org.name, logo_url: null, join: "invitation" }]);
    expect(await expectOk(await request.get(`${ORGS}/suggest`, { headers: bearer(member.key) }))).toEqual([]);

    // Discovery on, the domain claimed but not verified: nobody at that domain is offered the organization.
    const domain = `unverified-${hex()}.example.test`;
    await expectOk(await request.post(`/api/organizations/${org.id}/domains/`, { headers: bearer(ownerKey), data: { domain } }), 201);
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(member.key), data: { allow_domain_discovery: true } }), 403, E.levelInsufficient);
    const turned = await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { allow_domain_discovery: true } }));
    expect(turned.allow_domain_discovery).toBe(true);
    const atDomain = await cli<{ email: string }>("user", "create", "--email", `someone-${hex()}@${domain}`);
    expect(await expectOk(await request.get(`${ORGS}/suggest`, { headers: bearer(await makeKey(atDomain.email, "directory:read")) }))).toEqual([]);
  });

  test("deletion leaves no permissions or tokens behind: at once 404 for members, keys and service accounts, tokens and secrets refused", async ({ request }) => {
    for (const via of ["directory", "api"] as const) {
      const { org, owner, ownerKey, members: [member] } = await makeOrganization([1]);
      const { account, token } = await accountWithToken(request, org.id, ownerKey, ALL);
      const scopedKey = await makeKey(member.email, "*", org.id);
      const cookie = await makeSession(owner.email);
      const res = via === "directory" ? await request.delete(one(org.id), { headers: sessionHeaders(cookie) }) : await request.delete(`/api/organizations/${org.id}/`, { headers: sessionHeaders(cookie) });
      if (via === "directory") await expectEmpty(res);
      else expect(res.status()).toBe(204);

      await expectError(await request.get(one(org.id), { headers: bearer(token) }), 401, tokenRefused);
      const retoken = await request.post("/oauth/token", { form: { grant_type: "client_credentials", client_id: account.client_id, client_secret: account.client_secret }, headers: { "X-Forwarded-For": "198.51.100.251" } });
      expect([retoken.status(), (await retoken.json()).error]).toEqual([401, "invalid_client"]);
      for (const headers of [bearer(member.key), bearer(scopedKey), bearer(ownerKey)]) {
        await expectError(await request.get(`/api/organizations/${org.id}/`, { headers }), 404, E.orgNotFound);
        await expectError(await request.get(one(org.id), { headers }), 404, E.orgNotFound);
        await expectError(await request.get(`/api/organizations/${org.id}/members/`, { headers }), 404, E.orgNotFound);
      }
      const me = await expectOk(await request.get("/api/users/@me/", { headers: bearer(member.key) }));
      expect([me.organization, me.organizations]).toEqual([null, []]);
      expect((await expectOk(await request.get("/api/organizations/", { headers: bearer(ownerKey) }))).count).toBe(0);
      await expectError(await request.get("/api/organizations/@current/", { headers: bearer(ownerKey) }), 404, E.orgNotFound);
    }
  });
});
