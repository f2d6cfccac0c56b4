import { expect, test, type APIRequestContext } from "./recording";
import { addMember, bearer, cli, makeKeyWithId, makeOrganization, makeSession, makeSessionSignedInAgo } from "../support/cli";
import { E, SITE_URL, err, expectError, expectOk } from "./helpers";

const KEYS = "/api/personal_api_keys/";
const reauth = err("authentication_error", "sensitive_action_required_reauth", "This action requires you to be recently authenticated.");
/** Older than the suite's re-authentication window (7,200 s) but well inside a session's lifetime. */
const STALE = 8000;

async function requireTwoFactor(request: APIRequestContext, orgId: string, ownerKey: string) {
  await expectOk(await request.patch(`/api/organizations/${orgId}/`, { headers: bearer(ownerKey), data: { enforce_2fa: true } }));
}

const cookie = (value: string) => ({ Cookie: value, Origin: SITE_URL });

async function keyLabels(request: APIRequestContext, key: string) {
  const page = await expectOk(await request.get(KEYS, { headers: bearer(key) }));
  return page.results.map((k: { label: string }) => k.label).sort();
}

test.describe("a session without a second factor cannot mint a key reaching an organization that requires one", () => {
  test("create, roll and widen are refused; a key scoped elsewhere and a new label are not", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const elsewhere = await makeOrganization();
    await addMember(elsewhere.org.id, owner.email, 1);
    await requireTwoFactor(request, org.id, ownerKey);
    const session = cookie(await makeSession(owner.email));
    const before = await keyLabels(request, ownerKey);

    await expectError(await request.post(KEYS, { headers: session, data: { label: "all", scopes: ["*"] } }), 403, E.twoFactorRequired);
    await expectError(
      await request.post(KEYS, { headers: session, data: { label: "there", scopes: ["*"], scoped_organizations: [org.id] } }),
      403,
      E.twoFactorRequired,
    );
    const existing = await makeKeyWithId(owner.email, "organization:read");
    await expectError(await request.post(`${KEYS}${existing.id}/roll/`, { headers: session }), 403, E.twoFactorRequired);
    await expectError(await request.patch(`${KEYS}${existing.id}/`, { headers: session, data: { scopes: ["*"] } }), 403, E.twoFactorRequired);
    expect(await keyLabels(request, ownerKey)).toEqual([...before, "k"].sort());

    const renamed = await expectOk(await request.patch(`${KEYS}${existing.id}/`, { headers: session, data: { label: "renamed" } }));
    expect(renamed.scopes).toEqual(["organization:read"]);
    const scopedElsewhere = await expectOk(
      await request.post(KEYS, { headers: session, data: { label: "elsewhere", scopes: ["*"], scoped_organizations: [elsewhere.org.id] } }),
      201,
    );
    expect(scopedElsewhere.scoped_organizations).toEqual([elsewhere.org.id]);
  });

  test("a session with a second factor may, and a stale one is asked to sign in again after the second-factor check", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    await requireTwoFactor(request, org.id, ownerKey);
    const withFactor = cookie(await makeSession(owner.email, true));
    const made = await expectOk(await request.post(KEYS, { headers: withFactor, data: { label: "mfa", scopes: ["*"] } }), 201);
    await expectOk(await request.post(`${KEYS}${made.id}/roll/`, { headers: withFactor }));

    await expectError(await request.post(KEYS, { headers: cookie(await makeSessionSignedInAgo(owner.email, STALE)), data: { label: "x", scopes: ["*"] } }), 403, E.twoFactorRequired);
    const staleWithFactor = cookie(await makeSessionSignedInAgo(owner.email, STALE, true));
    await expectError(await request.post(KEYS, { headers: staleWithFactor, data: { label: "x", scopes: ["*"] } }), 403, reauth);
    await expectError(await request.post(`${KEYS}${made.id}/roll/`, { headers: staleWithFactor }), 403, reauth);
  });
});

test.describe("the re-authentication window covers keys and the organization's security settings", () => {
  test("creating and rolling a key need a recent sign-in; keys and fresh sessions are not asked", async ({ request }) => {
    const { owner, ownerKey } = await makeOrganization();
    const stale = cookie(await makeSessionSignedInAgo(owner.email, STALE));
    await expectError(await request.post(KEYS, { headers: stale, data: { label: "late", scopes: ["*"] } }), 403, reauth);
    const existing = await makeKeyWithId(owner.email, "organization:read");
    await expectError(await request.post(`${KEYS}${existing.id}/roll/`, { headers: stale }), 403, reauth);
    expect((await expectOk(await request.patch(`${KEYS}${existing.id}/`, { headers: stale, data: { label: "label only" } }))).label).toBe("label only");

    await expectOk(await request.post(KEYS, { headers: cookie(await makeSession(owner.email)), data: { label: "fresh", scopes: ["*"] } }), 201);
    await expectOk(await request.post(`${KEYS}${existing.id}/roll/`, { headers: bearer(ownerKey) }));
  });

  test("turning off required 2FA or members' API keys, and deleting the organization, need a recent sign-in", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    await requireTwoFactor(request, org.id, ownerKey);
    const path = `/api/organizations/${org.id}/`;
    const stale = cookie(await makeSessionSignedInAgo(owner.email, STALE, true));

    await expectError(await request.patch(path, { headers: stale, data: { enforce_2fa: false } }), 403, reauth);
    await expectError(await request.patch(path, { headers: stale, data: { members_can_use_personal_api_keys: false } }), 403, reauth);
    await expectError(await request.delete(path, { headers: stale }), 403, reauth);
    const unchanged = await expectOk(await request.get(path, { headers: bearer(ownerKey) }));
    expect([unchanged.enforce_2fa, unchanged.members_can_use_personal_api_keys]).toEqual([true, true]);

    expect((await expectOk(await request.patch(path, { headers: stale, data: { name: "Renamed late" } }))).name).toBe("Renamed late");
    const fresh = cookie(await makeSession(owner.email, true));
    expect((await expectOk(await request.patch(path, { headers: fresh, data: { enforce_2fa: false } }))).enforce_2fa).toBe(false);
    await expectOk(await request.delete(path, { headers: fresh }), 204);
  });
});

test.describe("a session's absolute lifetime", () => {
  test("a session signed in more than 30 days ago is signed out however recently it was used", async ({ request }) => {
    const { owner } = await makeOrganization();
    const day = 24 * 60 * 60;
    const old = await cli<{ cookie_name: string; cookie_value: string; expires: string }>(
      "session", "create", "--email", owner.email, "--signed-in-seconds-ago", String(31 * day),
    );
    // Still within its sliding expiry, as for a session kept in use: only the absolute lifetime can end it.
    expect(Date.parse(old.expires)).toBeGreaterThan(Date.now() + 29 * day * 1000);
    await expectError(await request.get("/api/users/@me/", { headers: { Cookie: `${old.cookie_name}=${old.cookie_value}` } }), 401, E.notAuthenticated);
    await expectOk(await request.get("/api/users/@me/", { headers: { Cookie: await makeSessionSignedInAgo(owner.email, 29 * day) } }));
  });
});
