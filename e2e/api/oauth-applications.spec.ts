import { expect, test } from "./recording";
import { bearer, cli, makeKey, makeOrganization } from "../support/cli";
import { E, err, expectError, expectOk, isoDate, SITE_URL, uuidRe } from "./helpers";

const apps = (orgId: string, rest = "") => `/api/organizations/${orgId}/oauth_applications/${rest}`;
const CALLBACK = "https://app.example.com/callback";
const LIST_FIELDS = ["client_id", "created", "id", "is_verified", "name", "redirect_uris_list", "sector_identifier_uri", "updated"];
const uriError = (detail: string) => E.invalid(detail, "redirect_uris_list");
const notHttps = (uri: string) => uriError(`Redirect URIs must use https (http only on localhost, 127.0.0.1 or [::1]): "${uri}".`);

test.describe("OAuth applications over HTTP", () => {
  test("an admin registers an application (201): the secret once, then the list exactly as documented, newest first and paginated", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const other = await makeOrganization();
    await expectOk(await request.post(apps(other.org.id), { headers: bearer(other.ownerKey), data: { name: "Elsewhere", redirect_uris_list: [CALLBACK] } }), 201);

    const created = await expectOk(
      await request.post(apps(org.id), { headers: bearer(ownerKey), data: { name: "Billing", redirect_uris_list: [CALLBACK, "http://localhost:8080/cb"], is_verified: true, client_id: "mine" } }),
      201,
    );
    expect(created).toEqual({
      id: expect.stringMatching(uuidRe),
      name: "Billing",
      client_id: expect.stringMatching(/^[A-Za-z0-9_-]{40}$/),
      client_secret: expect.stringMatching(/^odcs_[A-Za-z0-9_-]{43}$/),
      redirect_uris_list: [CALLBACK, "http://localhost:8080/cb"],
      sector_identifier_uri: null,
      is_verified: false,
      created: expect.stringMatching(isoDate),
      updated: expect.stringMatching(isoDate),
    });
    const second = await expectOk(await request.post(apps(org.id), { headers: bearer(ownerKey), data: { name: "Reports", redirect_uris_list: ["http://127.0.0.1/cb"] } }), 201);

    const list = await expectOk(await request.get(apps(org.id), { headers: bearer(member.key) }));
    expect(list).toMatchObject({ count: 2, next: null, previous: null });
    expect(list.results.map((a: { name: string }) => a.name)).toEqual(["Reports", "Billing"]);
    for (const item of list.results) expect(Object.keys(item).sort()).toEqual(LIST_FIELDS);
    const { client_secret: _secret, ...withoutSecret } = created;
    expect(list.results[1]).toEqual(withoutSecret);

    const page = await expectOk(await request.get(`${apps(org.id)}?limit=1`, { headers: bearer(ownerKey) }));
    expect(page.count).toBe(2);
    expect(page.results.map((a: { id: string }) => a.id)).toEqual([second.id]);
    expect(page.next).toBe(`${SITE_URL}${apps(org.id)}?limit=1&offset=1`);
    const next = await expectOk(await request.get(page.next, { headers: bearer(ownerKey) }));
    expect(next.results.map((a: { id: string }) => a.id)).toEqual([created.id]);
    expect(next.previous).not.toBeNull();
    expect(await expectOk(await request.get(apps(org.id, `${created.id}/`), { headers: bearer(member.key) }))).toEqual(withoutSecret);
  });

  test("redirect URIs and names are validated: 400 on the field", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const post = (data: Record<string, unknown>) => request.post(apps(org.id), { headers: bearer(ownerKey), data });
    const named = (uris: unknown) => post({ name: "App", redirect_uris_list: uris });
    await expectError(await named(["http://example.com/cb"]), 400, notHttps("http://example.com/cb"));
    await expectError(await named(["/callback"]), 400, uriError('Enter an absolute URI such as https://example.com/callback: "/callback" is not one.'));
    await expectError(await named([CALLBACK, "https://example.com/cb#frag"]), 400, uriError('Redirect URIs cannot have a fragment (#): "https://example.com/cb#frag".'));
    await expectError(await named([]), 400, E.invalid("This list may not be empty.", "redirect_uris_list"));
    await expectError(await named([`https://example.com/${"a".repeat(1000)}`]), 400, E.maxLength(1000, "redirect_uris_list"));
    await expectError(await post({ name: "App" }), 400, E.required("redirect_uris_list"));
    await expectError(await post({ redirect_uris_list: [CALLBACK] }), 400, E.required("name"));
    await expectError(await post({ name: "", redirect_uris_list: [CALLBACK] }), 400, E.blank("name"));
    await expectError(await post({ name: "x".repeat(256), redirect_uris_list: [CALLBACK] }), 400, E.maxLength(255, "name"));
    expect((await expectOk(await request.get(apps(org.id), { headers: bearer(ownerKey) }))).count).toBe(0);
  });

  test("PATCH changes what is sent; rotate-secret gives a new secret once; DELETE is 204 and the application is gone", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const created = await expectOk(await request.post(apps(org.id), { headers: bearer(ownerKey), data: { name: "Old", redirect_uris_list: [CALLBACK] } }), 201);
    const one = apps(org.id, `${created.id}/`);
    const patched = await expectOk(await request.patch(one, { headers: bearer(ownerKey), data: { name: "New", client_secret: "ignored" } }));
    expect([patched.name, patched.redirect_uris_list, patched.client_id]).toEqual(["New", [CALLBACK], created.client_id]);
    expect(patched).not.toHaveProperty("client_secret");
    const uris = await expectOk(await request.patch(one, { headers: bearer(ownerKey), data: { redirect_uris_list: ["https://new.example.com/cb"] } }));
    expect([uris.name, uris.redirect_uris_list]).toEqual(["New", ["https://new.example.com/cb"]]);
    await expectError(await request.patch(one, { headers: bearer(ownerKey), data: { redirect_uris_list: ["http://new.example.com/cb"] } }), 400, notHttps("http://new.example.com/cb"));

    const rotated = await expectOk(await request.post(apps(org.id, `${created.id}/rotate-secret/`), { headers: bearer(ownerKey) }));
    expect(rotated.client_secret).toMatch(/^odcs_[A-Za-z0-9_-]{43}$/);
    expect(rotated.client_secret).not.toBe(created.client_secret);
    expect(rotated.client_id).toBe(created.client_id);

    const log = await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/?scope=OAuthApplication`, { headers: bearer(ownerKey) }));
    expect(log.results.map((e: { activity: string }) => e.activity).sort()).toEqual(["created", "secret_rotated", "updated", "updated"]);
    expect(JSON.stringify(log)).not.toContain(created.client_secret);
    expect(JSON.stringify(log)).not.toContain(rotated.client_secret);

    await expectOk(await request.delete(one, { headers: bearer(ownerKey) }), 204);
    await expectError(await request.get(one, { headers: bearer(ownerKey) }), 404, E.notFound);
    await expectError(await request.post(apps(org.id, `${created.id}/rotate-secret/`), { headers: bearer(ownerKey) }), 404, E.notFound);
    await expectError(await request.get(apps(org.id, "not-a-uuid/"), { headers: bearer(ownerKey) }), 404, E.notFound);
  });

  test("members read but get 403 on writes; non-members get 403; another organization's application is 404 through this one", async ({ request }) => {
    const { org, ownerKey, members: [member, admin] } = await makeOrganization([1, 8]);
    const created = await expectOk(await request.post(apps(org.id), { headers: bearer(admin.key), data: { name: "By admin", redirect_uris_list: [CALLBACK] } }), 201);
    const one = apps(org.id, `${created.id}/`);
    await expectError(await request.post(apps(org.id), { headers: bearer(member.key), data: { name: "No", redirect_uris_list: [CALLBACK] } }), 403, E.levelInsufficient);
    await expectError(await request.patch(one, { headers: bearer(member.key), data: { name: "No" } }), 403, E.levelInsufficient);
    await expectError(await request.post(apps(org.id, `${created.id}/rotate-secret/`), { headers: bearer(member.key) }), 403, E.levelInsufficient);
    await expectError(await request.delete(one, { headers: bearer(member.key) }), 403, E.levelInsufficient);
    expect((await expectOk(await request.get(one, { headers: bearer(member.key) }))).name).toBe("By admin");

    const stranger = await makeOrganization();
    await expectError(await request.get(apps(org.id), { headers: bearer(stranger.ownerKey) }), 403, E.denied());
    await expectError(await request.get(apps(stranger.org.id, `${created.id}/`), { headers: bearer(stranger.ownerKey) }), 404, E.notFound);
    await expectError(await request.get(apps(org.id)), 401, E.notAuthenticated);
    expect((await expectOk(await request.get(apps(org.id), { headers: bearer(ownerKey) }))).count).toBe(1);
  });

  test("personal API keys: organization:read lists, organization:write changes, other scopes are refused", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const reader = await makeKey(owner.email, "organization:read");
    const writer = await makeKey(owner.email, "organization:write");
    const unrelated = await makeKey(owner.email, "user:read");
    const created = await expectOk(await request.post(apps(org.id), { headers: bearer(writer), data: { name: "Keyed", redirect_uris_list: [CALLBACK] } }), 201);
    expect((await expectOk(await request.get(apps(org.id), { headers: bearer(reader) }))).count).toBe(1);
    expect((await expectOk(await request.get(apps(org.id), { headers: bearer(writer) }))).count).toBe(1);
    await expectError(await request.get(apps(org.id), { headers: bearer(unrelated) }), 403, E.missingScope("organization:read"));
    await expectError(await request.post(apps(org.id), { headers: bearer(reader), data: { name: "No", redirect_uris_list: [CALLBACK] } }), 403, E.missingScope("organization:write"));
    await expectError(await request.delete(apps(org.id, `${created.id}/`), { headers: bearer(reader) }), 403, E.missingScope("organization:write"));
    await expectError(await request.post(apps(org.id, `${created.id}/rotate-secret/`), { headers: bearer(reader) }), 403, E.missingScope("organization:write"));
  });

  test("the operator's verification shows in the list; the organization cannot set it", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const created = await expectOk(await request.post(apps(org.id), { headers: bearer(ownerKey), data: { name: "Trusted", redirect_uris_list: [CALLBACK] } }), 201);
    const patched = await expectOk(await request.patch(apps(org.id, `${created.id}/`), { headers: bearer(ownerKey), data: { is_verified: true } }));
    expect(patched.is_verified).toBe(false);
    const verified = await cli<{ is_verified: boolean; organization_id: string }>("oauth-app", "verify", "--id", created.id);
    expect([verified.is_verified, verified.organization_id]).toEqual([true, org.id]);
    const list = await expectOk(await request.get(apps(org.id), { headers: bearer(ownerKey) }));
    expect(list.results[0].is_verified).toBe(true);
    await expectError(await request.put(apps(org.id, `${created.id}/`), { headers: bearer(ownerKey), data: { name: "x" } }), 405, err("invalid_request", "method_not_allowed", 'Method "PUT" not allowed.'));
  });
});
