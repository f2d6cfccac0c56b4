import { expect, test } from "./recording";
import { bearer, makeKey, makeOrganization, makeSession, makeSessionSignedInAgo } from "../support/cli";
import { E, SITE_URL, err, expectError, expectOk, isoDate, uuidRe } from "./helpers";

const members = (orgId: string) => `/api/organizations/${orgId}/members/`;
const LEVELS = {
  editOthers: E.denied("You can only edit others if you are an admin."),
  lowerOrEqual: E.denied("You can only edit others with level lower or equal to you."),
  ownLevel: E.denied("You can't change your own access level."),
  ownerOnly: E.denied("You can only make another member owner if you're this organization's owner."),
};

test.describe("GET /members/", () => {
  test("any member lists the members, paginated, with the member object; @current works", async ({ request }) => {
    const { org, owner, members: [member] } = await makeOrganization([1]);
    const page = await expectOk(await request.get(members(org.id), { headers: bearer(member.key) }));
    expect(page).toMatchObject({ count: 2, next: null, previous: null });
    const mine = page.results.find((m: { user: { uuid: string } }) => m.user.uuid === owner.uuid);
    expect(mine).toEqual({
      id: expect.stringMatching(uuidRe),
      user: {
        id: owner.id,
        uuid: owner.uuid,
        distinct_id: expect.any(String),
        first_name: owner.first_name,
        last_name: owner.last_name,
        email: owner.email,
        is_email_verified: true,
        hedgehog_config: null,
        role_at_organization: null,
      },
      level: 15,
      joined_at: expect.stringMatching(isoDate),
      updated_at: expect.stringMatching(isoDate),
      is_2fa_enabled: false,
      has_social_auth: false,
      last_login: null,
      is_suspended: false,
    });
    const current = await expectOk(await request.get("/api/organizations/@current/members/", { headers: bearer(member.key) }));
    expect(current.count).toBe(2);
  });

  test("search marks matches; over 200 characters is 400; a NUL byte or SQL is no 500", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const headers = bearer(ownerKey);
    const found = await expectOk(await request.get(members(org.id), { headers, params: { search: member.email.slice(0, 12).toUpperCase() } }));
    expect(found.results.map((m: { user: { email: string }; search_match_type: string }) => [m.user.email, m.search_match_type])).toEqual([[member.email, "exact"]]);
    await expectError(
      await request.get(members(org.id), { headers, params: { search: "x".repeat(201) } }),
      400,
      E.invalid("Search query must be 200 characters or fewer.", "search"),
    );
    await expectError(await request.get(members(org.id), { headers, params: { search: "a\0b" } }), 400, E.invalid("Null characters are not allowed.", "search"));
    for (const search of ["'; drop table users; --", "%_\\"]) {
      expect((await request.get(members(org.id), { headers, params: { search } })).status(), search).toBe(200);
    }
    const all = await expectOk(await request.get(`${members(org.id)}?search=%20%20&order=bogus`, { headers }));
    expect(all.count).toBe(2);
    expect(all.results[0]).not.toHaveProperty("search_match_type");
  });

  test("no credentials is 401, a non-member is 403 on the list and on a member path", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const stranger = await makeOrganization();
    await expectError(await request.get(members(org.id)), 401, E.notAuthenticated);
    await expectError(await request.get(members(org.id), { headers: bearer(stranger.ownerKey) }), 403, E.denied());
    await expectError(await request.get(`${members(org.id)}${owner.uuid}/github_login/`, { headers: bearer(stranger.ownerKey) }), 403, E.denied());
    await expectError(await request.patch(`${members(org.id)}${owner.uuid}/`, { headers: bearer(stranger.ownerKey), data: { level: 1 } }), 403, E.denied());
  });
});

