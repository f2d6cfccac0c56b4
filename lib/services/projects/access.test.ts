import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { projects, users } from "../../../db/schema";
import { effectiveProjectLevel, userAccessLevel } from "../../auth/project-rules";
import { call, expectAppError, makeOrganization, sessionOf } from "../../testing/fixtures";
import { createProject, getProject, listProjectMembers, listProjects, removeProjectMember, setProjectMember } from "./index";

describe("project access", () => {
  test("effective levels: org admins keep theirs; private projects use the project level; public ones the org level", () => {
    assert.equal(effectiveProjectLevel(15, true, null), 15);
    assert.equal(effectiveProjectLevel(8, true, 1), 8);
    assert.equal(effectiveProjectLevel(1, true, 8), 8);
    assert.equal(effectiveProjectLevel(1, true, null), null);
    assert.equal(effectiveProjectLevel(1, false, null), 1);
    assert.equal(effectiveProjectLevel(null, false, null), null);
    assert.deepEqual([null, 1, 8, 15].map((l) => userAccessLevel(l as never)), ["none", "member", "admin", "admin"]);
  });

  test("private projects are hidden from members without access; search and pages", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    const [member] = members;
    const open = await call(createProject, sessionOf(owner), { name: "Open Alpha" }, org.id);
    const secret = await call(createProject, sessionOf(owner), { name: "Secret alpha", access_control: true }, org.id);
    await call(createProject, sessionOf(owner), { name: "Beta 50%_" }, org.id);
    const mine = await call(listProjects, sessionOf(member), {}, org.id);
    assert.deepEqual(mine.results.map((p) => p.name), ["Open Alpha", "Beta 50%_"]);
    const all = await call(listProjects, sessionOf(owner), { search: "ALPHA" }, org.id);
    assert.deepEqual(all.results.map((p) => p.id), [open.id, secret.id]);
    assert.equal((await call(listProjects, sessionOf(owner), { search: "%" }, org.id)).count, 1, "LIKE wildcards match literally");
    const page = await call(listProjects, sessionOf(owner), { limit: "1", offset: "1" }, org.id);
    assert.deepEqual([page.count, page.results.map((p) => p.id)], [3, [secret.id]]);
    assert.deepEqual(Object.keys(page.results[0]).sort(), ["access_control", "api_token", "completed_snippet_onboarding", "has_completed_onboarding_for", "id", "ingested_event", "is_demo", "name", "organization", "project_id", "timezone", "uuid"]);
    await expectAppError(call(getProject, sessionOf(member), { id: String(secret.id) }, org.id), 404, "not_found", { detail: "Not found." });
    const seen = await call(getProject, sessionOf(member), { id: String(open.id) }, org.id);
    assert.deepEqual([seen.effective_membership_level, seen.user_access_level], [1, "member"]);
  });

  test("retrieve: integer ids only, another organization's project is 404, @current falls back to the first reachable", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    const first = await call(createProject, sessionOf(owner), { name: "First" }, org.id);
    const second = await call(createProject, sessionOf(owner), { name: "Second", access_control: true }, org.id);
    const db = await getDb();
    const [creator] = await db.select().from(users).where(eq(users.id, owner.id));
    assert.equal((await call(getProject, sessionOf(creator), { id: "@current" }, org.id)).id, second.id, "the project made last is current");
    const [member] = await db.select().from(users).where(eq(users.id, members[0].id));
    await db.update(users).set({ currentProjectId: second.id }).where(eq(users.id, member.id));
    const [fresh] = await db.select().from(users).where(eq(users.id, member.id));
    assert.equal((await call(getProject, sessionOf(fresh), { id: "@current" }, org.id)).id, first.id);
    for (const id of ["abc", "1.5", "-1", "99999999999"]) await expectAppError(call(getProject, sessionOf(owner), { id }, org.id), 404, "not_found");
    const other = await makeOrganization();
    await expectAppError(call(getProject, sessionOf(other.owner), { id: String(first.id) }, other.org.id), 404, "not_found");
    await expectAppError(call(getProject, sessionOf(other.owner), { id: "@current" }, other.org.id), 404, "not_found", { detail: "Not found." });
    await expectAppError(call(getProject, sessionOf(other.owner), { id: String(first.id) }, org.id), 403, "permission_denied");
  });

  test("project admins grant, change and take access to a private project; nobody changes their own level", async () => {
    const { org, owner, members } = await makeOrganization([1, 1]);
    const [alice, bob] = members;
    const project = await call(createProject, sessionOf(owner), { name: "Vault", access_control: true }, org.id);
    const id = String(project.id);
    const granted = await call(setProjectMember, sessionOf(owner), { id, user_uuid: alice.uuid, level: "admin" }, org.id);
    assert.deepEqual([granted.user.uuid, granted.level], [alice.uuid, "admin"]);
    assert.equal((await call(getProject, sessionOf(alice), { id }, org.id)).effective_membership_level, 8);
    await call(setProjectMember, sessionOf(alice), { id, user_uuid: bob.uuid, level: "member" }, org.id);
    const bobSees = await call(getProject, sessionOf(bob), { id }, org.id);
    assert.deepEqual([bobSees.effective_membership_level, bobSees.user_access_level], [1, "member"]);
    await expectAppError(call(setProjectMember, sessionOf(bob), { id, user_uuid: alice.uuid, level: "member" }, org.id), 403, "permission_denied", {
      detail: "You don't have sufficient permissions in the project.",
    });
    await expectAppError(call(setProjectMember, sessionOf(alice), { id, user_uuid: alice.uuid, level: "member" }, org.id), 403, "permission_denied");
    await expectAppError(call(setProjectMember, sessionOf(owner), { id, user_uuid: alice.uuid, level: "owner" }, org.id), 400, "invalid_choice", { attr: "level" });
    const stranger = await makeOrganization();
    await expectAppError(call(setProjectMember, sessionOf(owner), { id, user_uuid: stranger.owner.uuid, level: "member" }, org.id), 400, "invalid_input", { attr: "user_uuid" });
    const list = await call(listProjectMembers, sessionOf(bob), { id }, org.id);
    assert.deepEqual(list.results.map((m) => [m.user.uuid, m.level]), [[owner.uuid, "admin"], [alice.uuid, "admin"], [bob.uuid, "member"]], "the creator first");
    await call(removeProjectMember, sessionOf(bob), { id, user_uuid: bob.uuid }, org.id);
    await expectAppError(call(getProject, sessionOf(bob), { id }, org.id), 404, "not_found");
    await call(removeProjectMember, sessionOf(owner), { id, user_uuid: alice.uuid }, org.id);
    await expectAppError(call(removeProjectMember, sessionOf(owner), { id, user_uuid: alice.uuid }, org.id), 404, "not_found");
    const open = await call(createProject, sessionOf(owner), { name: "Open" }, org.id);
    await expectAppError(call(setProjectMember, sessionOf(owner), { id: String(open.id), user_uuid: bob.uuid, level: "member" }, org.id), 400, "invalid_input");
    const [row] = await (await getDb()).select().from(projects).where(eq(projects.id, project.id));
    assert.equal(row.accessControl, true);
  });
});
