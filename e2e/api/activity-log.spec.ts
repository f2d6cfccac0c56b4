import { expect, test, type APIRequestContext } from "./recording";
import { addMember, bearer, makeKey, makeOrganization, makeUser, type User } from "../support/cli";
import { E, SITE_URL, createOrgViaApi, expectError, expectOk, isoDate, lonelyUser, uuidRe } from "./helpers";

type Entry = { id: string; activity: string; scope: string; created_at: string; user: { uuid: string } | null; detail: { name: string; changes: unknown[] } };

const logOf = async (request: APIRequestContext, key: string, orgId: string, query = "") =>
  expectOk(await request.get(`/api/organizations/${orgId}/activity_log/${query}`, { headers: bearer(key) }));

const userBasic = (user: User) => ({
  id: user.id,
  uuid: user.uuid,
  distinct_id: expect.any(String),
  first_name: user.first_name,
  last_name: user.last_name,
  email: user.email,
  is_email_verified: true,
  hedgehog_config: null,
  role_at_organization: null,
});

/** An organization created through the API by a fresh user, then renamed and changed twice: three entries by that user. */
async function auditedOrganization(request: APIRequestContext) {
  const { user, key } = await lonelyUser();
  const org = await createOrgViaApi(request, key, { name: "Audited" });
  await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(key), data: { name: "Audited Renamed" } }));
  await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(key), data: { members_can_invite: false } }));
  return { user, key, org };
}

