import { expect, test } from "./recording";
import { bearer, makeKeyWithId, makeOrganization } from "../support/cli";
import { E, expectError, expectOk, getOrg } from "./helpers";

const nul = (attr: string) => E.invalid("Null characters are not allowed.", attr);
const badDate = (attr: string) => E.invalid("Enter a date between 0001-01-01 and 9999-12-31.", attr);
const activityCount = async (request: Parameters<typeof getOrg>[0], key: string, orgId: string) =>
  (await expectOk(await request.get(`/api/organizations/${orgId}/activity_log/`, { headers: bearer(key) }))).count as number;

test.describe("NUL characters are invalid input, never a server error", () => {
  test("in body fields", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    const before = await getOrg(request, ownerKey, org.id);
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers, data: { name: "a\u0000b" } }), 400, nul("name"));
    await expectError(await request.post("/api/organizations/", { headers, data: { name: "\u0000" } }), 400, nul("name"));
    await expectError(await request.patch("/api/users/@me/", { headers, data: { first_name: "x\u0000" } }), 400, nul("first_name"));
    await expectError(await request.post("/api/personal_api_keys/", { headers, data: { label: "k\u0000", scopes: ["*"] } }), 400, nul("label"));
    await expectError(await request.post("/api/personal_api_keys/", { headers, data: { label: "k", scopes: ["*\u0000"] } }), 400, nul("scopes__0"));
    const invites = `/api/organizations/${org.id}/invites/`;
    const target_email = "nul@example.test";
    await expectError(await request.post(invites, { headers, data: { target_email, first_name: "a\u0000" } }), 400, nul("first_name"));
    await expectError(await request.post(invites, { headers, data: { target_email, message: "hi\u0000" } }), 400, nul("message"));
    await expectError(await request.post(`${invites}bulk/`, { headers, data: [{ target_email, first_name: "\u0000" }] }), 400, nul("__0__first_name"));
    await expectError(await request.post(`${invites}delegate/`, { headers, data: { target_email, message: "\u0000" } }), 400, nul("message"));
    expect((await expectOk(await request.get(invites, { headers }))).count).toBe(0);
    expect(await getOrg(request, ownerKey, org.id)).toEqual(before);
    expect((await expectOk(await request.get("/api/users/@me/", { headers }))).first_name).toBe(owner.first_name);
  });

  test("in filters, and in path ids (which stay 404)", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    await expectError(await request.get(`/api/organizations/${org.id}/activity_log/?scope=a%00b`, { headers }), 400, nul("scope"));
    await expectError(await request.get(`/api/organizations/${org.id}/activity_log/?item_id=%00`, { headers }), 400, nul("item_id"));
    await expectError(await request.get(`/api/organizations/${org.id}/members/?search=a%00b`, { headers }), 400, nul("search"));
    await expectError(await request.get(`/api/organizations/${org.id}/members/?email=a%00b@example.test`, { headers }), 400, nul("email"));
    await expectError(await request.get("/api/personal_api_keys/%00/", { headers }), 404, E.notFound);
    await expectError(await request.delete(`/api/organizations/${org.id}/invites/%00/`, { headers }), 404, E.notFound);
    await expectError(await request.get(`/api/organizations/${org.id}/members/%00/github_login/`, { headers }), 404, E.notFound);
    await expectError(await request.get("/api/organizations/%00/", { headers }), 404, E.orgNotFound);
  });
});

test.describe("query filters", () => {
  test("a filter longer than its maximum is 400 max_length naming it", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    await expectError(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers, params: { activity: "a".repeat(65) } }), 400, E.maxLength(64, "activity"));
    await expectError(await request.get(`/api/organizations/${org.id}/members/`, { headers, params: { email: "e".repeat(255) } }), 400, E.maxLength(254, "email"));
  });

  test("a date filter outside what the database holds, or not a real date, is 400 naming it", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    const log = `/api/organizations/${org.id}/activity_log/`;
    await expectError(await request.get(log, { headers, params: { after: "0000-01-01" } }), 400, badDate("after"));
    await expectError(await request.get(log, { headers, params: { before: "0000-12-31T23:59:59Z" } }), 400, badDate("before"));
    const feb30 = await request.get(log, { headers, params: { after: "2021-02-30" } });
    expect({ status: feb30.status(), body: await feb30.json() }).toMatchObject({ status: 400, body: { code: "invalid_input", attr: "after" } });
    await expectError(await request.get(log, { headers, params: { after: "0001-01-01T00:30:00+01:00" } }), 400, badDate("after"));
    await expectError(await request.get(`/api/organizations/${org.id}/members/`, { headers, params: { updated_after: "0000-01-01" } }), 400, badDate("updated_after"));
    for (const after of ["0001-01-01", "2024-02-29", "9999-12-31T23:59:59Z"]) {
      expect((await request.get(log, { headers, params: { after } })).status(), after).toBe(200);
    }
  });
});

