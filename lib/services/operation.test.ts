import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "../../db/client";
import { users } from "../../db/schema";
import { ADMIN, MEMBER } from "../auth/permissions";
import { USER_CALLERS } from "../auth/principal";
import { env } from "../env";
import { LEVEL_INSUFFICIENT } from "../errors";
import { apiKeyOf, call, expectAppError, makeOrganization, makeUser, sessionOf } from "../testing/fixtures";
import { addMember } from "./admin";
import { operation } from "./operation";
import { getOrganization, updateOrganization } from "./organizations";

const NOT_AUTHENTICATED = "Authentication credentials were not provided.";
const NO_KEYS = "This action does not support personal API key access";

/** A custom action that declares no scope: API keys are refused. */
const sessionOnly = operation({ permission: "invitation:accept", callers: USER_CALLERS, input: z.object({}), run: async () => "ran" });

/** A TimeSensitive write: a session that signed in too long ago must sign in again. */
const sensitive = operation({
  permission: "organization_member:write",
  callers: USER_CALLERS,
  sensitive: true,
  input: z.object({}),
  run: async () => "ran",
});

const adminWrite = operation({
  permission: "organization:write",
  callers: USER_CALLERS,
  input: z.object({ name: z.string().max(3) }),
  run: async () => "ran",
});

describe("pipeline: authentication and API-key scope", () => {
  test("no principal is 401 not_authenticated, for user and organization operations", async () => {
    const { org } = await makeOrganization();
    await expectAppError(call(sessionOnly, null), 401, "not_authenticated", { detail: NOT_AUTHENTICATED, attr: null });
    await expectAppError(call(getOrganization, null, {}, org.id), 401, "not_authenticated");
  });

  test("a CLI principal without a user is 401", async () => {
    await expectAppError(call(sessionOnly, { kind: "cli", user: null }), 401, "not_authenticated");
  });

  test("a key without the operation's scope is 403 naming the scope; write implies read", async () => {
    const { org, owner } = await makeOrganization();
    await expectAppError(call(getOrganization, apiKeyOf(owner, ["user:read"]), {}, org.id), 403, "permission_denied", {
      detail: "API key missing required scope 'organization:read'",
    });
    const got = await call(getOrganization, apiKeyOf(owner, ["organization:write"]), {}, org.id);
    assert.equal(got.id, org.id);
  });

  test("an operation declaring no scope refuses every key, even *; sessions pass", async () => {
    const user = await makeUser();
    await expectAppError(call(sessionOnly, apiKeyOf(user, ["*"])), 403, "permission_denied", { detail: NO_KEYS });
    assert.equal(await call(sessionOnly, sessionOf(user)), "ran");
    assert.equal(await call(sessionOnly, { kind: "cli", user }), "ran");
  });

  test("the scope check comes before organization lookup and membership", async () => {
    const { org } = await makeOrganization();
    const stranger = await makeUser("stranger");
    const missing = "API key missing required scope 'organization:read'";
    await expectAppError(call(getOrganization, apiKeyOf(stranger, ["user:read"]), {}, org.id), 403, "permission_denied", { detail: missing });
    await expectAppError(call(getOrganization, apiKeyOf(stranger, ["user:read"]), {}, "nope"), 403, "permission_denied", { detail: missing });
    await expectAppError(call(getOrganization, apiKeyOf(stranger, ["*"]), {}, org.id), 403, "permission_denied", {
      detail: "You do not have permission to perform this action.",
    });
  });
});

describe("pipeline: the organization", () => {
  test("a malformed id or an unknown organization is 404 Organization not found.", async () => {
    const user = await makeUser();
    for (const id of ["not-a-uuid", randomUUID(), "", "@me"]) {
      await expectAppError(call(getOrganization, sessionOf(user), {}, id), 404, "not_found", { detail: "Organization not found.", attr: null });
    }
  });

  test("@current for a user in no organization is 404", async () => {
    const user = await makeUser();
    await expectAppError(call(getOrganization, sessionOf(user), {}, "@current"), 404, "not_found", { detail: "Organization not found." });
  });

  test("@current falls back to the first-joined organization when unset or stale", async () => {
    const first = await makeOrganization();
    const second = await makeOrganization();
    const user = await makeUser("both");
    const db = await getDb();
    await addMember(db, { organization_id: first.org.id, email: user.email, level: MEMBER });
    await addMember(db, { organization_id: second.org.id, email: user.email, level: MEMBER });
    const current = async () => {
      const [fresh] = await db.select().from(users).where(eq(users.id, user.id));
      return (await call(getOrganization, sessionOf(fresh), {}, "@current")).id;
    };
    assert.equal(await current(), first.org.id, "unset");
    await db.update(users).set({ currentOrganizationId: second.org.id }).where(eq(users.id, user.id));
    assert.equal(await current(), second.org.id, "set");
    await db.update(users).set({ currentOrganizationId: randomUUID() }).where(eq(users.id, user.id));
    assert.equal(await current(), first.org.id, "stale: not an organization");
    const third = await makeOrganization();
    await db.update(users).set({ currentOrganizationId: third.org.id }).where(eq(users.id, user.id));
    assert.equal(await current(), first.org.id, "stale: not a membership");
  });

  test("a real organization the caller does not belong to is 403", async () => {
    const { org } = await makeOrganization();
    const stranger = await makeUser("stranger");
    await expectAppError(call(getOrganization, sessionOf(stranger), {}, org.id), 403, "permission_denied", {
      detail: "You do not have permission to perform this action.",
      attr: null,
    });
  });

  test("an upper-case UUID names the same organization", async () => {
    const { org, owner } = await makeOrganization();
    assert.equal((await call(getOrganization, sessionOf(owner), {}, org.id.toUpperCase())).id, org.id);
  });

  test("a key scoped to other organizations is refused here, before membership", async () => {
    const a = await makeOrganization();
    const b = await makeOrganization();
    const detail = `API key does not have access to the requested organization: ID ${b.org.id}.`;
    await expectAppError(call(getOrganization, apiKeyOf(a.owner, ["*"], [a.org.id]), {}, b.org.id), 403, "permission_denied", { detail });
    assert.equal((await call(getOrganization, apiKeyOf(a.owner, ["*"], [a.org.id]), {}, a.org.id)).id, a.org.id);
    await addOwnerOf(a.owner.email, b.org.id);
    await expectAppError(call(getOrganization, apiKeyOf(a.owner, ["*"], [a.org.id]), {}, b.org.id), 403, "permission_denied", { detail });
    assert.equal((await call(getOrganization, apiKeyOf(a.owner, ["*"], []), {}, b.org.id)).id, b.org.id);
  });

  test("members_can_use_personal_api_keys false refuses a member's key, not an admin's or a session", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER, ADMIN]);
    const [member, admin] = members;
    await call(updateOrganization, sessionOf(owner), { members_can_use_personal_api_keys: false }, org.id);
    await expectAppError(call(getOrganization, apiKeyOf(member, ["*"]), {}, org.id), 403, "permission_denied", {
      detail: `Organization '${org.name}' does not allow using personal API keys. Contact an admin to enable personal API keys for this organization.`,
    });
    assert.equal((await call(getOrganization, apiKeyOf(admin, ["*"]), {}, org.id)).id, org.id);
    assert.equal((await call(getOrganization, apiKeyOf(owner, ["*"]), {}, org.id)).id, org.id);
    assert.equal((await call(getOrganization, sessionOf(member), {}, org.id)).id, org.id);
  });
});

