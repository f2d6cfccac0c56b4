import { randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type APIResponse } from "./recording";
import { bearer, cli, makeKey, makeOrganization, makeSession, makeUser, type User } from "../support/cli";
import { E, err, expectError, expectOk, SITE_URL } from "./helpers";

const dir = (orgId: string, rest = "") => `/directory/orgs/${orgId}${rest}`;
const fromAddress = () => ({ "X-Forwarded-For": `198.51.100.${1 + (randomBytes(1)[0] % 250)}` });
const missing = (permission: string) => E.denied(`Missing permission '${permission}'.`);

/** "No content": 200 with an empty body. */
async function expectEmpty(res: APIResponse) {
  expect({ status: res.status(), body: await res.text() }, res.url()).toEqual({ status: 200, body: "" });
}

/** A service account of the organization made by its owner, and an access token for it. */
async function machine(request: APIRequestContext, orgId: string, ownerKey: string, permissions: string[]) {
  const account = await expectOk(await request.post(`/api/organizations/${orgId}/service_accounts/`, { headers: bearer(ownerKey), data: { name: "Bot", permissions } }), 201);
  const basic = Buffer.from(`${encodeURIComponent(account.client_id)}:${encodeURIComponent(account.client_secret)}`).toString("base64");
  const token = await expectOk(await request.post("/oauth/token", { form: { grant_type: "client_credentials" }, headers: { Authorization: `Basic ${basic}`, ...fromAddress() } }));
  return { account, headers: bearer(token.access_token as string) };
}

/** A cookie session allowed to write (same-origin). */
const session = async (email: string) => ({ Cookie: await makeSession(email), Origin: SITE_URL });

