import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { activityLog, organizationDomains, organizationMemberships, scimGroupMembers, scimGroups, scimUsers, type MembershipSource } from "../../../db/schema";
import { ADMIN, MEMBER, OWNER, type Level } from "../../auth/permissions";
import type { AuthUser } from "../../auth/principal";
import { call, expectAppError, makeOrganization, makeUser, sessionOf } from "../../testing/fixtures";
import { createDomain } from "../domains";
import { createIdentityProviderConfig } from "../identity-provider-configs";
import { listScimGroupMappings, listScimPeople, mapScimGroupLevel } from "./admin";

/** An organization with an admin, a member and an identity-provider config whose SCIM rows the test writes directly. */
async function tenant() {
  const { org, owner, members } = await makeOrganization([ADMIN, MEMBER]);
  const [admin, member] = members;
  const config = await call(createIdentityProviderConfig, sessionOf(owner), { name: "Okta" }, org.id);
  const db = await getDb();
  const target = { kind: "config" as const, id: config.id };
  const tenantColumns = { organizationId: org.id, tenantId: config.id, identityProviderConfigId: config.id };

  /** A SCIM user of the tenant for `user` (a fresh one when not given), with a membership unless `level` is null. */
  async function person(options: { user?: AuthUser; level?: Level | null; source?: MembershipSource; name?: string; suspended?: boolean } = {}) {
    const user = options.user ?? (await makeUser("scim"));
    if (!options.user && options.level !== null) {
      await db.insert(organizationMemberships).values({
        organizationId: org.id,
        userId: user.id,
        level: options.level ?? MEMBER,
        source: options.source ?? "scim",
        suspendedAt: options.suspended ? new Date() : null,
      });
    }
    const [row] = await db
      .insert(scimUsers)
      .values({ ...tenantColumns, userId: user.id, userName: user.email, email: user.email, displayName: options.name ?? null, active: !options.suspended })
      .returning();
    return { user, scimId: row.id };
  }

  async function group(name: string, scimIds: string[]) {
    const [row] = await db.insert(scimGroups).values({ ...tenantColumns, displayName: name }).returning();
    if (scimIds.length) await db.insert(scimGroupMembers).values(scimIds.map((scimUserId) => ({ groupId: row.id, scimUserId })));
    return row.id;
  }

  async function levelOf(user: AuthUser) {
    const [row] = await db
      .select({ level: organizationMemberships.level })
      .from(organizationMemberships)
      .where(and(eq(organizationMemberships.organizationId, org.id), eq(organizationMemberships.userId, user.id)));
    return row?.level;
  }

  return { org, owner, admin, member, config, target, person, group, levelOf };
}

test("mapping a group to admin promotes its SCIM-provisioned members; unmapping it demotes them back to member", async () => {
  const t = await tenant();
  const provisioned = await t.person();
  const owner = await t.person({ user: t.owner });
  const invited = await makeUser("invited");
  const db = await getDb();
  await db.insert(organizationMemberships).values({ organizationId: t.org.id, userId: invited.id, level: MEMBER, source: "invite" });
  const invitedScim = await t.person({ user: invited });
  const groupId = await t.group("Engineering", [provisioned.scimId, owner.scimId, invitedScim.scimId]);

  const mapped = await call(mapScimGroupLevel, sessionOf(t.admin), { ...t.target, group_id: groupId, level: ADMIN }, t.org.id);
  assert.deepEqual(mapped, { id: groupId, display_name: "Engineering", member_count: 3, mapped_level: ADMIN });
  assert.equal(await t.levelOf(provisioned.user), ADMIN);
  assert.equal(await t.levelOf(t.owner), OWNER, "an owner is never changed by a group");
  assert.equal(await t.levelOf(invited), MEMBER, "a member who joined another way keeps their level");

  const [entry] = await db.select().from(activityLog).where(and(eq(activityLog.organizationId, t.org.id), eq(activityLog.scope, "ScimGroup")));
  assert.equal(entry.itemId, groupId);
  assert.equal(entry.userId, t.admin.id);
  assert.deepEqual((entry.detail as { changes: unknown[] }).changes, [{ type: "ScimGroup", field: "mapped_level", action: "changed", before: null, after: ADMIN }]);

  const groups = await call(listScimGroupMappings, sessionOf(t.admin), t.target, t.org.id);
  assert.deepEqual(groups, [mapped]);

  await call(mapScimGroupLevel, sessionOf(t.admin), { ...t.target, group_id: groupId, level: null }, t.org.id);
  assert.equal(await t.levelOf(provisioned.user), MEMBER);
  assert.equal(await t.levelOf(t.owner), OWNER);
  assert.equal(await t.levelOf(invited), MEMBER);
});

