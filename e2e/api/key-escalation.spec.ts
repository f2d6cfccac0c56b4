import { expect, test } from "./recording";
import { bearer, cli, makeKey, makeKeyWithId, makeOrganization, type Org } from "../support/cli";
import { E, expectError, expectOk, randomName } from "./helpers";

const KEYS = "/api/personal_api_keys/";

/** A key-authenticated request cannot give a key more than the calling key holds. */
test.describe("personal API keys cannot outgrow the key that makes them", () => {
  test("an organization-scoped * key cannot create an unscoped key, nor one for another organization", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const other = await cli<Org>("org", "create", "--name", randomName(), "--owner-email", owner.email);
    const scoped = await makeKey(owner.email, "*", org.id);
    await expectError(
      await request.post(KEYS, { headers: bearer(scoped), data: { label: "wider", scopes: ["*"] } }),
      403,
      E.denied("This personal API key is scoped to some organizations and cannot grant access to all of them."),
    );
    await expectError(
      await request.post(KEYS, { headers: bearer(scoped), data: { label: "elsewhere", scopes: ["*"], scoped_organizations: [other.id] } }),
      403,
      E.denied(`This personal API key cannot grant access to organizations it is not scoped to: ${other.id}.`),
    );
    const same = await expectOk(await request.post(KEYS, { headers: bearer(scoped), data: { label: "same", scopes: ["*"], scoped_organizations: [org.id] } }), 201);
    expect(same.scoped_organizations).toEqual([org.id]);
    const list = await expectOk(await request.get(KEYS, { headers: bearer(scoped) }));
    expect(list.results.map((k: { label: string }) => k.label).sort()).toEqual(["k", "owner", "same"]);
  });

  test("a key holding only personal_api_key:write cannot widen itself or mint a * key; syntax errors come first", async ({ request }) => {
    const { owner } = await makeOrganization();
    const narrow = await makeKeyWithId(owner.email, "personal_api_key:write");
    await expectError(
      await request.patch(`${KEYS}${narrow.id}/`, { headers: bearer(narrow.key), data: { scopes: ["*"] } }),
      403,
      E.denied("This personal API key cannot grant scopes it does not hold: *."),
    );
    await expectError(
      await request.post(KEYS, { headers: bearer(narrow.key), data: { label: "x", scopes: ["personal_api_key:read", "organization:write"] } }),
      403,
      E.denied("This personal API key cannot grant scopes it does not hold: organization:write."),
    );
    const bad = await request.post(KEYS, { headers: bearer(narrow.key), data: { label: "x", scopes: ["nope:write"] } });
    expect(bad.status()).toBe(400);
    expect((await bad.json()).code).toBe("invalid_input");
    // Within its reach it may: write implies read.
    await expectOk(await request.post(KEYS, { headers: bearer(narrow.key), data: { label: "reader", scopes: ["personal_api_key:read"] } }), 201);
    const self = await expectOk(await request.get(`${KEYS}${narrow.id}/`, { headers: bearer(narrow.key) }));
    expect(self.scopes).toEqual(["personal_api_key:write"]);
  });

  test("an unscoped * key may create any key, scoped or not", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const scoped = await expectOk(await request.post(KEYS, { headers: bearer(ownerKey), data: { label: "scoped", scopes: ["*"], scoped_organizations: [org.id] } }), 201);
    expect(scoped.scoped_organizations).toEqual([org.id]);
    const all = await expectOk(await request.post(KEYS, { headers: bearer(ownerKey), data: { label: "all", scopes: ["*"] } }), 201);
    expect([all.scopes, all.scoped_organizations]).toEqual([["*"], []]);
  });

  test("user-level reads with an organization-scoped key show only its organizations", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const other = await cli<Org>("org", "create", "--name", randomName(), "--owner-email", owner.email);
    const scoped = await makeKey(owner.email, "*", org.id);
    const orgs = await expectOk(await request.get("/api/organizations/", { headers: bearer(scoped) }));
    expect(orgs.results.map((o: { id: string }) => o.id)).toEqual([org.id]);
    expect(orgs.count).toBe(1);
    const me = await expectOk(await request.get("/api/users/@me/", { headers: bearer(scoped) }));
    expect(me.organizations.map((o: { id: string }) => o.id)).toEqual([org.id]);
    expect(me.organization.id).toBe(org.id);
    const unscoped = await makeKey(owner.email, "*");
    const all = await expectOk(await request.get("/api/organizations/", { headers: bearer(unscoped) }));
    expect(all.results.map((o: { id: string }) => o.id).sort()).toEqual([org.id, other.id].sort());
  });

  test("an organization-scoped key cannot make another organization the current one", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const other = await cli<Org>("org", "create", "--name", randomName(), "--owner-email", owner.email);
    const scoped = await makeKey(owner.email, "*", org.id);
    await expectError(
      await request.patch("/api/users/@me/", { headers: bearer(scoped), data: { set_current_organization: other.id } }),
      403,
      E.keyNotForOrg(other.id),
    );
    const me = await expectOk(await request.patch("/api/users/@me/", { headers: bearer(scoped), data: { set_current_organization: org.id } }));
    expect(me.organization.id).toBe(org.id);
  });
});
