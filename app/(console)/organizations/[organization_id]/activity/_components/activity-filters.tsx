"use client";

import type { UserBasic } from "@/lib/query/types";
import { objectWords } from "@/lib/format/activity-words";
import { ORGANIZATION_ACTIVITY_SCOPES } from "@/lib/schemas/activity-log";
import { SelectField } from "@/components/form/field";
import { TimeRangeFilter } from "@/components/data/time-range-filter";
import { PersonFilter } from "./person-filter";


const RANGES = { day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as const;

/** The filters as the URL holds them: an object type, a person's UUID, a time range, and the dates of a custom one. */
export type ActivityFilterValues = { scope: string; user: string; range: string; from: string; to: string };

export const NO_FILTERS: ActivityFilterValues = { scope: "", user: "", range: "any", from: "", to: "" };

const dayStart = (day: string) => new Date(`${day}T00:00`);

/**
 * The API's `after` and `before` for a time range: the last day, week or month before `now`, or from the start of one
 * day to the end of another in the browser's time zone.
 */
export function timeBounds({ range, from, to }: Pick<ActivityFilterValues, "range" | "from" | "to">, now: number): { after?: string; before?: string } {
  if (range in RANGES) return { after: new Date(now - RANGES[range as keyof typeof RANGES]).toISOString() };
  if (range !== "custom") return {};
  const before = to ? dayStart(to) : null;
  before?.setDate(before.getDate() + 1);
  return { after: from ? dayStart(from).toISOString() : undefined, before: before?.toISOString() };
}

type Props = {
  organizationId: string;
  values: ActivityFilterValues;
  person: UserBasic | null;
  onChange: (change: Partial<ActivityFilterValues>) => void;
  onPerson: (person: UserBasic | null) => void;
};

export function ActivityFilters({ organizationId, values, person, onChange, onPerson }: Props) {
  return (
    <div role="search" aria-label="Filter the activity log" className="mb-4 grid gap-3 sm:grid-cols-3">
      <SelectField
        label="Object"
        name="scope"
        value={values.scope}
        onChange={(e) => onChange({ scope: e.target.value })}
        options={[{ value: "", label: "All objects" }, ...ORGANIZATION_ACTIVITY_SCOPES.map((value) => ({ value, label: capitalize(objectWords(value)) }))]}
      />
      <PersonFilter organizationId={organizationId} value={values.user} known={person} onChange={onPerson} />
      <TimeRangeFilter values={values} onChange={onChange} />
    </div>
  );
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