async function addOwnerOf(email: string, organizationId: string) {
  await addMember(await getDb(), { organization_id: organizationId, email, level: 15 });
}

describe("pipeline: two-factor, level, TimeSensitive, input", () => {
  const TWO_FACTOR = "This organization requires two-factor authentication. Sign in again with a second factor.";

  test("enforce_2fa refuses sessions without a second factor, after membership and before the level", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER]);
    await call(updateOrganization, sessionOf(owner, { mfa: true }), { enforce_2fa: true }, org.id);
    await expectAppError(call(getOrganization, sessionOf(owner), {}, org.id), 403, "two_factor_required", { detail: TWO_FACTOR, attr: null });
    await expectAppError(call(getOrganization, sessionOf(owner), {}, "@current"), 403, "two_factor_required");
    await expectAppError(call(adminWrite, sessionOf(members[0]), { name: "x" }, org.id), 403, "two_factor_required");
    const stranger = await makeUser("stranger");
    await expectAppError(call(getOrganization, sessionOf(stranger), {}, org.id), 403, "permission_denied");
    assert.equal((await call(getOrganization, sessionOf(owner, { mfa: true }), {}, org.id)).id, org.id);
    assert.equal((await call(getOrganization, apiKeyOf(members[0], ["*"]), {}, org.id)).id, org.id, "keys are not affected");
  });

  test("below the operation's level is 403 with the level message", async () => {
    const { org, members } = await makeOrganization([MEMBER]);
    await expectAppError(call(updateOrganization, sessionOf(members[0]), { name: "New" }, org.id), 403, "permission_denied", {
      detail: LEVEL_INSUFFICIENT,
    });
    await expectAppError(call(updateOrganization, apiKeyOf(members[0], ["*"]), { name: "New" }, org.id), 403, "permission_denied", {
      detail: LEVEL_INSUFFICIENT,
    });
  });

  test("input is validated only after every permission check", async () => {
    const { org, owner, members } = await makeOrganization([MEMBER]);
    await expectAppError(call(adminWrite, sessionOf(members[0]), { name: "toolong" }, org.id), 403, "permission_denied");
    await expectAppError(call(adminWrite, sessionOf(owner), { name: "toolong" }, org.id), 400, "max_length", { attr: "name" });
  });

  test("TimeSensitive refuses a session older than SESSION_SENSITIVE_ACTIONS_AGE, never a key", async () => {
    const { org, owner } = await makeOrganization();
    const age = env().SESSION_SENSITIVE_ACTIONS_AGE * 1000;
    const old = new Date(Date.now() - age - 60_000);
    const recent = new Date(Date.now() - age + 60_000);
    await expectAppError(call(sensitive, sessionOf(owner, { signedInAt: old }), {}, org.id), 403, "sensitive_action_required_reauth", {
      detail: "This action requires you to be recently authenticated.",
      attr: null,
    });
    assert.equal(await call(sensitive, sessionOf(owner, { signedInAt: recent }), {}, org.id), "ran");
    assert.equal(await call(sensitive, apiKeyOf(owner, ["organization_member:write"]), {}, org.id), "ran");
    assert.equal(await call(getOrganization, sessionOf(owner, { signedInAt: old }), {}, org.id).then((o) => o.id), org.id);
  });

  test("TimeSensitive comes after the level check", async () => {
    const { org, members } = await makeOrganization([MEMBER]);
    const oldSensitiveAdmin = operation({ ...sensitive, permission: "organization:write" });
    const old = new Date(Date.now() - env().SESSION_SENSITIVE_ACTIONS_AGE * 1000 - 60_000);
    await expectAppError(call(oldSensitiveAdmin, sessionOf(members[0], { signedInAt: old }), {}, org.id), 403, "permission_denied", {
      detail: LEVEL_INSUFFICIENT,
    });
  });
});
