"use client";

import { CheckboxField, SelectField, TextAreaField, TextField } from "@/components/form/field";
import type { Draft, SettingField } from "./setting-kinds";

type Props = { field: SettingField; value: Draft; onChange: (value: Draft) => void; error?: string; disabled: boolean; reason?: string | null };

/** One setting's control, chosen by its kind; a reason it cannot be changed joins its hint. */
export function SettingControl({ field, value, onChange, error, disabled, reason }: Props) {
  const hint = [reason, field.hint].filter(Boolean).join(" ") || undefined;
  const common = { label: field.label, name: field.name, hint, error, disabled };
  switch (field.kind) {
    case "switch":
      return <CheckboxField {...common} checked={value === true} onChange={(e) => onChange(e.target.checked)} />;
    case "select":
      return <SelectField {...common} value={String(value)} onChange={(e) => onChange(e.target.value)} options={field.options()} />;
    case "number":
      return (
        <TextField
          {...common}
          type="number"
          inputMode={field.decimal ? "decimal" : "numeric"}
          min={field.min}
          max={field.max}
          step={field.step}
          value={String(value)}
          onChange={(e) => onChange(e.target.value)}
          className="max-w-xs"
        />
      );
    case "text":
      return field.multiline ? (
        <TextAreaField {...common} maxLength={field.maxLength} value={String(value)} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <TextField {...common} maxLength={field.maxLength} value={String(value)} onChange={(e) => onChange(e.target.value)} autoComplete="off" />
      );
    case "lines":
      return <TextAreaField {...common} rows={3} value={String(value)} onChange={(e) => onChange(e.target.value)} spellCheck={false} />;
    case "json":
      return <TextAreaField {...common} rows={4} value={String(value)} onChange={(e) => onChange(e.target.value)} spellCheck={false} />;
    case "choices": {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset disabled={disabled}>
          <legend className="font-medium">{field.label}</legend>
          {hint && <p className="mt-1 text-xs text-muted">{hint}</p>}
          <div className="mt-1.5 flex flex-wrap gap-4">
            {field.options.map((o) => (
              <CheckboxField
                key={o.value}
                label={o.label}
                name={`${field.name}__${o.value}`}
                checked={chosen.includes(o.value)}
                onChange={(e) => onChange(e.target.checked ? [...chosen, o.value] : chosen.filter((c) => c !== o.value))}
              />
            ))}
          </div>
          {error && <p className="mt-1 text-xs font-medium text-danger-text">{error}</p>}
        </fieldset>
      );
    }
  }
}
