import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { eq, inArray } from "drizzle-orm";
import { getDb } from "../../db/client";
import {
  batchExportRuns,
  batchExports,
  directoryRoleAssignments,
  directoryRoles,
  legalDocuments,
  organizationDomains,
  organizationInvites,
  organizationMemberships,
  organizations,
  personalApiKeys,
  serviceAccounts,
  users,
} from "../../db/schema";
import { ADMIN } from "../auth/permissions";
import { call, expectAppError, makeApiKey, makeOrganization, sessionOf } from "../testing/fixtures";
import { scheduleDueRuns } from "./batch-exports";
import { createInvite } from "./invites";
import { joinByVerifiedDomain } from "./jit";
import { purgeOrganization } from "./organization-delete";
import { deleteOrganization, getOrganization, listOrganizations } from "./organizations";
import { authenticateAccessToken, clientCredentialsGrant } from "./service-accounts";
import { createServiceAccount } from "./service-accounts/manage";
import { getMe } from "./users";
import { deleteDirectoryOrganization } from "./directory/orgs";

const hex = () => randomBytes(4).toString("hex");

/** An organization with everything deletion must take away: a member with a custom role, a service account and its token, scoped keys, a verified JIT domain, an invitation. */
async function furnished() {
  const made = await makeOrganization([ADMIN]);
  const { org, owner, members: [admin] } = made;
  const other = await makeOrganization();
  const db = await getDb();
  const domain = `gone-${hex()}.example.test`;
  await db.insert(organizationDomains).values({ organizationId: org.id, domain, verificationChallenge: "x", verifiedAt: new Date(), jitProvisioningEnabled: true });
  const [role] = await db.insert(directoryRoles).values({ organizationId: org.id, name: "Auditors", permissions: ["org.directory.get"] }).returning();
  const [membership] = await db.select().from(organizationMemberships).where(eq(organizationMemberships.userId, admin.id));
  await db.insert(directoryRoleAssignments).values({ roleId: role.id, membershipId: membership.id });
  const account = await call(createServiceAccount, sessionOf(owner), { name: "Bot", permissions: ["org.directory.get"] }, org.id);
  const token = await clientCredentialsGrant(db, { grantType: "client_credentials", clientId: account.client_id, clientSecret: account.client_secret, scope: null, address: `203.0.113.${randomBytes(1)[0]}` }, new Date());
  await call(createInvite, sessionOf(owner), { target_email: `invited-${hex()}@example.test`, level: 1 }, org.id);
  const { addMember } = await import("./admin");
  await addMember(db, { organization_id: other.org.id, email: owner.email, level: 1 });
  const onlyHere = await makeApiKey(owner, ["*"], [org.id]);
  const both = await makeApiKey(owner, ["*"], [org.id, other.org.id]);
  await db.update(users).set({ currentOrganizationId: org.id }).where(inArray(users.id, [owner.id, admin.id]));
  return { ...made, other, domain, role, account, token, keys: { onlyHere, both } };
}

