import { BUSINESS_MODELS, RETENTION_PERIODS } from "@/lib/schemas/projects";
import { BUSINESS_MODEL_LABELS, currencyOptions, RETENTION_LABELS, timeZoneOptions, type Option } from "./choices";
import { NULL_OPTION, type SettingField } from "./setting-kinds";

export type SettingSection = { id: string; title: string; description: string; fields: SettingField[] };

const notSet = (label = "Not set"): Option => ({ value: NULL_OPTION, label });
const json = (name: string, label: string, hint: string): SettingField => ({ name, label, hint, kind: "json" });
const on = (name: string, label: string, hint?: string): SettingField => ({ name, label, hint, kind: "switch" });
const MERGED = "Sent keys are merged into what is stored; keys left out are kept.";

const GENERAL: SettingSection = {
  id: "general",
  title: "General",
  description: "The project's name, what it is, and how its dates and money are shown.",
  fields: [
    { name: "name", label: "Name", kind: "text", maxLength: 200, hint: "Unique in the organization." },
    { name: "product_description", label: "Product description", kind: "text", maxLength: 1000, multiline: true, nullable: true },
    { name: "timezone", label: "Time zone", kind: "select", options: timeZoneOptions, hint: "Days and weeks in reports start in this zone." },
    {
      name: "week_start_day",
      label: "First day of the week",
      kind: "select",
      numeric: true,
      options: () => [notSet("From the location"), { value: "0", label: "Sunday" }, { value: "1", label: "Monday" }],
    },
    { name: "base_currency", label: "Base currency", kind: "select", options: currencyOptions, hint: "Revenue is converted to this currency." },
    {
      name: "business_model",
      label: "Business model",
      kind: "select",
      options: () => [notSet(), ...BUSINESS_MODELS.filter((m) => m !== "").map((m) => ({ value: m, label: BUSINESS_MODEL_LABELS[m] }))],
    },
    { name: "app_urls", label: "App URLs", kind: "lines", hint: "One per line: where your product runs (the toolbar opens there)." },
    { name: "primary_dashboard", label: "Primary dashboard ID", kind: "number", min: 0, max: 2147483647, step: "1" },
    { name: "default_data_theme", label: "Default data theme ID", kind: "number", min: 0, max: 2147483647, step: "1" },
    on("human_friendly_comparison_periods", "Human-friendly comparison periods", "Compare with whole weeks and months instead of the same number of days."),
    on("completed_snippet_onboarding", "Snippet installed", "Marks the setup of the capture snippet as done."),
  ],
};

const REPLAY: SettingSection = {
  id: "replay",
  title: "Session replay",
  description: "Whether sessions are recorded, which ones, for how long they are kept, and what is masked.",
  fields: [
    on("session_recording_opt_in", "Record user sessions"),
    { name: "session_recording_sample_rate", label: "Sample rate", kind: "number", decimal: true, min: 0, max: 1, step: "0.01", hint: "From 0.00 to 1.00: the share of sessions recorded. Empty records all." },
    { name: "session_recording_minimum_duration_milliseconds", label: "Minimum duration (milliseconds)", kind: "number", min: 0, max: 30000, step: "1", hint: "Shorter sessions are not kept. At most 30000." },
    {
      name: "session_recording_retention_period",
      label: "Retention period",
      kind: "select",
      options: () => RETENTION_PERIODS.map((p) => ({ value: p, label: RETENTION_LABELS[p] })),
    },
    {
      name: "session_recording_trigger_match_type_config",
      label: "Trigger match type",
      kind: "select",
      options: () => [notSet(), { value: "all", label: "All triggers must match" }, { value: "any", label: "Any trigger matches" }],
    },
    { name: "session_recording_url_trigger_config", label: "URL triggers", kind: "lines", urls: true, hint: "One regular expression per line: recording starts on a matching URL." },
    { name: "session_recording_url_blocklist_config", label: "URL blocklist", kind: "lines", urls: true, hint: "One regular expression per line: recording pauses on a matching URL." },
    { name: "session_recording_event_trigger_config", label: "Event triggers", kind: "lines", hint: "One event name per line: recording starts when one is captured." },
    json("session_recording_masking_config", "Masking", 'For example {"maskAllInputs": true, "maskTextSelector": "*", "blockSelector": ".private"}.'),
    json("session_replay_config", "Replay configuration", `For example {"record_canvas": true}. ${MERGED}`),
    json("session_recording_network_payload_capture_config", "Network payload capture", 'For example {"recordHeaders": true, "recordBody": false}.'),
    json("session_recording_linked_flag", "Linked feature flag", "Record only when this flag is on, for example {\"id\": 1, \"key\": \"record\"}."),
    json("session_recording_trigger_groups", "Trigger groups", "Groups of triggers, as the capture library reads them."),
  ],
};

