import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { activityLog, organizationDomains, organizationMemberships, organizations, users } from "../../../db/schema";
import { ADMIN, MEMBER, OWNER } from "../../auth/permissions";
import type { Principal } from "../../auth/principal";
import { call, expectAppError, makeOrganization, makeUser, sessionOf } from "../../testing/fixtures";
import { createServiceAccountForOperator } from "../service-accounts/admin";
import { createServiceAccount } from "../service-accounts/manage";
import { createDirectoryOrganization, deleteDirectoryOrganization, getDirectoryOrganization, updateDirectoryOrganization } from "./orgs";

const hex = () => randomBytes(4).toString("hex");
const FIELDS = ["creation_date", "domain", "external_sales_force_id", "id", "logo_url", "modified_date", "name", "status", "subdomain"];

function serviceAccountOf(organizationId: string, account: { id: string; client_id: string; permissions: string[] }): Principal {
  return { kind: "service_account", user: null, organizationId, serviceAccount: { id: account.id, name: "bot", clientId: account.client_id, permissions: account.permissions } };
}

describe("directory organizations", () => {
  test("a person creates one and owns it: the directory shape, the subdomain, the domain claimed unverified, one audit entry each", async () => {
    const user = await makeUser();
    const sub = `acme-${hex()}`;
    const domain = `${sub}.example.test`;
    const created = await call(createDirectoryOrganization, sessionOf(user), {
      id: "00000000-0000-0000-0000-000000000000", name: "Acme", subdomain: sub, domain, logo_url: "https://evil.test/x.png", creation_date: "2000-01-01T00:00:00Z", external_sales_force_id: "SF-1",
    });
    assert.deepEqual(Object.keys(created).sort(), FIELDS);
    assert.notEqual(created.id, "00000000-0000-0000-0000-000000000000");
    assert.deepEqual({ ...created, id: 0, creation_date: 0, modified_date: 0 }, { id: 0, name: "Acme", subdomain: sub, domain, logo_url: null, creation_date: 0, modified_date: 0, status: "active", external_sales_force_id: "SF-1" });
    assert.ok(Date.parse(created.creation_date) > Date.parse("2020-01-01"));
    const db = await getDb();
    const [membership] = await db.select().from(organizationMemberships).where(eq(organizationMemberships.organizationId, created.id));
    assert.deepEqual([membership.userId, membership.level], [user.id, OWNER]);
    const [claim] = await db.select().from(organizationDomains).where(eq(organizationDomains.domain, domain));
    assert.equal(claim.verifiedAt, null);
    const log = await db.select().from(activityLog).where(eq(activityLog.organizationId, created.id));
    assert.deepEqual(log.map((e) => `${e.scope} ${e.activity}`).sort(), ["Organization created", "OrganizationDomain created"]);
    assert.equal((await db.select().from(users).where(eq(users.id, user.id)))[0].currentOrganizationId, created.id);
  });

  test("a subdomain taken or reserved is refused alike, and so is a malformed one; a taken domain rolls the whole creation back", async () => {
    const user = await makeUser();
    const sub = `taken-${hex()}`;
    await call(createDirectoryOrganization, sessionOf(user), { name: "First", subdomain: sub });
    const same = { status: 400, code: "unique", detail: "This subdomain is not available.", attr: "subdomain" };
    await expectAppError(call(createDirectoryOrganization, sessionOf(user), { name: "Second", subdomain: sub }), same.status, same.code, { detail: same.detail, attr: same.attr });
    await expectAppError(call(createDirectoryOrganization, sessionOf(user), { name: "Second", subdomain: "www" }), same.status, same.code, { detail: same.detail, attr: same.attr });
    for (const bad of ["Upper", "-lead", "trail-", "a.b", "x".repeat(64)]) {
      await expectAppError(call(createDirectoryOrganization, sessionOf(user), { name: "Bad", subdomain: bad }), 400, bad.length > 63 ? "max_length" : "invalid_input", { attr: "subdomain" });
    }
    const other = await makeOrganization();
    const domain = `held-${hex()}.example.test`;
    await call(createDirectoryOrganization, sessionOf(other.owner), { name: "Holder", domain });
    const name = `Rolled back ${hex()}`;
    await expectAppError(call(createDirectoryOrganization, sessionOf(user), { name, domain }), 400, "unique", { attr: "domain" });
    assert.equal((await (await getDb()).select().from(organizations).where(eq(organizations.name, name))).length, 0);
    await expectAppError(call(createDirectoryOrganization, sessionOf(user), { name: "X", status: "deleted" }), 400, "invalid_choice", { attr: "status" });
  });

  test("a service account's organization is owned by the administrator who created the account; an operator-made account gets 400", async () => {
    const { org, members: [admin] } = await makeOrganization([ADMIN]);
    const account = await call(createServiceAccount, sessionOf(admin), { name: "Creator", permissions: ["org.directory.get"] }, org.id);
    await expectAppError(call(createDirectoryOrganization, serviceAccountOf(org.id, account), { name: "No grant" }), 403, "permission_denied", { detail: "Missing permission 'org.directory.create'." });
    const granted = serviceAccountOf(org.id, { ...account, permissions: ["org.directory.create"] });
    const created = await call(createDirectoryOrganization, granted, { name: "Made by a machine" });
    const [membership] = await (await getDb()).select().from(organizationMemberships).where(eq(organizationMemberships.organizationId, created.id));
    assert.deepEqual([membership.userId, membership.level], [admin.id, OWNER]);
    const operatorMade = await createServiceAccountForOperator(await getDb(), org.id, { name: "Operator's", permissions: ["org.directory.create"] });
    await expectAppError(call(createDirectoryOrganization, serviceAccountOf(org.id, operatorMade), { name: "Ownerless" }), 400, "invalid_input");
  });

  test("PUT is partial and the path's organization is the one changed, whatever id the body names", async () => {
    const mine = await makeOrganization([MEMBER]);
    const theirs = await makeOrganization();
    const updated = await call(updateDirectoryOrganization, sessionOf(mine.owner), { id: theirs.org.id, name: "Renamed", status: "suspended" }, mine.org.id);
    assert.equal(updated.id, mine.org.id);
    assert.equal(updated.name, "Renamed");
    assert.equal(updated.status, "suspended");
    assert.equal((await call(getDirectoryOrganization, sessionOf(theirs.owner), {}, theirs.org.id)).name, theirs.org.name);
    const again = await call(updateDirectoryOrganization, sessionOf(mine.owner), { external_sales_force_id: "SF-9" }, mine.org.id);
    assert.deepEqual([again.name, again.status, again.external_sales_force_id], ["Renamed", "suspended", "SF-9"]);
    await expectAppError(call(updateDirectoryOrganization, sessionOf(mine.members[0]), { name: "Member" }, mine.org.id), 403, "permission_denied", { detail: "Missing permission 'org.directory.update'." });
    await expectAppError(call(updateDirectoryOrganization, sessionOf(theirs.owner), { name: "Outsider" }, mine.org.id), 403, "permission_denied");
    await expectAppError(call(updateDirectoryOrganization, sessionOf(mine.owner), { subdomain: "admin" }, mine.org.id), 400, "unique", { attr: "subdomain" });
    const [entry] = await (await getDb()).select().from(activityLog).where(and(eq(activityLog.organizationId, mine.org.id), eq(activityLog.activity, "updated")));
    assert.ok(entry);
  });

  test("only owners delete through the directory; an administrator is refused naming the permission", async () => {
    const { org, owner, members: [admin] } = await makeOrganization([ADMIN]);
    await expectAppError(call(deleteDirectoryOrganization, sessionOf(admin), {}, org.id), 403, "permission_denied", { detail: "Missing permission 'org.directory.delete'." });
    assert.equal(await call(deleteDirectoryOrganization, sessionOf(owner), {}, org.id), null);
    await expectAppError(call(getDirectoryOrganization, sessionOf(owner), {}, org.id), 404, "not_found");
    await expectAppError(call(deleteDirectoryOrganization, sessionOf(owner), {}, org.id), 404, "not_found");
  });
});
