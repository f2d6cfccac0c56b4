import { expect, test, type APIRequestContext } from "./recording";
import { bearer, cliFailure, makeKeyWithId, makeOrganization, makeUser } from "../support/cli";
import { E, expectError, expectOk, getOrg, isoDate, uuidRe } from "./helpers";

const KEYS = "/api/personal_api_keys/";

/** A key as reads show it, without the fields that change by themselves (last_used_at is written in the background). */
function stable(key: Record<string, unknown>) {
  const { value: _value, last_used_at: _used, ...rest } = key;
  return rest;
}

async function createKey(request: APIRequestContext, key: string, data: Record<string, unknown>) {
  return expectOk(await request.post(KEYS, { headers: bearer(key), data }), 201);
}

test.describe("personal API keys", () => {
  test("create returns the value once; reads never show it", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const created = await createKey(request, ownerKey, { label: "ci deploy", scopes: ["organization:read"] });
    expect(created).toEqual({
      id: expect.stringMatching(uuidRe),
      label: "ci deploy",
      value: expect.stringMatching(/^odk_[A-Za-z0-9_-]{43}$/),
      mask_value: `odk_...${created.value.slice(-4)}`,
      created_at: expect.stringMatching(isoDate),
      last_used_at: null,
      last_rolled_at: null,
      user_id: owner.uuid,
      scopes: ["organization:read"],
      scoped_organizations: [],
      scoped_teams: [],
    });
    expect(created.value).toHaveLength(47);

    const { value, ...shown } = created;
    expect(await expectOk(await request.get(`${KEYS}${created.id}/`, { headers: bearer(ownerKey) }))).toEqual(shown);
    const list = await expectOk(await request.get(KEYS, { headers: bearer(ownerKey) }));
    expect(list.count).toBe(2);
    expect(list.results[0]).toEqual(shown);
    for (const k of list.results) expect(k).not.toHaveProperty("value");
    expect(JSON.stringify(list)).not.toContain(value);

    // The new key works with exactly its scopes.
    expect((await getOrg(request, value, org.id)).id).toBe(org.id);
    await expectError(await request.get("/api/users/@me/", { headers: bearer(value) }), 403, E.missingScope("user:read"));
  });

  test("the list is the caller's own keys, newest first", async ({ request }) => {
    const { ownerKey } = await makeOrganization();
    const other = await makeOrganization();
    const a = await createKey(request, ownerKey, { label: "a", scopes: ["*"] });
    const b = await createKey(request, ownerKey, { label: "b", scopes: ["*"] });
    const list = await expectOk(await request.get(KEYS, { headers: bearer(ownerKey) }));
    expect(list.count).toBe(3);
    expect(list.results.map((k: { label: string }) => k.label)).toEqual(["b", "a", "owner"]);
    expect(list.results.map((k: { id: string }) => k.id).slice(0, 2)).toEqual([b.id, a.id]);
    const theirs = await expectOk(await request.get(KEYS, { headers: bearer(other.ownerKey) }));
    expect(theirs.count).toBe(1);
  });

  test("using a key records last_used_at", async ({ request }) => {
    const { ownerKey } = await makeOrganization();
    const created = await createKey(request, ownerKey, { label: "used", scopes: ["user:read"] });
    await expectOk(await request.get("/api/users/@me/", { headers: bearer(created.value) }));
    await expect
      .poll(async () => (await expectOk(await request.get(`${KEYS}${created.id}/`, { headers: bearer(ownerKey) }))).last_used_at)
      .toMatch(isoDate);
  });

  test("PATCH changes label and scopes, and the new scopes apply at once", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const created = await createKey(request, ownerKey, { label: "before", scopes: ["organization:write"] });
    await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(created.value), data: { name: "Writable" } }));

    const patched = await expectOk(
      await request.patch(`${KEYS}${created.id}/`, { headers: bearer(ownerKey), data: { label: "after", scopes: ["organization:read", "user:read"] } }),
    );
    expect(stable(patched)).toEqual({ ...stable(created), label: "after", scopes: ["organization:read", "user:read"] });
    expect(await expectOk(await request.get(`${KEYS}${created.id}/`, { headers: bearer(ownerKey) }))).toMatchObject({ label: "after" });

    await expectError(
      await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(created.value), data: { name: "Not any more" } }),
      403,
      E.missingScope("organization:write"),
    );
    await expectOk(await request.get("/api/users/@me/", { headers: bearer(created.value) }));
  });

  test("invalid key input is 400 and nothing is created or changed", async ({ request }) => {
    const { ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    const createCases: Array<[unknown, ReturnType<typeof E.required>]> = [
      [{ scopes: ["*"] }, E.required("label")],
      [{ label: "x" }, E.required("scopes")],
      [{ label: "", scopes: ["*"] }, E.blank("label")],
      [{ label: "   ", scopes: ["*"] }, E.blank("label")],
      [{ label: "x".repeat(41), scopes: ["*"] }, E.maxLength(40, "label")],
      [{ label: 7, scopes: ["*"] }, E.notAString("label")],
      [{ label: "x", scopes: [] }, E.invalid("This list may not be empty.", "scopes")],
      [{ label: "x", scopes: ["organization:admin"] }, E.invalid("Invalid scope: organization:admin", "scopes")],
      [{ label: "x", scopes: ["user:read", "nonsense"] }, E.invalid("Invalid scope: nonsense", "scopes")],
      [{ label: "x", scopes: "*" }, E.invalid('Expected a list of items but got type "str".', "scopes")],
      [[{ label: "x", scopes: ["*"] }], E.notADict("list")],
    ];
    for (const [data, body] of createCases) await expectError(await request.post(KEYS, { headers, data }), 400, body);
    expect((await expectOk(await request.get(KEYS, { headers }))).count).toBe(1);

    const created = await createKey(request, ownerKey, { label: "stable", scopes: ["user:read"] });
    for (const [data, body] of [
      [{ scopes: ["bogus:read"] }, E.invalid("Invalid scope: bogus:read", "scopes")],
      [{ label: "y".repeat(41) }, E.maxLength(40, "label")],
      [{ scopes: [] }, E.invalid("This list may not be empty.", "scopes")],
    ] as const) {
      await expectError(await request.patch(`${KEYS}${created.id}/`, { headers, data }), 400, body);
    }
    expect(await expectOk(await request.get(`${KEYS}${created.id}/`, { headers }))).toMatchObject({ label: "stable", scopes: ["user:read"] });
  });

  test("scoped_organizations must name the caller's organizations", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const foreign = await makeOrganization();
    const notMember = E.invalid("You must be a member of all organizations that you are scoping the key to.", "scoped_organizations");
    for (const orgs of [[foreign.org.id], [org.id, foreign.org.id], ["not-a-uuid"], ["00000000-0000-4000-8000-000000000000"]]) {
      await expectError(await request.post(KEYS, { headers: bearer(ownerKey), data: { label: "x", scopes: ["*"], scoped_organizations: orgs } }), 400, notMember);
    }
    const scoped = await createKey(request, ownerKey, { label: "scoped", scopes: ["*"], scoped_organizations: [org.id] });
    expect(scoped.scoped_organizations).toEqual([org.id]);
    await expectError(
      await request.patch(`${KEYS}${scoped.id}/`, { headers: bearer(ownerKey), data: { scoped_organizations: [foreign.org.id] } }),
      400,
      notMember,
    );
    expect((await expectOk(await request.get(`${KEYS}${scoped.id}/`, { headers: bearer(ownerKey) }))).scoped_organizations).toEqual([org.id]);
    expect((await expectOk(await request.get(KEYS, { headers: bearer(ownerKey) }))).count).toBe(2);
    await expectError(await request.get(`/api/organizations/${foreign.org.id}/`, { headers: bearer(scoped.value) }), 403, E.keyNotForOrg(foreign.org.id));
  });

  test("roll returns a new value; the old one stops working at once", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const created = await createKey(request, ownerKey, { label: "rolling", scopes: ["*"] });
    await getOrg(request, created.value, org.id);

    const rolled = await expectOk(await request.post(`${KEYS}${created.id}/roll/`, { headers: bearer(ownerKey) }));
    expect(rolled.value).toMatch(/^odk_[A-Za-z0-9_-]{43}$/);
    expect(stable(rolled)).toEqual({
      ...stable(created),
      mask_value: `odk_...${rolled.value.slice(-4)}`,
      last_rolled_at: expect.stringMatching(isoDate),
    });
    expect(rolled.value).not.toBe(created.value);

    await expectError(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(created.value) }), 401, E.keyInvalid("Authorization header"));
    expect((await getOrg(request, rolled.value, org.id)).id).toBe(org.id);
    const shown = await expectOk(await request.get(`${KEYS}${created.id}/`, { headers: bearer(ownerKey) }));
    expect(shown).toMatchObject({ last_rolled_at: rolled.last_rolled_at, mask_value: rolled.mask_value });
    expect(shown).not.toHaveProperty("value");
  });

  test("a key can roll itself, and then only the new value works", async ({ request }) => {
    const { owner } = await makeOrganization();
    const self = await makeKeyWithId(owner.email, "personal_api_key:write,user:read");
    const rolled = await expectOk(await request.post(`${KEYS}${self.id}/roll/`, { headers: bearer(self.key) }));
    await expectError(await request.get("/api/users/@me/", { headers: bearer(self.key) }), 401, E.keyInvalid("Authorization header"));
    await expectOk(await request.get("/api/users/@me/", { headers: bearer(rolled.value) }));
  });

  test("DELETE is 204 and the key is 401 at once", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const created = await createKey(request, ownerKey, { label: "doomed", scopes: ["*"] });
    await getOrg(request, created.value, org.id);
    await expectOk(await request.delete(`${KEYS}${created.id}/`, { headers: bearer(ownerKey) }), 204);
    await expectError(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(created.value) }), 401, E.keyInvalid("Authorization header"));
    await expectError(await request.get(`${KEYS}${created.id}/`, { headers: bearer(ownerKey) }), 404, E.notFound);
    await expectError(await request.delete(`${KEYS}${created.id}/`, { headers: bearer(ownerKey) }), 404, E.notFound);
    expect((await expectOk(await request.get(KEYS, { headers: bearer(ownerKey) }))).count).toBe(1);
  });

  test("another user's key id, or a malformed one, is 404 for every method and the key is untouched", async ({ request }) => {
    const { ownerKey } = await makeOrganization();
    const other = await makeOrganization();
    const theirs = await createKey(request, other.ownerKey, { label: "theirs", scopes: ["*"] });
    for (const id of [theirs.id, "00000000-0000-4000-8000-000000000000", "not-a-uuid", "123"]) {
      const headers = bearer(ownerKey);
      await expectError(await request.get(`${KEYS}${id}/`, { headers }), 404, E.notFound);
      await expectError(await request.patch(`${KEYS}${id}/`, { headers, data: { label: "mine now" } }), 404, E.notFound);
      await expectError(await request.post(`${KEYS}${id}/roll/`, { headers }), 404, E.notFound);
      await expectError(await request.delete(`${KEYS}${id}/`, { headers }), 404, E.notFound);
    }
    expect(stable(await expectOk(await request.get(`${KEYS}${theirs.id}/`, { headers: bearer(other.ownerKey) })))).toEqual(stable(theirs));
    await expectOk(await request.get("/api/users/@me/", { headers: bearer(theirs.value) }));
  });

  test("another user's key id is 404 even with an invalid body (the object is looked up first)", async ({ request }) => {
    const { ownerKey } = await makeOrganization();
    const other = await makeOrganization();
    const theirs = await createKey(request, other.ownerKey, { label: "theirs", scopes: ["*"] });
    await expectError(await request.patch(`${KEYS}${theirs.id}/`, { headers: bearer(ownerKey), data: { scopes: ["bogus"] } }), 404, E.notFound);
  });

  test("at most 10 keys per user, however they were made", async ({ request }) => {
    const user = await makeUser("hoarder");
    const first = await makeKeyWithId(user.email, "*");
    for (let i = 2; i <= 10; i++) await createKey(request, first.key, { label: `key ${i}`, scopes: ["user:read"] });
    const limit = E.invalid("You can have at most 10 personal API keys. Delete one before creating another.", null);
    await expectError(await request.post(KEYS, { headers: bearer(first.key), data: { label: "eleventh", scopes: ["*"] } }), 400, limit);

    const failure = await cliFailure("api-key", "create", "--email", user.email, "--label", "eleventh", "--scopes", "*");
    expect(failure).toEqual({
      code: 2,
      stderr: "invalid_input: You can have at most 10 personal API keys. Delete one before creating another.\n",
    });
    expect((await expectOk(await request.get(KEYS, { headers: bearer(first.key) }))).count).toBe(10);

    // Deleting one makes room for one.
    const list = await expectOk(await request.get(KEYS, { headers: bearer(first.key) }));
    const victim = list.results.find((k: { id: string }) => k.id !== first.id);
    await expectOk(await request.delete(`${KEYS}${victim.id}/`, { headers: bearer(first.key) }), 204);
    await createKey(request, first.key, { label: "replacement", scopes: ["*"] });
    await expectError(await request.post(KEYS, { headers: bearer(first.key), data: { label: "twelfth", scopes: ["*"] } }), 400, limit);
  });
});
