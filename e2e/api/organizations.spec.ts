import { randomBytes } from "node:crypto";
import { expect, test } from "./recording";
import { bearer, makeOrganization, makeSession } from "../support/cli";
import { E, createOrgViaApi, expectError, expectOk, getOrg, isoDate, lonelyUser, randomName, uuidRe } from "./helpers";

test.describe("organization lookup and membership", () => {
  test("a member reads the organization with their own level and the member count", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([1, 8]);
    const asOwner = await getOrg(request, ownerKey, org.id);
    expect(asOwner).toEqual({
      id: org.id,
      name: org.name,
      slug: org.slug,
      logo_media_id: null,
      created_at: expect.stringMatching(isoDate),
      updated_at: expect.stringMatching(isoDate),
      membership_level: 15,
      member_count: 3,
      enforce_2fa: null,
      members_can_invite: true,
      members_can_use_personal_api_keys: true,
      members_can_create_projects: false,
      is_member_join_email_enabled: true,
      is_ai_data_processing_approved: null,
      allow_domain_discovery: false,
    });
    expect((await getOrg(request, members[0].key, org.id)).membership_level).toBe(1);
    expect((await getOrg(request, members[1].key, org.id)).membership_level).toBe(8);
  });

  test("a non-member gets 403 permission_denied for an organization that exists", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const outsider = await makeOrganization();
    const key = outsider.ownerKey;
    await expectError(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(key) }), 403, E.denied());
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(key), data: { name: "Taken" } }), 403, E.denied());
    await expectError(await request.delete(`/api/organizations/${org.id}/`, { headers: bearer(key) }), 403, E.denied());
    await expectError(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers: bearer(key) }), 403, E.denied());
    expect((await getOrg(request, ownerKey, org.id)).name).toBe(org.name);
  });

  test("a malformed or unknown organization id is 404 Organization not found", async ({ request }) => {
    const { ownerKey } = await makeOrganization();
    for (const id of ["not-a-uuid", "123", "00000000-0000-4000-8000-00000000000", "00000000-0000-4000-8000-000000000000"]) {
      await expectError(await request.get(`/api/organizations/${id}/`, { headers: bearer(ownerKey) }), 404, E.orgNotFound);
      await expectError(await request.patch(`/api/organizations/${id}/`, { headers: bearer(ownerKey), data: { name: "x" } }), 404, E.orgNotFound);
      await expectError(await request.get(`/api/organizations/${id}/activity_log/`, { headers: bearer(ownerKey) }), 404, E.orgNotFound);
    }
  });

  test("@current is the organization the user joined first when they never chose one", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([1]);
    expect((await expectOk(await request.get("/api/organizations/@current/", { headers: bearer(ownerKey) }))).id).toBe(org.id);
    const asMember = await expectOk(await request.get("/api/organizations/@current/", { headers: bearer(members[0].key) }));
    expect(asMember).toMatchObject({ id: org.id, membership_level: 1 });
    const cookie = await makeSession(members[0].email);
    expect((await expectOk(await request.get("/api/organizations/@current", { headers: { Cookie: cookie } }))).id).toBe(org.id);
  });

  test("@current for a user with no organization is 404 Organization not found", async ({ request }) => {
    const { key } = await lonelyUser();
    await expectError(await request.get("/api/organizations/@current/", { headers: bearer(key) }), 404, E.orgNotFound);
    await expectError(await request.get("/api/organizations/@current/activity_log/", { headers: bearer(key) }), 404, E.orgNotFound);
    await expectError(await request.patch("/api/organizations/@current/", { headers: bearer(key), data: { name: "x" } }), 404, E.orgNotFound);
  });
});

test.describe("organization levels (AdminWrite, owner-only delete)", () => {
  test("a member cannot change the organization; an admin can", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([1, 8]);
    const [member, admin] = members;
    await expectError(
      await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(member.key), data: { name: "By member" } }),
      403,
      E.levelInsufficient,
    );
    expect((await getOrg(request, ownerKey, org.id)).name).toBe(org.name);
    const byAdmin = await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(admin.key), data: { name: "By admin" } }));
    expect(byAdmin).toMatchObject({ name: "By admin", membership_level: 8 });
    expect((await getOrg(request, member.key, org.id)).name).toBe("By admin");
  });

  test("only an owner deletes: member and admin get 403, the owner 204 and then 404", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([1, 8]);
    const [member, admin] = members;
    await expectError(await request.delete(`/api/organizations/${org.id}/`, { headers: bearer(member.key) }), 403, E.levelInsufficient);
    await expectError(await request.delete(`/api/organizations/${org.id}/`, { headers: bearer(admin.key) }), 403, E.levelInsufficient);
    expect((await getOrg(request, admin.key, org.id)).id).toBe(org.id);

    await expectOk(await request.delete(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey) }), 204);

    for (const key of [ownerKey, admin.key, member.key]) {
      await expectError(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(key) }), 404, E.orgNotFound);
      await expectError(await request.get("/api/organizations/@current/", { headers: bearer(key) }), 404, E.orgNotFound);
      expect(await expectOk(await request.get("/api/organizations/", { headers: bearer(key) }))).toMatchObject({ count: 0, results: [] });
    }
    await expectError(await request.delete(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey) }), 404, E.orgNotFound);
  });
});

