import { expect, test, type APIRequestContext } from "./recording";
import { bearer, makeOrganization, makeSession } from "../support/cli";
import { E, SITE_URL, expectError, expectOk, getOrg, randomName } from "./helpers";

/** An organization that requires 2FA, turned on by its owner's API key (keys are not affected by it). */
async function enforcedOrganization(request: APIRequestContext, levels: number[] = []) {
  const made = await makeOrganization(levels);
  const res = await request.patch(`/api/organizations/${made.org.id}/`, { headers: bearer(made.ownerKey), data: { enforce_2fa: true } });
  expect((await expectOk(res)).enforce_2fa).toBe(true);
  return made;
}

test.describe("two-factor enforcement", () => {
  test("a session without a second factor is refused under the organization's path only", async ({ request }) => {
    const { org, owner } = await enforcedOrganization(request);
    const headers = { Cookie: await makeSession(owner.email) };
    await expectError(await request.get(`/api/organizations/${org.id}/`, { headers }), 403, E.twoFactorRequired);
    await expectError(await request.get("/api/organizations/@current/", { headers }), 403, E.twoFactorRequired);
    await expectError(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers }), 403, E.twoFactorRequired);
    await expectError(
      await request.patch(`/api/organizations/${org.id}/`, { headers: { ...headers, Origin: SITE_URL }, data: { name: "Nope" } }),
      403,
      E.twoFactorRequired,
    );
    await expectError(await request.delete(`/api/organizations/${org.id}/`, { headers: { ...headers, Origin: SITE_URL } }), 403, E.twoFactorRequired);

    // The list and the profile still answer, so the console can explain.
    const list = await expectOk(await request.get("/api/organizations/", { headers }));
    expect(list.results.map((o: { id: string }) => o.id)).toEqual([org.id]);
    expect((await expectOk(await request.get("/api/users/@me/", { headers }))).organization.id).toBe(org.id);
  });

  test("a session with a second factor and API keys are not affected", async ({ request }) => {
    const { org, owner, ownerKey, members } = await enforcedOrganization(request, [1]);
    const mfa = { Cookie: await makeSession(owner.email, true) };
    expect((await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: mfa }))).enforce_2fa).toBe(true);
    await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers: mfa }));
    expect((await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: { ...mfa, Origin: SITE_URL }, data: { name: "Still mine" } }))).name).toBe(
      "Still mine",
    );
    await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey) }));
    await expectOk(await request.get(`/api/organizations/${org.id}/activity_log/`, { headers: bearer(ownerKey) }));
    await expectOk(await request.get(`/api/organizations/${org.id}/`, { headers: bearer(members[0].key) }));
  });

  test("membership is checked before 2FA, and 2FA before the level", async ({ request }) => {
    const { org, members } = await enforcedOrganization(request, [1]);
    const outsider = await makeOrganization();
    const outsiderSession = { Cookie: await makeSession(outsider.owner.email) };
    await expectError(await request.get(`/api/organizations/${org.id}/`, { headers: outsiderSession }), 403, E.denied());

    const member = members[0];
    const noMfa = { Cookie: await makeSession(member.email), Origin: SITE_URL };
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers: noMfa, data: { name: "x" } }), 403, E.twoFactorRequired);
    const withMfa = { Cookie: await makeSession(member.email, true), Origin: SITE_URL };
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers: withMfa, data: { name: "x" } }), 403, E.levelInsufficient);
  });

  test("an unsupported method is refused for 2FA before it is a 405 (permissions run first)", async ({ request }) => {
    const { org, owner } = await enforcedOrganization(request);
    const noMfa = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    await expectError(await request.put(`/api/organizations/${org.id}/`, { headers: noMfa, data: {} }), 403, E.twoFactorRequired);
    await expectError(await request.post(`/api/organizations/${org.id}/activity_log/`, { headers: noMfa, data: {} }), 403, E.twoFactorRequired);
  });
});

test.describe("turning enforce_2fa on", () => {
  test("from a session without a second factor is 400 and the setting stays off", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const headers = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    await expectError(await request.patch(`/api/organizations/${org.id}/`, { headers, data: { enforce_2fa: true } }), 400, E.twoFactorToEnforce);
    await expectError(
      await request.patch(`/api/organizations/${org.id}/`, { headers, data: { name: "Renamed too", enforce_2fa: true } }),
      400,
      E.twoFactorToEnforce,
    );
    expect(await getOrg(request, ownerKey, org.id)).toMatchObject({ enforce_2fa: null, name: org.name });
    // Setting it off is fine from any session.
    expect((await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers, data: { enforce_2fa: false } }))).enforce_2fa).toBe(false);
  });

  test("from a session with a second factor it is allowed", async ({ request }) => {
    const { org, owner } = await makeOrganization();
    const headers = { Cookie: await makeSession(owner.email, true), Origin: SITE_URL };
    expect((await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers, data: { enforce_2fa: true } }))).enforce_2fa).toBe(true);
  });

  test("creating an organization that requires 2FA from a session without one is 400 too", async ({ request }) => {
    const { owner, ownerKey } = await makeOrganization();
    const headers = { Cookie: await makeSession(owner.email), Origin: SITE_URL };
    const name = randomName();
    await expectError(await request.post("/api/organizations/", { headers, data: { name, enforce_2fa: true } }), 400, E.twoFactorToEnforce);
    const list = await expectOk(await request.get("/api/organizations/", { headers: bearer(ownerKey) }));
    expect(list.results.map((o: { name: string }) => o.name)).not.toContain(name);
  });
});
