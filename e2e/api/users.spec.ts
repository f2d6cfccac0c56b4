import { expect, test } from "./recording";
import { addMember, bearer, makeOrganization } from "../support/cli";
import { E, createOrgViaApi, expectError, expectOk, isoDate, lonelyUser, uuidRe } from "./helpers";

test.describe("/api/users/@me/", () => {
  test("GET returns the profile with the current organization and all of the user's", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const other = await makeOrganization();
    await addMember(other.org.id, owner.email, 1);
    const me = await expectOk(await request.get("/api/users/@me/", { headers: bearer(ownerKey) }));
    const { is_email_verified, ...rest } = me;
    expect(rest).toEqual({
      id: owner.id,
      uuid: owner.uuid,
      distinct_id: expect.any(String),
      first_name: "owner",
      last_name: "",
      email: owner.email,
      role_at_organization: null,
      date_joined: expect.stringMatching(isoDate),
      organization: { id: org.id, name: org.name, slug: org.slug, membership_level: 15 },
      organizations: [
        { id: org.id, name: org.name, slug: org.slug, membership_level: 15 },
        { id: other.org.id, name: other.org.name, slug: other.org.slug, membership_level: 1 },
      ],
    });
    // The operator vouches for the address of a user made at the admin CLI.
    expect(is_email_verified).toBe(true);
    expect(me.uuid).toMatch(uuidRe);
    expect(me.distinct_id.length).toBeGreaterThan(0);
    // The same user by their own uuid.
    expect(await expectOk(await request.get(`/api/users/${owner.uuid}/`, { headers: bearer(ownerKey) }))).toEqual(me);
  });

  test("a user with no organization has none current", async ({ request }) => {
    const { user, key } = await lonelyUser();
    const me = await expectOk(await request.get("/api/users/@me/", { headers: bearer(key) }));
    expect(me).toMatchObject({ email: user.email, organization: null, organizations: [] });
  });

  test("PATCH changes names and role", async ({ request }) => {
    const { ownerKey } = await makeOrganization();
    const changes = { first_name: "Ada", last_name: "Lovelace", role_at_organization: "engineering" };
    const patched = await expectOk(await request.patch("/api/users/@me/", { headers: bearer(ownerKey), data: changes }));
    expect(patched).toMatchObject(changes);
    expect(await expectOk(await request.get("/api/users/@me/", { headers: bearer(ownerKey) }))).toEqual(patched);
    // A partial PATCH leaves the rest alone; the role can be cleared.
    const cleared = await expectOk(await request.patch("/api/users/@me/", { headers: bearer(ownerKey), data: { role_at_organization: null } }));
    expect(cleared).toMatchObject({ first_name: "Ada", last_name: "Lovelace", role_at_organization: null });
  });

  test("invalid profile input is 400 and nothing changes", async ({ request }) => {
    const { ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    const before = await expectOk(await request.get("/api/users/@me/", { headers }));
    const cases: Array<[Record<string, unknown>, ReturnType<typeof E.required>]> = [
      [{ role_at_organization: "wizard" }, E.invalidChoice("wizard", "role_at_organization")],
      [{ first_name: "x".repeat(151) }, E.maxLength(150, "first_name")],
      [{ last_name: "x".repeat(151) }, E.maxLength(150, "last_name")],
      [{ first_name: 5 }, E.notAString("first_name")],
      [{ first_name: null }, E.isNull("first_name")],
      [{ set_current_organization: 42 }, E.notAString("set_current_organization")],
    ];
    for (const [data, body] of cases) {
      await expectError(await request.patch("/api/users/@me/", { headers, data }), 400, body);
    }
    await expectError(await request.patch("/api/users/@me/", { headers, data: [{ first_name: "x" }] }), 400, E.notADict("list"));
    expect(await expectOk(await request.get("/api/users/@me/", { headers }))).toEqual(before);
  });

  test("set_current_organization to an organization the user is not in is 400", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const foreign = await makeOrganization();
    const notMember = E.invalid("You are not a member of this organization.", "set_current_organization");
    for (const target of [foreign.org.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid"]) {
      await expectError(await request.patch("/api/users/@me/", { headers: bearer(ownerKey), data: { set_current_organization: target } }), 400, notMember);
    }
    expect((await expectOk(await request.get("/api/organizations/@current/", { headers: bearer(ownerKey) }))).id).toBe(org.id);
  });

  test("set_current_organization to one's own second organization moves @current", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const second = await makeOrganization();
    await addMember(second.org.id, owner.email, 8);
    expect((await expectOk(await request.get("/api/organizations/@current/", { headers: bearer(ownerKey) }))).id).toBe(org.id);

    const me = await expectOk(await request.patch("/api/users/@me/", { headers: bearer(ownerKey), data: { set_current_organization: second.org.id } }));
    expect(me.organization).toEqual({ id: second.org.id, name: second.org.name, slug: second.org.slug, membership_level: 8 });
    const current = await expectOk(await request.get("/api/organizations/@current/", { headers: bearer(ownerKey) }));
    expect(current).toMatchObject({ id: second.org.id, membership_level: 8 });

    await expectOk(await request.patch("/api/users/@me/", { headers: bearer(ownerKey), data: { set_current_organization: org.id } }));
    expect((await expectOk(await request.get("/api/organizations/@current/", { headers: bearer(ownerKey) }))).id).toBe(org.id);
  });

  test("creating an organization through the API makes it current", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const created = await createOrgViaApi(request, ownerKey);
    expect(created.id).not.toBe(org.id);
    expect((await expectOk(await request.get("/api/organizations/@current/", { headers: bearer(ownerKey) }))).id).toBe(created.id);
  });

  test("another user's uuid, or a malformed one, is 404", async ({ request }) => {
    const { ownerKey, members } = await makeOrganization([1]);
    const other = members[0];
    for (const id of [other.uuid, "00000000-0000-4000-8000-000000000000", "not-a-uuid", "@you"]) {
      await expectError(await request.get(`/api/users/${id}/`, { headers: bearer(ownerKey) }), 404, E.notFound);
      await expectError(await request.patch(`/api/users/${id}/`, { headers: bearer(ownerKey), data: { first_name: "Hijack" } }), 404, E.notFound);
    }
    const them = await expectOk(await request.get("/api/users/@me/", { headers: bearer(other.key) }));
    expect(them.first_name).toBe("level1");
  });

  test("another user's uuid is 404 even when the body is invalid (the object is looked up first)", async ({ request }) => {
    const { ownerKey, members } = await makeOrganization([1]);
    const res = await request.patch(`/api/users/${members[0].uuid}/`, { headers: bearer(ownerKey), data: { role_at_organization: "wizard" } });
    await expectError(res, 404, E.notFound);
  });
});
