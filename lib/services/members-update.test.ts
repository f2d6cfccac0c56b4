import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { activityLog, organizationMemberships } from "../../db/schema";
import type { AuthUser } from "../auth/principal";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf } from "../testing/fixtures";
import { listMembers, updateMember } from "./members";

const EDIT_OTHERS = "You can only edit others if you are an admin.";
const LOWER_OR_EQUAL = "You can only edit others with level lower or equal to you.";
const OWN_LEVEL = "You can't change your own access level.";
const OWNER_ONLY = "You can only make another member owner if you're this organization's owner.";

/** owner, a second owner, two admins and two members. */
async function team() {
  const { org, owner, members } = await makeOrganization([15, 8, 8, 1, 1]);
  const [owner2, admin, admin2, member, member2] = members;
  return { org, owner, owner2, admin, admin2, member, member2 };
}

async function levelOf(orgId: string, user: AuthUser) {
  const [row] = await (await getDb())
    .select({ level: organizationMemberships.level })
    .from(organizationMemberships)
    .where(and(eq(organizationMemberships.organizationId, orgId), eq(organizationMemberships.userId, user.id)));
  return row?.level ?? null;
}

const patch = (as: AuthUser, orgId: string, target: AuthUser | "@me", body: Record<string, unknown>) =>
  call(updateMember, sessionOf(as), { user__uuid: target === "@me" ? "@me" : target.uuid, ...body }, orgId);

const denied = (detail: string) => ({ detail, attr: null });

describe("updateMember: its refusals in order, the first failure winning", () => {
  test("a member editing someone else is refused, even with an invalid level or a higher target", async () => {
    const { org, owner, member, member2 } = await team();
    await expectAppError(patch(member, org.id, member2, { level: 1 }), 403, "permission_denied", denied(EDIT_OTHERS));
    await expectAppError(patch(member, org.id, member2, { level: 99 }), 403, "permission_denied", denied(EDIT_OTHERS));
    await expectAppError(patch(member, org.id, owner, { level: 8 }), 403, "permission_denied", denied(EDIT_OTHERS));
    await expectAppError(patch(member, org.id, member2, {}), 403, "permission_denied", denied(EDIT_OTHERS));
    assert.equal(await levelOf(org.id, member2), 1);
  });

  test("an admin editing an owner is refused, before the level is validated", async () => {
    const { org, owner, admin } = await team();
    await expectAppError(patch(admin, org.id, owner, { level: 8 }), 403, "permission_denied", denied(LOWER_OR_EQUAL));
    await expectAppError(patch(admin, org.id, owner, { level: "eight" }), 403, "permission_denied", denied(LOWER_OR_EQUAL));
    assert.equal(await levelOf(org.id, owner), 15);
  });

  test("a level other than 1, 8 or 15 is 400 invalid_choice on level, even on one's own membership", async () => {
    const { org, owner, admin } = await team();
    for (const level of [99, 0, 2, "8", null, true, 8.5]) {
      await expectAppError(patch(owner, org.id, admin, { level }), 400, "invalid_choice", { detail: `"${String(level)}" is not a valid choice.`, attr: "level" });
    }
    await expectAppError(patch(owner, org.id, "@me", { level: 99 }), 400, "invalid_choice", { attr: "level" });
    assert.equal(await levelOf(org.id, admin), 8);
  });

  test("nobody changes their own level, by uuid or @me, even to the same level or as an admin asking for owner", async () => {
    const { org, owner, admin, member } = await team();
    await expectAppError(patch(owner, org.id, "@me", { level: 8 }), 403, "permission_denied", denied(OWN_LEVEL));
    await expectAppError(patch(owner, org.id, owner, { level: 15 }), 403, "permission_denied", denied(OWN_LEVEL));
    await expectAppError(patch(member, org.id, "@me", { level: 1 }), 403, "permission_denied", denied(OWN_LEVEL));
    await expectAppError(patch(admin, org.id, "@me", { level: 15 }), 403, "permission_denied", denied(OWN_LEVEL));
    assert.equal(await levelOf(org.id, owner), 15);
  });

  test("only an owner makes someone an owner", async () => {
    const { org, admin, admin2, member } = await team();
    await expectAppError(patch(admin, org.id, member, { level: 15 }), 403, "permission_denied", denied(OWNER_ONLY));
    await expectAppError(patch(admin, org.id, admin2, { level: 15 }), 403, "permission_denied", denied(OWNER_ONLY));
    assert.equal(await levelOf(org.id, member), 1);
  });

  test("an owner promoting a member to owner keeps both owners (no demotion of the requester)", async () => {
    const { org, owner, member } = await team();
    const updated = await patch(owner, org.id, member, { level: 15 });
    assert.equal(updated.level, 15);
    assert.equal(updated.user.uuid, member.uuid);
    assert.ok(!("search_match_type" in updated));
    assert.equal(await levelOf(org.id, owner), 15);
    assert.equal(await levelOf(org.id, member), 15);
  });

  test("admins promote members to admin and demote other admins; owners demote other owners", async () => {
    const { org, owner, owner2, admin, admin2, member } = await team();
    assert.equal((await patch(admin, org.id, member, { level: 8 })).level, 8);
    assert.equal((await patch(admin, org.id, admin2, { level: 1 })).level, 1);
    assert.equal((await patch(owner, org.id, owner2, { level: 8 })).level, 8);
    assert.equal(await levelOf(org.id, owner2), 8);
    assert.equal(await levelOf(org.id, owner), 15);
  });

  test("the response is the member object with a new updated_at; the change is in the activity log", async () => {
    const { org, owner, member } = await team();
    const before = (await call(listMembers, sessionOf(owner), { email: member.email }, org.id)).results[0];
    const updated = await patch(owner, org.id, member, { level: 8 });
    assert.equal(updated.id, before.id);
    assert.equal(updated.joined_at, before.joined_at);
    assert.notEqual(updated.updated_at, before.updated_at);
    assert.deepEqual(Object.keys(updated).sort(), Object.keys(before).sort());
    const entries = await (await getDb())
      .select()
      .from(activityLog)
      .where(and(eq(activityLog.organizationId, org.id), eq(activityLog.itemId, updated.id), eq(activityLog.activity, "updated")));
    assert.equal(entries.length, 1);
    assert.deepEqual((entries[0].detail as { changes: unknown[] }).changes, [
      { type: "OrganizationMembership", field: "level", action: "changed", before: 1, after: 8 },
    ]);
  });

  test("without a level nothing changes and the member is returned; a member may read their own via @me", async () => {
    const { org, owner, member } = await team();
    assert.equal((await patch(owner, org.id, member, {})).level, 1);
    const mine = await patch(member, org.id, "@me", { unknown_field: 1 });
    assert.equal(mine.user.uuid, member.uuid);
    assert.equal(mine.level, 1);
  });

  test("a user who is not a member, an unknown uuid and a malformed one are 404", async () => {
    const { org, owner } = await team();
    const stranger = (await makeOrganization()).owner;
    for (const user__uuid of [stranger.uuid, "00000000-0000-4000-8000-000000000000", "not-a-uuid", "1"]) {
      await expectAppError(call(updateMember, sessionOf(owner), { user__uuid, level: 1 }, org.id), 404, "not_found", { detail: "Not found." });
    }
  });

  test("a non-member is refused with 403 before the target is looked up", async () => {
    const { org, member } = await team();
    const stranger = (await makeOrganization()).owner;
    await expectAppError(patch(stranger, org.id, member, { level: 8 }), 403, "permission_denied", {
      detail: "You do not have permission to perform this action.",
    });
  });
});

