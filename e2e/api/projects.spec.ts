import { expect, test } from "./recording";
import { bearer, makeOrganization } from "../support/cli";
import { E, err, expectError, expectOk, uuidRe } from "./helpers";

const projects = (orgId: string, rest = "") => `/api/organizations/${orgId}/projects/${rest}`;
const projectAdminOnly = E.denied("You don't have sufficient permissions in the project.");

/** Every field of the full object, read-only ones included. */
const FULL_FIELDS = [
  "access_control", "anonymize_ips", "api_token", "app_urls", "autocapture_exceptions_errors_to_ignore", "autocapture_exceptions_opt_in",
  "autocapture_opt_out", "autocapture_web_vitals_allowed_metrics", "autocapture_web_vitals_opt_in", "available_setup_task_ids", "base_currency",
  "business_model", "capture_console_log_opt_in", "capture_dead_clicks", "capture_performance_opt_in", "completed_snippet_onboarding",
  "conversations_enabled", "conversations_settings", "cookieless_server_hash_mode", "correlation_config", "created_at", "customer_analytics_config",
  "data_attributes", "default_data_theme", "default_evaluation_contexts_enabled", "default_modifiers", "effective_membership_level",
  "event_retention_months", "events_retention_enforced", "extra_settings", "feature_flag_confirmation_enabled", "feature_flag_confirmation_message",
  "flags_persistence_default", "group_types", "has_completed_onboarding_for", "has_group_types", "heatmaps_opt_in", "human_friendly_comparison_periods",
  "id", "ingested_event", "inject_web_apps", "is_demo", "is_pending_deletion", "live_events_columns", "live_events_token", "logs_settings",
  "managed_viewsets", "marketing_analytics_config", "modifiers", "name", "onboarding_tasks", "organization", "path_cleaning_filters",
  "person_display_name_properties", "person_on_events_querying_enabled", "primary_dashboard", "proactive_tasks_enabled", "product_description",
  "product_intents", "project_id", "receive_org_level_activity_logs", "recording_domains", "require_evaluation_contexts", "revenue_analytics_config",
  "secret_api_token", "secret_api_token_backup", "session_recording_event_trigger_config", "session_recording_linked_flag",
  "session_recording_masking_config", "session_recording_minimum_duration_milliseconds", "session_recording_network_payload_capture_config",
  "session_recording_opt_in", "session_recording_retention_period", "session_recording_sample_rate", "session_recording_trigger_groups",
  "session_recording_trigger_match_type_config", "session_recording_url_blocklist_config", "session_recording_url_trigger_config", "session_replay_config",
  "survey_config", "surveys_opt_in", "test_account_filters", "test_account_filters_default_checked", "timezone", "updated_at", "user_access_level",
  "uuid", "web_analytics_pre_aggregated_tables_enabled", "week_start_day", "workflows_config",
];

