/**
 * Projects: the writable settings with their rules, the create, update and replace inputs, and the wire objects. The
 * settings without a rule of their own are stored as sent (one JSON object keyed by their wire names).
 */
import { z } from "zod";
import { paginated, paginationQuery, text, timestamp, withoutNul } from "./common";

export const RETENTION_PERIODS = ["30d", "90d", "1y", "5y"] as const;
export const BUSINESS_MODELS = ["b2b", "b2c", "other", ""] as const;

/** ISO 4217 codes this runtime knows, the same list in Node and in browsers. */
export const CURRENCIES = Intl.supportedValuesOf("currency") as [string, ...string[]];

/** An IANA time zone name the runtime can format dates in. */
export function isTimeZone(value: string) {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

const dict = z.record(z.string(), z.unknown());
const json = z.unknown();
const flag = z.boolean().nullable();
const items = (max: number) => z.array(text(max).nullable());

export const SessionRecordingRetentionPeriodEnum = z.enum(RETENTION_PERIODS).meta({ id: "SessionRecordingRetentionPeriodEnum" });
export const WeekStartDayEnum = z.literal([0, 1]).meta({ id: "WeekStartDayEnum", description: "0 Sunday, 1 Monday." });
export const BusinessModelEnum = z.enum(BUSINESS_MODELS).meta({ id: "BusinessModelEnum" });
export const BaseCurrencyEnum = z.enum(CURRENCIES).meta({ id: "BaseCurrencyEnum" });
export const CookielessServerHashModeEnum = z.literal([0, 1, 2]).meta({ id: "CookielessServerHashModeEnum" });
export const EffectiveMembershipLevelEnum = z.literal([1, 8, 15]).meta({ id: "EffectiveMembershipLevelEnum" });
export const AttributionModeEnum = z.enum(["first_touch", "last_touch"]).meta({ id: "AttributionModeEnum" });

export const TeamRevenueAnalyticsConfig = z
  .looseObject({ base_currency: BaseCurrencyEnum.optional(), filter_test_accounts: z.boolean().optional() })
  .meta({ id: "TeamRevenueAnalyticsConfig" });
export const TeamMarketingAnalyticsConfig = z
  .looseObject({ attribution_mode: AttributionModeEnum.optional(), attribution_window_days: z.int().min(1).max(365).optional() })
  .meta({ id: "TeamMarketingAnalyticsConfig" });
export const TeamCustomerAnalyticsConfig = z.looseObject({}).meta({ id: "TeamCustomerAnalyticsConfig" });
export const TeamWorkflowsConfig = z.looseObject({}).meta({ id: "TeamWorkflowsConfig" });

/** The settings a PATCH merges into what is stored (one level deeper for values that are objects). */
export const MERGED_SETTINGS = ["session_replay_config", "modifiers", "conversations_settings", "survey_config"] as const;
/** The analytics configs: ignored on create, merged on update. */
export const ANALYTICS_CONFIGS = ["revenue_analytics_config", "marketing_analytics_config", "customer_analytics_config", "workflows_config"] as const;

/** Every writable setting but the name, with its rule. */
export const projectSettingFields = {
  product_description: text(1000).nullable(),
  app_urls: items(200),
  anonymize_ips: z.boolean(),
  completed_snippet_onboarding: z.boolean(),
  test_account_filters: json,
  test_account_filters_default_checked: flag,
  path_cleaning_filters: json,
  is_demo: z.boolean(),
  timezone: withoutNul(z.string().max(240)).refine(isTimeZone, { message: "Not a valid time zone." }),
  data_attributes: json,
  person_display_name_properties: z.array(text(400)).nullable(),
  correlation_config: json,
  autocapture_opt_out: flag,
  autocapture_exceptions_opt_in: flag,
  autocapture_web_vitals_opt_in: flag,
  autocapture_web_vitals_allowed_metrics: json,
  autocapture_exceptions_errors_to_ignore: json,
  capture_console_log_opt_in: flag,
  capture_performance_opt_in: flag,
  session_recording_opt_in: z.boolean(),
  session_recording_sample_rate: text(5)
    .regex(/^-?\d{0,1}(?:\.\d{0,2})?$/, { message: "Enter a decimal number with at most 1 digit before and 2 after the point." })
    .refine((v) => Number(v) >= 0 && Number(v) <= 1, { message: "Enter a number between 0.00 and 1.00." })
    .nullable(),
  session_recording_minimum_duration_milliseconds: z.int().min(0).max(30000).nullable(),
  session_recording_linked_flag: json,
  session_recording_network_payload_capture_config: json,
  session_recording_masking_config: json,
  session_recording_url_trigger_config: z.array(json).nullable(),
  session_recording_url_blocklist_config: z.array(json).nullable(),
  session_recording_event_trigger_config: items(1000).nullable(),
  session_recording_trigger_match_type_config: text(24).nullable(),
  session_recording_trigger_groups: json,
  session_recording_retention_period: SessionRecordingRetentionPeriodEnum,
  session_replay_config: dict.nullable(),
  survey_config: dict.nullable(),
  access_control: z.boolean(),
  week_start_day: WeekStartDayEnum.nullable(),
  primary_dashboard: z.int().nullable(),
  live_events_columns: items(1000).nullable(),
  recording_domains: items(200).nullable(),
  inject_web_apps: flag,
  extra_settings: dict.nullable(),
  modifiers: dict.nullable(),
  has_completed_onboarding_for: dict.nullable(),
  surveys_opt_in: flag,
  heatmaps_opt_in: flag,
  flags_persistence_default: flag,
  receive_org_level_activity_logs: flag,
  business_model: BusinessModelEnum.nullable(),
  conversations_enabled: flag,
  conversations_settings: dict.nullable(),
  logs_settings: dict.nullable(),
  proactive_tasks_enabled: flag,
  revenue_analytics_config: TeamRevenueAnalyticsConfig,
  marketing_analytics_config: TeamMarketingAnalyticsConfig,
  customer_analytics_config: TeamCustomerAnalyticsConfig,
  workflows_config: TeamWorkflowsConfig,
  base_currency: BaseCurrencyEnum,
  capture_dead_clicks: flag,
  cookieless_server_hash_mode: CookielessServerHashModeEnum.nullable(),
  human_friendly_comparison_periods: flag,
  feature_flag_confirmation_enabled: flag,
  feature_flag_confirmation_message: text().nullable(),
  default_evaluation_contexts_enabled: flag,
  require_evaluation_contexts: flag,
  default_data_theme: z.int().nullable(),
  onboarding_tasks: dict.nullable(),
  web_analytics_pre_aggregated_tables_enabled: flag,
};

export type ProjectSettingName = keyof typeof projectSettingFields;
export const PROJECT_SETTING_NAMES = Object.keys(projectSettingFields) as ProjectSettingName[];

const name = withoutNul(z.string().trim().min(1).max(200));

/** What a project holds on the wire that a request may set: the name and every setting. */
export const projectWritable = z.object({ name, ...projectSettingFields });
export type ProjectWritable = z.output<typeof projectWritable>;

/** Create: a name, any settings (the analytics configs are ignored). */
export const createProjectInput = projectWritable
  .partial()
  .required({ name: true })
  .meta({ id: "ProjectBackwardCompatRequest", description: "A project's writable settings; `name` is required." });
export type CreateProjectInput = z.output<typeof createProjectInput>;

/** `rotate`: a new secret token, shown in that response only; the one it replaces keeps working as the backup. */
export const SECRET_TOKEN_ACTIONS = ["rotate"] as const;

const secretTokenAction = z.enum(SECRET_TOKEN_ACTIONS).meta({
  description: "`rotate` makes a new secret token (in this response only); the previous one stays valid as the backup. Project admins only.",
});

/** PATCH: any writable field, plus the secret-token action. */
export const PatchedProjectBackwardCompat = projectWritable
  .partial()
  .extend({ secret_api_token_action: secretTokenAction.optional() })
  .meta({ id: "PatchedProjectBackwardCompat" });
export const updateProjectInput = PatchedProjectBackwardCompat.extend({ id: z.string() });
export type UpdateProjectInput = z.output<typeof updateProjectInput>;

/** PUT: the whole writable object; settings left out go back to their defaults. */
export const replaceProjectInput = createProjectInput.extend({ id: z.string(), secret_api_token_action: secretTokenAction.optional() });
export type ReplaceProjectInput = z.output<typeof replaceProjectInput>;

export const projectIdInput = z.object({
  id: z.string().meta({ description: "The project's integer id, or `@current` for the caller's current project." }),
});

export const listProjectsInput = paginationQuery.extend({
  search: withoutNul(z.string().trim().max(200)).optional().meta({ description: "Part of the name, any case." }),
});

const basicFields = {
  id: z.int(),
  uuid: z.uuid(),
  organization: z.uuid(),
  project_id: z.int(),
  api_token: z.string(),
  name: z.string(),
  completed_snippet_onboarding: z.boolean(),
  has_completed_onboarding_for: dict.nullable(),
  ingested_event: z.boolean(),
  is_demo: z.boolean(),
  timezone: z.string(),
  access_control: z.boolean(),
};

/** A project as lists show it. */
export const ProjectBackwardCompatBasic = z.strictObject(basicFields).meta({ id: "ProjectBackwardCompatBasic" });
export type ProjectBackwardCompatBasic = z.infer<typeof ProjectBackwardCompatBasic>;
export const PaginatedProjectBackwardCompatBasicList = paginated(ProjectBackwardCompatBasic, "ProjectBackwardCompatBasic");

/** A project with all its settings and the caller's access to it. */
export const ProjectBackwardCompat = z
  .strictObject({
    ...projectSettingFields,
    ...basicFields,
    product_description: z.string().nullable(),
    created_at: timestamp,
    updated_at: timestamp,
    effective_membership_level: EffectiveMembershipLevelEnum.nullable(),
    has_group_types: z.boolean(),
    group_types: z.array(json),
    live_events_token: z.string().nullable(),
    default_modifiers: dict,
    person_on_events_querying_enabled: z.boolean(),
    product_intents: z.array(json),
    secret_api_token: z.string().nullable().meta({ description: "Only in the response that made it (create, or `rotate`); null otherwise." }),
    secret_api_token_backup: z.string().nullable().meta({ description: "Always null: the previous secret token is never shown again." }),
    available_setup_task_ids: z.array(z.string()),
    is_pending_deletion: z.boolean(),
    user_access_level: z.enum(["none", "member", "admin"]),
    managed_viewsets: z.array(json),
    event_retention_months: z.int().nullable(),
    events_retention_enforced: z.boolean(),
  })
  .meta({ id: "ProjectBackwardCompat" });
export type ProjectBackwardCompat = z.infer<typeof ProjectBackwardCompat>;
