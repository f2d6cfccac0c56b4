import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { eq, like } from "drizzle-orm";
import pino from "pino";
import { getDb } from "../../../db/client";
import { jobs, personalApiKeys, projectMemberships, projects, users } from "../../../db/schema";
import { deleteProjectJob } from "../../jobs/kinds/delete-project";
import type { Job } from "../../jobs/types";
import { defaultAdapters } from "../../adapters";
import { call, callAt, expectAppError, makeApiKey, makeOrganization, sessionOf, uniqueEmail } from "../../testing/fixtures";
import { createInvite } from "../invites";
import { createProject, deleteProject, getProject, listProjects, setProjectMember } from "./index";
import { DELETE_PROJECT_JOB, PROJECT_TOMBSTONE_MS } from "./delete";

const HOUR = 60 * 60 * 1000;

async function runJob(projectId: number, now: Date) {
  const job = { payload: { project_id: projectId } } as unknown as Job;
  await deleteProjectJob({ db: await getDb(), adapters: defaultAdapters(), now, log: pino({ level: "silent" }), job });
}

describe("deleting projects", () => {
  test("project admins only; pending projects leave lists and @current; a second delete is 400", async () => {
    const { org, owner, members } = await makeOrganization([1, 1]);
    const [member, projectAdmin] = members;
    const keep = await call(createProject, sessionOf(owner), { name: "Keep" }, org.id);
    const doomed = await call(createProject, sessionOf(owner), { name: "Doomed", access_control: true }, org.id);
    const id = String(doomed.id);
    await call(setProjectMember, sessionOf(owner), { id, user_uuid: member.uuid, level: "member" }, org.id);
    await call(setProjectMember, sessionOf(owner), { id, user_uuid: projectAdmin.uuid, level: "admin" }, org.id);
    await expectAppError(call(deleteProject, sessionOf(member), { id }, org.id), 403, "permission_denied", { detail: "You don't have sufficient permissions in the project." });
    const open = await call(createProject, sessionOf(owner), { name: "Open" }, org.id);
    await expectAppError(call(deleteProject, sessionOf(member), { id: String(open.id) }, org.id), 403, "permission_denied");
    assert.equal(await call(deleteProject, sessionOf(projectAdmin), { id }, org.id), null);
    await expectAppError(call(deleteProject, sessionOf(owner), { id }, org.id), 400, "invalid_input", { detail: "This project is already being deleted." });
    const retrieved = await call(getProject, sessionOf(owner), { id }, org.id);
    assert.equal(retrieved.is_pending_deletion, true);
    const db = await getDb();
    await db.update(users).set({ currentProjectId: doomed.id }).where(eq(users.id, owner.id));
    const [fresh] = await db.select().from(users).where(eq(users.id, owner.id));
    assert.equal((await call(getProject, sessionOf(fresh), { id: "@current" }, org.id)).id, keep.id, "@current skips a project being deleted");
    const list = await call(listProjects, sessionOf(owner), {}, org.id);
    assert.deepEqual(list.results.map((p) => p.id), [keep.id, open.id]);
    const recreated = await call(createProject, sessionOf(owner), { name: "Doomed" }, org.id);
    assert.equal(recreated.name, "Doomed", "a pending project's name is free again");
  });

  test("a project being deleted cannot be offered in an invitation", async () => {
    const { org, owner } = await makeOrganization();
    const doomed = await call(createProject, sessionOf(owner), { name: "Doomed", access_control: true }, org.id);
    const access = [{ id: doomed.id, level: "member" }];
    await call(createInvite, sessionOf(owner), { target_email: uniqueEmail(), private_project_access: access }, org.id);
    await call(deleteProject, sessionOf(owner), { id: String(doomed.id) }, org.id);
    await expectAppError(call(createInvite, sessionOf(owner), { target_email: uniqueEmail(), private_project_access: access }, org.id), 400, "invalid_input", {
      attr: "private_project_access",
    });
  });

  test("the job removes what the project owns at once and the row after a day; keys scoped to it alone reach nothing", async () => {
    const { org, owner, members } = await makeOrganization([1]);
    const start = new Date();
    const doomed = await callAt(createProject, sessionOf(owner), { name: "Doomed", access_control: true }, org.id, start);
    const other = await call(createProject, sessionOf(owner), { name: "Other" }, org.id);
    const db = await getDb();
    await call(setProjectMember, sessionOf(owner), { id: String(doomed.id), user_uuid: members[0].uuid, level: "member" }, org.id);
    await db.update(users).set({ currentProjectId: doomed.id }).where(eq(users.id, members[0].id));
    const both = await makeApiKey(owner, ["project:read"]);
    await db.update(personalApiKeys).set({ scopedTeams: [doomed.id, other.id] }).where(eq(personalApiKeys.id, both.id));
    const alone = await makeApiKey(owner, ["project:read"]);
    await db.update(personalApiKeys).set({ scopedTeams: [doomed.id] }).where(eq(personalApiKeys.id, alone.id));
    await callAt(deleteProject, sessionOf(owner), { id: String(doomed.id) }, org.id, start);
    const [queued] = await db.select().from(jobs).where(eq(jobs.uniqueKey, `${DELETE_PROJECT_JOB}:${doomed.id}`));
    assert.equal(queued.kind, DELETE_PROJECT_JOB);

    await runJob(doomed.id, new Date(start.getTime() + HOUR));
    assert.equal((await db.select().from(projectMemberships).where(eq(projectMemberships.projectId, doomed.id))).length, 0);
    const [member] = await db.select().from(users).where(eq(users.id, members[0].id));
    assert.equal(member.currentProjectId, null);
    const keys = await db.select().from(personalApiKeys).where(like(personalApiKeys.label, "test key"));
    const byId = new Map(keys.map((k) => [k.id, k.scopedTeams]));
    assert.deepEqual(byId.get(both.id), [other.id]);
    assert.deepEqual(byId.get(alone.id), [doomed.id]);
    assert.equal((await db.select().from(projects).where(eq(projects.id, doomed.id))).length, 1, "the tombstone stays for a day");
    const [again] = await db.select().from(jobs).where(eq(jobs.uniqueKey, `${DELETE_PROJECT_JOB}:${doomed.id}:row`));
    assert.equal(again.runAt.getTime(), start.getTime() + PROJECT_TOMBSTONE_MS);

    await runJob(doomed.id, new Date(start.getTime() + PROJECT_TOMBSTONE_MS + HOUR));
    assert.equal((await db.select().from(projects).where(eq(projects.id, doomed.id))).length, 0);
    await runJob(doomed.id, new Date(start.getTime() + PROJECT_TOMBSTONE_MS + 2 * HOUR));
    await db.delete(jobs).where(like(jobs.uniqueKey, `${DELETE_PROJECT_JOB}:${doomed.id}%`));
  });
});
