import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { and, eq } from "drizzle-orm";
import { getDb } from "../../../db/client";
import { activityLog, organizations, projectMemberships, projects, users } from "../../../db/schema";
import { sha256 } from "../../auth/tokens";
import { call, expectAppError, makeOrganization, makeProject, sessionOf, withEnv } from "../../testing/fixtures";
import { createProject, getProject, listProjects } from "./index";

describe("creating projects", () => {
  test("defaults, tokens shown once, current project, activity without tokens", async () => {
    const { org, owner } = await makeOrganization();
    const created = await call(createProject, sessionOf(owner), { name: "  Web app  ", id: 5, ingested_event: true }, org.id);
    assert.equal(created.name, "Web app");
    assert.match(created.api_token, /^odp_/);
    assert.match(created.secret_api_token ?? "", /^ods_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(
      [created.timezone, created.base_currency, created.week_start_day, created.session_recording_retention_period, created.access_control, created.is_demo],
      ["UTC", "USD", null, "30d", false, false],
    );
    assert.deepEqual([created.effective_membership_level, created.user_access_level, created.ingested_event, created.secret_api_token_backup], [15, "admin", false, null]);
    assert.equal(created.project_id, created.id);
    const db = await getDb();
    const [row] = await db.select().from(projects).where(eq(projects.id, created.id));
    assert.equal(row.secretApiTokenHash, sha256(created.secret_api_token ?? ""));
    const again = await call(getProject, sessionOf(owner), { id: String(created.id) }, org.id);
    assert.equal(again.secret_api_token, null);
    const [me] = await db.select().from(users).where(eq(users.id, owner.id));
    assert.equal(me.currentProjectId, created.id);
    const [entry] = await db.select().from(activityLog).where(and(eq(activityLog.organizationId, org.id), eq(activityLog.scope, "Project")));
    assert.equal(entry.activity, "created");
    assert.equal(entry.itemId, String(created.id));
    assert.doesNotMatch(JSON.stringify(entry.detail), /odp_|ods_|api_token/);
  });

  test("every field is validated with the field as attr; unknown and read-only fields are ignored", async () => {
    const { org, owner } = await makeOrganization();
    const bad: [Record<string, unknown>, number, string, string][] = [
      [{}, 400, "required", "name"],
      [{ name: "   " }, 400, "blank", "name"],
      [{ name: "x".repeat(201) }, 400, "max_length", "name"],
      [{ name: "a", product_description: "x".repeat(1001) }, 400, "max_length", "product_description"],
      [{ name: "a", app_urls: ["x".repeat(201)] }, 400, "max_length", "app_urls__0"],
      [{ name: "a", recording_domains: ["x".repeat(201)] }, 400, "max_length", "recording_domains__0"],
      [{ name: "a", person_display_name_properties: ["x".repeat(401)] }, 400, "max_length", "person_display_name_properties__0"],
      [{ name: "a", session_recording_sample_rate: "1.5" }, 400, "invalid_input", "session_recording_sample_rate"],
      [{ name: "a", session_recording_sample_rate: "0.123" }, 400, "invalid_input", "session_recording_sample_rate"],
      [{ name: "a", session_recording_minimum_duration_milliseconds: 30001 }, 400, "invalid_input", "session_recording_minimum_duration_milliseconds"],
      [{ name: "a", session_recording_trigger_match_type_config: "x".repeat(25) }, 400, "max_length", "session_recording_trigger_match_type_config"],
      [{ name: "a", session_recording_retention_period: "2y" }, 400, "invalid_choice", "session_recording_retention_period"],
      [{ name: "a", week_start_day: 2 }, 400, "invalid_choice", "week_start_day"],
      [{ name: "a", business_model: "b2g" }, 400, "invalid_choice", "business_model"],
      [{ name: "a", cookieless_server_hash_mode: 3 }, 400, "invalid_choice", "cookieless_server_hash_mode"],
      [{ name: "a", timezone: "Mars/Olympus" }, 400, "invalid_input", "timezone"],
      [{ name: "a", base_currency: "XYZ1" }, 400, "invalid_choice", "base_currency"],
      [{ name: "a", anonymize_ips: "yes" }, 400, "invalid_input", "anonymize_ips"],
      [{ name: "a", session_replay_config: [] }, 400, "invalid_input", "session_replay_config"],
      [{ name: 5 }, 400, "invalid_input", "name"],
    ];
    for (const [input, status, code, attr] of bad) await expectAppError(call(createProject, sessionOf(owner), input, org.id), status, code, { attr });
    const ok = await call(
      createProject,
      sessionOf(owner),
      { name: "Tuned", timezone: "Europe/Paris", base_currency: "EUR", week_start_day: 1, session_recording_sample_rate: "0.25", cookieless_server_hash_mode: 2, business_model: "", is_pending_deletion: true, revenue_analytics_config: { base_currency: "EUR" } },
      org.id,
    );
    assert.deepEqual([ok.timezone, ok.base_currency, ok.week_start_day, ok.session_recording_sample_rate, ok.cookieless_server_hash_mode, ok.business_model], ["Europe/Paris", "EUR", 1, "0.25", 2, ""]);
    assert.equal(ok.is_pending_deletion, false);
    assert.deepEqual(ok.revenue_analytics_config, {}, "analytics configs are ignored on create");
  });

  test("members create only where the organization allows it; the creator is project admin of a private project", async () => {
    const { org, members } = await makeOrganization([1]);
    await expectAppError(call(createProject, sessionOf(members[0]), { name: "Mine" }, org.id), 403, "permission_denied", {
      detail: "You need to be an organization admin or above to create new projects.",
    });
    const db = await getDb();
    await db.update(organizations).set({ membersCanCreateProjects: true }).where(eq(organizations.id, org.id));
    const created = await call(createProject, sessionOf(members[0]), { name: "Mine", access_control: true }, org.id);
    assert.deepEqual([created.effective_membership_level, created.user_access_level], [8, "admin"]);
    const [membership] = await db.select().from(projectMemberships).where(eq(projectMemberships.projectId, created.id));
    assert.deepEqual([membership.userId, membership.level], [members[0].id, 8]);
  });

  test("a name taken in the organization, whatever its case, is 409; another organization may use it", async () => {
    const { org, owner } = await makeOrganization();
    await call(createProject, sessionOf(owner), { name: "Shop" }, org.id);
    await expectAppError(call(createProject, sessionOf(owner), { name: "sHOP " }, org.id), 409, "conflict", {
      detail: 'There is already a project called "sHOP" in this organization. Choose a different name.',
      attr: null,
    });
    const other = await makeOrganization();
    await call(createProject, sessionOf(other.owner), { name: "Shop" }, other.org.id);
  });

  test("the cap counts non-demo projects; one demo project at most", async () => {
    const { org, owner } = await makeOrganization();
    await makeProject(org.id);
    await withEnv({ ORGDECK_MAX_PROJECTS_PER_ORG: "2" }, async () => {
      await call(createProject, sessionOf(owner), { name: "Second" }, org.id);
      await expectAppError(call(createProject, sessionOf(owner), { name: "Third" }, org.id), 403, "permission_denied", {
        detail: "You have reached the maximum limit of 2 projects per organization. Contact an administrator of this instance if you need more projects.",
      });
      await call(createProject, sessionOf(owner), { name: "Demo", is_demo: true }, org.id);
      await expectAppError(call(createProject, sessionOf(owner), { name: "Demo 2", is_demo: true }, org.id), 403, "permission_denied", {
        detail: "This organization already has a demo project.",
      });
    });
    const list = await call(listProjects, sessionOf(owner), {}, org.id);
    assert.equal(list.count, 3);
  });
});
