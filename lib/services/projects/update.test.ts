import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { activityLog, projects } from "../../../db/schema";
import { sha256 } from "../../auth/tokens";
import { call, expectAppError, makeOrganization, sessionOf, withEnv } from "../../testing/fixtures";
import { createProject, replaceProject, setProjectMember, updateProject } from "./index";
import { mergeDict } from "./settings";

describe("changing projects", () => {
  test("mergeDict: keys win, dict values merge one level deeper, null clears", () => {
    assert.deepEqual(mergeDict({ a: 1, b: { x: 1, y: 2 }, c: [1] }, { b: { y: 3 }, c: [2], d: true }), { a: 1, b: { x: 1, y: 3 }, c: [2], d: true });
    assert.deepEqual(mergeDict(null, { a: 1 }), { a: 1 });
    assert.equal(mergeDict({ a: 1 }, null), null);
  });

  test("PATCH changes only what is sent and merges the dict settings and analytics configs", async () => {
    const { org, owner } = await makeOrganization();
    const project = await call(
      createProject,
      sessionOf(owner),
      { name: "Merge", session_replay_config: { record_canvas: true, ai: { on: true, model: "a" } }, app_urls: ["https://a.example"], modifiers: { a: 1 } },
      org.id,
    );
    const id = String(project.id);
    const patched = await call(
      updateProject,
      sessionOf(owner),
      { id, session_replay_config: { ai: { model: "b" } }, modifiers: { b: 2 }, app_urls: ["https://b.example"], revenue_analytics_config: { base_currency: "EUR" } },
      org.id,
    );
    assert.deepEqual(patched.session_replay_config, { record_canvas: true, ai: { on: true, model: "b" } });
    assert.deepEqual(patched.modifiers, { a: 1, b: 2 });
    assert.deepEqual(patched.app_urls, ["https://b.example"], "lists are replaced");
    assert.deepEqual(patched.revenue_analytics_config, { base_currency: "EUR" });
    const more = await call(updateProject, sessionOf(owner), { id, revenue_analytics_config: { filter_test_accounts: true }, survey_config: null }, org.id);
    assert.deepEqual(more.revenue_analytics_config, { base_currency: "EUR", filter_test_accounts: true });
    assert.equal(more.name, "Merge");
    assert.equal(more.survey_config, null);
    const untouched = await call(updateProject, sessionOf(owner), { id }, org.id);
    assert.equal(untouched.updated_at, more.updated_at, "an empty PATCH writes nothing");
    await expectAppError(call(updateProject, sessionOf(owner), { id, week_start_day: 5 }, org.id), 400, "invalid_choice", { attr: "week_start_day" });
  });

  test("name, access control and the secret token need a project admin; other settings a project member", async () => {
    const { org, owner, members } = await makeOrganization([1, 1]);
    const [member, outsider] = members;
    const project = await call(createProject, sessionOf(owner), { name: "Gated", access_control: true }, org.id);
    const id = String(project.id);
    await call(setProjectMember, sessionOf(owner), { id, user_uuid: member.uuid, level: "member" }, org.id);
    const changed = await call(updateProject, sessionOf(member), { id, anonymize_ips: true, name: "Gated" }, org.id);
    assert.equal(changed.anonymize_ips, true, "a name sent unchanged is no change");
    for (const input of [{ name: "Renamed" }, { access_control: false }, { secret_api_token_action: "rotate" }]) {
      await expectAppError(call(updateProject, sessionOf(member), { id, ...input }, org.id), 403, "permission_denied", {
        detail: "You don't have sufficient permissions in the project.",
      });
    }
    await expectAppError(call(updateProject, sessionOf(outsider), { id, anonymize_ips: false }, org.id), 404, "not_found");
    await call(createProject, sessionOf(owner), { name: "Taken" }, org.id);
    await expectAppError(call(updateProject, sessionOf(owner), { id, name: "TAKEN" }, org.id), 409, "conflict");
    assert.equal((await call(updateProject, sessionOf(owner), { id, name: "gated" }, org.id)).name, "gated", "a change of case is fine");
  });

  test("rotating the secret token shows the new one once and keeps the old one as the backup", async () => {
    const { org, owner } = await makeOrganization();
    const project = await call(createProject, sessionOf(owner), { name: "Secret" }, org.id);
    const rotated = await call(updateProject, sessionOf(owner), { id: String(project.id), secret_api_token_action: "rotate" }, org.id);
    assert.match(rotated.secret_api_token ?? "", /^ods_/);
    assert.notEqual(rotated.secret_api_token, project.secret_api_token);
    assert.equal(rotated.secret_api_token_backup, null);
    const db = await getDb();
    const [row] = await db.select().from(projects).where(eq(projects.id, project.id));
    assert.deepEqual([row.secretApiTokenHash, row.secretApiTokenBackupHash], [sha256(rotated.secret_api_token ?? ""), sha256(project.secret_api_token ?? "")]);
    const entries = await db.select().from(activityLog).where(and(eq(activityLog.organizationId, org.id), eq(activityLog.activity, "secret_token_rotated")));
    assert.equal(entries.length, 1);
    assert.doesNotMatch(JSON.stringify(entries[0].detail), /ods_/);
  });

  test("PUT replaces every setting (left out: default) and is refused at the cap; PATCH is not", async () => {
    const { org, owner } = await makeOrganization();
    const project = await call(createProject, sessionOf(owner), { name: "Put", anonymize_ips: true, timezone: "Asia/Tokyo", access_control: true, modifiers: { a: 1 } }, org.id);
    const id = String(project.id);
    const put = await call(replaceProject, sessionOf(owner), { id, name: "Put again", modifiers: { b: 1 } }, org.id);
    assert.deepEqual([put.name, put.anonymize_ips, put.timezone, put.access_control, put.modifiers], ["Put again", false, "UTC", true, { b: 1 }]);
    await expectAppError(call(replaceProject, sessionOf(owner), { id }, org.id), 400, "required", { attr: "name" });
    await withEnv({ ORGDECK_MAX_PROJECTS_PER_ORG: "1" }, async () => {
      await expectAppError(call(replaceProject, sessionOf(owner), { id, name: "Capped" }, org.id), 403, "permission_denied", {
        detail: "You have reached the maximum limit of 1 projects per organization. Contact an administrator of this instance if you need more projects.",
      });
      assert.equal((await call(updateProject, sessionOf(owner), { id, name: "Patched" }, org.id)).name, "Patched");
    });
  });
});
