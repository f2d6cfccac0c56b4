"use client";

import type { UserBasic } from "@/lib/query/types";
import { SelectField } from "@/components/form/field";
import { displayName } from "@/components/shell/display-name";

const SCOPES: Record<string, string> = {
  Organization: "Organization",
  OrganizationMembership: "Member",
  OrganizationInvite: "Invitation",
};

/** "OrganizationMembership" → "Member"; an object type the console does not know yet keeps its own name. */
export const scopeLabel = (scope: string) => SCOPES[scope] ?? scope;

const RANGES = { any: 0, day: 86_400_000, week: 7 * 86_400_000, month: 30 * 86_400_000 } as const;
export type Range = keyof typeof RANGES;

/** The start of a time range, as the API's `after`. Called when the range is picked, not while rendering. */
export const rangeStart = (range: Range) => (RANGES[range] ? new Date(Date.now() - RANGES[range]).toISOString() : "");

type Props = {
  scope: string;
  actor: string;
  range: Range;
  actors: UserBasic[];
  onScope: (scope: string) => void;
  onActor: (uuid: string) => void;
  onRange: (range: Range) => void;
};

export function ActivityFilters({ scope, actor, range, actors, onScope, onActor, onRange }: Props) {
  return (
    <div role="search" aria-label="Filter the activity log" className="mb-4 grid gap-3 sm:grid-cols-3">
      <SelectField
        label="Object"
        name="scope"
        value={scope}
        onChange={(e) => onScope(e.target.value)}
        options={[{ value: "", label: "All objects" }, ...Object.entries(SCOPES).map(([value, label]) => ({ value, label }))]}
      />
      <SelectField
        label="Person"
        name="user"
        value={actor}
        onChange={(e) => onActor(e.target.value)}
        options={[{ value: "", label: "Anyone" }, ...actors.map((u) => ({ value: u.uuid, label: displayName(u) }))]}
        hint="People who appear in the entries shown."
      />
      <SelectField
        label="Time"
        name="range"
        value={range}
        onChange={(e) => onRange(e.target.value as Range)}
        options={[
          { value: "any", label: "Any time" },
          { value: "day", label: "Last 24 hours" },
          { value: "week", label: "Last 7 days" },
          { value: "month", label: "Last 30 days" },
        ]}
      />
    </div>
  );
}
