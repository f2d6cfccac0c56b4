import { expect, test } from "./recording";
import { bearer, makeOrganization, makeSession } from "../support/cli";
import { E, IP_URL, SITE_URL, expectError, expectOk, getOrg, randomName } from "./helpers";

/** A user with an organization, a `*` key and a cookie session. */
async function sessionUser() {
  const { org, owner, ownerKey } = await makeOrganization();
  const cookie = await makeSession(owner.email);
  return { org, owner, ownerKey, cookie };
}

test.describe("cookie sessions and CSRF", () => {
  test("a session cookie authenticates reads without any Origin", async ({ request }) => {
    const { org, owner, cookie } = await sessionUser();
    const me = await expectOk(await request.get("/api/users/@me/", { headers: { Cookie: cookie } }));
    expect(me.email).toBe(owner.email);
    expect((await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: { Cookie: cookie } }))).membership_level).toBe(15);
    expect((await expectOk(await request.get("/api/organizations/", { headers: { Cookie: cookie } }))).count).toBe(1);
  });

  test("an unsafe method with the cookie and no Origin or Referer is 403 csrf_failed, and nothing changes", async ({ request }) => {
    const { org, owner, ownerKey, cookie } = await sessionUser();
    const headers = { Cookie: cookie };
    await expectError(await request.patch("/api/users/@me/", { headers, data: { first_name: "Forged" } }), 403, E.csrf);
    await expectError(await request.post("/api/organizations/", { headers, data: { name: randomName() } }), 403, E.csrf);
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers, data: { name: "Forged" } }), 403, E.csrf);
    await expectError(await request.delete(`/api/organizations/${org.id}/`, { headers }), 403, E.csrf);
    await expectError(await request.post("/api/personal_api_keys/", { headers, data: { label: "x", scopes: ["*"] } }), 403, E.csrf);

    const me = await expectOk(await request.get("/api/users/@me/", { headers: bearer(ownerKey) }));
    expect(me.first_name).toBe(owner.first_name);
    expect(me.organizations).toHaveLength(1);
    expect((await getOrg(request, ownerKey, org.id)).name).toBe(org.name);
    expect((await expectOk(await request.get("/api/personal_api_keys/", { headers: bearer(ownerKey) }))).count).toBe(1);
  });

  test("a wrong Origin is 403, including the server's own IP when SITE_URL says localhost", async ({ request }) => {
    const { cookie } = await sessionUser();
    for (const origin of ["https://evil.example", "null", IP_URL, SITE_URL.replace("http:", "https:"), `${SITE_URL}0`]) {
      const res = await request.patch("/api/users/@me/", { headers: { Cookie: cookie, Origin: origin }, data: { first_name: "Forged" } });
      await expectError(res, 403, E.csrf);
    }
    // A good Referer does not rescue a bad Origin.
    const mixed = await request.patch("/api/users/@me/", {
      headers: { Cookie: cookie, Origin: "https://evil.example", Referer: `${SITE_URL}/settings` },
      data: { first_name: "Forged" },
    });
    await expectError(mixed, 403, E.csrf);
  });

  test("Origin equal to SITE_URL's origin is allowed", async ({ request }) => {
    const { cookie } = await sessionUser();
    const res = await request.patch("/api/users/@me/", { headers: { Cookie: cookie, Origin: SITE_URL }, data: { first_name: "Real" } });
    expect((await expectOk(res)).first_name).toBe("Real");
    expect((await expectOk(await request.get("/api/users/@me/", { headers: { Cookie: cookie } }))).first_name).toBe("Real");
  });

  test("without an Origin, a Referer from the site is allowed and one from elsewhere is not", async ({ request }) => {
    const { cookie } = await sessionUser();
    const ok = await request.patch("/api/users/@me/", { headers: { Cookie: cookie, Referer: `${SITE_URL}/settings?tab=profile` }, data: { last_name: "Referred" } });
    expect((await expectOk(ok)).last_name).toBe("Referred");
    for (const referer of ["https://evil.example/settings", `${IP_URL}/settings`, "not a url"]) {
      const bad = await request.patch("/api/users/@me/", { headers: { Cookie: cookie, Referer: referer }, data: { last_name: "Forged" } });
      await expectError(bad, 403, E.csrf);
    }
    expect((await expectOk(await request.get("/api/users/@me/", { headers: { Cookie: cookie } }))).last_name).toBe("Referred");
  });

  test("the origin is compared with SITE_URL, not with the Host the request reached", async ({ request }) => {
    const { cookie } = await sessionUser();
    const res = await request.patch(`${IP_URL}/api/users/@me/`, { headers: { Cookie: cookie, Origin: SITE_URL }, data: { first_name: "ByIp" } });
    expect((await expectOk(res)).first_name).toBe("ByIp");
  });

  test("cookie writes with a good Origin work on every unsafe method", async ({ request }) => {
    const { org, cookie } = await sessionUser();
    const headers = { Cookie: cookie, Origin: SITE_URL };
    const created = await expectOk(await request.post("/api/organizations/", { headers, data: { name: randomName() } }), 201);
    expect((await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers, data: { name: "Via cookie" } }))).name).toBe("Via cookie");
    await expectOk(await request.delete(`/api/organizations/${created.id}/`, { headers }), 204);
    await expectError(await request.get(`/api/organizations/${created.id}/`, { headers }), 404, E.orgNotFound);
  });

  test("Bearer requests need no Origin, and a foreign Origin does not matter to them", async ({ request }) => {
    const { ownerKey } = await sessionUser();
    expect((await expectOk(await request.patch("/api/users/@me/", { headers: bearer(ownerKey), data: { first_name: "Keyed" } }))).first_name).toBe("Keyed");
    const foreign = await request.patch("/api/users/@me/", { headers: { ...bearer(ownerKey), Origin: "https://evil.example" }, data: { first_name: "Keyed2" } });
    expect((await expectOk(foreign)).first_name).toBe("Keyed2");
  });

  test("session requests are not limited by API-key scopes", async ({ request }) => {
    const { org, cookie } = await sessionUser();
    const headers = { Cookie: cookie, Origin: SITE_URL };
    await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers }));
    await expectOk(await request.get("/api/personal_api_keys/", { headers }));
    const key = await expectOk(await request.post("/api/personal_api_keys/", { headers, data: { label: "from session", scopes: ["user:read"] } }), 201);
    expect(key.value).toMatch(/^odk_/);
  });
});
