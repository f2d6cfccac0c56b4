"use client";

import { SelectField, TextField } from "@/components/form/field";

export type TimeRange = { range: string; from: string; to: string };

/** "Time": any, the last day, week or month, or between two dates (shown when chosen); a list's filters use it in the URL. */
export function TimeRangeFilter({ values, onChange }: { values: TimeRange; onChange: (next: Partial<TimeRange>) => void }) {
  return (
    <div className="space-y-2">
      <SelectField
        label="Time"
        name="range"
        value={values.range}
        onChange={(e) => onChange({ range: e.target.value, from: "", to: "" })}
        options={[
          { value: "any", label: "Any time" },
          { value: "day", label: "Last 24 hours" },
          { value: "week", label: "Last 7 days" },
          { value: "month", label: "Last 30 days" },
          { value: "custom", label: "Between dates…" },
        ]}
      />
      {values.range === "custom" && (
        <div className="grid grid-cols-2 gap-2">
          <TextField label="From" name="from" type="date" value={values.from} max={values.to || undefined} onChange={(e) => onChange({ from: e.target.value })} />
          <TextField label="To" name="to" type="date" value={values.to} min={values.from || undefined} onChange={(e) => onChange({ to: e.target.value })} />
        </div>
      )}
    </div>
  );
}
