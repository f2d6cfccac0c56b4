"use client";

import { SCOPE_OBJECTS, type ScopeObject } from "@/lib/auth/scopes";
import { objectLabel, type Access, type Preset } from "./scopes";

const PRESETS: { value: Preset; label: string; hint: string }[] = [
  { value: "all", label: "All access", hint: "Everything you can do, in every scope." },
  { value: "read", label: "Read only", hint: "Read every kind of object; change nothing." },
  { value: "custom", label: "Custom", hint: "Choose read, write or no access per object." },
];
const ACCESS: Access[] = ["none", "read", "write"];

type Props = {
  preset: Preset;
  onPreset: (preset: Preset) => void;
  custom: Record<ScopeObject, Access>;
  onCustom: (object: ScopeObject, access: Access) => void;
  error?: string;
};

/** Presets first ("All access" is `*`, "Read only" every object's `:read`), then per-object choices. */
export function ScopePicker({ preset, onPreset, custom, onCustom, error }: Props) {
  return (
    <fieldset aria-describedby={error ? "scopes-error" : undefined}>
      <legend className="font-medium">Scopes</legend>
      <div className="mt-2 grid gap-2 sm:grid-cols-3">
        {PRESETS.map((p) => (
          <label key={p.value} className="flex cursor-pointer gap-2 rounded-md border border-line p-2.5 has-checked:border-accent has-checked:bg-subtle">
            <input
              type="radio"
              name="scopes"
              value={p.value}
              checked={preset === p.value}
              onChange={() => onPreset(p.value)}
              aria-invalid={error && p.value === "custom" ? true : undefined}
              className="mt-0.5 accent-accent"
            />
            <span>
              <span className="block font-medium">{p.label}</span>
              <span className="block text-xs text-muted">{p.hint}</span>
            </span>
          </label>
        ))}
      </div>
      {preset === "custom" && (
        <div className="mt-3 divide-y divide-line rounded-md border border-line">
          {SCOPE_OBJECTS.map((object) => (
            <div key={object} role="radiogroup" aria-labelledby={`scope-${object}`} className="flex items-center justify-between gap-3 px-3 py-1.5">
              <span id={`scope-${object}`}>{objectLabel(object)}</span>
              <span className="flex rounded-md border border-line p-0.5">
                {ACCESS.map((access) => (
                  <label key={access} className="cursor-pointer">
                    <input
                      type="radio"
                      name={`scope-${object}`}
                      value={access}
                      checked={custom[object] === access}
                      onChange={() => onCustom(object, access)}
                      className="peer sr-only"
                    />
                    <span className="block rounded px-2 py-0.5 text-xs text-muted peer-checked:bg-accent peer-checked:text-on-accent peer-focus-visible:outline-2 peer-focus-visible:outline-focus">
                      {access === "none" ? "No access" : access === "read" ? "Read" : "Write"}
                    </span>
                  </label>
                ))}
              </span>
            </div>
          ))}
        </div>
      )}
      {error && (
        <p id="scopes-error" className="mt-1 text-xs font-medium text-danger-text">
          {error}
        </p>
      )}
    </fieldset>
  );
}