test.describe("bodies an endpoint does not read", () => {
  test("a DELETE, or a POST that takes no body, ignores a JSON body of any type", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    const invite = await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers, data: { target_email: "ignored-body@example.test" } }), 201);
    await expectOk(await request.post(`/api/organizations/${org.id}/invites/${invite.id}/resend/`, { headers, data: [1, 2] }));
    const json = { ...headers, "content-type": "application/json" };
    await expectOk(await request.delete(`/api/organizations/${org.id}/invites/${invite.id}/`, { headers: json, data: '"a string"' }), 204);
    const key = await makeKeyWithId(owner.email, "*");
    await expectOk(await request.post(`/api/personal_api_keys/${key.id}/roll/`, { headers, data: 42 }));
    await expectOk(await request.delete(`/api/personal_api_keys/${key.id}/`, { headers, data: [] }), 204);
    await expectOk(await request.delete(`/api/organizations/${org.id}/`, { headers, data: true }), 204);
  });
});

test.describe("malformed percent-encoding in a path id is 404", () => {
  test("for every kind of id", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    for (const bad of ["%C0%AF", "%ZZ", "%", "%E0%A4%A", "%FF"]) {
      await expectError(await request.get(`/api/personal_api_keys/${bad}/`, { headers }), 404, E.notFound);
      await expectError(await request.patch(`/api/personal_api_keys/${bad}/`, { headers, data: { label: "x" } }), 404, E.notFound);
      await expectError(await request.delete(`/api/organizations/${org.id}/invites/${bad}/`, { headers }), 404, E.notFound);
      await expectError(await request.get(`/api/organizations/${org.id}/members/${bad}/github_login/`, { headers }), 404, E.notFound);
      const orgRes = await request.get(`/api/organizations/${bad}/`, { headers });
      expect(orgRes.status(), bad).toBe(404);
      expect((await orgRes.json()).code).toBe("not_found");
    }
  });
});

test.describe("PATCH with nothing to update answers the object unchanged", () => {
  test("on /api/users/@me/ and /api/personal_api_keys/:id/", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    const me = await expectOk(await request.get("/api/users/@me/", { headers }));
    const key = await makeKeyWithId(owner.email, "organization:read");
    const keyBefore = await expectOk(await request.get(`/api/personal_api_keys/${key.id}/`, { headers }));
    const count = await activityCount(request, ownerKey, org.id);
    for (const data of [{}, { bogus: 1 }, undefined]) {
      const options = data === undefined ? { headers } : { headers, data };
      expect(await expectOk(await request.patch("/api/users/@me/", options))).toEqual(me);
      expect(await expectOk(await request.patch(`/api/personal_api_keys/${key.id}/`, options))).toEqual(keyBefore);
    }
    expect(await activityCount(request, ownerKey, org.id)).toBe(count);
  });
});

test.describe("deeply nested values", () => {
  test("a choice field nested thousands of lists deep is 400, and the message does not recurse into it", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([1]);
    const headers = { ...bearer(ownerKey), "content-type": "application/json" };
    const deep = `${"[".repeat(20_000)}8${"]".repeat(20_000)}`;
    const member = await request.patch(`/api/organizations/${org.id}/members/${members[0].uuid}/`, { headers, data: Buffer.from(`{"level": ${deep}}`) });
    expect(member.status()).toBe(400);
    expect(await member.json()).toMatchObject({ code: "invalid_choice", attr: "level" });
    const invite = await request.post(`/api/organizations/${org.id}/invites/`, { headers, data: Buffer.from(`{"target_email": "deep@example.test", "level": ${deep}}`) });
    expect(invite.status()).toBe(400);
    expect(await invite.json()).toMatchObject({ attr: "level" });
    const name = await request.patch(`/api/organizations/${org.id}/`, { headers, data: Buffer.from(`{"name": ${deep}}`) });
    await expectError(name, 400, E.notAString("name"));
  });
});

test.describe("personal API key scopes and organizations", () => {
  test("scopes are kept once each; at most 50 organizations", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    const created = await expectOk(
      await request.post("/api/personal_api_keys/", {
        headers,
        data: { label: "dupes", scopes: ["organization:read", "organization:read", "user:read"], scoped_organizations: [org.id, org.id.toUpperCase(), org.id] },
      }),
      201,
    );
    expect(created.scopes).toEqual(["organization:read", "user:read"]);
    expect(created.scoped_organizations).toEqual([org.id]);
    const patched = await expectOk(await request.patch(`/api/personal_api_keys/${created.id}/`, { headers, data: { scopes: ["user:read", "user:read"] } }));
    expect(patched.scopes).toEqual(["user:read"]);
    const many = Array.from({ length: 51 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`);
    const tooMany = E.maxLength(0, "scoped_organizations");
    tooMany.detail = "Ensure this field has no more than 50 elements.";
    await expectError(await request.post("/api/personal_api_keys/", { headers, data: { label: "many", scopes: ["*"], scoped_organizations: many } }), 400, tooMany);
    await expectError(await request.patch(`/api/personal_api_keys/${created.id}/`, { headers, data: { scoped_organizations: many } }), 400, tooMany);
    const tooManyScopes = E.maxLength(0, "scopes");
    tooManyScopes.detail = "Ensure this field has no more than 100 elements.";
    await expectError(await request.post("/api/personal_api_keys/", { headers, data: { label: "many", scopes: Array(101).fill("*") } }), 400, tooManyScopes);
  });
});
