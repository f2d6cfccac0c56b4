import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { accounts, organizationMemberships, personalApiKeys, projectMemberships, users } from "../../db/schema";
import type { AuthUser } from "../auth/principal";
import { AppError } from "../errors";
import { apiKeyOf, call, expectAppError, makeApiKey, makeOrganization, makeProject, sessionOf } from "../testing/fixtures";
import { assertOwnerRemains } from "./member-rows";
import { getMemberGithubLogin, getMemberScopedApiKeys, removeMember } from "./members";
import { iso } from "./serialize";

async function isMember(orgId: string, user: AuthUser) {
  const rows = await (await getDb())
    .select()
    .from(organizationMemberships)
    .where(and(eq(organizationMemberships.organizationId, orgId), eq(organizationMemberships.userId, user.id)));
  return rows.length === 1;
}

const remove = (as: AuthUser, orgId: string, target: AuthUser | "@me") =>
  call(removeMember, sessionOf(as), { user__uuid: target === "@me" ? "@me" : target.uuid }, orgId);

describe("removeMember", () => {
  test("a member or an admin leaves (by @me or their uuid): 204 and the membership is gone", async () => {
    const { org, members } = await makeOrganization([1, 8]);
    const [member, admin] = members;
    assert.equal(await remove(member, org.id, "@me"), null);
    assert.equal(await remove(admin, org.id, admin), null);
    assert.equal(await isMember(org.id, member), false);
    assert.equal(await isMember(org.id, admin), false);
  });

  test("an owner cannot leave: 400 with the exact body, even when another owner exists", async () => {
    const { org, owner, members } = await makeOrganization([15]);
    for (const as of [owner, members[0]]) {
      await expectAppError(remove(as, org.id, "@me"), 400, "invalid_input", { detail: "Cannot leave the organization as its owner!", attr: null });
      assert.equal(await isMember(org.id, as), true);
    }
  });

  test("removing someone else needs an admin, and a target whose level is lower or equal", async () => {
    const { org, owner, members } = await makeOrganization([1, 1, 8]);
    const [member, member2, admin] = members;
    await expectAppError(remove(member, org.id, member2), 403, "permission_denied", { detail: "You can only edit others if you are an admin.", attr: null });
    await expectAppError(remove(member, org.id, owner), 403, "permission_denied", { detail: "You can only edit others if you are an admin." });
    await expectAppError(remove(admin, org.id, owner), 403, "permission_denied", {
      detail: "You can only edit others with level lower or equal to you.",
      attr: null,
    });
    assert.equal(await isMember(org.id, member2), true);
    assert.equal(await isMember(org.id, owner), true);
  });

  test("an admin removes a member or another admin; an owner removes another owner", async () => {
    const { org, owner, members } = await makeOrganization([1, 8, 8, 15]);
    const [member, admin, admin2, owner2] = members;
    await remove(admin, org.id, member);
    await remove(admin, org.id, admin2);
    await remove(owner, org.id, owner2);
    for (const gone of [member, admin2, owner2]) assert.equal(await isMember(org.id, gone), false);
    assert.equal(await isMember(org.id, owner), true);
  });

  test("the removed user loses this organization's project memberships and it stops being their current one", async () => {
    const db = await getDb();
    const { org, owner, members } = await makeOrganization([1]);
    const other = await makeOrganization();
    const [member] = members;
    const here = await makeProject(org.id);
    const elsewhere = await makeProject(other.org.id);
    await db.insert(projectMemberships).values([
      { projectId: here.id, userId: member.id, level: 1 },
      { projectId: elsewhere.id, userId: member.id, level: 1 },
    ]);
    await db.update(users).set({ currentOrganizationId: org.id }).where(eq(users.id, member.id));
    await remove(owner, org.id, member);
    const left = await db.select().from(projectMemberships).where(eq(projectMemberships.userId, member.id));
    assert.deepEqual(left.map((p) => p.projectId), [elsewhere.id]);
    const [row] = await db.select().from(users).where(eq(users.id, member.id));
    assert.equal(row.currentOrganizationId, null);
  });

  test("a non-member target, an unknown and a malformed uuid are 404; a stale session is refused; keys are not", async () => {
    const { org, owner, members } = await makeOrganization([1, 1]);
    const stranger = (await makeOrganization()).owner;
    for (const user__uuid of [stranger.uuid, "00000000-0000-4000-8000-000000000000", "nope"]) {
      await expectAppError(call(removeMember, sessionOf(owner), { user__uuid }, org.id), 404, "not_found", { detail: "Not found." });
    }
    const stale = sessionOf(owner, { signedInAt: new Date(Date.now() - 8000 * 1000) });
    await expectAppError(call(removeMember, stale, { user__uuid: members[0].uuid }, org.id), 403, "sensitive_action_required_reauth", {
      detail: "This action requires you to be recently authenticated.",
    });
    assert.equal(await isMember(org.id, members[0]), true);
    await call(removeMember, apiKeyOf(owner, ["organization_member:write"]), { user__uuid: members[1].uuid }, org.id);
    assert.equal(await isMember(org.id, members[1]), false);
  });
});

