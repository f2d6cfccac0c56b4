import { createHash } from "node:crypto";
import type { Level } from "../../auth/permissions";
import { userAccessLevel } from "../../auth/project-rules";
import type { ProjectBackwardCompat, ProjectBackwardCompatBasic, ProjectSettingName, ProjectWritable } from "../../schemas/projects";
import { iso } from "../serialize";
import type { ProjectRow } from "./access";

/** The settings stored in their own columns; the others live in `settings`, keyed by their wire names. */
export const COLUMN_SETTINGS = ["access_control", "timezone", "is_demo"] as const satisfies readonly ProjectSettingName[];

type StoredSetting = Exclude<ProjectSettingName, (typeof COLUMN_SETTINGS)[number]>;

/** What a setting holds until someone sets it. */
export const SETTING_DEFAULTS: { [K in StoredSetting]: ProjectWritable[K] } = {
  product_description: null,
  app_urls: [],
  anonymize_ips: false,
  completed_snippet_onboarding: false,
  test_account_filters: [],
  test_account_filters_default_checked: null,
  path_cleaning_filters: [],
  data_attributes: ["data-attr"],
  person_display_name_properties: null,
  correlation_config: {},
  autocapture_opt_out: null,
  autocapture_exceptions_opt_in: null,
  autocapture_web_vitals_opt_in: null,
  autocapture_web_vitals_allowed_metrics: null,
  autocapture_exceptions_errors_to_ignore: null,
  capture_console_log_opt_in: null,
  capture_performance_opt_in: null,
  session_recording_opt_in: false,
  session_recording_sample_rate: null,
  session_recording_minimum_duration_milliseconds: null,
  session_recording_linked_flag: null,
  session_recording_network_payload_capture_config: null,
  session_recording_masking_config: null,
  session_recording_url_trigger_config: null,
  session_recording_url_blocklist_config: null,
  session_recording_event_trigger_config: null,
  session_recording_trigger_match_type_config: null,
  session_recording_trigger_groups: null,
  session_recording_retention_period: "30d",
  session_replay_config: null,
  survey_config: null,
  week_start_day: null,
  primary_dashboard: null,
  live_events_columns: null,
  recording_domains: null,
  inject_web_apps: null,
  extra_settings: null,
  modifiers: null,
  has_completed_onboarding_for: null,
  surveys_opt_in: null,
  heatmaps_opt_in: null,
  flags_persistence_default: null,
  receive_org_level_activity_logs: null,
  business_model: null,
  conversations_enabled: null,
  conversations_settings: null,
  logs_settings: null,
  proactive_tasks_enabled: null,
  revenue_analytics_config: {},
  marketing_analytics_config: {},
  customer_analytics_config: {},
  workflows_config: {},
  base_currency: "USD",
  capture_dead_clicks: null,
  cookieless_server_hash_mode: null,
  human_friendly_comparison_periods: null,
  feature_flag_confirmation_enabled: null,
  feature_flag_confirmation_message: null,
  default_evaluation_contexts_enabled: null,
  require_evaluation_contexts: null,
  default_data_theme: null,
  onboarding_tasks: null,
  web_analytics_pre_aggregated_tables_enabled: null,
};

export const STORED_SETTINGS = Object.keys(SETTING_DEFAULTS) as StoredSetting[];

/** Every stored setting, the defaults filling what was never set. */
export function storedSettings(row: ProjectRow) {
  return { ...SETTING_DEFAULTS, ...row.settings } as typeof SETTING_DEFAULTS;
}

/** The token the live-events feed takes: derived from the public token, so it is no more a secret than that. */
export function liveEventsToken(apiToken: string) {
  return `odl_${createHash("sha256").update(`live-events:${apiToken}`).digest("base64url").slice(0, 40)}`;
}

export function serializeProjectBasic(row: ProjectRow): ProjectBackwardCompatBasic {
  const settings = storedSettings(row);
  return {
    id: row.id,
    uuid: row.uuid,
    organization: row.organizationId,
    project_id: row.id,
    api_token: row.apiToken,
    name: row.name,
    completed_snippet_onboarding: settings.completed_snippet_onboarding,
    has_completed_onboarding_for: settings.has_completed_onboarding_for,
    ingested_event: false,
    is_demo: row.isDemo,
    timezone: row.timezone,
    access_control: row.accessControl,
  };
}

/** The full object as the caller sees it; `secret` is the plaintext secret token in the response that made it only. */
export function serializeProject(row: ProjectRow, effective: Level | null, secret: string | null = null): ProjectBackwardCompat {
  return {
    ...storedSettings(row),
    ...serializeProjectBasic(row),
    created_at: iso(row.createdAt),
    updated_at: iso(row.updatedAt),
    effective_membership_level: effective,
    has_group_types: false,
    group_types: [],
    live_events_token: liveEventsToken(row.apiToken),
    default_modifiers: {},
    person_on_events_querying_enabled: false,
    product_intents: [],
    secret_api_token: secret,
    secret_api_token_backup: null,
    available_setup_task_ids: [],
    is_pending_deletion: row.isPendingDeletion,
    user_access_level: userAccessLevel(effective),
    managed_viewsets: [],
    event_retention_months: null,
    events_retention_enforced: false,
  };
}

/** What the activity log compares: the name and every setting, never a token. */
export function auditedProject(row: ProjectRow): Record<string, unknown> {
  return { name: row.name, access_control: row.accessControl, timezone: row.timezone, is_demo: row.isDemo, ...storedSettings(row) };
}
