import { randomBytes } from "node:crypto";
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from "jose";
import { expect, test, type APIRequestContext } from "./recording";
import { bearer, makeKey, makeOrganization, makeSession, makeUser } from "../support/cli";
import { E, err, expectError, expectOk, isoDate, SITE_URL, uuidRe } from "./helpers";

const roles = (orgId: string, rest = "") => `/api/organizations/${orgId}/directory_roles/${rest}`;
const dir = (orgId: string, rest = "") => `/directory/orgs/${orgId}${rest}`;
const missing = (permission: string) => E.denied(`Missing permission '${permission}'.`);
const tokenRefused = err("authentication_error", "authentication_failed", "This service account is disabled or no longer exists.");

const fromAddress = () => ({ "X-Forwarded-For": `198.51.100.${1 + (randomBytes(1)[0] % 250)}` });
const basic = (id: string, secret: string) => ({ Authorization: `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}` });

async function tokenFor(request: APIRequestContext, clientId: string, secret: string) {
  const res = await request.post("/oauth/token", { form: { grant_type: "client_credentials" }, headers: { ...basic(clientId, secret), ...fromAddress() } });
  return (await expectOk(res)) as { access_token: string; scope: string };
}

async function membershipIdOf(request: APIRequestContext, orgId: string, key: string, uuid: string) {
  const page = await expectOk(await request.get(`/api/organizations/${orgId}/members/?limit=100`, { headers: bearer(key) }));
  return (page.results as { id: string; user: { uuid: string } }[]).find((m) => m.user.uuid === uuid)!.id;
}

