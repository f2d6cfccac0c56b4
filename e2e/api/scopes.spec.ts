import { expect, test } from "./recording";
import { addMember, bearer, makeKey, makeOrganization, makeSession } from "../support/cli";
import { E, expectError, expectOk, getOrg } from "./helpers";

test.describe("API-key scopes", () => {
  test("a missing scope is 403 naming it, and nothing changes", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const readOnly = await makeKey(owner.email, "organization:read");
    expect((await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(readOnly) }))).id).toBe(org.id);
    await expectError(
      await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(readOnly), data: { name: "Nope" } }),
      403,
      E.missingScope("organization:write"),
    );
    await expectError(await request.delete(`/api/organizations/${org.id}/`, { headers: bearer(readOnly) }), 403, E.missingScope("organization:write"));
    await expectError(
      await request.post("/api/organizations/", { headers: bearer(readOnly), data: { name: "Nope" } }),
      403,
      E.missingScope("organization:write"),
    );
    expect((await getOrg(request, ownerKey, org.id)).name).toBe(org.name);
  });

  test("each endpoint asks for its own scope object", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const orgOnly = await makeKey(owner.email, "organization:write");
    const userOnly = await makeKey(owner.email, "user:read");
    await expectError(await request.get("/api/users/@me/", { headers: bearer(orgOnly) }), 403, E.missingScope("user:read"));
    await expectError(await request.get("/api/personal_api_keys/", { headers: bearer(orgOnly) }), 403, E.missingScope("personal_api_key:read"));
    await expectError(
      await request.post("/api/personal_api_keys/", { headers: bearer(orgOnly), data: { label: "x", scopes: ["*"] } }),
      403,
      E.missingScope("personal_api_key:write"),
    );
    await expectError(
      await request.get(`/api/organizations/${org.id}/activity_log/`, { headers: bearer(orgOnly) }),
      403,
      E.missingScope("activity_log:read"),
    );
    await expectError(await request.get("/api/organizations/", { headers: bearer(userOnly) }), 403, E.missingScope("organization:read"));
    expect((await expectOk(await request.get("/api/users/@me/", { headers: bearer(userOnly) }))).email).toBe(owner.email);
    await expectError(
      await request.patch("/api/users/@me/", { headers: bearer(userOnly), data: { first_name: "x" } }),
      403,
      E.missingScope("user:write"),
    );
  });

  test("the scope is checked before the organization is looked up", async ({ request }) => {
    const { owner } = await makeOrganization();
    const userOnly = await makeKey(owner.email, "user:read");
    await expectError(
      await request.get("/api/organizations/00000000-0000-4000-8000-000000000000/", { headers: bearer(userOnly) }),
      403,
      E.missingScope("organization:read"),
    );
  });

  test("write implies read, and * allows everything", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const write = await makeKey(owner.email, "organization:write");
    expect((await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(write) }))).id).toBe(org.id);
    expect((await expectOk(await request.get("/api/organizations/", { headers: bearer(write) }))).count).toBe(1);
    expect((await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(write), data: { name: "Written" } }))).name).toBe(
      "Written",
    );
    const userWrite = await makeKey(owner.email, "user:write");
    expect((await expectOk(await request.get("/api/users/@me/", { headers: bearer(userWrite) }))).email).toBe(owner.email);

    const star = await makeKey(owner.email, "*");
    for (const path of ["/api/organizations/", `/api/organizations/${org.id}/`, `/api/organizations/${org.id}/activity_log/`, "/api/users/@me/", "/api/personal_api_keys/"]) {
      await expectOk(await request.get(path, { headers: bearer(star) }));
    }
    await expectOk(await request.patch("/api/users/@me/", { headers: bearer(star), data: { last_name: "Star" } }));
  });

  test("a key scoped to another organization is 403 naming the requested one", async ({ request }) => {
    const a = await makeOrganization();
    const b = await makeOrganization();
    await addMember(b.org.id, a.owner.email, 15);
    const scopedToA = await makeKey(a.owner.email, "*", a.org.id);
    expect((await expectOk(await request.get(`/api/organizations/${a.org.id}/`, { headers: bearer(scopedToA) }))).id).toBe(a.org.id);
    await expectError(await request.get(`/api/organizations/${b.org.id}/`, { headers: bearer(scopedToA) }), 403, E.keyNotForOrg(b.org.id));
    await expectError(
      await request.patch(`/api/organizations/${b.org.id}/`, { headers: bearer(scopedToA), data: { name: "Nope" } }),
      403,
      E.keyNotForOrg(b.org.id),
    );
    await expectError(
      await request.get(`/api/organizations/${b.org.id}/activity_log/`, { headers: bearer(scopedToA) }),
      403,
      E.keyNotForOrg(b.org.id),
    );
    expect((await getOrg(request, b.ownerKey, b.org.id)).name).toBe(b.org.name);
    // An unscoped key of the same user reaches both.
    await expectOk(await request.get(`/api/organizations/${b.org.id}/`, { headers: bearer(a.ownerKey) }));
  });

  test("@current resolving to an organization outside the key's scope is 403 naming it", async ({ request }) => {
    const a = await makeOrganization();
    const b = await makeOrganization();
    await addMember(b.org.id, a.owner.email, 1);
    // a.owner joined A first, so @current is A; a key scoped to B alone cannot reach it.
    const scopedToB = await makeKey(a.owner.email, "*", b.org.id);
    await expectError(await request.get("/api/organizations/@current/", { headers: bearer(scopedToB) }), 403, E.keyNotForOrg(a.org.id));
    expect((await expectOk(await request.get("/api/organizations/@current/", { headers: bearer(a.ownerKey) }))).id).toBe(a.org.id);
  });

  test("members_can_use_personal_api_keys false refuses a member's key but not an admin's or owner's", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([1, 8]);
    const [member, admin] = members;
    const off = await request.patch(`/api/organizations/${org.id}/`, {
      headers: bearer(ownerKey),
      data: { members_can_use_personal_api_keys: false },
    });
    expect((await expectOk(off)).members_can_use_personal_api_keys).toBe(false);

    await expectError(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(member.key) }), 403, E.keysNotAllowed(org.name));
    await expectError(await request.get("/api/organizations/@current/", { headers: bearer(member.key) }), 403, E.keysNotAllowed(org.name));
    await expectError(
      await request.get(`/api/organizations/${org.id}/?personal_api_key=${member.key}`),
      403,
      E.keysNotAllowed(org.name),
    );
    expect((await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(admin.key) }))).membership_level).toBe(8);
    expect((await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey) }))).membership_level).toBe(15);
    await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers: bearer(admin.key) }));
    // The setting is about keys: the member's session still reads the organization.
    const cookie = await makeSession(member.email);
    expect((await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: { Cookie: cookie } }))).id).toBe(org.id);

    // Turned back on, the member's key works again.
    await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { members_can_use_personal_api_keys: true } }));
    expect((await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(member.key) }))).id).toBe(org.id);
  });
});
