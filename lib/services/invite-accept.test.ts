import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { organizationInvites, organizationMemberships, projectMemberships, users } from "../../db/schema";
import { signInviteToken } from "../auth/invite-token";
import type { AuthUser } from "../auth/principal";
import { apiKeyOf, call, callAt, expectAppError, makeOrganization, makeProject, makeUser, sessionOf } from "../testing/fixtures";
import { getAuthSecret } from "./instance";
import { acceptInvite, inspectInvite, listMyInvites } from "./invite-accept";
import { createInvite, deleteInvite } from "./invites";

const DAY = 86_400_000;

async function tokenFor(inviteId: string) {
  return signInviteToken(await getAuthSecret(await getDb()), inviteId, 1);
}

async function membershipOf(orgId: string, user: AuthUser) {
  const [row] = await (await getDb())
    .select()
    .from(organizationMemberships)
    .where(and(eq(organizationMemberships.organizationId, orgId), eq(organizationMemberships.userId, user.id)));
  return row ?? null;
}

/** An organization, its owner, a fresh invitee (not a member) and an invite for them. */
async function invited(body: Record<string, unknown> = {}, at?: Date) {
  const { org, owner } = await makeOrganization();
  const invitee = await makeUser("invitee");
  const input = { target_email: invitee.email.toUpperCase(), ...body };
  const invite = at ? await callAt(createInvite, sessionOf(owner), input, org.id, at) : await call(createInvite, sessionOf(owner), input, org.id);
  return { org, owner, invitee, invite, token: await tokenFor(invite.id) };
}

const accept = (user: AuthUser, token: string) => call(acceptInvite, sessionOf(user), { token });
const refused = (detail: string) => ({ detail, attr: "token" });

describe("acceptInvite", () => {
  test("joins at the invited level with the invited project access, and the organization becomes current", async () => {
    const db = await getDb();
    const { org, owner } = await makeOrganization();
    const [p1, p2] = [await makeProject(org.id), await makeProject(org.id, { private: true })];
    const invitee = await makeUser("joiner");
    const invite = await call(createInvite, sessionOf(owner), {
      target_email: invitee.email,
      level: 8,
      private_project_access: [{ id: p1.id, level: "member" }, { id: p2.id, level: "admin" }],
    }, org.id);
    const result = await accept(invitee, await tokenFor(invite.id));
    assert.deepEqual(result, { organization_id: org.id, level: 8 });
    assert.equal((await membershipOf(org.id, invitee))?.level, 8);
    const projects = await db.select().from(projectMemberships).where(eq(projectMemberships.userId, invitee.id));
    assert.deepEqual(projects.map((p) => [p.projectId, p.level]).sort(), [[p1.id, 1], [p2.id, 8]].sort());
    const [user] = await db.select().from(users).where(eq(users.id, invitee.id));
    assert.equal(user.currentOrganizationId, org.id);
    const [row] = await db.select().from(organizationInvites).where(eq(organizationInvites.id, invite.id));
    assert.ok(row.acceptedAt, "accepted_at is kept");
    assert.equal(row.acceptedById, invitee.id);
  });

  test("the invited address matches case-insensitively", async () => {
    const { org, invitee, token, invite } = await invited();
    assert.equal(invite.target_email, invitee.email);
    await accept(invitee, token);
    assert.equal((await membershipOf(org.id, invitee))?.level, 1);
  });

  test("someone signed in with another email is refused and nothing changes", async () => {
    const { org, invitee, token } = await invited();
    const other = await makeUser("other");
    await expectAppError(accept(other, token), 400, "invalid_input", refused(`This invitation is for ${invitee.email}, but you are signed in as ${other.email}.`));
    assert.equal(await membershipOf(org.id, other), null);
    await accept(invitee, token);
  });

  test("an expired invitation is refused", async () => {
    const { org, invitee, token } = await invited({}, new Date(Date.now() - 3 * DAY - 60_000));
    await expectAppError(accept(invitee, token), 400, "invalid_input", refused("This invitation has expired."));
    assert.equal(await membershipOf(org.id, invitee), null);
  });

  test("a used invitation says it was already used", async () => {
    const { org, invitee, token } = await invited({ level: 8 });
    await accept(invitee, token);
    await expectAppError(accept(invitee, token), 400, "invalid_input", refused("This invitation has already been used."));
    assert.equal((await membershipOf(org.id, invitee))?.level, 8);
  });

  test("a revoked invitation, a forged or tampered token and a token of an older version are not valid", async () => {
    const { org, owner, invitee, invite, token } = await invited();
    const secret = await getAuthSecret(await getDb());
    const tampered = Buffer.from(token, "base64url");
    tampered[tampered.length - 1] ^= 1;
    const forged = signInviteToken("a guessed secret of sufficient length", invite.id, 1);
    for (const bad of [tampered.toString("base64url"), forged, signInviteToken(secret, invite.id, 2), "garbage", "A".repeat(70)]) {
      await expectAppError(accept(invitee, bad), 400, "invalid_input", refused("This invitation link is not valid."));
    }
    await call(deleteInvite, sessionOf(owner), { id: invite.id }, org.id);
    await expectAppError(accept(invitee, token), 400, "invalid_input", refused("This invitation link is not valid."));
    assert.equal(await membershipOf(org.id, invitee), null);
  });

  test("sibling invites for the same address in the organization are removed; other organizations' stay", async () => {
    const db = await getDb();
    const { org, owner, invitee, invite, token } = await invited();
    const elsewhere = await makeOrganization();
    const there = await call(createInvite, sessionOf(elsewhere.owner), { target_email: invitee.email }, elsewhere.org.id);
    const [sibling] = await db
      .insert(organizationInvites)
      .values({ organizationId: org.id, targetEmail: invitee.email, level: 1, createdById: owner.id })
      .returning();
    await accept(invitee, token);
    const left = await db.select({ id: organizationInvites.id }).from(organizationInvites).where(eq(organizationInvites.targetEmail, invitee.email));
    assert.deepEqual(left.map((r) => r.id).sort(), [invite.id, there.id].sort());
    assert.ok(!left.some((r) => r.id === sibling.id));
  });

  test("API keys cannot accept: it is a session-only action", async () => {
    const { invitee, token } = await invited();
    await expectAppError(call(acceptInvite, apiKeyOf(invitee, ["*"]), { token }), 403, "permission_denied", {
      detail: "This action does not support personal API key access",
    });
  });
});