test.describe("PATCH and PUT /members/:user__uuid/", () => {
  test("an admin promotes a member (PATCH) and an owner makes an owner (PUT): 200 member object", async ({ request }) => {
    const { org, ownerKey, owner, members: [member, admin] } = await makeOrganization([1, 8]);
    const promoted = await expectOk(await request.patch(`${members(org.id)}${member.uuid}/`, { headers: bearer(admin.key), data: { level: 8 } }));
    expect(promoted).toMatchObject({ level: 8, user: { uuid: member.uuid } });
    expect(promoted).not.toHaveProperty("search_match_type");
    const owner2 = await expectOk(await request.put(`${members(org.id)}${member.uuid}`, { headers: bearer(ownerKey), data: { level: 15 } }));
    expect(owner2.level).toBe(15);
    const list = await expectOk(await request.get(members(org.id), { headers: bearer(ownerKey) }));
    const levels = Object.fromEntries(list.results.map((m: { user: { uuid: string }; level: number }) => [m.user.uuid, m.level]));
    expect(levels).toEqual({ [owner.uuid]: 15, [member.uuid]: 15, [admin.uuid]: 8 });
  });

  test("each refusal has its exact body, the first failing check winning", async ({ request }) => {
    const { org, owner, ownerKey, members: [member, member2, admin] } = await makeOrganization([1, 1, 8]);
    const patch = (key: string, uuid: string, data: unknown) => request.patch(`${members(org.id)}${uuid}/`, { headers: bearer(key), data });
    await expectError(await patch(member.key, member2.uuid, { level: 99 }), 403, LEVELS.editOthers);
    await expectError(await patch(admin.key, owner.uuid, { level: 99 }), 403, LEVELS.lowerOrEqual);
    await expectError(await patch(ownerKey, "@me", { level: 99 }), 400, E.invalidChoice("99", "level"));
    await expectError(await patch(ownerKey, admin.uuid, { level: "8" }), 400, E.invalidChoice("8", "level"));
    await expectError(await patch(ownerKey, "@me", { level: 8 }), 403, LEVELS.ownLevel);
    await expectError(await patch(admin.key, "@me", { level: 15 }), 403, LEVELS.ownLevel);
    await expectError(await patch(admin.key, member.uuid, { level: 15 }), 403, LEVELS.ownerOnly);
    await expectError(await patch(ownerKey, "00000000-0000-4000-8000-000000000000", { level: 1 }), 404, E.notFound);
    await expectError(await patch(ownerKey, "not-a-uuid", { level: 1 }), 404, E.notFound);
    await expectError(await patch(ownerKey, member.uuid, [1]), 400, E.notADict("list"));
  });

  test("an API key needs organization_member:write to change a member, :read to list", async ({ request }) => {
    const { org, owner, members: [member] } = await makeOrganization([1]);
    const readOnly = await makeKey(owner.email, "organization_member:read");
    await expectError(
      await request.patch(`${members(org.id)}${member.uuid}/`, { headers: bearer(readOnly), data: { level: 8 } }),
      403,
      E.missingScope("organization_member:write"),
    );
    expect((await expectOk(await request.get(members(org.id), { headers: bearer(readOnly) }))).count).toBe(2);
    const orgOnly = await makeKey(owner.email, "organization:read");
    await expectError(await request.get(members(org.id), { headers: bearer(orgOnly) }), 403, E.missingScope("organization_member:read"));
  });
});

test.describe("DELETE /members/:user__uuid/", () => {
  test("a member leaves (204, empty); an owner cannot; an admin cannot remove an owner; an owner removes an admin", async ({ request }) => {
    const { org, owner, ownerKey, members: [member, admin, admin2] } = await makeOrganization([1, 8, 8]);
    await expectOk(await request.delete(`${members(org.id)}@me/`, { headers: bearer(member.key) }), 204);
    await expectError(await request.get(members(org.id), { headers: bearer(member.key) }), 403, E.denied());
    await expectError(
      await request.delete(`${members(org.id)}@me/`, { headers: bearer(ownerKey) }),
      400,
      E.invalid("Cannot leave the organization as its owner!", null),
    );
    await expectError(await request.delete(`${members(org.id)}${owner.uuid}/`, { headers: bearer(admin.key) }), 403, LEVELS.lowerOrEqual);
    await expectOk(await request.delete(`${members(org.id)}${admin2.uuid}/`, { headers: bearer(ownerKey) }), 204);
    await expectError(await request.delete(`${members(org.id)}${admin2.uuid}/`, { headers: bearer(ownerKey) }), 404, E.notFound);
    expect((await expectOk(await request.get(members(org.id), { headers: bearer(ownerKey) }))).count).toBe(2);
  });
});

