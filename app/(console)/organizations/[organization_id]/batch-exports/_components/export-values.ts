/** The export form's values and what the API is sent from them: destination settings per type, and filters per model. */
import type { Level } from "@/lib/auth/permissions";
import type { BatchExport } from "@/lib/query/types";
import { isSecretConfigKey, type DestinationType } from "@/lib/schemas/batch-export-destinations";
import type { BatchExportModel } from "@/lib/schemas/batch-exports";

export type FieldDef = { key: string; label: string; hint?: string; type?: "url" | "number" | "checkbox"; optional?: boolean; placeholder?: string };

/** Each destination's settings as the form asks for them; secrets are the keys the schema marks secret. */
export const FIELDS: Record<DestinationType, FieldDef[]> = {
  HTTP: [
    { key: "url", label: "URL", type: "url", hint: "Each run POSTs its rows here as JSON batches; the endpoint must answer with a 2xx status.", placeholder: "https://example.com/orgdeck-export" },
    { key: "secret", label: "Signing secret (optional)", optional: true, hint: "When set, every batch is signed the Standard Webhooks way with this secret." },
  ],
  S3: [
    { key: "bucket_name", label: "Bucket" },
    { key: "region", label: "Region", optional: true, placeholder: "us-east-1" },
    { key: "prefix", label: "Key prefix (optional)", optional: true, hint: "Objects are stored as <prefix>/<export id>/<interval start>.jsonl.gz." },
    { key: "endpoint_url", label: "Endpoint URL (optional)", type: "url", optional: true, hint: "For S3-compatible storage other than AWS." },
    { key: "aws_access_key_id", label: "Access key ID" },
    { key: "aws_secret_access_key", label: "Secret access key" },
  ],
  Postgres: [
    { key: "host", label: "Host" },
    { key: "port", label: "Port", type: "number", optional: true, placeholder: "5432" },
    { key: "database", label: "Database" },
    { key: "user", label: "User" },
    { key: "password", label: "Password" },
    { key: "schema", label: "Schema", optional: true, placeholder: "public" },
    { key: "table_name", label: "Table", hint: "Created if it does not exist; rows are upserted by id." },
    { key: "has_self_signed_cert", label: "The server uses a self-signed certificate", type: "checkbox" },
  ],
};

export type DestinationValues = Record<string, string | boolean>;

/** The form's values of a destination the API returned (secrets are never in it, so they start empty). */
export function valuesOf(config: Record<string, unknown> | undefined): DestinationValues {
  return Object.fromEntries(Object.entries(config ?? {}).map(([key, value]) => [key, typeof value === "boolean" ? value : value == null ? "" : String(value)]));
}

/** The form's key of "remove the stored secret" for an optional secret. */
export const removeKey = (key: string) => `remove:${key}`;

/**
 * The destination's config to send: text trimmed, empty optional settings left out, the port as a number. A secret
 * left empty while editing is left out too, so the stored one is kept, unless an optional one is to be removed (null).
 */
export function configOf(type: DestinationType, values: DestinationValues, keepSecrets: boolean): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const field of FIELDS[type]) {
    const value = values[field.key];
    if (field.type === "checkbox") {
      config[field.key] = value === true;
      continue;
    }
    if (keepSecrets && field.optional && values[removeKey(field.key)] === true) {
      config[field.key] = null;
      continue;
    }
    const text = typeof value === "string" ? (isSecretConfigKey(type, field.key) ? value : value.trim()) : "";
    if (text === "" && isSecretConfigKey(type, field.key)) {
      if (!keepSecrets && !field.optional) config[field.key] = "";
      continue;
    }
    if (text === "" && field.optional) continue;
    config[field.key] = field.type === "number" ? Number(text) : text;
  }
  return config;
}

export type FilterValues = { scope: string; activity: string; levels: number[] };

const words = (value: unknown) => (Array.isArray(value) ? value.join(", ") : typeof value === "string" ? value : "");

/** The form's filter values from an export's stored filters. */
export function filterValuesOf(filters: BatchExport["filters"] | undefined): FilterValues {
  const levels = filters?.level;
  return { scope: words(filters?.scope), activity: words(filters?.activity), levels: Array.isArray(levels) ? levels.map(Number) : [] };
}

const list = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** The filters to send for a model: only the keys it understands, null when none is set (every row). */
export function filtersOf(model: BatchExportModel, values: FilterValues) {
  if (model === "events") {
    const [scope, activity] = [list(values.scope), list(values.activity)];
    return scope.length || activity.length ? { ...(scope.length && { scope }), ...(activity.length && { activity }) } : null;
  }
  if (model === "persons" && values.levels.length) return { level: values.levels as Level[] };
  return null;
}

