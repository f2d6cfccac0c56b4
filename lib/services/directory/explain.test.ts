import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { ADMIN, MEMBER } from "../../auth/permissions";
import { call, expectAppError, makeOrganization, membershipId, sessionOf } from "../../testing/fixtures";
import { createServiceAccount } from "../service-accounts";
import { explainDirectoryPermissions } from "./explain";
import { assignDirectoryRole } from "./roles-assignments";
import { createCustomDirectoryRole } from "./roles";

describe("why can they do this", () => {
  test("an administrator sees a member's directory permissions with their sources, custom roles included", async () => {
    const { org, members: [admin, member] } = await makeOrganization([ADMIN, MEMBER]);
    const role = await call(createCustomDirectoryRole, sessionOf(admin), { name: "Recruiters", permissions: ["org.directory.members.create"] }, org.id);
    const id = await membershipId(org.id, member);
    await call(assignDirectoryRole, sessionOf(admin), { id: role.id, membership_id: id }, org.id);
    const { active, grants } = await call(explainDirectoryPermissions, sessionOf(admin), { membership_id: id }, org.id);
    assert.equal(active, true);
    const create = grants.find((g) => g.permission === "org.directory.members.create");
    assert.deepEqual(create?.sources, [{ kind: "custom_role", role_id: role.id, role: "Recruiters" }]);
    assert.deepEqual(grants.find((g) => g.permission === "org.directory.get")?.sources, [{ kind: "role", role: "member" }]);
    assert.ok(!grants.some((g) => g.permission === "org.directory.update"), "a member's role does not grant updates");
  });

  test("a service account's grants are its own; members may not ask; another organization's holder is unknown", async () => {
    const { org, members: [admin, member] } = await makeOrganization([ADMIN, MEMBER]);
    const account = await call(createServiceAccount, sessionOf(admin), { name: "Sync", permissions: ["org.directory.get"] }, org.id);
    const explained = await call(explainDirectoryPermissions, sessionOf(admin), { service_account_id: account.id }, org.id);
    assert.deepEqual(explained.grants.map((g) => g.permission), ["org.directory.get"]);
    assert.equal(explained.grants[0].sources[0].kind, "service_account");
    await expectAppError(call(explainDirectoryPermissions, sessionOf(member), { service_account_id: account.id }, org.id), 403, "permission_denied");
    const other = await makeOrganization();
    await expectAppError(call(explainDirectoryPermissions, sessionOf(other.owner), { service_account_id: account.id }, other.org.id), 400, "does_not_exist");
    await expectAppError(call(explainDirectoryPermissions, sessionOf(admin), {}, org.id), 400, "invalid_input");
  });
});