const AUTOCAPTURE: SettingSection = {
  id: "autocapture",
  title: "Autocapture",
  description: "What the capture library records on its own.",
  fields: [
    on("autocapture_opt_out", "Turn autocapture off", "Clicks, changes and submits are no longer captured by themselves."),
    on("autocapture_exceptions_opt_in", "Capture exceptions"),
    json("autocapture_exceptions_errors_to_ignore", "Exceptions to ignore", 'A list of patterns, for example ["ResizeObserver loop"].'),
    on("autocapture_web_vitals_opt_in", "Capture web vitals"),
    {
      name: "autocapture_web_vitals_allowed_metrics",
      label: "Web vitals to capture",
      kind: "choices",
      options: ["LCP", "CLS", "FCP", "INP"].map((m) => ({ value: m, label: m })),
    },
    on("capture_dead_clicks", "Capture dead clicks", "Clicks that change nothing on the page."),
    on("capture_console_log_opt_in", "Capture console logs", "Kept with session recordings."),
    on("capture_performance_opt_in", "Capture network performance", "Kept with session recordings."),
    on("heatmaps_opt_in", "Collect heatmap data"),
    on("surveys_opt_in", "Show surveys"),
    json("survey_config", "Survey configuration", MERGED),
    on("inject_web_apps", "Load site apps", "Runs the project's site apps in the pages that load the capture library."),
  ],
};

const PRIVACY: SettingSection = {
  id: "privacy",
  title: "Privacy",
  description: "What is kept about people, and where recordings may come from.",
  fields: [
    on("anonymize_ips", "Discard client IP addresses"),
    {
      name: "cookieless_server_hash_mode",
      label: "Cookieless tracking",
      kind: "select",
      numeric: true,
      options: () => [notSet(), { value: "0", label: "Off" }, { value: "1", label: "Stateless" }, { value: "2", label: "Stateful" }],
      hint: "Counts visitors by a server-side hash instead of a cookie.",
    },
    { name: "recording_domains", label: "Domains allowed to record", kind: "lines", hint: "One per line, for example https://app.example.com. Empty allows every domain." },
    { name: "person_display_name_properties", label: "Person display name properties", kind: "lines", hint: "One property per line, tried in order to name a person." },
    on("test_account_filters_default_checked", "Filter out test accounts by default"),
    json("test_account_filters", "Test account filters", 'A list of property filters, for example [{"key": "email", "value": "@example.com", "operator": "not_icontains", "type": "person"}].'),
  ],
};

const DATA: SettingSection = {
  id: "data",
  title: "Data",
  description: "How events are named and shown, and how feature flags behave.",
  fields: [
    { name: "data_attributes", label: "Data attributes", kind: "lines", hint: "One per line: element attributes that name what was clicked, for example data-attr." },
    { name: "live_events_columns", label: "Live events columns", kind: "lines", hint: "One column per line." },
    json("path_cleaning_filters", "Path cleaning rules", 'A list of rules, for example [{"regex": "/user/\\\\d+", "alias": "/user/:id"}].'),
    json("correlation_config", "Correlation analysis", 'For example {"excluded_event_names": ["$pageleave"]}.'),
    on("flags_persistence_default", "Persist feature flags across authentication by default"),
    on("feature_flag_confirmation_enabled", "Confirm feature flag changes"),
    { name: "feature_flag_confirmation_message", label: "Confirmation message", kind: "text", maxLength: 1000, multiline: true, nullable: true },
    on("default_evaluation_contexts_enabled", "Default evaluation contexts for new flags"),
    on("require_evaluation_contexts", "Require evaluation contexts on flags"),
    on("receive_org_level_activity_logs", "Receive organization-level activity logs"),
    on("web_analytics_pre_aggregated_tables_enabled", "Pre-aggregated web analytics tables"),
  ],
};

const PRODUCTS: SettingSection = {
  id: "products",
  title: "Products and advanced",
  description: "Settings of individual products, kept as JSON. Dictionaries marked so are merged into what is stored.",
  fields: [
    on("conversations_enabled", "Conversations"),
    json("conversations_settings", "Conversations settings", MERGED),
    on("proactive_tasks_enabled", "Proactive tasks"),
    json("logs_settings", "Logs settings", "Replaced as a whole."),
    json("revenue_analytics_config", "Revenue analytics", `For example {"filter_test_accounts": true}. ${MERGED}`),
    json("marketing_analytics_config", "Marketing analytics", `For example {"attribution_mode": "last_touch", "attribution_window_days": 90}. ${MERGED}`),
    json("customer_analytics_config", "Customer analytics", MERGED),
    json("workflows_config", "Workflows", MERGED),
    json("modifiers", "Query modifiers", MERGED),
    json("extra_settings", "Extra settings", "Replaced as a whole."),
    json("has_completed_onboarding_for", "Onboarding completed for", 'For example {"product_analytics": true}.'),
    json("onboarding_tasks", "Onboarding tasks", "Replaced as a whole."),
  ],
};

/** Every writable setting but access control (the access panel) and the demo flag (shown, not changed), by section. */
export const SETTING_SECTIONS: SettingSection[] = [GENERAL, REPLAY, AUTOCAPTURE, PRIVACY, DATA, PRODUCTS];
