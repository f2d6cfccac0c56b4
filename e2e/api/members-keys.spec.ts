import { expect, test } from "./recording";
import { addMember, bearer, makeKeyWithId, makeOrganization, makeSession } from "../support/cli";
import { E, expectError, expectOk, isoDate } from "./helpers";

const member = (orgId: string, uuid: string, action: string) => `/api/organizations/${orgId}/members/${uuid}/${action}/`;

test.describe("GET /members/:user__uuid/github_login/", () => {
  test("any member reads it (key or session): null without a linked GitHub account", async ({ request }) => {
    const { org, owner, members: [m] } = await makeOrganization([1]);
    expect(await expectOk(await request.get(member(org.id, owner.uuid, "github_login"), { headers: bearer(m.key) }))).toEqual({ github_login: null });
    const cookie = await makeSession(m.email);
    expect(await expectOk(await request.get(member(org.id, "@me", "github_login"), { headers: { Cookie: cookie } }))).toEqual({ github_login: null });
  });

  test("a user who is not a member is 404; a non-member caller is 403", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const other = await makeOrganization();
    await expectError(await request.get(member(org.id, other.owner.uuid, "github_login"), { headers: bearer(ownerKey) }), 404, E.notFound);
    await expectError(await request.get(member(org.id, "@me", "github_login"), { headers: bearer(other.ownerKey) }), 403, E.denied());
  });
});

test.describe("GET /members/:user__uuid/scoped_api_keys/", () => {
  test("a personal API key is refused: the action is session only", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    await expectError(
      await request.get(member(org.id, owner.uuid, "scoped_api_keys"), { headers: bearer(ownerKey) }),
      403,
      E.denied("This action does not support personal API key access"),
    );
  });

  test("with a session: the member's keys that are unscoped or scoped to this organization, and recent use", async ({ request }) => {
    const { org, owner, members: [m] } = await makeOrganization([1]);
    const other = await makeOrganization();
    await addMember(other.org.id, m.email, 1);
    const cookie = { Cookie: await makeSession(owner.email) };
    // makeOrganization gave the member one unscoped key ("member"), unused.
    const before = await expectOk(await request.get(member(org.id, m.uuid, "scoped_api_keys"), { headers: cookie }));
    expect(before).toEqual({ has_keys: true, has_keys_active_last_week: false, keys: [{ name: "member", last_used_at: null }] });

    const scopedHere = await makeKeyWithId(m.email, "*", org.id);
    await makeKeyWithId(m.email, "*", other.org.id);
    const after = await expectOk(await request.get(member(org.id, m.uuid, "scoped_api_keys"), { headers: cookie }));
    expect(after.keys).toHaveLength(2);
    expect(after.keys.map((k: { name: string }) => k.name).sort()).toEqual(["k", "member"]);
    expect(after.has_keys_active_last_week).toBe(false);

    await expectOk(await request.get("/api/users/@me/", { headers: bearer(scopedHere.key) }));
    const used = await expectOk(await request.get(member(org.id, m.uuid, "scoped_api_keys"), { headers: cookie }));
    expect(used.has_keys_active_last_week).toBe(true);
    expect(used.keys.find((k: { name: string }) => k.name === "k").last_used_at).toMatch(isoDate);
  });

  test("@me reads the caller's own keys; a user who is not a member is 404", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const cookie = { Cookie: await makeSession(owner.email) };
    // The owner's only key is the `*` key makeOrganization created.
    const result = await expectOk(await request.get(member(org.id, "@me", "scoped_api_keys"), { headers: cookie }));
    expect(result).toEqual({ has_keys: true, has_keys_active_last_week: false, keys: [{ name: "owner", last_used_at: null }] });
    const stranger = await makeOrganization();
    await expectError(
      await request.get(member(org.id, stranger.owner.uuid, "scoped_api_keys"), { headers: cookie }),
      404,
      E.notFound,
    );
  });
});
