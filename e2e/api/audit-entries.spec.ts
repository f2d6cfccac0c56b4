import { expect, test, type APIRequestContext } from "./recording";
import { bearer, makeOrganization, makeSession, makeUser } from "../support/cli";
import { E, err, expectError, expectOk } from "./helpers";
import { acceptInvitation, latestInviteToken } from "./invite-links";

type Entry = { scope: string; activity: string; item_id: string; user: { uuid: string } | null; detail: { name: string; changes: unknown[] } };

/** The organization's entries of one scope, oldest first, as [activity, item_id, name]. */
async function entries(request: APIRequestContext, key: string, orgId: string, scope: string) {
  const log = await expectOk(await request.get(`/api/organizations/${orgId}/activity_log/?scope=${scope}`, { headers: bearer(key) }));
  return (log.results as Entry[]).reverse();
}

test.describe("each mutation of invites and members writes its activity-log entry", () => {
  test("invites: created, resent, deleted (revoked), accepted, and the membership it made joined", async ({ request }) => {
    const { org, owner, ownerKey } = await makeOrganization();
    const invitee = await makeUser("joiner");
    const revoked = await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: `gone-${invitee.email}` } }), 201);
    const kept = await expectOk(await request.post(`/api/organizations/${org.id}/invites/`, { headers: bearer(ownerKey), data: { target_email: invitee.email, level: 8 } }), 201);
    await expectOk(await request.post(`/api/organizations/${org.id}/invites/${kept.id}/resend/`, { headers: bearer(ownerKey) }));
    await expectOk(await request.delete(`/api/organizations/${org.id}/invites/${revoked.id}/`, { headers: bearer(ownerKey) }), 204);
    const token = await latestInviteToken(request, org.id, await makeSession(owner.email), invitee.email);
    await acceptInvitation(request, token, await makeSession(invitee.email));

    const invites = await entries(request, ownerKey, org.id, "OrganizationInvite");
    expect(invites.map((e) => [e.activity, e.item_id, e.detail.name, e.user?.uuid])).toEqual([
      ["created", revoked.id, revoked.target_email, owner.uuid],
      ["created", kept.id, invitee.email, owner.uuid],
      ["resent", kept.id, invitee.email, owner.uuid],
      ["deleted", revoked.id, revoked.target_email, owner.uuid],
      ["accepted", kept.id, invitee.email, invitee.uuid],
    ]);
    expect(invites[1].detail.changes).toEqual([
      { type: "OrganizationInvite", field: "target_email", action: "created", before: null, after: invitee.email },
      { type: "OrganizationInvite", field: "level", action: "created", before: null, after: 8 },
    ]);
    const joined = (await entries(request, ownerKey, org.id, "OrganizationMembership")).filter((e) => e.activity === "joined");
    expect(joined.map((e) => [e.detail.name, e.user?.uuid, e.detail.changes])).toEqual([
      [invitee.email, invitee.uuid, [{ type: "OrganizationMembership", field: "level", action: "created", before: null, after: 8 }]],
    ]);
  });

  test("members: level changed (updated), removed, left", async ({ request }) => {
    const { org, owner, ownerKey, members: [promoted, removed, leaving] } = await makeOrganization([1, 1, 1]);
    await expectOk(await request.patch(`/api/organizations/${org.id}/members/${promoted.uuid}/`, { headers: bearer(ownerKey), data: { level: 8 } }));
    await expectOk(await request.patch(`/api/organizations/${org.id}/members/${promoted.uuid}/`, { headers: bearer(ownerKey), data: { level: 8 } }));
    await expectOk(await request.delete(`/api/organizations/${org.id}/members/${removed.uuid}/`, { headers: bearer(ownerKey) }), 204);
    await expectOk(await request.delete(`/api/organizations/${org.id}/members/@me/`, { headers: bearer(leaving.key) }), 204);
    const log = (await entries(request, ownerKey, org.id, "OrganizationMembership")).filter((e) => e.user !== null);
    expect(log.map((e) => [e.activity, e.detail.name, e.user?.uuid, e.detail.changes])).toEqual([
      ["updated", promoted.email, owner.uuid, [{ type: "OrganizationMembership", field: "level", action: "changed", before: 1, after: 8 }]],
      ["removed", removed.email, owner.uuid, [{ type: "OrganizationMembership", field: "level", action: "deleted", before: 1, after: null }]],
      ["left", leaving.email, leaving.uuid, [{ type: "OrganizationMembership", field: "level", action: "deleted", before: 1, after: null }]],
    ]);
  });
});