test.describe("TimeSensitive member writes: a session must have signed in recently", () => {
  const reauth = err("authentication_error", "sensitive_action_required_reauth", "This action requires you to be recently authenticated.");

  test("a fresh cookie session may change and remove members; one signed in 8000 s ago gets 403 on PATCH, PUT and DELETE", async ({ request }) => {
    const { org, owner, members: [member, member2] } = await makeOrganization([1, 1]);
    const stale = { Cookie: await makeSessionSignedInAgo(owner.email, 8000), Origin: SITE_URL };
    await expectError(await request.patch(`${members(org.id)}${member.uuid}/`, { headers: stale, data: { level: 8 } }), 403, reauth);
    await expectError(await request.put(`${members(org.id)}${member.uuid}/`, { headers: stale, data: { level: 8 } }), 403, reauth);
    await expectError(await request.delete(`${members(org.id)}${member2.uuid}/`, { headers: stale }), 403, reauth);
    expect((await expectOk(await request.get(members(org.id), { headers: stale }))).count).toBe(3);

    const fresh = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    expect((await expectOk(await request.patch(`${members(org.id)}${member.uuid}/`, { headers: fresh, data: { level: 8 } }))).level).toBe(8);
    await expectOk(await request.delete(`${members(org.id)}${member2.uuid}/`, { headers: fresh }), 204);
    const within = { Cookie: await makeSessionSignedInAgo(owner.email, 7000), Origin: SITE_URL };
    expect((await expectOk(await request.patch(`${members(org.id)}${member.uuid}/`, { headers: within, data: { level: 1 } }))).level).toBe(1);
  });

  test("API keys are never affected, whatever the age of the user's sessions", async ({ request }) => {
    const { org, owner, ownerKey, members: [member] } = await makeOrganization([1]);
    await makeSessionSignedInAgo(owner.email, 100_000);
    expect((await expectOk(await request.patch(`${members(org.id)}${member.uuid}/`, { headers: bearer(ownerKey), data: { level: 8 } }))).level).toBe(8);
    await expectOk(await request.delete(`${members(org.id)}${member.uuid}/`, { headers: bearer(ownerKey) }), 204);
  });
});

test.describe("owners racing over HTTP", () => {
  test("owners demoting and removing one another in parallel always leave at least one owner", async ({ request }) => {
    const { org, owner, ownerKey, members: others } = await makeOrganization([15, 15]);
    const owners = [{ uuid: owner.uuid, key: ownerKey }, ...others];
    const calls = owners.flatMap((r) =>
      owners
        .filter((t) => t !== r)
        .flatMap((t) => [
          request.patch(`${members(org.id)}${t.uuid}/`, { headers: bearer(r.key), data: { level: 8 } }),
          request.delete(`${members(org.id)}${t.uuid}/`, { headers: bearer(r.key) }),
        ]),
    );
    const statuses = (await Promise.all(calls)).map((res) => res.status());
    expect(statuses.every((s) => [200, 204, 400, 403, 404].includes(s)), statuses.join(",")).toBe(true);
    expect(statuses.filter((s) => s === 200 || s === 204).length).toBeGreaterThan(0);
    const lists = await Promise.all(owners.map((o) => request.get(members(org.id), { headers: bearer(o.key) })));
    const readable = lists.filter((res) => res.status() === 200);
    expect(readable.length).toBeGreaterThan(0);
    const page = await readable[0].json();
    expect(page.results.filter((m: { level: number }) => m.level === 15).length).toBeGreaterThanOrEqual(1);
  });
});
