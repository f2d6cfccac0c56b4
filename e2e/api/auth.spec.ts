import { expect, test } from "./recording";
import { bearer, cliFailure, deactivateUser, makeOrganization, makeSession } from "../support/cli";
import { E, SITE_URL, expectError, expectOk, getOrg, randomName } from "./helpers";

/** A well-formed key that was never issued. */
const UNKNOWN_KEY = "odk_" + "x".repeat(43);

test.describe("authentication", () => {
  test("no credentials is 401 not_authenticated on every endpoint", async ({ request }) => {
    const { org } = await makeOrganization();
    const calls = [
      request.get("/api/organizations/"),
      request.post("/api/organizations/", { data: { name: randomName() } }),
      request.get(`/api/organizations/${org.id}/`),
      request.patch(`/api/organizations/${org.id}/`, { data: { name: "Hijacked" } }),
      request.delete(`/api/organizations/${org.id}/`),
      request.get("/api/organizations/@current/"),
      request.get(`/api/organizations/${org.id}/activity_log/`),
      request.get("/api/users/@me/"),
      request.patch("/api/users/@me/", { data: { first_name: "x" } }),
      request.get("/api/personal_api_keys/"),
      request.post("/api/personal_api_keys/", { data: { label: "x", scopes: ["*"] } }),
    ];
    for (const res of await Promise.all(calls)) await expectError(res, 401, E.notAuthenticated);
  });

  test("an Authorization header that is not a Bearer token counts as no credentials", async ({ request }) => {
    const res = await request.get("/api/organizations/", { headers: { Authorization: `Token ${UNKNOWN_KEY}` } });
    await expectError(res, 401, E.notAuthenticated);
  });

  test("an unknown key in the Authorization header is 401 authentication_failed naming the header", async ({ request }) => {
    await expectError(await request.get("/api/organizations/", { headers: bearer(UNKNOWN_KEY) }), 401, E.keyInvalid("Authorization header"));
    await expectError(await request.get("/api/users/@me/", { headers: bearer("garbage") }), 401, E.keyInvalid("Authorization header"));
  });

  test("an unknown key in the JSON body is 401 naming the body; a valid one authenticates", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const bad = await request.patch(`/api/organizations/${org.id}/`, { data: { personal_api_key: UNKNOWN_KEY, name: "Renamed" } });
    await expectError(bad, 401, E.keyInvalid("body"));
    expect((await getOrg(request, ownerKey, org.id)).name).toBe(org.name);

    const good = await request.patch(`/api/organizations/${org.id}/`, { data: { personal_api_key: ownerKey, name: "Renamed" } });
    expect((await expectOk(good)).name).toBe("Renamed");
  });

  test("an unknown key in the query string is 401 naming the query string; a valid one authenticates", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const bad = await request.get(`/api/organizations/${org.id}/?personal_api_key=${UNKNOWN_KEY}`);
    await expectError(bad, 401, E.keyInvalid("query string"));
    const good = await request.get(`/api/organizations/${org.id}/`, { params: { personal_api_key: ownerKey } });
    expect((await expectOk(good)).id).toBe(org.id);
  });

  test("the Authorization header wins over the body and the query string", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    // A valid header with unknown keys elsewhere: the header is used, so the request succeeds.
    const viaHeader = await request.patch(`/api/organizations/${org.id}/?personal_api_key=${UNKNOWN_KEY}`, {
      headers: bearer(ownerKey),
      data: { personal_api_key: UNKNOWN_KEY, name: "Header wins" },
    });
    expect((await expectOk(viaHeader)).name).toBe("Header wins");
    // An unknown header with a valid key elsewhere: the header is used, so the request fails naming it.
    const badHeader = await request.patch(`/api/organizations/${org.id}/?personal_api_key=${ownerKey}`, {
      headers: bearer(UNKNOWN_KEY),
      data: { personal_api_key: ownerKey, name: "Body loses" },
    });
    await expectError(badHeader, 401, E.keyInvalid("Authorization header"));
    expect((await getOrg(request, ownerKey, org.id)).name).toBe("Header wins");
  });

  test("an API key wins over a session cookie", async ({ request }) => {
    const { owner } = await makeOrganization();
    const cookie = await makeSession(owner.email);
    expect((await expectOk(await request.get("/api/users/@me/", { headers: { Cookie: cookie } }))).email).toBe(owner.email);
    const res = await request.get("/api/users/@me/", { headers: { Cookie: cookie, ...bearer(UNKNOWN_KEY) } });
    await expectError(res, 401, E.keyInvalid("Authorization header"));
  });

  test("an unknown session cookie is 401 not_authenticated", async ({ request }) => {
    const { owner } = await makeOrganization();
    const cookie = await makeSession(owner.email);
    const name = cookie.slice(0, cookie.indexOf("="));
    const res = await request.get("/api/users/@me/", { headers: { Cookie: `${name}=not-a-session` } });
    await expectError(res, 401, E.notAuthenticated);
  });
});

test.describe("deactivated users", () => {
  test("a deactivated user's key is 401 authentication_failed and their session 401 not_authenticated", async ({ request }) => {
    const { org, ownerKey, members } = await makeOrganization([8]);
    const admin = members[0];
    const cookie = await makeSession(admin.email, true);
    await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(admin.key) }));
    await expectOk(await request.get("/api/users/@me/", { headers: { Cookie: cookie } }));

    await deactivateUser(admin.email);

    await expectError(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(admin.key) }), 401, E.keyInvalid("Authorization header"));
    await expectError(await request.get("/api/users/@me/", { headers: bearer(admin.key) }), 401, E.keyInvalid("Authorization header"));
    await expectError(await request.get(`/api/users/@me/?personal_api_key=${admin.key}`), 401, E.keyInvalid("query string"));
    await expectError(await request.get("/api/users/@me/", { headers: { Cookie: cookie } }), 401, E.notAuthenticated);
    await expectError(
      await request.patch("/api/users/@me/", { headers: { Cookie: cookie, Origin: SITE_URL }, data: { first_name: "Ghost" } }),
      401,
      E.notAuthenticated,
    );
    // The organization itself carries on for everyone else.
    await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey) }));
  });

  test("the CLI refuses a session for a deactivated user", async () => {
    const { members } = await makeOrganization([1]);
    await deactivateUser(members[0].email);
    const failure = await cliFailure("session", "create", "--email", members[0].email);
    expect(failure).toEqual({ code: 2, stderr: "This user is deactivated and cannot sign in.\n" });
  });
});