test.describe("creating and changing organizations", () => {
  test("POST creates an organization owned by the caller, with a slug from its name, as their current one", async ({ request }) => {
    const { ownerKey, org: first } = await makeOrganization();
    const suffix = randomBytes(3).toString("hex");
    const res = await request.post("/api/organizations/", { headers: bearer(ownerKey), data: { name: `  Acme Rockets ${suffix}!  ` } });
    const created = await expectOk(res, 201);
    expect(created).toEqual({
      id: expect.stringMatching(uuidRe),
      name: `Acme Rockets ${suffix}!`,
      slug: `acme-rockets-${suffix}`,
      logo_media_id: null,
      created_at: expect.stringMatching(isoDate),
      updated_at: expect.stringMatching(isoDate),
      membership_level: 15,
      member_count: 1,
      enforce_2fa: null,
      members_can_invite: true,
      members_can_use_personal_api_keys: true,
      members_can_create_projects: false,
      is_member_join_email_enabled: true,
      is_ai_data_processing_approved: null,
      allow_domain_discovery: false,
    });
    expect(await getOrg(request, ownerKey, created.id)).toEqual(created);
    expect((await expectOk(await request.get("/api/organizations/@current/", { headers: bearer(ownerKey) }))).id).toBe(created.id);
    const me = await expectOk(await request.get("/api/users/@me/", { headers: bearer(ownerKey) }));
    expect(me.organization).toEqual({ id: created.id, name: created.name, slug: created.slug, membership_level: 15 });
    expect(me.organizations.map((o: { id: string }) => o.id).sort()).toEqual([first.id, created.id].sort());
  });

  test("POST takes an explicit slug and settings", async ({ request }) => {
    const { key } = await lonelyUser();
    const slug = `explicit-${randomBytes(4).toString("hex")}`;
    const created = await createOrgViaApi(request, key, { slug, members_can_invite: false, enforce_2fa: false, is_ai_data_processing_approved: true });
    expect(created).toMatchObject({ slug, members_can_invite: false, enforce_2fa: false, is_ai_data_processing_approved: true });
  });

  test("the same derived slug twice gives the second organization a different one", async ({ request }) => {
    const { key } = await lonelyUser();
    const name = randomName("Twin");
    const a = await createOrgViaApi(request, key, { name });
    const b = await createOrgViaApi(request, key, { name });
    expect(a.slug).toBe(name.toLowerCase().replace(" ", "-"));
    expect(b.slug).not.toBe(a.slug);
    expect(b.slug).toMatch(/^[a-z0-9-]{1,48}$/);
  });

  test("a slug already taken is 400 unique on create and on change", async ({ request }) => {
    const { key } = await lonelyUser();
    const slug = `taken-${randomBytes(4).toString("hex")}`;
    await createOrgViaApi(request, key, { slug });
    const unique = { type: "validation_error", code: "unique", detail: "Organization with this slug already exists.", attr: "slug" };
    await expectError(await request.post("/api/organizations/", { headers: bearer(key), data: { name: randomName(), slug } }), 400, unique);
    const other = await createOrgViaApi(request, key);
    await expectError(await request.patch(`/api/organizations/${other.id}/`, { headers: bearer(key), data: { slug, name: "Changed" } }), 400, unique);
    expect(await getOrg(request, key, other.id)).toMatchObject({ slug: other.slug, name: other.name });
    expect((await expectOk(await request.get("/api/organizations/", { headers: bearer(key) }))).count).toBe(2);
  });

  test("an invalid slug is 400 and nothing is created", async ({ request }) => {
    const { key } = await lonelyUser();
    const badSlug = E.invalid('Enter a valid "slug" consisting of lower-case letters, numbers or hyphens.', "slug");
    for (const slug of ["Upper-Case", "with space", "under_score", "émoji-ü"]) {
      await expectError(await request.post("/api/organizations/", { headers: bearer(key), data: { name: randomName(), slug } }), 400, badSlug);
    }
    await expectError(
      await request.post("/api/organizations/", { headers: bearer(key), data: { name: randomName(), slug: "a".repeat(49) } }),
      400,
      E.maxLength(48, "slug"),
    );
    expect((await expectOk(await request.get("/api/organizations/", { headers: bearer(key) }))).count).toBe(0);
  });

  test("PATCH changes settings and leaves the others alone", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const before = await getOrg(request, ownerKey, org.id);
    const changes = {
      name: "Renamed Org",
      members_can_invite: false,
      is_member_join_email_enabled: false,
      is_ai_data_processing_approved: true,
      enforce_2fa: false,
    };
    const after = await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: changes }));
    expect(after).toEqual({ ...before, ...changes, updated_at: expect.stringMatching(isoDate) });
    expect(Date.parse(after.updated_at)).toBeGreaterThan(Date.parse(before.updated_at));
    expect(await getOrg(request, ownerKey, org.id)).toEqual(after);
    // Back to null where null is allowed.
    const nulled = await expectOk(
      await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { is_ai_data_processing_approved: null } }),
    );
    expect(nulled.is_ai_data_processing_approved).toBeNull();
  });

  test("read-only and unknown fields in a request are ignored", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization([1]);
    const before = await getOrg(request, ownerKey, org.id);
    const res = await request.patch(`/api/organizations/${org.id}/`, {
      headers: bearer(ownerKey),
      data: { id: "00000000-0000-4000-8000-000000000000", membership_level: 1, member_count: 99, created_at: "2000-01-01T00:00:00Z", whatever: 1 },
    });
    const after = await expectOk(res);
    expect(after).toEqual({ ...before, updated_at: after.updated_at });
  });

  test("the list holds the caller's organizations oldest first", async ({ request }) => {
    const { key } = await lonelyUser();
    const created = [];
    for (let i = 0; i < 3; i++) created.push(await createOrgViaApi(request, key));
    const other = await makeOrganization();
    const list = await expectOk(await request.get("/api/organizations/", { headers: bearer(key) }));
    expect(list).toEqual({ count: 3, next: null, previous: null, results: created });
    expect(list.results.map((o: { id: string }) => o.id)).not.toContain(other.org.id);
  });
});
