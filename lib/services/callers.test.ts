import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "../../db/client";
import { activityLog } from "../../db/schema";
import { MEMBER } from "../auth/permissions";
import { ANONYMOUS, USER_CALLERS, type Principal } from "../auth/principal";
import { apiKeyOf, call, expectAppError, makeOrganization, sessionOf } from "../testing/fixtures";
import { recordActivity } from "./activity";
import { listMembers } from "./members";
import { operation } from "./operation";
import { getOrganization } from "./organizations";

const scimOf = (organizationId: string): Principal => ({
  kind: "scim",
  user: null,
  organizationId,
  target: { kind: "domain", id: randomUUID() },
  label: "SCIM (example.com)",
});

/** Provisioning-shaped operations: what a SCIM client may run in its organization, and one it may not. */
const scimReadMembers = operation({
  permission: "organization_member:read",
  callers: [...USER_CALLERS, "scim"],
  input: z.object({}),
  run: async (ctx) => ({ organization: ctx.organization.id, user: ctx.user?.id ?? null, membership: ctx.membership }),
});
const scimDeleteOrganization = operation({
  permission: "organization:delete",
  callers: ["scim"],
  input: z.object({}),
  run: async () => "deleted",
});

/** What a SAML post or a signing page runs: no caller at all. */
const anonymousPing = operation({
  permission: "invitation:accept",
  callers: ["anonymous"],
  input: z.object({ echo: z.string() }),
  run: async (ctx, input) => ({ kind: ctx.principal.kind, user: ctx.user, echo: input.echo }),
});

describe("callers: SCIM", () => {
  test("a SCIM principal runs an operation that declares it, in the organization it is bound to, with no user", async () => {
    const { org } = await makeOrganization();
    const got = await call(scimReadMembers, scimOf(org.id), {}, org.id);
    assert.deepEqual(got, { organization: org.id, user: null, membership: null });
    assert.deepEqual(await call(scimReadMembers, scimOf(org.id)), got, "no path: its own organization");
  });

  test("another organization through a SCIM principal's URL is 404; an operation that does not declare SCIM is 403", async () => {
    const { org } = await makeOrganization();
    const other = await makeOrganization();
    await expectAppError(call(scimReadMembers, scimOf(org.id), {}, other.org.id), 404, "not_found", { detail: "Organization not found." });
    await expectAppError(call(listMembers, scimOf(org.id), {}, org.id), 403, "permission_denied");
    await expectAppError(call(getOrganization, scimOf(org.id), {}, org.id), 403, "permission_denied");
  });

  test("declaring SCIM is not enough: the permission must be one a SCIM client is granted", async () => {
    const { org } = await makeOrganization();
    await expectAppError(call(scimDeleteOrganization, scimOf(org.id), {}, org.id), 403, "permission_denied");
  });

  test("users still pass an operation that also declares SCIM, through the whole user pipeline", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER]);
    const got = await call(scimReadMembers, sessionOf(members[0]), {}, org.id);
    assert.equal(got.user, members[0].id);
    const stranger = (await makeOrganization()).owner;
    await expectAppError(call(scimReadMembers, sessionOf(stranger), {}, org.id), 403, "permission_denied");
    await expectAppError(call(scimReadMembers, apiKeyOf(owner, ["organization:read"]), {}, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'organization_member:read'",
    });
  });
});

describe("callers: anonymous", () => {
  test("an operation that declares anonymous runs without credentials, and validates its input", async () => {
    assert.deepEqual(await call(anonymousPing, null, { echo: "hi" }), { kind: "anonymous", user: null, echo: "hi" });
    await expectAppError(call(anonymousPing, null, {}), 400, "required", { attr: "echo" });
  });

  test("an operation that does not declare anonymous is 401 without credentials, even if handed the anonymous caller", async () => {
    const { org } = await makeOrganization();
    await expectAppError(call(getOrganization, null, {}, org.id), 401, "not_authenticated");
    await expectAppError(call(getOrganization, ANONYMOUS, {}, org.id), 401, "not_authenticated");
    await expectAppError(call(scimReadMembers, ANONYMOUS, {}, org.id), 401, "not_authenticated");
  });

  test("a signed-in caller of an anonymous-only operation is refused: declared kinds only", async () => {
    const { owner } = await makeOrganization();
    await expectAppError(call(anonymousPing, sessionOf(owner), { echo: "x" }), 403, "permission_denied");
    await expectAppError(call(anonymousPing, apiKeyOf(owner, ["*"]), { echo: "x" }), 403, "permission_denied", {
      detail: "This action does not support personal API key access",
    });
  });
});

describe("callers: the audit trail", () => {
  test("entries of callers without a user are system entries naming the actor and how it came in", async () => {
    const { org } = await makeOrganization();
    const db = await getDb();
    await recordActivity(db, scimOf(org.id), { organizationId: org.id, scope: "OrganizationMembership", itemId: "x", activity: "created", name: "a@example.test" });
    await recordActivity(db, ANONYMOUS, { organizationId: org.id, scope: "OrganizationMembership", itemId: "y", activity: "updated", name: "b@example.test" });
    const rows = await db.select().from(activityLog).where(eq(activityLog.organizationId, org.id)).orderBy(desc(activityLog.createdAt));
    const byItem = Object.fromEntries(rows.map((r) => [r.itemId, r]));
    assert.deepEqual([byItem.x.userId, byItem.x.isSystem, byItem.x.detail], [null, true, { name: "a@example.test", changes: [], actor: "SCIM (example.com)", via: { kind: "scim" } }]);
    assert.deepEqual([byItem.y.userId, byItem.y.isSystem, byItem.y.detail], [null, true, { name: "b@example.test", changes: [], actor: "anonymous", via: { kind: "system" } }]);
  });
});