test("a member in two mapped groups keeps the highest level when one of them is unmapped", async () => {
  const t = await tenant();
  const p = await t.person();
  const admins = await t.group("Admins", [p.scimId]);
  const staff = await t.group("Staff", [p.scimId]);
  await call(mapScimGroupLevel, sessionOf(t.owner), { ...t.target, group_id: admins, level: ADMIN }, t.org.id);
  await call(mapScimGroupLevel, sessionOf(t.owner), { ...t.target, group_id: staff, level: MEMBER }, t.org.id);
  assert.equal(await t.levelOf(p.user), ADMIN);
  await call(mapScimGroupLevel, sessionOf(t.owner), { ...t.target, group_id: staff, level: null }, t.org.id);
  assert.equal(await t.levelOf(p.user), ADMIN, "still in the admin group");
  await call(mapScimGroupLevel, sessionOf(t.owner), { ...t.target, group_id: admins, level: MEMBER }, t.org.id);
  assert.equal(await t.levelOf(p.user), MEMBER);
});

test("owner is never a group's level, and a group of another tenant is not found", async () => {
  const t = await tenant();
  const groupId = await t.group("Owners", []);
  await expectAppError(call(mapScimGroupLevel, sessionOf(t.owner), { ...t.target, group_id: groupId, level: OWNER }, t.org.id), 400, "invalid_choice", { attr: "level" });
  const other = await call(createIdentityProviderConfig, sessionOf(t.owner), { name: "Other" }, t.org.id);
  await expectAppError(call(mapScimGroupLevel, sessionOf(t.owner), { kind: "config", id: other.id, group_id: groupId, level: ADMIN }, t.org.id), 404, "not_found");
  const [row] = await (await getDb()).select().from(scimGroups).where(eq(scimGroups.id, groupId));
  assert.equal(row.mappedLevel, null);
});

test("another organization's tenant is not found, and a member-level caller is refused", async () => {
  const t = await tenant();
  const groupId = await t.group("Engineering", []);
  const stranger = await makeOrganization();
  const attempts: [string, (who: AuthUser, orgId: string) => Promise<unknown>][] = [
    ["list people", (who, orgId) => call(listScimPeople, sessionOf(who), t.target, orgId)],
    ["list groups", (who, orgId) => call(listScimGroupMappings, sessionOf(who), t.target, orgId)],
    ["map a group", (who, orgId) => call(mapScimGroupLevel, sessionOf(who), { ...t.target, group_id: groupId, level: ADMIN }, orgId)],
  ];
  for (const [, attempt] of attempts) {
    await expectAppError(attempt(stranger.owner, stranger.org.id), 404, "not_found");
    await expectAppError(attempt(t.member, t.org.id), 403, "permission_denied");
  }
  const [row] = await (await getDb()).select().from(scimGroups).where(eq(scimGroups.id, groupId));
  assert.equal(row.mappedLevel, null);
});

test("a domain is a tenant too: its people are listed, another domain's are not", async () => {
  const t = await tenant();
  const db = await getDb();
  const name = `scim-admin-${randomBytes(4).toString("hex")}.example`;
  const domain = await call(createDomain, sessionOf(t.owner), { domain: name }, t.org.id);
  await db.update(organizationDomains).set({ verifiedAt: new Date() }).where(eq(organizationDomains.id, domain.id));
  const user = await makeUser("domain");
  await db.insert(organizationMemberships).values({ organizationId: t.org.id, userId: user.id, level: MEMBER, source: "scim" });
  await db.insert(scimUsers).values({ organizationId: t.org.id, tenantId: domain.id, domainId: domain.id, userId: user.id, userName: user.email });
  await t.person();
  const page = await call(listScimPeople, sessionOf(t.admin), { kind: "domain", id: domain.id }, t.org.id);
  assert.deepEqual(page.results.map((p) => p.user_name), [user.email]);
});

test("the people list: creation order, where each stands now, search, and pages of 20", async () => {
  const t = await tenant();
  const active = await t.person({ name: "Ada Lovelace", level: ADMIN });
  const suspended = await t.person({ suspended: true });
  const gone = await t.person({ level: null });
  const page = await call(listScimPeople, sessionOf(t.admin), t.target, t.org.id);
  assert.equal(page.count, 3);
  assert.deepEqual(
    page.results.map((p) => [p.user_uuid, p.display_name, p.active, p.membership]),
    [
      [active.user.uuid, "Ada Lovelace", true, { level: ADMIN, suspended: false }],
      [suspended.user.uuid, null, false, { level: MEMBER, suspended: true }],
      [gone.user.uuid, null, true, null],
    ],
  );
  assert.match(page.results[0].created_at, /Z$/);

  const found = await call(listScimPeople, sessionOf(t.admin), { ...t.target, search: "lovelace" }, t.org.id);
  assert.deepEqual(found.results.map((p) => p.id), [active.scimId]);
  const none = await call(listScimPeople, sessionOf(t.admin), { ...t.target, search: "100%" }, t.org.id);
  assert.equal(none.count, 0, "% is matched literally");

  for (let i = 0; i < 19; i++) await t.person();
  const second = await call(listScimPeople, sessionOf(t.admin), { ...t.target, page: 2 }, t.org.id);
  assert.equal(second.count, 22);
  assert.equal(second.results.length, 2);
  assert.equal(second.page_size, 20);
});