test.describe("an organization keeps an owner", () => {
  const LEAVE = E.invalid("Cannot leave the organization as its owner!", null);
  const LAST_OWNER = err("validation_error", "last_owner", "An organization must keep at least one owner.");

  test("an owner cannot leave, even with another owner; once demoted by the other they can", async ({ request }) => {
    const { org, owner, ownerKey, members: [second] } = await makeOrganization([15]);
    await expectError(await request.delete(`/api/organizations/${org.id}/members/@me/`, { headers: bearer(ownerKey) }), 400, LEAVE);
    await expectError(await request.delete(`/api/organizations/${org.id}/members/${second.uuid}/`, { headers: bearer(second.key) }), 400, LEAVE);
    await expectOk(await request.patch(`/api/organizations/${org.id}/members/${owner.uuid}/`, { headers: bearer(second.key), data: { level: 8 } }));
    await expectOk(await request.delete(`/api/organizations/${org.id}/members/@me/`, { headers: bearer(ownerKey) }), 204);
    const left = await expectOk(await request.get(`/api/organizations/${org.id}/members/`, { headers: bearer(second.key) }));
    expect(left.results.map((m: { level: number }) => m.level)).toEqual([15]);
  });

  test("two owners demoting each other at once: one wins, the other is refused with an exact body, one owner remains", async ({ request }) => {
    for (let round = 0; round < 4; round++) {
      const { org, owner, ownerKey, members: [second] } = await makeOrganization([15]);
      const [a, b] = await Promise.all([
        request.patch(`/api/organizations/${org.id}/members/${second.uuid}/`, { headers: bearer(ownerKey), data: { level: 8 } }),
        request.patch(`/api/organizations/${org.id}/members/${owner.uuid}/`, { headers: bearer(second.key), data: { level: 8 } }),
      ]);
      const outcomes = [a, b].map((res) => res.status());
      expect(outcomes.filter((s) => s === 200), outcomes.join(",")).toHaveLength(1);
      const loser = outcomes[0] === 200 ? b : a;
      // Checked on rows locked in the transaction the loser sees the winner's change (403); were that lock lost, the
      // last-owner guard would still refuse it (400 last_owner).
      expect([
        JSON.stringify(E.denied("You can only edit others with level lower or equal to you.")),
        JSON.stringify(LAST_OWNER),
      ]).toContain(JSON.stringify(await loser.json()));
      const key = outcomes[0] === 200 ? ownerKey : second.key;
      const list = await expectOk(await request.get(`/api/organizations/${org.id}/members/`, { headers: bearer(key) }));
      expect(list.results.filter((m: { level: number }) => m.level === 15)).toHaveLength(1);
    }
  });
});

test.describe("401 names how to authenticate", () => {
  test("every 401 on /api carries WWW-Authenticate: Bearer realm=\"api\"", async ({ request }) => {
    const { org } = await makeOrganization();
    const responses = await Promise.all([
      request.get("/api/organizations/"),
      request.get(`/api/organizations/${org.id}/members/`),
      request.get("/api/users/@me/activity_log/"),
      request.get("/api/personal_api_keys/", { headers: bearer("odk_" + "x".repeat(43)) }),
      request.post(`/api/organizations/${org.id}/invites/`, { data: { target_email: "a@example.test" } }),
    ]);
    for (const res of responses) {
      expect(res.status(), res.url()).toBe(401);
      expect(res.headers()["www-authenticate"], res.url()).toBe('Bearer realm="api"');
    }
    const ok = await request.get("/api/organizations/", { headers: bearer((await makeOrganization()).ownerKey) });
    expect(ok.headers()["www-authenticate"]).toBeUndefined();
  });
});
