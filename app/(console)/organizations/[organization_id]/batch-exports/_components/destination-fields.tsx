"use client";

import { CheckboxField, TextField } from "@/components/form/field";
import { isSecretConfigKey, type DestinationType } from "@/lib/schemas/batch-export-destinations";
import { FIELDS, removeKey, type DestinationValues } from "./export-values";

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