describe("deleting an organization", () => {
  test("at once: not found for its members, off their lists, its service account's token and secret refused, its domain free and no longer joined by JIT", async () => {
    const f = await furnished();
    const db = await getDb();
    assert.equal(await call(deleteDirectoryOrganization, sessionOf(f.owner), {}, f.org.id), null);

    await expectAppError(call(getOrganization, sessionOf(f.members[0]), {}, f.org.id), 404, "not_found");
    assert.equal((await call(getOrganization, sessionOf(f.owner), {}, "@current")).id, f.other.org.id);
    await expectAppError(call(getOrganization, sessionOf(f.members[0]), {}, "@current"), 404, "not_found");
    const mine = await call(listOrganizations, sessionOf(f.owner), {});
    assert.deepEqual(mine.results.map((o) => o.id), [f.other.org.id]);
    const me = await call(getMe, sessionOf(f.owner), { user_id: "@me" });
    assert.deepEqual(me.organizations.map((o) => o.id), [f.other.org.id]);
    await expectAppError(authenticateAccessToken(db, f.token.access_token), 401, "authentication_failed");
    await assert.rejects(
      clientCredentialsGrant(db, { grantType: "client_credentials", clientId: f.account.client_id, clientSecret: f.account.client_secret, scope: null, address: "203.0.113.250" }, new Date()),
      /Client authentication failed|invalid_client/,
    );
    assert.equal((await db.select().from(organizationDomains).where(eq(organizationDomains.domain, f.domain))).length, 0);
    const [newcomer] = await db.update(users).set({ email: `new-${hex()}@${f.domain}` }).where(eq(users.id, (await makeOrganization()).owner.id)).returning();
    assert.deepEqual(await db.transaction((tx) => joinByVerifiedDomain(tx, newcomer, new Date())), []);
    const [owner] = await db.select().from(users).where(eq(users.id, f.owner.id));
    assert.equal(owner.currentOrganizationId, null);
  });

  test("then the job removes memberships, role assignments, invitations, service accounts, roles and key scoping, and the row; running it again does nothing", async () => {
    const f = await furnished();
    const db = await getDb();
    await call(deleteOrganization, sessionOf(f.owner), {}, f.org.id);
    assert.deepEqual(await purgeOrganization(db, f.org.id), []);
    const count = async (table: typeof organizationMemberships | typeof organizationInvites | typeof serviceAccounts | typeof directoryRoles) =>
      (await db.select().from(table).where(eq(table.organizationId, f.org.id))).length;
    assert.deepEqual([await count(organizationMemberships), await count(organizationInvites), await count(serviceAccounts), await count(directoryRoles)], [0, 0, 0, 0]);
    assert.equal((await db.select().from(directoryRoleAssignments).where(eq(directoryRoleAssignments.roleId, f.role.id))).length, 0);
    assert.equal((await db.select().from(organizations).where(eq(organizations.id, f.org.id))).length, 0);
    const scoping = async (id: string) => (await db.select().from(personalApiKeys).where(eq(personalApiKeys.id, id)))[0].scopedOrganizations;
    assert.deepEqual(await scoping(f.keys.both.id), [f.other.org.id]);
    assert.deepEqual(await scoping(f.keys.onlyHere.id), [f.org.id], "a key scoped to it alone reaches nothing, not everything");
    assert.equal(await purgeOrganization(db, f.org.id), null);
  });

  test("the job hands back the storage keys of the organization's signed legal PDFs, whose bytes it then removes", async () => {
    const { org, owner } = await makeOrganization();
    const db = await getDb();
    const document = { organizationId: org.id, companyName: "Acme", companyAddress: "1 Road", representativeEmail: owner.email, esignProvider: "local", documentSha256: "0".repeat(64) };
    const [signed] = await db.insert(legalDocuments).values({ ...document, documentType: "DPA", status: "signed" }).returning();
    const key = `legal_documents/${org.id}/${signed.id}.pdf`;
    await db.update(legalDocuments).set({ signedPdfKey: key }).where(eq(legalDocuments.id, signed.id));
    await db.insert(legalDocuments).values({ ...document, documentType: "BAA" });
    await call(deleteOrganization, sessionOf(owner), {}, org.id);
    assert.deepEqual(await purgeOrganization(db, org.id), [key], "the unsigned document has no PDF");
    assert.equal((await db.select().from(legalDocuments).where(eq(legalDocuments.organizationId, org.id))).length, 0);
  });

  test("at once its batch exports are paused and their waiting runs cancelled, so none starts before the job", async () => {
    const { org, owner } = await makeOrganization();
    const db = await getDb();
    const [exported] = await db
      .insert(batchExports)
      .values({ organizationId: org.id, name: "Nightly", model: "events", destinationType: "HTTP", interval: "hour", scheduledUntil: new Date(Date.now() - 3_600_000) })
      .returning();
    const [run] = await db
      .insert(batchExportRuns)
      .values({ batchExportId: exported.id, intervalStart: new Date(Date.now() - 7_200_000), intervalEnd: new Date(Date.now() - 3_600_000), nextAttemptAt: new Date() })
      .returning();
    await call(deleteOrganization, sessionOf(owner), {}, org.id);
    const [after] = await db.select().from(batchExports).where(eq(batchExports.id, exported.id));
    assert.equal(after.paused, true);
    assert.equal((await db.select().from(batchExportRuns).where(eq(batchExportRuns.id, run.id)))[0].status, "cancelled");
    assert.equal(await scheduleDueRuns(db, new Date(), { exportIds: [exported.id] }), 0, "nothing new is scheduled");
  });

  test("the organization's slug and subdomain are free again at once", async () => {
    const { org, owner } = await makeOrganization();
    const db = await getDb();
    await db.update(organizations).set({ subdomain: `free-${org.id.slice(0, 8)}` }).where(eq(organizations.id, org.id));
    await call(deleteOrganization, sessionOf(owner), {}, org.id);
    const [row] = await db.select().from(organizations).where(eq(organizations.id, org.id));
    assert.equal(row.subdomain, null);
    assert.notEqual(row.slug, org.slug);
    assert.ok(row.deletedAt);
  });
});
