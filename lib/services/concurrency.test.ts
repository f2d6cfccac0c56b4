import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { organizationInvites, organizationMemberships } from "../../db/schema";
import { signInviteToken } from "../auth/invite-token";
import { AppError } from "../errors";
import { call, makeOrganization, makeUser, sessionOf, uniqueEmail } from "../testing/fixtures";
import { getAuthSecret } from "./instance";
import { acceptInvite } from "./invite-accept";
import { createInvite } from "./invites";
import { removeMember, updateMember } from "./members";

/**
 * Races. On the embedded database these calls serialize; with DATABASE_URL they run on PostgreSQL connections at
 * once and the row locks of member level changes and the conditional update of acceptance must hold the invariants.
 */

async function levels(orgId: string) {
  const rows = await (await getDb())
    .select({ userId: organizationMemberships.userId, level: organizationMemberships.level })
    .from(organizationMemberships)
    .where(eq(organizationMemberships.organizationId, orgId));
  return rows;
}

/** The outcome of each call: "ok", or the status and code of the AppError it threw (anything else fails the test). */
async function outcomes(calls: Array<Promise<unknown>>) {
  const settled = await Promise.allSettled(calls);
  return settled.map((s) => {
    if (s.status === "fulfilled") return "ok";
    assert.ok(s.reason instanceof AppError, `unexpected failure: ${String(s.reason)}`);
    return `${s.reason.status} ${s.reason.body.code}`;
  });
}

const REFUSED = new Set(["400 last_owner", "403 permission_denied"]);

describe("concurrent owner changes", () => {
  for (let round = 1; round <= 3; round++) {
    test(`two owners demote each other at the same moment: one wins, an owner remains (round ${round})`, async () => {
      const { org, owner, members } = await makeOrganization([15]);
      const [other] = members;
      const results = await outcomes([
        call(updateMember, sessionOf(owner), { user__uuid: other.uuid, level: 8 }, org.id),
        call(updateMember, sessionOf(other), { user__uuid: owner.uuid, level: 8 }, org.id),
      ]);
      assert.equal(results.filter((r) => r === "ok").length, 1, results.join(", "));
      assert.ok(results.filter((r) => r !== "ok").every((r) => REFUSED.has(r)), results.join(", "));
      assert.equal((await levels(org.id)).filter((m) => m.level === 15).length, 1);
    });
  }

  test("two owners remove each other at the same moment: one stays, as owner", async () => {
    const { org, owner, members } = await makeOrganization([15]);
    const [other] = members;
    const results = await outcomes([
      call(removeMember, sessionOf(owner), { user__uuid: other.uuid }, org.id),
      call(removeMember, sessionOf(other), { user__uuid: owner.uuid }, org.id),
    ]);
    assert.equal(results.filter((r) => r === "ok").length, 1, results.join(", "));
    assert.ok(results.filter((r) => r !== "ok").every((r) => REFUSED.has(r)), results.join(", "));
    const left = await levels(org.id);
    assert.deepEqual(left.map((m) => m.level), [15]);
  });

  test("three owners demoting and removing one another all at once never leave the organization without an owner", async () => {
    const { org, owner, members } = await makeOrganization([15, 15]);
    const owners = [owner, ...members];
    const calls: Array<Promise<unknown>> = [];
    for (const r of owners) {
      for (const t of owners) {
        if (r === t) continue;
        calls.push(call(updateMember, sessionOf(r), { user__uuid: t.uuid, level: 1 }, org.id));
        calls.push(call(removeMember, sessionOf(r), { user__uuid: t.uuid }, org.id));
      }
    }
    const results = await outcomes(calls);
    assert.ok(results.every((r) => r === "ok" || REFUSED.has(r) || r === "404 not_found"), results.join(", "));
    assert.ok((await levels(org.id)).some((m) => m.level === 15), "an owner remains");
  });
});

describe("concurrent acceptance: an invitation is accepted at most once", () => {
  test("many parallel accepts of one invitation: exactly one succeeds and exactly one membership exists", async () => {
    const { org, owner } = await makeOrganization();
    const invitee = await makeUser("racer");
    const invite = await call(createInvite, sessionOf(owner), { target_email: invitee.email, level: 8 }, org.id);
    const token = signInviteToken(await getAuthSecret(await getDb()), invite.id, 1);
    const results = await outcomes(Array.from({ length: 8 }, () => call(acceptInvite, sessionOf(invitee), { token })));
    assert.equal(results.filter((r) => r === "ok").length, 1, results.join(", "));
    assert.ok(results.filter((r) => r !== "ok").every((r) => r === "400 invalid_input"), results.join(", "));
    const mine = (await levels(org.id)).filter((m) => m.userId === invitee.id);
    assert.deepEqual(mine.map((m) => m.level), [8]);
  });
});

describe("concurrent invitations", () => {
  test("inviting the same address several times at once leaves exactly one invite", async () => {
    const { org, owner } = await makeOrganization();
    const email = uniqueEmail("twice");
    const results = await outcomes(Array.from({ length: 5 }, () => call(createInvite, sessionOf(owner), { target_email: email }, org.id)));
    assert.ok(results.some((r) => r === "ok"), results.join(", "));
    const rows = await (await getDb())
      .select()
      .from(organizationInvites)
      .where(and(eq(organizationInvites.organizationId, org.id), eq(organizationInvites.targetEmail, email)));
    assert.equal(rows.length, 1);
  });
});
