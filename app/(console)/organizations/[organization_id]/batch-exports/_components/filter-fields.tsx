"use client";

import { LEVEL_LABELS } from "@/lib/auth/permissions";
import { MEMBERSHIP_LEVELS } from "@/lib/schemas/common";
import type { BatchExportModel } from "@/lib/schemas/batch-exports";
import { TextField } from "@/components/form/field";
import type { FilterValues } from "./export-values";

type Props = { model: BatchExportModel; values: FilterValues; onChange: (values: FilterValues) => void; errors: Record<string, string>; disabled: boolean };

/** Which rows to send: activity scopes and activities for the activity log, levels for members; sessions have none. */
export function FilterFields({ model, values, onChange, errors, disabled }: Props) {
  if (model === "sessions") return <p className="text-muted">Every sign-in session of the organization&apos;s members is exported; sessions have no filters.</p>;
  if (model === "persons") {
    return (
      <fieldset aria-describedby="level-filter-hint">
        <legend className="font-medium">Levels</legend>
        <p id="level-filter-hint" className="mt-1 text-xs text-muted">
          Only members of the levels checked; none checked exports every member.
        </p>
        <div className="mt-2 flex flex-wrap gap-4">
          {MEMBERSHIP_LEVELS.map((level) => (
            <label key={level} className="flex items-center gap-2">
              <input
                type="checkbox"
                name="filters__level"
                className="size-4 accent-accent"
                checked={values.levels.includes(level)}
                disabled={disabled}
                onChange={(e) => onChange({ ...values, levels: e.target.checked ? [...values.levels, level] : values.levels.filter((l) => l !== level) })}
              />
              {LEVEL_LABELS[level].replace(/^./, (c) => c.toUpperCase())}
            </label>
          ))}
        </div>
        {errors.filters__level && <p className="mt-1 text-xs font-medium text-danger-text">{errors.filters__level}</p>}
      </fieldset>
    );
  }
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <TextField
        label="Activity scopes (optional)"
        name="filters__scope"
        value={values.scope}
        onChange={(e) => onChange({ ...values, scope: e.target.value })}
        hint="Comma-separated, such as OrganizationMembership, Project. Empty exports every scope."
        error={errors.filters__scope}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
      />
      <TextField
        label="Activities (optional)"
        name="filters__activity"
        value={values.activity}
        onChange={(e) => onChange({ ...values, activity: e.target.value })}
        hint="Comma-separated, such as created, deleted. Empty exports every activity."
        error={errors.filters__activity}
        disabled={disabled}
        autoComplete="off"
        spellCheck={false}
      />
    </div>
  );
}