describe("last owner protection: an organization never has zero owners", () => {
  test("a change that leaves no owner is 400 last_owner and is rolled back", async () => {
    const db = await getDb();
    const { org, owner } = await makeOrganization([1]);
    await assert.rejects(
      db.transaction(async (tx) => {
        await tx.update(organizationMemberships).set({ level: 8 }).where(eq(organizationMemberships.organizationId, org.id));
        await assertOwnerRemains(tx, org.id);
      }),
      (err: unknown) => {
        assert.ok(err instanceof AppError);
        assert.equal(err.status, 400);
        assert.deepEqual(err.body, { type: "validation_error", code: "last_owner", detail: "An organization must keep at least one owner.", attr: null });
        return true;
      },
    );
    assert.equal(await isMember(org.id, owner), true);
    const [row] = await db.select().from(organizationMemberships).where(eq(organizationMemberships.userId, owner.id));
    assert.equal(row.level, 15);
  });
});

describe("github_login", () => {
  test("null without a linked GitHub account, the login with one; other providers do not count", async () => {
    const db = await getDb();
    const { org, owner, members } = await makeOrganization([1]);
    const [member] = members;
    const id = randomBytes(6).toString("hex");
    assert.deepEqual(await call(getMemberGithubLogin, sessionOf(member), { user__uuid: owner.uuid }, org.id), { github_login: null });
    await db.insert(accounts).values({ userId: owner.id, type: "oidc", provider: "gitlab", providerAccountId: `gl-${id}`, login: "not-github" });
    assert.deepEqual(await call(getMemberGithubLogin, sessionOf(member), { user__uuid: owner.uuid }, org.id), { github_login: null });
    await db.insert(accounts).values({ userId: owner.id, type: "oauth", provider: "github", providerAccountId: `gh-${id}`, login: "octo-owner" });
    assert.deepEqual(await call(getMemberGithubLogin, apiKeyOf(member, ["organization_member:read"]), { user__uuid: owner.uuid }, org.id), {
      github_login: "octo-owner",
    });
    assert.deepEqual(await call(getMemberGithubLogin, sessionOf(owner), { user__uuid: "@me" }, org.id), { github_login: "octo-owner" });
  });

  test("a user who is not a member of this organization is 404", async () => {
    const { org, owner } = await makeOrganization();
    const stranger = (await makeOrganization()).owner;
    await expectAppError(call(getMemberGithubLogin, sessionOf(owner), { user__uuid: stranger.uuid }, org.id), 404, "not_found");
  });
});

describe("scoped_api_keys", () => {
  test("API keys are refused: the action declares no scope", async () => {
    const { org, owner } = await makeOrganization();
    await expectAppError(call(getMemberScopedApiKeys, apiKeyOf(owner, ["*"]), { user__uuid: owner.uuid }, org.id), 403, "permission_denied", {
      detail: "This action does not support personal API key access",
      attr: null,
    });
  });

  test("lists the target's keys that reach this organization: unscoped or scoped to it, not those only for others", async () => {
    const db = await getDb();
    const { org, owner, members } = await makeOrganization([1]);
    const [member] = members;
    const other = await makeOrganization([]);
    const none = await call(getMemberScopedApiKeys, sessionOf(owner), { user__uuid: member.uuid }, org.id);
    assert.deepEqual(none, { has_keys: false, has_keys_active_last_week: false, keys: [] });

    await db.insert(organizationMemberships).values({ organizationId: other.org.id, userId: member.id, level: 1 });
    const label = async (name: string, scoped: string[]) => {
      const key = await makeApiKey(member, ["*"], scoped);
      await db.update(personalApiKeys).set({ label: name }).where(eq(personalApiKeys.id, key.id));
      return key;
    };
    await label("unscoped", []);
    await label("this org", [org.id]);
    await label("both orgs", [other.org.id, org.id]);
    await label("other org", [other.org.id]);
    const result = await call(getMemberScopedApiKeys, sessionOf(owner), { user__uuid: member.uuid }, org.id);
    assert.equal(result.has_keys, true);
    assert.equal(result.has_keys_active_last_week, false);
    assert.deepEqual(result.keys.map((k) => k.name).sort(), ["both orgs", "this org", "unscoped"]);
    assert.ok(result.keys.every((k) => k.last_used_at === null));
  });

  test("has_keys_active_last_week: a key used within 7 days, not one used 8 days ago", async () => {
    const db = await getDb();
    const { org, owner } = await makeOrganization([]);
    const key = await makeApiKey(owner);
    const eightDaysAgo = new Date(Date.now() - 8 * 86_400_000);
    await db.update(personalApiKeys).set({ lastUsedAt: eightDaysAgo }).where(eq(personalApiKeys.id, key.id));
    const stale = await call(getMemberScopedApiKeys, sessionOf(owner), { user__uuid: "@me" }, org.id);
    assert.equal(stale.has_keys_active_last_week, false);
    assert.deepEqual(stale.keys, [{ name: "test key", last_used_at: iso(eightDaysAgo) }]);
    await db.update(personalApiKeys).set({ lastUsedAt: new Date(Date.now() - 6 * 86_400_000) }).where(eq(personalApiKeys.id, key.id));
    assert.equal((await call(getMemberScopedApiKeys, sessionOf(owner), { user__uuid: "@me" }, org.id)).has_keys_active_last_week, true);
  });

  test("a user who is not a member is 404, and a non-member caller is 403", async () => {
    const { org, owner } = await makeOrganization();
    const stranger = (await makeOrganization()).owner;
    await expectAppError(call(getMemberScopedApiKeys, sessionOf(owner), { user__uuid: stranger.uuid }, org.id), 404, "not_found");
    await expectAppError(call(getMemberScopedApiKeys, sessionOf(stranger), { user__uuid: owner.uuid }, org.id), 403, "permission_denied");
  });
});
