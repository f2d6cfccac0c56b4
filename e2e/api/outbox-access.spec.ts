import { expect, test } from "./recording";
import { bearer, makeKey, makeOrganization, makeSession, uniqueEmail } from "../support/cli";
import { E, expectError, expectOk, isoDate } from "./helpers";

const outbox = (orgId: string) => `/api/organizations/${orgId}/outbox/`;

test.describe("GET /outbox/ (admins, session only)", () => {
  test("an admin's session reads the organization's emails; a member, a key and a non-member are refused", async ({ request }) => {
    const { org, ownerKey, members: [member, admin] } = await makeOrganization([1, 8]);
    const email = uniqueEmail("listed");
    await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: email } }), 201);
    const page = await expectOk(await request.get(outbox(org.id), { headers: { Cookie: await makeSession(admin.email) } }));
    expect(page).toMatchObject({ count: 1, next: null, previous: null });
    expect(page.results[0]).toMatchObject({ kind: "invite", to: email, from: "Orgdeck <orgdeck@example.test>", created_at: expect.stringMatching(isoDate) });

    await expectError(await request.get(outbox(org.id), { headers: { Cookie: await makeSession(member.email) } }), 403, E.levelInsufficient);
    await expectError(await request.get(outbox(org.id), { headers: bearer(ownerKey) }), 403, E.denied("This action does not support personal API key access"));
    const stranger = await makeOrganization();
    await expectError(await request.get(outbox(org.id), { headers: { Cookie: await makeSession(stranger.owner.email) } }), 403, E.denied());
    await expectError(await request.get(outbox(org.id)), 401, E.notAuthenticated);
    const key = await makeKey(admin.email, "*");
    await expectError(await request.post(outbox(org.id), { headers: bearer(key), data: {} }), 405, E.methodNotAllowed("POST"));
  });
});