test.describe("custom directory roles over /api", () => {
  test("admins define, read, change and delete roles with a session or a key; validation and refusals", async ({ request }) => {
    const { org, owner, members: [admin, member] } = await makeOrganization([8, 1]);
    const cookie = { Cookie: await makeSession(admin.email), Origin: SITE_URL };
    const created = await expectOk(await request.post(roles(org.id), { headers: cookie, data: { name: "Auditors", permissions: ["org.directory.get", "org.roles.list"] } }), 201);
    expect(created).toEqual({ id: expect.stringMatching(uuidRe), name: "Auditors", permissions: ["org.directory.get", "org.roles.list"], assignment_count: 0, created_at: expect.stringMatching(isoDate), updated_at: expect.stringMatching(isoDate) });
    const key = await makeKey(admin.email, "organization:read,organization:write");
    expect(await expectOk(await request.get(roles(org.id, `${created.id}/`), { headers: bearer(key) }))).toEqual(created);
    const list = await expectOk(await request.get(roles(org.id), { headers: bearer(key) }));
    expect(list).toEqual({ count: 1, next: null, previous: null, results: [created] });
    const renamed = await expectOk(await request.patch(roles(org.id, `${created.id}/`), { headers: bearer(key), data: { name: "Readers" } }));
    expect(renamed.name).toBe("Readers");

    await expectError(await request.post(roles(org.id), { headers: bearer(key), data: { name: "Readers" } }), 400, err("validation_error", "unique", "A role with this name already exists in this organization.", "name"));
    await expectError(await request.post(roles(org.id), { headers: bearer(key), data: { name: "X", permissions: ["org.directory.delete"] } }), 400, E.invalid("You cannot grant 'org.directory.delete': your own role does not hold it.", "permissions"));
    const bad = await request.post(roles(org.id), { headers: bearer(key), data: { name: "X", permissions: ["organization:write"] } });
    expect([bad.status(), (await bad.json()).attr]).toEqual([400, "permissions"]);
    await expectError(await request.post(roles(org.id), { headers: bearer(key), data: { name: "" } }), 400, E.blank("name"));
    await expectError(await request.get(roles(org.id), { headers: bearer(member.key) }), 403, E.levelInsufficient);
    await expectError(await request.post(roles(org.id), { headers: bearer(await makeKey(admin.email, "organization:read")) , data: { name: "Y" } }), 403, E.missingScope("organization:write"));
    await expectError(await request.get(roles(org.id, "nope/"), { headers: bearer(key) }), 404, E.notFound);
    const other = await makeOrganization();
    await expectError(await request.get(roles(other.org.id, `${created.id}/`), { headers: bearer(other.ownerKey) }), 404, E.notFound);

    const strong = await expectOk(await request.post(roles(org.id), { headers: bearer(await makeKey(owner.email, "*")), data: { name: "Deleters", permissions: ["org.directory.delete"] } }), 201);
    // An admin cannot hand out (nor take for themselves) a role that does more than they may.
    const adminMembership = await membershipIdOf(request, org.id, key, admin.uuid);
    await expectError(await request.post(roles(org.id, `${strong.id}/assignments/`), { headers: bearer(key), data: { membership_id: adminMembership } }), 400,
      E.invalid("You cannot grant 'org.directory.delete': your own role does not hold it.", "permissions"));
    expect((await request.delete(roles(org.id, `${created.id}/`), { headers: bearer(key) })).status()).toBe(204);
    await expectError(await request.get(roles(org.id, `${created.id}/`), { headers: bearer(key) }), 404, E.notFound);
  });

  test("assigning a role to a member gives them its directory permissions at once, shown by the directory's roles and permissions", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const role = await expectOk(await request.post(roles(org.id), { headers: bearer(ownerKey), data: { name: "Adders", permissions: ["org.directory.members.create"] } }), 201);
    const newcomer = await makeUser("newcomer");
    await expectError(await request.put(dir(org.id, `/members/${newcomer.uuid}`), { headers: bearer(member.key) }), 403, missing("org.directory.members.create"));
    const membershipId = await membershipIdOf(request, org.id, ownerKey, member.uuid);
    const assignment = await expectOk(await request.post(roles(org.id, `${role.id}/assignments/`), { headers: bearer(ownerKey), data: { membership_id: membershipId } }), 201);
    expect(assignment).toEqual({ id: expect.stringMatching(uuidRe), membership_id: membershipId, user: { uuid: member.uuid, email: member.email }, service_account_id: null, service_account_name: null, created_at: expect.stringMatching(isoDate) });
    await expectError(await request.post(roles(org.id, `${role.id}/assignments/`), { headers: bearer(ownerKey), data: { membership_id: membershipId } }), 400, err("validation_error", "unique", "This role is already assigned to them."));
    expect(await expectOk(await request.get(roles(org.id, `${role.id}/assignments/`), { headers: bearer(ownerKey) }))).toEqual([assignment]);

    const put = await request.put(dir(org.id, `/members/${newcomer.uuid}`), { headers: bearer(member.key) });
    expect([put.status(), await put.text()]).toEqual([200, ""]);
    const grants = await expectOk(await request.get(dir(org.id, "/permissions"), { headers: bearer(member.key) }));
    expect(grants).toContainEqual({ permission: "org.directory.members.create", sources: [{ kind: "custom_role", role_id: role.id, role: "Adders" }] });
    const listed = await expectOk(await request.get(dir(org.id, "/roles"), { headers: bearer(member.key) }));
    expect(listed[3]).toEqual({ id: role.id, name: "Adders", built_in: false, permissions: ["org.directory.members.create"] });
    const expanded = await expectOk(await request.get(dir(org.id, "/members?expand=true"), { headers: bearer(member.key) }));
    expect(expanded.results.find((m: { subject_id: string }) => m.subject_id === member.uuid).roles).toEqual(["member", "Adders"]);

    expect((await request.delete(roles(org.id, `${role.id}/assignments/${assignment.id}/`), { headers: bearer(ownerKey) })).status()).toBe(204);
    await expectError(await request.delete(dir(org.id, `/members/${newcomer.uuid}`), { headers: bearer(member.key) }), 403, missing("org.directory.members.delete"));
    await expectError(await request.put(dir(org.id, `/members/${newcomer.uuid}`), { headers: bearer(member.key) }), 403, missing("org.directory.members.create"));
  });

  test("client credentials end to end: a token from a role, verified by the JWKS, calls the directory; a rotated secret, a removed role and a disabled account act at once", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const account = await expectOk(await request.post(`/api/organizations/${org.id}/service_accounts/`, { headers: bearer(ownerKey), data: { name: "Sync", permissions: ["org.directory.get"] } }), 201);
    const role = await expectOk(await request.post(roles(org.id), { headers: bearer(ownerKey), data: { name: "Listers", permissions: ["org.directory.list"] } }), 201);
    const assignment = await expectOk(await request.post(roles(org.id, `${role.id}/assignments/`), { headers: bearer(ownerKey), data: { service_account_id: account.id } }), 201);
    expect(assignment.service_account_name).toBe("Sync");

    const token = await tokenFor(request, account.client_id, account.client_secret);
    expect(token.scope).toBe("org.directory.get org.directory.list");
    const keySet = (await expectOk(await request.get("/.well-known/jwks.json"))) as JSONWebKeySet;
    const { payload } = await jwtVerify(token.access_token, createLocalJWKSet(keySet), { issuer: SITE_URL, audience: `${SITE_URL}/directory`, typ: "at+jwt" });
    expect(payload.organization_id).toBe(org.id);
    const headers = bearer(token.access_token);
    const ids = await expectOk(await request.get(dir(org.id, "/members"), { headers }));
    expect(ids).toHaveLength(1);
    expect(await expectOk(await request.get(dir(org.id, "/permissions"), { headers }))).toEqual([
      { permission: "org.directory.get", sources: [{ kind: "service_account", service_account_id: account.id }] },
      { permission: "org.directory.list", sources: [{ kind: "custom_role", role_id: role.id, role: "Listers" }] },
    ]);

    // A rotated secret: the new one works (the old one only for its overlap window).
    const rotated = await expectOk(await request.post(`/api/organizations/${org.id}/service_accounts/${account.id}/rotate/`, { headers: bearer(ownerKey) }));
    const fresh = await tokenFor(request, account.client_id, rotated.client_secret);
    await expectOk(await request.get(dir(org.id, "/members"), { headers: bearer(fresh.access_token) }));

    // Taking the role away takes its permission from tokens already issued.
    expect((await request.delete(roles(org.id, `${role.id}/assignments/${assignment.id}/`), { headers: bearer(ownerKey) })).status()).toBe(204);
    await expectError(await request.get(dir(org.id, "/members"), { headers }), 403, missing("org.directory.list"));

    await expectOk(await request.patch(`/api/organizations/${org.id}/service_accounts/${account.id}/`, { headers: bearer(ownerKey), data: { is_active: false } }));
    await expectError(await request.get(dir(org.id, "/permissions"), { headers: bearer(fresh.access_token) }), 401, tokenRefused);
  });
});