test.describe("activity log", () => {
  test("admins and owners read it; a member gets 403 and a non-member 403", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([1, 8]);
    const outsider = await makeOrganization();
    await logOf(request, ownerKey, org.id);
    await logOf(request, members[1].key, org.id);
    await expectError(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers: bearer(members[0].key) }), 403, E.levelInsufficient);
    await expectError(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers: bearer(outsider.ownerKey) }), 403, E.denied());
  });

  test("each mutation wrote one entry, newest first, with before/after changes and the acting user", async ({ request }) => {
    const { user, org } = await auditedOrganization(request);
    const key = await makeKey(user.email, "activity_log:read");
    const log = await logOf(request, key, org.id, "?scope=Organization");
    expect(log).toMatchObject({ count: 3, next: null, previous: null });
    const [invite, rename, created] = log.results;
    const actor = userBasic(user);
    expect(invite).toEqual({
      id: expect.stringMatching(uuidRe),
      user: actor,
      is_system: false,
      scope: "Organization",
      item_id: org.id,
      activity: "updated",
      detail: {
        name: "Audited Renamed",
        changes: [{ type: "Organization", field: "members_can_invite", action: "changed", before: true, after: false }],
        via: { kind: "api_key", key_label: "k" },
        address: expect.stringMatching(/^(127\.0\.0\.1|::1)$/),
      },
      created_at: expect.stringMatching(isoDate),
    });
    expect(rename).toMatchObject({
      user: actor,
      activity: "updated",
      detail: { name: "Audited Renamed", changes: [{ type: "Organization", field: "name", action: "changed", before: "Audited", after: "Audited Renamed" }] },
    });
    expect(created).toMatchObject({ user: actor, is_system: false, scope: "Organization", item_id: org.id, activity: "created" });
    expect(created.detail).toEqual({
      name: "Audited",
      changes: [
        ["name", "Audited"],
        ["slug", org.slug],
        ["enforce_2fa", null],
        ["members_can_invite", true],
        ["members_can_use_personal_api_keys", true],
        ["members_can_create_projects", false],
        ["is_member_join_email_enabled", true],
        ["is_ai_data_processing_approved", null],
        ["allow_domain_discovery", false],
      ].map(([field, after]) => ({ type: "Organization", field, action: "created", before: null, after })),
      via: { kind: "api_key", key_label: "k" },
      address: expect.any(String),
    });
    const times = log.results.map((e: Entry) => Date.parse(e.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  test("refused or invalid requests write nothing", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([1]);
    const before = await logOf(request, ownerKey, org.id);
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(members[0].key), data: { name: "x" } }), 403, E.levelInsufficient);
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { name: "x".repeat(65) } }), 400, E.maxLength(64, "name"));
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers: { ...bearer(ownerKey), "content-type": "application/json" }, data: Buffer.from("{oops") }), 400, E.parseError);
    expect(await logOf(request, ownerKey, org.id)).toEqual(before);
  });

  test("entries made by the admin CLI have no user and are marked system", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([8]);
    const log = await logOf(request, ownerKey, org.id);
    for (const e of log.results) expect(e).toMatchObject({ user: null, is_system: true });
    const orgEntries = log.results.filter((e: Entry) => e.scope === "Organization");
    expect(orgEntries.map((e: Entry) => e.activity)).toEqual(["created"]);
    const added = log.results.filter((e: Entry) => e.scope === "OrganizationMembership" && e.detail.name === members[0].email);
    expect(added).toHaveLength(1);
    expect(added[0].activity).toBe("created");
    expect(added[0].detail).toEqual({
      name: members[0].email,
      changes: [
        { type: "OrganizationMembership", field: "user", action: "created", before: null, after: members[0].uuid },
        { type: "OrganizationMembership", field: "level", action: "created", before: null, after: 8 },
      ],
      via: { kind: "cli" },
    });
  });

  test("filters: scope, activity, item_id, user", async ({ request }) => {
    const { user, key, org } = await auditedOrganization(request);
    const admin = await makeUser("admin");
    await addMember(org.id, admin.email, 8);
    const adminKey = await makeKey(admin.email, "*");
    await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(adminKey), data: { is_member_join_email_enabled: false } }));
    const all: Entry[] = (await logOf(request, key, org.id)).results;

    const byScope = await logOf(request, key, org.id, "?scope=OrganizationMembership");
    expect(byScope.results.every((e: Entry) => e.scope === "OrganizationMembership")).toBe(true);
    expect(byScope.results.some((e: Entry) => e.detail.name === admin.email)).toBe(true);
    expect(byScope.count).toBe(all.filter((e) => e.scope === "OrganizationMembership").length);
    expect((await logOf(request, key, org.id, "?scope=Organization")).count).toBe(4);

    const updated = await logOf(request, key, org.id, "?activity=updated");
    expect(updated.count).toBe(3);
    expect(updated.results.every((e: Entry) => e.activity === "updated")).toBe(true);

    const byItem = await logOf(request, key, org.id, `?item_id=${org.id}`);
    expect(byItem.count).toBe(4);
    expect(byItem.results.every((e: Entry & { item_id: string }) => e.item_id === org.id)).toBe(true);

    const byAdmin = await logOf(request, key, org.id, `?user=${admin.uuid}`);
    expect(byAdmin.results.map((e: Entry) => e.user?.uuid)).toEqual([admin.uuid]);
    expect(byAdmin.results[0].detail.changes).toEqual([
      { type: "Organization", field: "is_member_join_email_enabled", action: "changed", before: true, after: false },
    ]);
    const byOwner = await logOf(request, key, org.id, `?user=${user.uuid}&activity=updated`);
    expect(byOwner.count).toBe(2);
    expect(byOwner.results.every((e: Entry) => e.user?.uuid === user.uuid)).toBe(true);

    expect((await logOf(request, key, org.id, "?scope=Nothing")).count).toBe(0);
  });

  test("filters: after and before take the entries' own timestamps", async ({ request }) => {
    const { key, org } = await auditedOrganization(request);
    const q = (filters: string) => logOf(request, key, org.id, `?scope=Organization${filters}`);
    const all: Entry[] = (await q("")).results;
    const [newest, middle, oldest] = all;
    const after = await q(`&after=${encodeURIComponent(oldest.created_at)}`);
    expect(after.results.map((e: Entry) => e.id)).toEqual([newest.id, middle.id]);
    const before = await q(`&before=${encodeURIComponent(newest.created_at)}`);
    expect(before.results.map((e: Entry) => e.id)).toEqual([middle.id, oldest.id]);
    const between = await q(`&after=${encodeURIComponent(oldest.created_at)}&before=${encodeURIComponent(newest.created_at)}`);
    expect(between.results.map((e: Entry) => e.id)).toEqual([middle.id]);
    expect((await q("&after=2000-01-01")).count).toBe(3);
    expect((await q("&before=2000-01-01T00:00:00Z")).count).toBe(0);
  });

  test("invalid filters are 400 with the filter as attr", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const before = await logOf(request, ownerKey, org.id);
    for (const [query, attr] of [
      ["after=yesterday", "after"],
      ["after=2021-08-08T20:20:08Zjunk", "after"],
      ["before=2021-13-45T99:00:00Z", "before"],
    ]) {
      const res = await request.get(`/api/organizations/${org.id}/activity_log/?${query}`, { headers: bearer(ownerKey) });
      // Only the wording of a bad date's detail is left free; the rest of the body is pinned.
      expect({ status: res.status(), body: await res.json() }, query).toEqual({
        status: 400,
        body: { type: "validation_error", code: "invalid_input", detail: expect.any(String), attr },
      });
    }
    expect((await logOf(request, ownerKey, org.id, "?after=2000-01-01T00:00:00Z")).count).toBe(before.count);
    await expectError(
      await request.get(`/api/organizations/${org.id}/activity_log/?user=not-a-uuid`, { headers: bearer(ownerKey) }),
      400,
      E.invalid('"not-a-uuid" is not a valid UUID.', "user"),
    );
  });

  test("the log is paginated", async ({ request }) => {
    const { key, org } = await auditedOrganization(request);
    const base = `${SITE_URL}/api/organizations/${org.id}/activity_log/`;
    /** A link as its address and its query (the order of query parameters is not part of the contract). */
    const link = (url: string | null) => url && { base: url.split("?")[0], query: Object.fromEntries(new URL(url).searchParams) };
    const all = await logOf(request, key, org.id, "?scope=Organization");
    const first = await logOf(request, key, org.id, "?scope=Organization&limit=2");
    expect({ ...first, next: link(first.next) }).toEqual({
      count: 3,
      next: { base, query: { scope: "Organization", limit: "2", offset: "2" } },
      previous: null,
      results: all.results.slice(0, 2),
    });
    const second = await expectOk(await request.get(first.next, { headers: bearer(key) }));
    expect({ ...second, previous: link(second.previous) }).toEqual({
      count: 3,
      next: null,
      previous: { base, query: { scope: "Organization", limit: "2" } },
      results: all.results.slice(2),
    });
  });
});
