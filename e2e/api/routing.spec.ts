import { expect, test, type APIResponse } from "./recording";
import { bearer, makeOrganization, makeSession } from "../support/cli";
import { E, expectError, expectOk, randomName } from "./helpers";

test.describe("trailing slash: optional on every route", () => {
  test("each path answers the same with and without the slash, never with a redirect", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const headers = bearer(ownerKey);
    const paths = [
      "/api/organizations",
      `/api/organizations/${org.id}`,
      "/api/organizations/@current",
      `/api/organizations/${org.id}/activity_log`,
      "/api/users/@me",
      "/api/personal_api_keys",
    ];
    for (const path of paths) {
      const bare = await request.get(path, { headers, maxRedirects: 0 });
      const slashed = await request.get(`${path}/`, { headers, maxRedirects: 0 });
      expect(bare.status(), path).toBe(200);
      expect(slashed.status(), `${path}/`).toBe(200);
      expect(await bare.json(), path).toEqual(await slashed.json());
    }
  });

  test("writes work without the slash too", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const res = await request.patch(`/api/organizations/${org.id}`, { headers: bearer(ownerKey), data: { name: "No slash" }, maxRedirects: 0 });
    expect((await expectOk(res)).name).toBe("No slash");
    const created = await request.post("/api/organizations", { headers: bearer(ownerKey), data: { name: randomName() }, maxRedirects: 0 });
    await expectOk(created, 201);
  });
});

test.describe("405 method not allowed (after authentication and membership)", () => {
  test("a member gets 405 in the error body for a method the path does not have", async ({ request }) => {
    const { org, members } = await makeOrganization([1]);
    const headers = bearer(members[0].key);
    const cases: Array<[string, string]> = [
      ["PUT", "/api/organizations/"],
      ["PATCH", "/api/organizations/"],
      ["DELETE", "/api/organizations/"],
      ["POST", `/api/organizations/${org.id}/`],
      ["PUT", `/api/organizations/${org.id}/`],
      ["POST", `/api/organizations/${org.id}/activity_log/`],
      ["DELETE", `/api/organizations/${org.id}/activity_log/`],
      ["POST", "/api/users/@me/"],
      ["DELETE", "/api/users/@me/"],
      ["PUT", "/api/personal_api_keys/"],
    ];
    for (const [method, path] of cases) {
      const res = await request.fetch(path, { method, headers, data: {} });
      await expectError(res, 405, E.methodNotAllowed(method));
    }
    expect((await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers }))).name).toBe(org.name);
  });

  test("without credentials it is 401, and for a non-member 403 (or 404 for an unknown organization)", async ({ request }) => {
    const { org } = await makeOrganization();
    const outsider = await makeOrganization();
    await expectError(await request.put("/api/organizations/", { data: {} }), 401, E.notAuthenticated);
    await expectError(await request.post(`/api/organizations/${org.id}/activity_log/`, { data: {} }), 401, E.notAuthenticated);
    await expectError(
      await request.post(`/api/organizations/${org.id}/activity_log/`, { headers: bearer(outsider.ownerKey), data: {} }),
      403,
      E.denied(),
    );
    await expectError(await request.put(`/api/organizations/${org.id}/`, { headers: bearer(outsider.ownerKey), data: {} }), 403, E.denied());
    await expectError(
      await request.put("/api/organizations/00000000-0000-4000-8000-000000000000/", { headers: bearer(outsider.ownerKey), data: {} }),
      404,
      E.orgNotFound,
    );
    // A non-member's PUT on the collection is still just 405: the collection has no organization.
    await expectError(await request.put("/api/organizations/", { headers: bearer(outsider.ownerKey), data: {} }), 405, E.methodNotAllowed("PUT"));
  });
});

test.describe("unknown paths, request ids, health", () => {
  test("an unknown API path is 404 in the error body, with or without credentials", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    for (const path of ["/api", "/api/", "/api/nope/", "/api/nope", "/api/organizations/x/y/z/", `/api/organizations/${org.id}/nope/`, "/api/users/"]) {
      await expectError(await request.get(path), 404, E.notFound);
      await expectError(await request.get(path, { headers: bearer(ownerKey) }), 404, E.notFound);
    }
    await expectError(await request.post("/api/nope/", { data: { a: 1 } }), 404, E.notFound);
    await expectError(await request.delete("/api/nope/"), 404, E.notFound);
  });

  test("every API response carries an X-Request-Id, success or error", async ({ request }) => {
    const { owner, ownerKey } = await makeOrganization();
    const cookie = await makeSession(owner.email);
    const responses: APIResponse[] = [
      await request.get("/api/organizations/", { headers: bearer(ownerKey) }), // 200
      await request.post("/api/organizations/", { headers: bearer(ownerKey), data: { name: randomName() } }), // 201
      await request.post("/api/organizations/", { headers: { ...bearer(ownerKey), "content-type": "application/json" }, data: Buffer.from("{") }), // 400
      await request.get("/api/organizations/"), // 401
      await request.patch("/api/users/@me/", { headers: { Cookie: cookie }, data: {} }), // 403 csrf
      await request.get("/api/organizations/not-a-uuid/", { headers: bearer(ownerKey) }), // 404
      await request.put("/api/organizations/", { headers: bearer(ownerKey) }), // 405
      await request.get("/api/nope/"), // 404 catch-all
    ];
    const created = await expectOk(await request.post("/api/organizations/", { headers: bearer(ownerKey), data: { name: randomName() } }), 201);
    responses.push(await request.delete(`/api/organizations/${created.id}/`, { headers: bearer(ownerKey) })); // 204
    expect(responses.map((r) => r.status())).toEqual([200, 201, 400, 401, 403, 404, 405, 404, 204]);
    const ids = responses.map((r) => r.headers()["x-request-id"]);
    for (const [i, id] of ids.entries()) expect(id, `${responses[i].url()} (${responses[i].status()})`).toMatch(/^[\w.-]{1,64}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });

  test("/healthz and /readyz answer JSON 200", async ({ request }) => {
    for (const path of ["/healthz", "/readyz"]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), `${path} answered ${await res.text()}`).toBe(200);
      expect(res.headers()["content-type"], path).toContain("application/json");
      expect(await res.json(), path).toMatchObject({ status: path === "/healthz" ? "ok" : "ready" });
    }
  });
});