test.describe("directory members", () => {
  test("the members list: subject ids for a session, a key and a service account; expand pages objects; refusals in order", async ({ request }) => {
    const { org, owner, ownerKey, members: [admin, member] } = await makeOrganization([8, 1]);
    const ids = [owner.uuid, admin.uuid, member.uuid];
    expect(await expectOk(await request.get(dir(org.id, "/members"), { headers: { Cookie: await makeSession(member.email) } }))).toEqual(ids);
    expect(await expectOk(await request.get(dir(org.id, "/members/"), { headers: bearer(await makeKey(member.email, "directory:read")) }))).toEqual(ids);
    const bot = await machine(request, org.id, ownerKey, ["org.directory.list"]);
    expect(await expectOk(await request.get(dir(org.id, "/members"), { headers: bot.headers }))).toEqual(ids);

    const page = await expectOk(await request.get(dir(org.id, "/members?expand=true&limit=1&offset=1"), { headers: bot.headers }));
    expect(page).toEqual({
      count: 3,
      next: expect.stringContaining("offset=2"),
      previous: expect.any(String),
      results: [{ subject_id: admin.uuid, email: admin.email, roles: ["admin"], source: "cli", joined_at: expect.stringMatching(/Z$/) }],
    });

    const reader = await machine(request, org.id, ownerKey, ["org.directory.get"]);
    await expectError(await request.get(dir(org.id, "/members"), { headers: reader.headers }), 403, missing("org.directory.list"));
    await expectError(await request.get(dir(org.id, "/members"), { headers: bearer(await makeKey(member.email, "organization:read")) }), 403, E.missingScope("directory:read"));
    const stranger = await makeUser("stranger");
    await expectError(await request.get(dir(org.id, "/members"), { headers: bearer(await makeKey(stranger.email, "*")) }), 403, missing("org.directory.list"));
    await expectError(await request.get(dir(org.id, "/members")), 401, E.notAuthenticated);
    await expectError(await request.get(dir("00000000-0000-4000-8000-000000000000", "/members"), { headers: bearer(member.key) }), 404, E.orgNotFound);
    await expectError(await request.post(dir(org.id, "/members"), { headers: bearer(member.key) }), 405, E.methodNotAllowed("POST"));
  });

  test("adding and removing by subject id: distinct permissions (the create permission never removes), the level rules, 404s", async ({ request }) => {
    const { org, owner, ownerKey, members: [admin, member] } = await makeOrganization([8, 1]);
    const newcomer = await makeUser("newcomer");
    const adminKey = await makeKey(admin.email, "directory:write");
    await expectEmpty(await request.put(dir(org.id, `/members/${newcomer.uuid}`), { headers: bearer(adminKey) }));
    await expectEmpty(await request.put(dir(org.id, `/members/${newcomer.uuid}/`), { headers: bearer(adminKey) }));
    expect(await expectOk(await request.get(dir(org.id, "/members"), { headers: bearer(member.key) }))).toContain(newcomer.uuid);
    await expectError(await request.put(dir(org.id, "/members/00000000-0000-4000-8000-000000000000"), { headers: bearer(adminKey) }), 404, E.notFound);
    await expectError(await request.put(dir(org.id, `/members/${newcomer.uuid}`), { headers: await session(member.email) }), 403, missing("org.directory.members.create"));
    await expectError(await request.put(dir(org.id, `/members/${newcomer.uuid}`), { headers: { Cookie: await makeSession(admin.email) } }), 403, E.csrf);
    await expectError(await request.put(dir(org.id, `/members/${newcomer.uuid}`), { headers: bearer(await makeKey(admin.email, "directory:read")) }), 403, E.missingScope("directory:write"));

    // Regression: a caller holding only the create permission cannot remove.
    const adder = await machine(request, org.id, ownerKey, ["org.directory.members.create"]);
    const other = await makeUser("other");
    await expectEmpty(await request.put(dir(org.id, `/members/${other.uuid}`), { headers: adder.headers }));
    await expectError(await request.delete(dir(org.id, `/members/${other.uuid}`), { headers: adder.headers }), 403, missing("org.directory.members.delete"));

    await expectError(await request.delete(dir(org.id, `/members/${owner.uuid}`), { headers: await session(admin.email) }), 403, E.denied("You can only edit others with level lower or equal to you."));
    await expectError(await request.delete(dir(org.id, `/members/${newcomer.uuid}`), { headers: await session(member.email) }), 403, missing("org.directory.members.delete"));
    await expectEmpty(await request.delete(dir(org.id, `/members/${newcomer.uuid}`), { headers: await session(admin.email) }));
    await expectError(await request.delete(dir(org.id, `/members/${newcomer.uuid}`), { headers: await session(admin.email) }), 404, E.notFound);

    const remover = await machine(request, org.id, ownerKey, ["org.directory.members.delete"]);
    await expectError(await request.delete(dir(org.id, `/members/${owner.uuid}`), { headers: remover.headers }), 403, E.denied("You can only edit others with level lower or equal to you."));
    await expectEmpty(await request.delete(dir(org.id, `/members/${other.uuid}`), { headers: remover.headers }));
    expect(await expectOk(await request.get(dir(org.id, "/members"), { headers: bearer(member.key) }))).toEqual([owner.uuid, admin.uuid, member.uuid]);
  });

  test("joining: by a pending invitation; never by an unverified domain; already a member changes nothing; service accounts refused", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const invited = await makeUser("invited");
    await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: invited.email, send_email: false } }), 201);
    await expectEmpty(await request.put(dir(org.id, "/members"), { headers: await session(invited.email) }));
    expect(await expectOk(await request.get(dir(org.id, "/members"), { headers: bearer(member.key) }))).toContain(invited.uuid);
    await expectEmpty(await request.put(dir(org.id, "/members"), { headers: bearer(await makeKey(invited.email, "directory:write")) }));

    // Regression: a domain the organization claimed but never proved lets nobody in.
    const domain = `unproven-${randomBytes(4).toString("hex")}.example.test`;
    await expectOk(await request.post(`/api/organizations/${org.id}/domains/`, { headers: bearer(ownerKey), data: { domain } }), 201);
    const claimant = await cli<User>("user", "create", "--email", `someone@${domain}`);
    await expectError(await request.put(dir(org.id, "/members"), { headers: bearer(await makeKey(claimant.email, "directory:write")) }), 403,
      E.denied(`You cannot join this organization: you have no pending invitation to it, and this organization has not verified ${domain}.`));
    const stranger = await makeUser("stranger");
    await expectError(await request.put(dir(org.id, "/members"), { headers: await session(stranger.email) }), 403,
      E.denied("You cannot join this organization: you have no pending invitation to it, and example.test is not a domain of this organization."));
    expect(await expectOk(await request.get(dir(org.id, "/members"), { headers: bearer(member.key) }))).not.toContain(claimant.uuid);

    const bot = await machine(request, org.id, ownerKey, ["org.directory.list", "org.directory.members.create"]);
    await expectError(await request.put(dir(org.id, "/members"), { headers: bot.headers }), 403, E.denied());
    await expectError(await request.delete(dir(org.id, "/members"), { headers: bot.headers }), 403, E.denied());
  });

  test("leaving: members leave, owners cannot, and the last owner is told the organization keeps one", async ({ request }) => {
    const { org, owner, members: [member] } = await makeOrganization([1]);
    await expectError(await request.delete(dir(org.id, "/members"), { headers: await session(owner.email) }), 400,
      err("validation_error", "last_owner", "An organization must keep at least one owner."));
    await expectEmpty(await request.delete(dir(org.id, "/members"), { headers: bearer(await makeKey(member.email, "directory:write")) }));
    await expectError(await request.get(dir(org.id, "/members"), { headers: bearer(member.key) }), 403, missing("org.directory.list"));
    await expectError(await request.delete(dir(org.id, "/members"), { headers: bearer(member.key) }), 403, missing("org.directory.list"));
  });

  test("permissions and roles: each permission with its sources; a non-member is refused; another organization's service account sees nothing", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const memberGrants = [
      { permission: "org.directory.get", sources: [{ kind: "role", role: "member" }] },
      { permission: "org.directory.list", sources: [{ kind: "role", role: "member" }] },
      { permission: "org.roles.list", sources: [{ kind: "role", role: "member" }] },
    ];
    expect(await expectOk(await request.get(dir(org.id, "/permissions"), { headers: { Cookie: await makeSession(member.email) } }))).toEqual(memberGrants);
    expect(await expectOk(await request.get(dir(org.id, "/permissions"), { headers: bearer(await makeKey(member.email, "directory:read")) }))).toEqual(memberGrants);
    const bot = await machine(request, org.id, ownerKey, ["org.roles.list"]);
    expect(await expectOk(await request.get(dir(org.id, "/permissions"), { headers: bot.headers }))).toEqual([
      { permission: "org.roles.list", sources: [{ kind: "service_account", service_account_id: bot.account.id }] },
    ]);
    const roles = await expectOk(await request.get(dir(org.id, "/roles"), { headers: bot.headers }));
    expect(roles.map((r: { id: string }) => r.id)).toEqual(["member", "admin", "owner"]);
    expect(roles[1]).toEqual({ id: "admin", name: "admin", built_in: true, permissions: ["org.directory.get", "org.directory.list", "org.roles.list", "org.directory.update", "org.directory.members.create", "org.directory.members.delete"] });
    expect(await expectOk(await request.get(dir(org.id, "/roles"), { headers: bearer(member.key) }))).toEqual(roles);

    // Regression: the permissions endpoint checks access.
    const stranger = await makeUser("stranger");
    await expectError(await request.get(dir(org.id, "/permissions"), { headers: bearer(await makeKey(stranger.email, "*")) }), 403, E.denied());
    await expectError(await request.get(dir(org.id, "/permissions")), 401, E.notAuthenticated);

    // Tenant isolation: a service account of another organization finds nothing here.
    const other = await makeOrganization();
    const theirs = await machine(request, other.org.id, other.ownerKey, ["org.directory.list", "org.roles.list", "org.directory.members.create"]);
    for (const path of ["/members", "/permissions", "/roles"]) await expectError(await request.get(dir(org.id, path), { headers: theirs.headers }), 404, E.orgNotFound);
    await expectError(await request.put(dir(org.id, `/members/${stranger.uuid}`), { headers: theirs.headers }), 404, E.orgNotFound);
    await expectError(await request.get(dir(org.id, "/roles"), { headers: (await machine(request, org.id, ownerKey, ["org.directory.get"])).headers }), 403, missing("org.roles.list"));
  });
});
