import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { organizationMemberships, scimGroups, users } from "../../../db/schema";
import { ADMIN, MEMBER, OWNER } from "../../auth/permissions";
import type { Principal } from "../../auth/principal";
import { defaultAdapters } from "../../adapters";
import { AppError } from "../../errors";
import { call, expectAppError, makeOrganization, makeUser, sessionOf } from "../../testing/fixtures";
import { createDomain, verifyDomain } from "../domains";
import { execute } from "../operation";
import { getOrganization } from "../organizations";
import { createScimGroup, patchScimGroup } from "./groups";
import { createScimUser, deleteScimUser, patchScimUser } from "./users";

/** An organization that verified a fresh domain, and the SCIM caller of that domain. */
async function tenant() {
  const { org, owner } = await makeOrganization();
  const domain = `scim-${randomBytes(4).toString("hex")}.example`;
  const created = await call(createDomain, sessionOf(owner), { domain }, org.id);
  const dns = { txt: async () => [[created.verification_challenge]] };
  await execute(verifyDomain, { db: await getDb(), principal: sessionOf(owner), organizationId: org.id, input: { id: created.id }, adapters: { ...defaultAdapters(), dns } });
  const scim: Principal = { kind: "scim", user: null, organizationId: org.id, target: { kind: "domain", id: created.id }, label: `SCIM (${domain})` };
  return { org, owner, domain, scim };
}

const body = (userName: string, extra: Record<string, unknown> = {}) => ({ schemas: ["urn:ietf:params:scim:schemas:core:2.0:User"], userName, ...extra });

async function membership(orgId: string, email: string) {
  const [row] = await (await getDb())
    .select({ membership: organizationMemberships, user: users })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(and(eq(organizationMemberships.organizationId, orgId), eq(users.email, email)));
  return row ?? null;
}

const setLevel = async (id: string, level: number) => (await getDb()).update(organizationMemberships).set({ level }).where(eq(organizationMemberships.id, id));

describe("SCIM users and memberships", () => {
  test("the last owner who can act is neither suspended nor removed through SCIM, and nothing changes", async () => {
    const t = await tenant();
    const boss = `boss@${t.domain}`;
    const scimUser = await call(createScimUser, t.scim, body(boss), t.org.id);
    const bossRow = (await membership(t.org.id, boss))!;
    await setLevel(bossRow.membership.id, OWNER);
    await setLevel((await membership(t.org.id, t.owner.email))!.membership.id, MEMBER);

    const suspend = { id: scimUser.id as string, Operations: [{ op: "replace", value: { active: false } }] };
    await expectAppError(call(patchScimUser, t.scim, suspend, t.org.id), 400, "last_owner", { detail: "The last owner of the organization cannot be suspended or removed through SCIM." });
    await expectAppError(call(deleteScimUser, t.scim, { id: scimUser.id }, t.org.id), 400, "last_owner");
    const after = (await membership(t.org.id, boss))!;
    assert.deepEqual([after.membership.level, after.membership.suspendedAt], [OWNER, null]);
  });

  test("a suspended member cannot open the organization, and is let back in by active: true; an existing user is adopted, not duplicated", async () => {
    const t = await tenant();
    const email = `pat@${t.domain}`;
    const first = await call(createScimUser, t.scim, body(email), t.org.id);
    await call(deleteScimUser, t.scim, { id: first.id }, t.org.id);
    assert.equal(await membership(t.org.id, email), null, "DELETE removes the membership");
    const [kept] = await (await getDb()).select().from(users).where(eq(users.email, email));
    assert.ok(kept, "and keeps the user");

    const again = await call(createScimUser, t.scim, body(email, { active: false }), t.org.id);
    const row = (await membership(t.org.id, email))!;
    assert.equal(row.user.id, kept.id, "the same user is adopted");
    assert.notEqual(row.membership.suspendedAt, null);
    const person = { id: row.user.id, uuid: row.user.uuid, email, firstName: "", lastName: "", isActive: true } as Parameters<typeof sessionOf>[0];
    // Answered exactly as for someone who never belonged.
    const stranger = await makeUser("stranger");
    const asStranger = await call(getOrganization, sessionOf(stranger), {}, t.org.id).catch((err: unknown) => err);
    const asSuspended = await call(getOrganization, sessionOf(person), {}, t.org.id).catch((err: unknown) => err);
    assert.ok(asSuspended instanceof AppError && asStranger instanceof AppError);
    assert.deepEqual([asSuspended.status, asSuspended.body], [asStranger.status, asStranger.body]);
    await call(patchScimUser, t.scim, { id: again.id, Operations: [{ op: "Replace", path: "active", value: "True" }] }, t.org.id);
    assert.equal((await call(getOrganization, sessionOf(person), {}, t.org.id)).id, t.org.id);
  });

  test("a group mapped to a level gives it to its SCIM members and takes it back when they leave the group", async () => {
    const t = await tenant();
    const email = `lee@${t.domain}`;
    const user = await call(createScimUser, t.scim, body(email), t.org.id);
    const group = await call(createScimGroup, t.scim, { displayName: "Admins", members: [] }, t.org.id);
    await (await getDb()).update(scimGroups).set({ mappedLevel: ADMIN }).where(eq(scimGroups.id, group.id as string));
    await call(patchScimGroup, t.scim, { id: group.id, Operations: [{ op: "add", path: "members", value: [{ value: user.id }] }] }, t.org.id);
    assert.equal((await membership(t.org.id, email))!.membership.level, ADMIN);
    await call(patchScimGroup, t.scim, { id: group.id, Operations: [{ op: "remove", path: `members[value eq "${user.id}"]` }] }, t.org.id);
    assert.equal((await membership(t.org.id, email))!.membership.level, MEMBER);
  });
});
