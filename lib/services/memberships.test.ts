import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { organizationMemberships, users } from "../../db/schema";
import { ADMIN, MEMBER } from "../auth/permissions";
import type { AuthUser } from "../auth/principal";
import { signInviteToken } from "../auth/invite-token";
import { call, expectAppError, makeOrganization, makeUser, sessionOf, uniqueEmail } from "../testing/fixtures";
import { getAuthSecret } from "./instance";
import { acceptInvite } from "./invite-accept";
import { createInvite } from "./invites";
import { listMembers } from "./members";
import { getOrganization, listOrganizations } from "./organizations";
import { provisionUser } from "./provision-user";
import { getMe } from "./users";

async function membershipOf(organizationId: string, user: AuthUser) {
  const [row] = await (await getDb())
    .select()
    .from(organizationMemberships)
    .where(and(eq(organizationMemberships.organizationId, organizationId), eq(organizationMemberships.userId, user.id)));
  return row;
}

async function suspend(organizationId: string, user: AuthUser) {
  await (await getDb())
    .update(organizationMemberships)
    .set({ suspendedAt: new Date() })
    .where(and(eq(organizationMemberships.organizationId, organizationId), eq(organizationMemberships.userId, user.id)));
}

describe("memberships: source", () => {
  test("the creator's membership is `created`, one added at the CLI `cli`, an accepted invitation's `invite`", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER]);
    assert.equal((await membershipOf(org.id, owner)).source, "created");
    assert.equal((await membershipOf(org.id, members[0])).source, "cli");
    const invitee = await makeUser("invitee");
    const invite = await call(createInvite, sessionOf(owner), { target_email: invitee.email }, org.id);
    const token = signInviteToken(await getAuthSecret(await getDb()), invite.id, 1);
    await call(acceptInvite, sessionOf(invitee), { token });
    assert.equal((await membershipOf(org.id, invitee)).source, "invite");
  });
});

describe("memberships: suspended", () => {
  test("a suspended member is answered as a non-member, and their organization leaves their lists", async () => {
    const { org, members } = await makeOrganization([ADMIN]);
    const [suspended] = members;
    await suspend(org.id, suspended);
    await expectAppError(call(getOrganization, sessionOf(suspended), {}, org.id), 403, "permission_denied");
    await expectAppError(call(listMembers, sessionOf(suspended), {}, org.id), 403, "permission_denied");
    const orgs = await call(listOrganizations, sessionOf(suspended), {});
    assert.equal(orgs.results.some((o) => o.id === org.id), false);
    const me = await call(getMe, sessionOf(suspended), { user_id: "@me" });
    assert.equal(me.organizations.some((o) => o.id === org.id), false);
  });

  test("@current skips an organization where the user is suspended", async () => {
    const { org: first, members } = await makeOrganization([MEMBER]);
    const user = members[0];
    const second = await makeOrganization();
    await (await getDb()).insert(organizationMemberships).values({ organizationId: second.org.id, userId: user.id, level: MEMBER, source: "cli" });
    await (await getDb()).update(users).set({ currentOrganizationId: first.id }).where(eq(users.id, user.id));
    const fresh = async () => (await (await getDb()).select().from(users).where(eq(users.id, user.id)))[0];
    assert.equal((await call(getOrganization, sessionOf(await fresh()), {}, "@current")).id, first.id);
    await suspend(first.id, user);
    assert.equal((await call(getOrganization, sessionOf(await fresh()), {}, "@current")).id, second.org.id);
  });

  test("admins see suspended members marked `is_suspended`; members do not see them; member_count leaves them out", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER, MEMBER]);
    await suspend(org.id, members[1]);
    const asOwner = await call(listMembers, sessionOf(owner), {}, org.id);
    assert.equal(asOwner.count, 3);
    const flagged = Object.fromEntries(asOwner.results.map((m) => [m.user.uuid, m.is_suspended]));
    assert.deepEqual(flagged, { [owner.uuid]: false, [members[0].uuid]: false, [members[1].uuid]: true });
    const asMember = await call(listMembers, sessionOf(members[0]), {}, org.id);
    assert.deepEqual(asMember.results.map((m) => m.user.uuid).sort(), [owner.uuid, members[0].uuid].sort());
    assert.equal((await call(getOrganization, sessionOf(owner), {}, org.id)).member_count, 2);
  });
});

describe("provisionUser", () => {
  test("lower-cases the email, keeps the source's verified flag and sign-in state, and refuses a taken address", async () => {
    const db = await getDb();
    const email = uniqueEmail("Provisioned").replace("provisioned", "PROVISIONED");
    const at = new Date("2031-01-02T03:04:05Z");
    const user = await db.transaction((tx) =>
      provisionUser(tx, { email, firstName: "  Ada ", lastName: "x".repeat(200), emailVerified: true, source: "oidc", signIn: { at, secondFactor: true } }),
    );
    assert.equal(user.email, email.toLowerCase());
    assert.deepEqual([user.firstName, user.lastName.length, user.isEmailVerified], ["Ada", 150, true]);
    assert.deepEqual([user.lastLogin?.toISOString(), user.hasSocialAuth, user.is2faEnabled], [at.toISOString(), true, true]);
    await expectAppError(
      db.transaction((tx) => provisionUser(tx, { email: email.toUpperCase(), emailVerified: null, source: "cli" })),
      400,
      "unique",
      { attr: "email" },
    );
  });
});