describe("inspectInvite and listMyInvites", () => {
  test("inspect tells valid, expired, used and invalid apart, with the organization and the inviter", async () => {
    const { org, owner, invitee, invite, token } = await invited({ message: "Hi!", level: 8 });
    const valid = await inspectInvite(token);
    assert.equal(valid.state, "valid");
    if (valid.state !== "valid") return;
    assert.deepEqual(valid.organization, { id: org.id, name: org.name, logoUrl: null });
    assert.deepEqual(valid.inviter, { name: `${owner.firstName} ${owner.lastName}`, email: owner.email });
    assert.equal(valid.targetEmail, invitee.email);
    assert.equal(valid.level, 8);
    assert.equal(valid.message, "Hi!");
    assert.equal(Date.parse(valid.expiresAt!), Date.parse(invite.created_at) + 3 * DAY);
    assert.equal((await inspectInvite(token, new Date(Date.now() + 3 * DAY + 60_000))).state, "expired");
    assert.deepEqual(await inspectInvite("nonsense"), { state: "invalid" });
    await accept(invitee, token);
    assert.equal((await inspectInvite(token)).state, "used");
  });

  test("listMyInvites offers the caller's pending, unexpired invitations across organizations with working links", async () => {
    const invitee = await makeUser("mine");
    const a = await makeOrganization();
    const b = await makeOrganization();
    const c = await makeOrganization();
    const inA = await call(createInvite, sessionOf(a.owner), { target_email: invitee.email }, a.org.id);
    const inB = await call(createInvite, sessionOf(b.owner), { target_email: invitee.email, level: 8 }, b.org.id);
    await callAt(createInvite, sessionOf(c.owner), { target_email: invitee.email }, c.org.id, new Date(Date.now() - 4 * DAY));
    const mine = await call(listMyInvites, sessionOf(invitee), {});
    assert.deepEqual(mine.map((i) => [i.id, i.organization.id, i.level]), [[inB.id, b.org.id, 8], [inA.id, a.org.id, 1]]);
    await accept(invitee, mine[1].token);
    assert.equal((await membershipOf(a.org.id, invitee))?.level, 1);
    assert.deepEqual((await call(listMyInvites, sessionOf(invitee), {})).map((i) => i.id), [inB.id]);
  });
});
