import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { z } from "zod";
import { getDb } from "../../../db/client";
import { directoryRoleAssignments, directoryRoles } from "../../../db/schema";
import { ADMIN, MEMBER } from "../../auth/permissions";
import type { Principal } from "../../auth/principal";
import { apiKeyOf, call, expectAppError, makeOrganization, makeUser, membershipId, sessionOf } from "../../testing/fixtures";
import { operation } from "../operation";

const ALL_CALLERS = ["session", "api_key", "cli", "service_account"] as const;

/** Directory-shaped operations: one inside an organization that needs a permission only admins hold, one outside any. */
const addMember = operation({
  permission: "directory:write",
  directory: "org.directory.members.create",
  callers: ALL_CALLERS,
  input: z.object({}),
  run: async (ctx) => ({ organization: ctx.organization.id }),
});
const createOrganization = operation({
  permission: "directory:create",
  directory: "org.directory.create",
  callers: ALL_CALLERS,
  input: z.object({}),
  run: async (ctx) => ({ kind: ctx.principal.kind }),
});

const accountOf = (organizationId: string, permissions: string[]): Principal => ({
  kind: "service_account",
  user: null,
  organizationId,
  serviceAccount: { id: "00000000-0000-4000-8000-000000000001", name: "sync", clientId: "c", permissions },
});

const MISSING = { detail: "Missing permission 'org.directory.members.create'." };

describe("directory permissions in the operation pipeline", () => {
  test("users hold what their built-in role grants: an administrator may, a member is told which permission is missing", async () => {
    const { org, members } = await makeOrganization([ADMIN, MEMBER]);
    const [admin, member] = members;
    assert.deepEqual(await call(addMember, sessionOf(admin), {}, org.id), { organization: org.id });
    await expectAppError(call(addMember, sessionOf(member), {}, org.id), 403, "permission_denied", MISSING);
  });

  test("a custom role assigned to a member adds its permissions; the level table of /api is not consulted", async () => {
    const { org, members } = await makeOrganization([MEMBER]);
    const [member] = members;
    const db = await getDb();
    const [role] = await db.insert(directoryRoles).values({ organizationId: org.id, name: "Recruiter", permissions: ["org.directory.members.create"] }).returning();
    await expectAppError(call(addMember, sessionOf(member), {}, org.id), 403, "permission_denied", MISSING);
    await db.insert(directoryRoleAssignments).values({ roleId: role.id, membershipId: await membershipId(org.id, member) });
    assert.deepEqual(await call(addMember, sessionOf(member), {}, org.id), { organization: org.id });
  });

  test("a non-member is refused with the missing permission; a personal API key needs the directory scope", async () => {
    const { org, members } = await makeOrganization([ADMIN]);
    const stranger = await makeUser("stranger");
    await expectAppError(call(addMember, sessionOf(stranger), {}, org.id), 403, "permission_denied", MISSING);
    await expectAppError(call(addMember, apiKeyOf(members[0], ["directory:read"]), {}, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'directory:write'",
    });
    assert.deepEqual(await call(addMember, apiKeyOf(members[0], ["directory:write"]), {}, org.id), { organization: org.id });
  });

  test("a service account acts by its grants, in its own organization only", async () => {
    const { org } = await makeOrganization();
    const other = await makeOrganization();
    assert.deepEqual(await call(addMember, accountOf(org.id, ["org.directory.members.create"]), {}, org.id), { organization: org.id });
    await expectAppError(call(addMember, accountOf(org.id, ["org.directory.get"]), {}, org.id), 403, "permission_denied", MISSING);
    await expectAppError(call(addMember, accountOf(org.id, ["org.directory.members.create"]), {}, other.org.id), 404, "not_found");
  });

  test("outside an organization any signed-in person may; a service account only with the permission", async () => {
    const user = await makeUser("creator");
    const { org } = await makeOrganization();
    assert.deepEqual(await call(createOrganization, sessionOf(user)), { kind: "session" });
    assert.deepEqual(await call(createOrganization, accountOf(org.id, ["org.directory.create"])), { kind: "service_account" });
    await expectAppError(call(createOrganization, accountOf(org.id, [])), 403, "permission_denied", { detail: "Missing permission 'org.directory.create'." });
    await expectAppError(call(createOrganization, null), 401, "not_authenticated");
  });
});
