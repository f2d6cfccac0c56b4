import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { activityLog } from "../../../db/schema";
import { apiKeyOf, call, callAt, expectAppError, makeOrganization, membershipId, sessionOf } from "../../testing/fixtures";
import { authenticateAccessToken } from "../service-accounts/caller";
import { clientCredentialsGrant } from "../service-accounts/client-credentials";
import { createServiceAccount } from "../service-accounts/manage";
import { getDirectoryPermissions } from "./permissions";
import {
  createCustomDirectoryRole,
  deleteCustomDirectoryRole,
  getCustomDirectoryRole,
  listCustomDirectoryRoles,
  listDirectoryApiRoles,
  updateCustomDirectoryRole,
} from "./roles";
import { assignDirectoryRole, listDirectoryRoleAssignments, unassignDirectoryRole } from "./roles-assignments";

describe("custom directory roles", () => {
  test("administrators create, list, read, rename and delete them; each change is in the activity log", async () => {
    const { org, owner, members: [admin] } = await makeOrganization([8]);
    const role = await call(createCustomDirectoryRole, sessionOf(admin), { name: " Auditors ", permissions: ["org.directory.get", "org.directory.get"] }, org.id);
    assert.deepEqual({ ...role, id: "x", created_at: "t", updated_at: "t" }, { id: "x", name: "Auditors", permissions: ["org.directory.get"], assignment_count: 0, created_at: "t", updated_at: "t" });
    await call(createCustomDirectoryRole, sessionOf(owner), { name: "Billing" }, org.id);
    const page = await call(listCustomDirectoryRoles, sessionOf(admin), { limit: "1" }, org.id);
    assert.equal(page.count, 2);
    assert.deepEqual(page.results.map((r) => r.name), ["Auditors"]);
    assert.equal((await call(getCustomDirectoryRole, sessionOf(admin), { id: role.id }, org.id)).name, "Auditors");
    const renamed = await call(updateCustomDirectoryRole, sessionOf(admin), { id: role.id, name: "Readers" }, org.id);
    assert.equal(renamed.name, "Readers");
    // A change that changes nothing writes nothing.
    await call(updateCustomDirectoryRole, sessionOf(admin), { id: role.id, name: "Readers" }, org.id);
    await expectAppError(call(createCustomDirectoryRole, sessionOf(admin), { name: "Billing" }, org.id), 400, "unique", { attr: "name" });
    await expectAppError(call(updateCustomDirectoryRole, sessionOf(admin), { id: role.id, name: "Billing" }, org.id), 400, "unique", { attr: "name" });
    assert.equal(await call(deleteCustomDirectoryRole, sessionOf(admin), { id: role.id }, org.id), null);
    await expectAppError(call(getCustomDirectoryRole, sessionOf(admin), { id: role.id }, org.id), 404, "not_found");
    const log = await (await getDb()).select().from(activityLog).where(and(eq(activityLog.organizationId, org.id), eq(activityLog.itemId, role.id)));
    assert.deepEqual(log.map((e) => e.activity).sort(), ["created", "deleted", "updated"]);
    assert.ok(log.every((e) => e.scope === "DirectoryRole"));
  });

  test("validated: directory permissions only, none beyond the administrator's own; members refused; other organizations' roles not found", async () => {
    const { org, owner, members: [admin, member] } = await makeOrganization([8, 1]);
    await expectAppError(call(createCustomDirectoryRole, sessionOf(admin), { name: "X", permissions: ["organization:write"] }, org.id), 400, "invalid_input", { attr: "permissions" });
    await expectAppError(call(createCustomDirectoryRole, sessionOf(admin), { name: "X", permissions: ["org.directory.delete"] }, org.id), 400, "invalid_input", {
      attr: "permissions",
      detail: "You cannot grant 'org.directory.delete': your own role does not hold it.",
    });
    await expectAppError(call(createCustomDirectoryRole, sessionOf(admin), { name: "" }, org.id), 400, "blank", { attr: "name" });
    const strong = await call(createCustomDirectoryRole, sessionOf(owner), { name: "Deleters", permissions: ["org.directory.delete"] }, org.id);
    await expectAppError(call(updateCustomDirectoryRole, sessionOf(admin), { id: strong.id, permissions: ["org.directory.delete", "org.directory.create"] }, org.id), 400, "invalid_input", { attr: "permissions" });
    // An administrator may not hand out a role that does more than they may.
    await expectAppError(call(assignDirectoryRole, sessionOf(admin), { id: strong.id, membership_id: await membershipId(org.id, admin) }, org.id), 400, "invalid_input", { attr: "permissions" });
    await expectAppError(call(listCustomDirectoryRoles, sessionOf(member), {}, org.id), 403, "permission_denied");
    await expectAppError(call(createCustomDirectoryRole, sessionOf(member), { name: "Mine" }, org.id), 403, "permission_denied");
    assert.equal((await call(listCustomDirectoryRoles, apiKeyOf(admin, ["organization:read"]), {}, org.id)).count, 1);
    const other = await makeOrganization();
    await expectAppError(call(getCustomDirectoryRole, sessionOf(other.owner), { id: strong.id }, other.org.id), 404, "not_found");
    await expectAppError(call(createCustomDirectoryRole, apiKeyOf(admin, ["organization:read"]), { name: "K" }, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'organization:write'",
    });
  });

  test("assignments: to a member or a service account of the organization, once; the directory roles list and permissions follow", async () => {
    const { org, owner, members: [admin, member] } = await makeOrganization([8, 1]);
    const role = await call(createCustomDirectoryRole, sessionOf(admin), { name: "Member managers", permissions: ["org.directory.members.create"] }, org.id);
    const memberMembership = await membershipId(org.id, member);
    const assigned = await call(assignDirectoryRole, sessionOf(admin), { id: role.id, membership_id: memberMembership }, org.id);
    assert.equal(assigned.membership_id, memberMembership);
    assert.equal(assigned.user?.uuid, member.uuid);
    await expectAppError(call(assignDirectoryRole, sessionOf(admin), { id: role.id, membership_id: memberMembership }, org.id), 400, "unique");
    await expectAppError(call(assignDirectoryRole, sessionOf(admin), { id: role.id }, org.id), 400, "invalid_input");
    const other = await makeOrganization();
    await expectAppError(call(assignDirectoryRole, sessionOf(admin), { id: role.id, membership_id: await membershipId(other.org.id, other.owner) }, org.id), 400, "does_not_exist", { attr: "membership_id" });

    const roles = await call(listDirectoryApiRoles, sessionOf(member), {}, org.id);
    assert.deepEqual(roles.map((r) => [r.id, r.built_in]), [["member", true], ["admin", true], ["owner", true], [role.id, false]]);
    assert.deepEqual(roles[0].permissions, ["org.directory.get", "org.directory.list", "org.roles.list"]);
    assert.equal(roles[2].permissions.length, 8);

    const mine = await call(getDirectoryPermissions, sessionOf(member), {}, org.id);
    assert.deepEqual(mine, [
      { permission: "org.directory.get", sources: [{ kind: "role", role: "member" }] },
      { permission: "org.directory.list", sources: [{ kind: "role", role: "member" }] },
      { permission: "org.directory.members.create", sources: [{ kind: "custom_role", role_id: role.id, role: "Member managers" }] },
      { permission: "org.roles.list", sources: [{ kind: "role", role: "member" }] },
    ]);
    const listed = await call(listDirectoryRoleAssignments, sessionOf(owner), { id: role.id }, org.id);
    assert.deepEqual(listed.map((a) => a.id), [assigned.id]);
    assert.equal((await call(getCustomDirectoryRole, sessionOf(admin), { id: role.id }, org.id)).assignment_count, 1, "the role counts its holder");
    assert.equal((await call(listCustomDirectoryRoles, sessionOf(admin), {}, org.id)).results[0].assignment_count, 1);
    await call(unassignDirectoryRole, sessionOf(admin), { id: role.id, assignment_id: assigned.id }, org.id);
    await expectAppError(call(unassignDirectoryRole, sessionOf(admin), { id: role.id, assignment_id: assigned.id }, org.id), 404, "not_found");
    const after = await call(getDirectoryPermissions, sessionOf(member), {}, org.id);
    assert.ok(!after.some((g) => g.permission === "org.directory.members.create"));
  });

  test("a permissions endpoint has an access check: a non-member is refused (403), even for a public organization id", async () => {
    const { org } = await makeOrganization();
    const stranger = (await makeOrganization()).owner;
    await expectAppError(call(getDirectoryPermissions, sessionOf(stranger), {}, org.id), 403, "permission_denied");
    await expectAppError(call(getDirectoryPermissions, apiKeyOf(stranger, ["directory:read"]), {}, org.id), 403, "permission_denied");
    await expectAppError(call(getDirectoryPermissions, apiKeyOf(stranger, ["organization:read"]), {}, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'directory:read'",
    });
  });

  test("a service account: a role assigned to it adds to its tokens, and taking the role away acts at once", async () => {
    const T0 = new Date();
    const { org, owner } = await makeOrganization();
    const account = await callAt(createServiceAccount, sessionOf(owner), { name: "Bot", permissions: ["org.directory.get"] }, org.id, T0);
    const role = await call(createCustomDirectoryRole, sessionOf(owner), { name: "Listers", permissions: ["org.directory.list", "org.roles.list"] }, org.id);
    const assigned = await call(assignDirectoryRole, sessionOf(owner), { id: role.id, service_account_id: account.id }, org.id);
    assert.equal(assigned.service_account_name, "Bot");
    const db = await getDb();
    const token = await clientCredentialsGrant(db, { grantType: "client_credentials", clientId: account.client_id, clientSecret: account.client_secret, scope: null, address: "192.0.2.200" }, T0);
    assert.equal(token.scope, "org.directory.get org.directory.list org.roles.list");
    const principal = await authenticateAccessToken(db, token.access_token, { now: T0 });
    const grants = await call(getDirectoryPermissions, principal, {}, org.id);
    assert.deepEqual(grants, [
      { permission: "org.directory.get", sources: [{ kind: "service_account", service_account_id: account.id }] },
      { permission: "org.directory.list", sources: [{ kind: "custom_role", role_id: role.id, role: "Listers" }] },
      { permission: "org.roles.list", sources: [{ kind: "custom_role", role_id: role.id, role: "Listers" }] },
    ]);
    await call(unassignDirectoryRole, sessionOf(owner), { id: role.id, assignment_id: assigned.id }, org.id);
    const narrowed = await authenticateAccessToken(db, token.access_token, { now: T0 });
    assert.equal(narrowed.kind === "service_account" && narrowed.serviceAccount.permissions.join(" "), "org.directory.get");
    await expectAppError(call(listDirectoryApiRoles, narrowed, {}, org.id), 403, "permission_denied", { detail: "Missing permission 'org.roles.list'." });
    // Another organization's account is not a holder here.
    const other = await makeOrganization();
    const theirs = await call(createServiceAccount, sessionOf(other.owner), { name: "Theirs" }, other.org.id);
    await expectAppError(call(assignDirectoryRole, sessionOf(owner), { id: role.id, service_account_id: theirs.id }, org.id), 400, "does_not_exist", { attr: "service_account_id" });
  });

  test("expiry, with an injected clock: a token calls the directory until its hour is up, then is refused (401)", async () => {
    const T0 = new Date("2031-05-01T08:00:00Z");
    const { org, owner } = await makeOrganization();
    const account = await callAt(createServiceAccount, sessionOf(owner), { name: "Clock", permissions: ["org.roles.list"] }, org.id, T0);
    const db = await getDb();
    const token = await clientCredentialsGrant(db, { grantType: "client_credentials", clientId: account.client_id, clientSecret: account.client_secret, scope: null, address: "192.0.2.201" }, T0);
    const late = new Date(T0.getTime() + 3599_000);
    const principal = await authenticateAccessToken(db, token.access_token, { now: late });
    assert.equal((await callAt(listDirectoryApiRoles, principal, {}, org.id, late)).length, 3);
    await expectAppError(authenticateAccessToken(db, token.access_token, { now: new Date(T0.getTime() + 3600_000) }), 401, "authentication_failed");
  });
});
