"use client";

import { CheckboxField, TextField } from "@/components/form/field";
import { isSecretConfigKey, type DestinationType } from "@/lib/schemas/batch-export-destinations";

type FieldDef = { key: string; label: string; hint?: string; type?: "url" | "number" | "checkbox"; optional?: boolean; placeholder?: string };

/** Each destination's settings as the form asks for them; secrets are the keys the schema marks secret. */
const FIELDS: Record<DestinationType, FieldDef[]> = {
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
const removeKey = (key: string) => `remove:${key}`;

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

type Props = {
  type: DestinationType;
  values: DestinationValues;
  onChange: (key: string, value: string | boolean) => void;
  errors: Record<string, string>;
  /** Editing an export whose stored destination has this type: its secrets are kept when left empty. */
  secretsStored: boolean;
  disabled: boolean;
};

/** The settings of one destination type; secret fields are write-only and, while editing, empty unless replaced. */
export function DestinationFields({ type, values, onChange, errors, secretsStored, disabled }: Props) {
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      {FIELDS[type].map((field) => {
        const name = `destination__config__${field.key}`;
        const error = errors[name];
        if (field.type === "checkbox") {
          return (
            <div key={field.key} className="sm:col-span-2">
              <CheckboxField label={field.label} name={name} checked={values[field.key] === true} onChange={(e) => onChange(field.key, e.target.checked)} error={error} disabled={disabled} />
            </div>
          );
        }
        const secret = isSecretConfigKey(type, field.key);
        if (secret && disabled) return null;
        const hint = secret && secretsStored ? "Write-only: leave empty to keep the stored secret." : secret ? `Write-only: never shown again once saved. ${field.hint ?? ""}`.trim() : field.hint;
        const removing = secret && secretsStored && values[removeKey(field.key)] === true;
        const input = (
          <TextField
            key={field.key}
            className={field.type === "url" || field.hint ? "sm:col-span-2" : undefined}
            label={field.label}
            name={name}
            type={secret ? "password" : field.type === "number" ? "number" : field.type === "url" ? "url" : "text"}
            value={removing ? "" : typeof values[field.key] === "string" ? (values[field.key] as string) : ""}
            onChange={(e) => onChange(field.key, e.target.value)}
            placeholder={secret && secretsStored ? "Unchanged" : field.placeholder}
            hint={hint}
            error={error}
            disabled={disabled || removing}
            autoComplete={secret ? "new-password" : "off"}
            spellCheck={false}
          />
        );
        if (!(secret && secretsStored && field.optional)) return input;
        // An optional secret can also be taken away, which leaving the field empty cannot say.
        return (
          <div key={field.key} className="space-y-2 sm:col-span-2">
            {input}
            <CheckboxField label={`Remove the stored ${field.label.replace(/ \(optional\)$/, "").toLowerCase()}`} name={removeKey(field.key)} checked={removing} onChange={(e) => onChange(removeKey(field.key), e.target.checked)} />
          </div>
        );
      })}
    </div>
  );
}