test.describe("projects over HTTP", () => {
  test("create (201) answers the full object with the secret token once; list, search and pages show basic objects", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const created = await expectOk(await request.post(projects(org.id), { headers: bearer(ownerKey), data: { name: " Web ", timezone: "Europe/Berlin", id: 1 } }), 201);
    expect(Object.keys(created).sort()).toEqual(FULL_FIELDS);
    expect(created).toMatchObject({
      name: "Web", organization: org.id, uuid: expect.stringMatching(uuidRe), project_id: created.id, timezone: "Europe/Berlin",
      api_token: expect.stringMatching(/^odp_/), secret_api_token: expect.stringMatching(/^ods_/), secret_api_token_backup: null,
      effective_membership_level: 15, user_access_level: "admin", is_pending_deletion: false, base_currency: "USD", week_start_day: null,
    });
    const fetched = await expectOk(await request.get(projects(org.id, `${created.id}/`), { headers: bearer(member.key) }));
    expect(fetched).toMatchObject({ id: created.id, secret_api_token: null, effective_membership_level: 1, user_access_level: "member" });
    await expectOk(await request.post(projects(org.id), { headers: bearer(ownerKey), data: { name: "Hidden", access_control: true } }), 201);
    await expectOk(await request.post(projects(org.id), { headers: bearer(ownerKey), data: { name: "Webshop" } }), 201);

    const memberList = await expectOk(await request.get(projects(org.id), { headers: bearer(member.key) }));
    expect(memberList.results.map((p: { name: string }) => p.name)).toEqual(["Web", "Webshop"]);
    expect(Object.keys(memberList.results[0]).sort()).toEqual([
      "access_control", "api_token", "completed_snippet_onboarding", "has_completed_onboarding_for", "id", "ingested_event", "is_demo", "name",
      "organization", "project_id", "timezone", "uuid",
    ]);
    const found = await expectOk(await request.get(projects(org.id, "?search=WEB"), { headers: bearer(ownerKey) }));
    expect(found.results.map((p: { name: string }) => p.name)).toEqual(["Web", "Webshop"]);
    const page = await expectOk(await request.get(projects(org.id, "?limit=1&offset=1"), { headers: bearer(ownerKey) }));
    expect(page).toMatchObject({ count: 3, results: [{ name: "Hidden" }] });
    expect(page.next).toContain("limit=1&offset=2");
  });

  test("create refusals: members (403), invalid fields (400), a taken name (409)", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    await expectError(
      await request.post(projects(org.id), { headers: bearer(member.key), data: { name: "Mine" } }),
      403,
      E.denied("You need to be an organization admin or above to create new projects."),
    );
    const post = (data: unknown) => request.post(projects(org.id), { headers: bearer(ownerKey), data: data as Record<string, unknown> });
    await expectError(await post({}), 400, E.required("name"));
    await expectError(await post({ name: "x".repeat(201) }), 400, E.maxLength(200, "name"));
    await expectError(await post({ name: "a", anonymize_ips: "yes" }), 400, E.notABoolean("anonymize_ips"));
    await expectError(await post({ name: "a", session_recording_retention_period: "2y" }), 400, E.invalidChoice("2y", "session_recording_retention_period"));
    await expectError(await post({ name: "a", week_start_day: 3 }), 400, E.invalidChoice("3", "week_start_day"));
    await expectError(await post({ name: "a", timezone: "Nowhere/Town" }), 400, E.invalid("Not a valid time zone.", "timezone"));
    await expectError(await post({ name: "a", session_recording_minimum_duration_milliseconds: 40000 }), 400, E.invalid("Ensure this value is less than or equal to 30000.", "session_recording_minimum_duration_milliseconds"));
    await expectError(await post(["a"]), 400, E.notADict("list"));
    await expectOk(await post({ name: "Shop" }), 201);
    await expectError(await post({ name: "SHOP" }), 409, err("server_error", "conflict", 'There is already a project called "SHOP" in this organization. Choose a different name.'));
  });

  test("members create projects once the organization's members_can_create_projects is on", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const turned = await expectOk(await request.patch(`/api/organizations/${org.id}/`, { headers: bearer(ownerKey), data: { members_can_create_projects: true } }));
    expect(turned.members_can_create_projects).toBe(true);
    const mine = await expectOk(await request.post(projects(org.id), { headers: bearer(member.key), data: { name: "Members' own" } }), 201);
    expect(mine).toMatchObject({ name: "Members' own", effective_membership_level: 1, user_access_level: "member" });
  });

  test("retrieve by id or @current; unknown, malformed and other organizations' ids are 404; a non-member is 403", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const other = await makeOrganization();
    await expectError(await request.get(projects(org.id, "@current/"), { headers: bearer(ownerKey) }), 404, E.notFound);
    const first = await expectOk(await request.post(projects(org.id), { headers: bearer(ownerKey), data: { name: "One" } }), 201);
    const second = await expectOk(await request.post(projects(org.id), { headers: bearer(ownerKey), data: { name: "Two" } }), 201);
    expect((await expectOk(await request.get(projects(org.id, "@current"), { headers: bearer(ownerKey) }))).id).toBe(second.id);
    expect((await expectOk(await request.get(projects(org.id, `${first.id}`), { headers: bearer(ownerKey) }))).name).toBe("One");
    for (const id of ["abc/", "1.5/", "999999999/"]) await expectError(await request.get(projects(org.id, id), { headers: bearer(ownerKey) }), 404, E.notFound);
    await expectError(await request.get(projects(other.org.id, `${first.id}/`), { headers: bearer(other.ownerKey) }), 404, E.notFound);
    await expectError(await request.get(projects(org.id, `${first.id}/`), { headers: bearer(other.ownerKey) }), 403, E.denied());
  });

  test("PATCH changes what is sent and merges dict settings; project-admin fields are refused to members; PUT replaces", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const project = await expectOk(await request.post(projects(org.id), { headers: bearer(ownerKey), data: { name: "Cfg", session_replay_config: { a: 1, nested: { x: 1 } } } }), 201);
    const url = projects(org.id, `${project.id}/`);
    const patched = await expectOk(await request.patch(url, { headers: bearer(member.key), data: { session_replay_config: { nested: { y: 2 } }, anonymize_ips: true, marketing_analytics_config: { attribution_mode: "first_touch" } } }));
    expect(patched).toMatchObject({ name: "Cfg", anonymize_ips: true, session_replay_config: { a: 1, nested: { x: 1, y: 2 } }, marketing_analytics_config: { attribution_mode: "first_touch" } });
    await expectError(await request.patch(url, { headers: bearer(member.key), data: { name: "Renamed" } }), 403, projectAdminOnly);
    await expectError(await request.patch(url, { headers: bearer(member.key), data: { access_control: true } }), 403, projectAdminOnly);
    const rotated = await expectOk(await request.patch(url, { headers: bearer(ownerKey), data: { secret_api_token_action: "rotate", name: "Renamed" } }));
    expect(rotated).toMatchObject({ name: "Renamed", secret_api_token: expect.stringMatching(/^ods_/), secret_api_token_backup: null });
    const put = await expectOk(await request.put(url, { headers: bearer(ownerKey), data: { name: "Put", timezone: "Asia/Tokyo" } }));
    expect(put).toMatchObject({ name: "Put", timezone: "Asia/Tokyo", anonymize_ips: false, session_replay_config: null, marketing_analytics_config: { attribution_mode: "first_touch" } });
    await expectError(await request.put(url, { headers: bearer(ownerKey), data: {} }), 400, E.required("name"));
  });

  test("DELETE (project admins) is 204, hides the project, and a second one is 400", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const project = await expectOk(await request.post(projects(org.id), { headers: bearer(ownerKey), data: { name: "Doomed" } }), 201);
    const url = projects(org.id, `${project.id}/`);
    await expectError(await request.delete(url, { headers: bearer(member.key) }), 403, projectAdminOnly);
    await expectOk(await request.delete(url, { headers: bearer(ownerKey) }), 204);
    await expectError(await request.delete(url, { headers: bearer(ownerKey) }), 400, E.invalid("This project is already being deleted.", null));
    expect(await expectOk(await request.get(url, { headers: bearer(ownerKey) }))).toMatchObject({ is_pending_deletion: true });
    expect((await expectOk(await request.get(projects(org.id), { headers: bearer(ownerKey) }))).count).toBe(0);
    await expectError(await request.get(projects(org.id, "@current/"), { headers: bearer(ownerKey) }), 404, E.notFound);
  });

  test("access to a private project: admins grant (201), change (200), list and remove (204); members see it then", async ({ request }) => {
    const { org, ownerKey, members: [member] } = await makeOrganization([1]);
    const project = await expectOk(await request.post(projects(org.id), { headers: bearer(ownerKey), data: { name: "Vault", access_control: true } }), 201);
    const url = projects(org.id, `${project.id}/`);
    await expectError(await request.get(url, { headers: bearer(member.key) }), 404, E.notFound);
    const granted = await expectOk(await request.post(`${url}members/`, { headers: bearer(ownerKey), data: { user_uuid: member.uuid, level: "member" } }), 201);
    expect(granted).toMatchObject({ id: expect.stringMatching(uuidRe), level: "member", user: { uuid: member.uuid } });
    expect(await expectOk(await request.get(url, { headers: bearer(member.key) }))).toMatchObject({ effective_membership_level: 1, user_access_level: "member" });
    await expectError(await request.put(`${url}members/${member.uuid}/`, { headers: bearer(member.key), data: { level: "admin" } }), 403, projectAdminOnly);
    expect(await expectOk(await request.put(`${url}members/${member.uuid}/`, { headers: bearer(ownerKey), data: { level: "admin" } }))).toMatchObject({ level: "admin" });
    const list = await expectOk(await request.get(`${url}members/`, { headers: bearer(member.key) }));
    expect(list.results.map((m: { level: string }) => m.level)).toEqual(["admin", "admin"]);
    await expectOk(await request.delete(`${url}members/${member.uuid}/`, { headers: bearer(ownerKey) }), 204);
    await expectError(await request.get(url, { headers: bearer(member.key) }), 404, E.notFound);
  });

  test("a project-scoped key reaches its projects only and no endpoint that is not a project's", async ({ request }) => {
    const { org, ownerKey } = await makeOrganization();
    const mine = await expectOk(await request.post(projects(org.id), { headers: bearer(ownerKey), data: { name: "Mine" } }), 201);
    const notMine = await expectOk(await request.post(projects(org.id), { headers: bearer(ownerKey), data: { name: "Not mine" } }), 201);
    const key = await expectOk(await request.post("/api/personal_api_keys/", { headers: bearer(ownerKey), data: { label: "scoped", scopes: ["*"], scoped_teams: [mine.id] } }), 201);
    expect(key.scoped_teams).toEqual([mine.id]);
    await expectError(
      await request.post("/api/personal_api_keys/", { headers: bearer(ownerKey), data: { label: "bad", scopes: ["*"], scoped_teams: [999999999] } }),
      400,
      E.invalid("You must be a member of the organizations of all projects that you are scoping the key to.", "scoped_teams"),
    );
    const scoped = bearer(key.value);
    const list = await expectOk(await request.get(projects(org.id), { headers: scoped }));
    expect(list.results.map((p: { id: number }) => p.id)).toEqual([mine.id]);
    await expectOk(await request.patch(projects(org.id, `${mine.id}/`), { headers: scoped, data: { anonymize_ips: true } }));
    await expectError(await request.get(projects(org.id, `${notMine.id}/`), { headers: scoped }), 403, E.denied(`API key does not have access to the requested project: ID ${notMine.id}.`));
    const projectsOnly = E.denied("API keys with scoped projects are only supported on project-based endpoints.");
    await expectError(await request.get(`/api/organizations/${org.id}/members/`, { headers: scoped }), 403, projectsOnly);
    await expectError(await request.get("/api/users/@me/", { headers: scoped }), 403, projectsOnly);
  });
});
