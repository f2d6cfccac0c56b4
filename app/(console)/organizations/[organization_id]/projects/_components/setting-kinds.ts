import type { Option } from "./choices";

/** How one setting is edited: its wire name, label, and the control that fits its type. */
export type SettingField = { name: string; label: string; hint?: string } & (
  | { kind: "text"; maxLength: number; multiline?: boolean; nullable?: boolean }
  | { kind: "switch" }
  | { kind: "select"; options: () => Option[]; numeric?: boolean; nullable?: boolean }
  | { kind: "number"; decimal?: boolean; min: number; max: number; step: string }
  | { kind: "lines"; urls?: boolean }
  | { kind: "choices"; options: Option[] }
  | { kind: "json" }
);

/** What a control holds while someone edits it. */
export type Draft = string | boolean | string[];

const NOT_SET = "__none__";

/** A select's value for null. */
export const NULL_OPTION = NOT_SET;

type Wire = { value: unknown } | { error: string };

/** The control's value for a stored setting. */
export function toDraft(field: SettingField, value: unknown): Draft {
  switch (field.kind) {
    case "switch":
      return value === true;
    case "select":
      return value === null || value === undefined ? NOT_SET : String(value);
    case "text":
    case "number":
      return value === null || value === undefined ? "" : String(value);
    case "lines": {
      const items = Array.isArray(value) ? value : [];
      return items.map((item) => (field.urls && typeof item === "object" && item !== null ? String((item as { url?: unknown }).url ?? "") : String(item ?? ""))).join("\n");
    }
    case "choices":
      return Array.isArray(value) ? value.map(String) : [];
    case "json":
      return value === null || value === undefined ? "" : JSON.stringify(value, null, 2);
  }
}

/** The wire value of a control's draft, or what is wrong with it (JSON that does not parse). */
export function toWire(field: SettingField, draft: Draft): Wire {
  switch (field.kind) {
    case "switch":
      return { value: draft === true };
    case "select": {
      if (draft === NOT_SET) return { value: null };
      return { value: field.numeric ? Number(draft) : draft };
    }
    case "text":
      return { value: draft === "" && field.nullable ? null : draft };
    case "number": {
      const text = String(draft).trim();
      if (text === "") return { value: null };
      if (field.decimal) return { value: text };
      return Number.isInteger(Number(text)) ? { value: Number(text) } : { error: "Enter a whole number." };
    }
    case "lines": {
      const lines = String(draft)
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean);
      // URL triggers and blocklist entries are patterns (regular expressions), as the capture library reads them.
      return { value: field.urls ? lines.map((url) => ({ url, matching: "regex" })) : lines };
    }
    case "choices":
      return { value: draft };
    case "json": {
      const text = String(draft).trim();
      if (text === "") return { value: null };
      try {
        return { value: JSON.parse(text) as unknown };
      } catch {
        return { error: "Enter valid JSON." };
      }
    }
  }
}

/** Whether a draft says the same as the stored value. */
export function sameAsStored(field: SettingField, draft: Draft, stored: unknown) {
  return JSON.stringify(draft) === JSON.stringify(toDraft(field, stored));
}