describe("updateMember: TimeSensitive and keys", () => {
  const OLD = () => new Date(Date.now() - 7201 * 1000);

  test("a session signed in more than SESSION_SENSITIVE_ACTIONS_AGE ago is refused; a fresh one is not", async () => {
    const { org, owner, member } = await team();
    await expectAppError(
      call(updateMember, sessionOf(owner, { signedInAt: OLD() }), { user__uuid: member.uuid, level: 8 }, org.id),
      403,
      "sensitive_action_required_reauth",
      { detail: "This action requires you to be recently authenticated.", attr: null },
    );
    assert.equal(await levelOf(org.id, member), 1);
    const fresh = new Date(Date.now() - 7000 * 1000);
    assert.equal((await call(updateMember, sessionOf(owner, { signedInAt: fresh }), { user__uuid: member.uuid, level: 8 }, org.id)).level, 8);
    const read = await call(listMembers, sessionOf(owner, { signedInAt: OLD() }), {}, org.id);
    assert.equal(read.count, 6, "reads are not sensitive");
  });

  test("API keys are never TimeSensitive but need organization_member:write", async () => {
    const { org, owner, member } = await team();
    await expectAppError(call(updateMember, apiKeyOf(owner, ["organization_member:read"]), { user__uuid: member.uuid, level: 8 }, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'organization_member:write'",
    });
    const updated = await call(updateMember, apiKeyOf(owner, ["organization_member:write"]), { user__uuid: member.uuid, level: 8 }, org.id);
    assert.equal(updated.level, 8);
  });
});
