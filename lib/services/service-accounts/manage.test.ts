import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { activityLog, serviceAccounts } from "../../../db/schema";
import type { Principal } from "../../auth/principal";
import { sha256 } from "../../auth/tokens";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf } from "../../testing/fixtures";
import { listMembers } from "../members";
import { getOrganization } from "../organizations";
import { getMe } from "../users";
import { createServiceAccountForOperator } from "./admin";
import { createServiceAccount, deleteServiceAccount, listServiceAccounts, rotateServiceAccountSecret, updateServiceAccount } from "./manage";

const FIELDS = ["client_id", "created_at", "id", "is_active", "last_used_at", "name", "permissions"];

async function entries(orgId: string, itemId: string) {
  return (await getDb()).select().from(activityLog).where(and(eq(activityLog.organizationId, orgId), eq(activityLog.itemId, itemId)));
}

describe("managing service accounts", () => {
  test("administrators create one: the secret once, stored as its SHA-256; list newest first, paginated; every change in the activity log without a secret", async () => {
    const { org, owner, members: [admin] } = await makeOrganization([8]);
    const created = await call(createServiceAccount, sessionOf(admin), { name: " Sync ", permissions: ["org.directory.get", "org.directory.get", "org.roles.list"], client_id: "mine" }, org.id);
    assert.deepEqual(Object.keys(created).sort(), [...FIELDS, "client_secret"].sort());
    assert.equal(created.name, "Sync");
    assert.deepEqual(created.permissions, ["org.directory.get", "org.roles.list"]);
    assert.match(created.client_id, /^odsa_client_[A-Za-z0-9_-]{22}$/);
    assert.match(created.client_secret, /^odsa_[A-Za-z0-9_-]{43}$/);
    assert.equal(created.is_active, true);
    assert.equal(created.last_used_at, null);
    const [row] = await (await getDb()).select().from(serviceAccounts).where(eq(serviceAccounts.id, created.id));
    assert.equal(row.secretHash, sha256(created.client_secret));
    assert.equal(row.createdById, admin.id);

    const second = await call(createServiceAccount, sessionOf(owner), { name: "Second" }, org.id);
    assert.deepEqual(second.permissions, []);
    const page = await call(listServiceAccounts, sessionOf(owner), { limit: "1" }, org.id);
    assert.equal(page.count, 2);
    assert.deepEqual(page.results.map((a) => a.id), [second.id]);
    assert.deepEqual(Object.keys(page.results[0]).sort(), FIELDS);

    const updated = await call(updateServiceAccount, sessionOf(admin), { id: created.id, name: "Sync 2", is_active: false }, org.id);
    assert.equal(updated.is_active, false);
    const rotated = await call(rotateServiceAccountSecret, sessionOf(admin), { id: created.id }, org.id);
    await call(deleteServiceAccount, sessionOf(admin), { id: created.id }, org.id);
    const log = await entries(org.id, created.id);
    assert.deepEqual(log.map((e) => e.activity).sort(), ["created", "deleted", "secret_rotated", "updated"]);
    assert.ok(log.every((e) => e.scope === "ServiceAccount"));
    const text = JSON.stringify(log);
    for (const secret of [created.client_secret, rotated.client_secret, sha256(created.client_secret)]) assert.ok(!text.includes(secret));
    const detail = log.find((e) => e.activity === "updated")?.detail as { changes: { field: string }[] } | undefined;
    const change = detail?.changes.map((c) => c.field).sort();
    assert.deepEqual(change, ["is_active", "name"]);
  });

  test("permissions: directory ones only (400 on `permissions` naming the stranger), and none the granting person lacks", async () => {
    const { org, owner, members: [admin] } = await makeOrganization([8]);
    await expectAppError(call(createServiceAccount, sessionOf(owner), { name: "X", permissions: ["org.directory.get", "organization:read"] }, org.id), 400, "invalid_input", {
      attr: "permissions",
      detail: '"organization:read" is not a directory permission. Choose from: org.directory.create, org.directory.get, org.directory.list, org.directory.update, org.directory.delete, org.directory.members.create, org.directory.members.delete, org.roles.list.',
    });
    await expectAppError(call(createServiceAccount, sessionOf(owner), { name: "X", permissions: "org.directory.get" }, org.id), 400, "invalid_input", { attr: "permissions" });
    await expectAppError(call(createServiceAccount, sessionOf(owner), { name: "" }, org.id), 400, "blank", { attr: "name" });
    await expectAppError(call(createServiceAccount, sessionOf(admin), { name: "X", permissions: ["org.directory.delete"] }, org.id), 400, "invalid_input", {
      attr: "permissions",
      detail: "You cannot grant 'org.directory.delete': your own role does not hold it.",
    });
    const powerful = await call(createServiceAccount, sessionOf(owner), { name: "Owner's", permissions: ["org.directory.delete", "org.directory.get"] }, org.id);
    // An administrator may still narrow or disable an account holding more than they do, but not add to it.
    const narrowed = await call(updateServiceAccount, sessionOf(admin), { id: powerful.id, permissions: ["org.directory.delete"] }, org.id);
    assert.deepEqual(narrowed.permissions, ["org.directory.delete"]);
    await expectAppError(call(updateServiceAccount, sessionOf(admin), { id: powerful.id, permissions: ["org.directory.delete", "org.directory.create"] }, org.id), 400, "invalid_input", { attr: "permissions" });
    await expectAppError(call(updateServiceAccount, sessionOf(owner), { id: powerful.id, permissions: ["nope"] }, org.id), 400, "invalid_input", { attr: "permissions" });
  });

  test("members are refused (403); another organization's accounts are not found (404); keys need organization:read/write", async () => {
    const { org, owner, members: [member] } = await makeOrganization([1]);
    const other = await makeOrganization();
    const theirs = await call(createServiceAccount, sessionOf(other.owner), { name: "Theirs" }, other.org.id);
    await expectAppError(call(listServiceAccounts, sessionOf(member), {}, org.id), 403, "permission_denied");
    await expectAppError(call(createServiceAccount, sessionOf(member), { name: "X" }, org.id), 403, "permission_denied");
    await expectAppError(call(listServiceAccounts, sessionOf(owner), {}, other.org.id), 403, "permission_denied");
    for (const op of [updateServiceAccount, rotateServiceAccountSecret, deleteServiceAccount]) {
      await expectAppError(call(op, sessionOf(owner), { id: theirs.id, name: "Mine now" }, org.id), 404, "not_found");
    }
    await expectAppError(call(deleteServiceAccount, sessionOf(owner), { id: "not-a-uuid" }, org.id), 404, "not_found");
    assert.equal((await call(listServiceAccounts, sessionOf(owner), {}, org.id)).count, 0);
    assert.equal((await call(listServiceAccounts, apiKeyOf(owner, ["organization:read"]), {}, org.id)).count, 0);
    await expectAppError(call(createServiceAccount, apiKeyOf(owner, ["organization:read"]), { name: "X" }, org.id), 403, "permission_denied", { detail: "API key missing required scope 'organization:write'" });
  });

  test("the operator creates one from the CLI with any directory permission, recorded as the system", async () => {
    const { org } = await makeOrganization();
    const made = await createServiceAccountForOperator(await getDb(), org.id, { name: "CLI bot", permissions: ["org.directory.create", "org.directory.delete"] });
    assert.deepEqual(Object.keys(made).sort(), ["client_id", "client_secret", "id", "permissions"]);
    assert.deepEqual(made.permissions, ["org.directory.create", "org.directory.delete"]);
    const [entry] = await entries(org.id, made.id);
    assert.equal(entry.isSystem, true);
    assert.equal(entry.userId, null);
    await expectAppError(createServiceAccountForOperator(await getDb(), "0b5d8a52-4c1e-4b7e-9a65-0c5b1f3c2d11", { name: "X", permissions: [] }), 404, "not_found");
    await expectAppError(createServiceAccountForOperator(await getDb(), org.id, { name: "X", permissions: ["bogus"] }), 400, "invalid_input", { attr: "permissions" });
  });

  test("no /api operation accepts a service account: organization operations and the caller's own are refused with 403", async () => {
    const { org } = await makeOrganization();
    const caller: Principal = { kind: "service_account", user: null, organizationId: org.id, serviceAccount: { id: "x", name: "Bot", clientId: "odsa_client_x", permissions: ["org.directory.get"] } };
    await expectAppError(call(getOrganization, caller, {}, org.id), 403, "permission_denied");
    await expectAppError(call(listMembers, caller, {}, org.id), 403, "permission_denied");
    await expectAppError(call(listServiceAccounts, caller, {}, org.id), 403, "permission_denied");
    await expectAppError(call(getMe, caller, { user_id: "@me" }), 403, "permission_denied");
  });
});
