"use client";

import { SelectField } from "@/components/form/field";
import { TimeRangeFilter } from "@/components/data/time-range-filter";
import { SearchBox } from "@/components/data/search-box";

/** The log's filters as the URL holds them: a class of answer, search text, a time range and its custom dates. */
export type ScimLogFilterValues = { status: string; search: string; range: string; from: string; to: string };

export const NO_LOG_FILTERS: ScimLogFilterValues = { status: "", search: "", range: "any", from: "", to: "" };

/** Each status choice as the API's inclusive bounds. */
export const STATUS_BOUNDS: Record<string, { status_min?: number; status_max?: number }> = {
  "": {},
  ok: { status_min: 200, status_max: 399 },
  failed: { status_min: 400 },
  client: { status_min: 400, status_max: 499 },
  server: { status_min: 500 },
};

type Props = {
  values: ScimLogFilterValues;
  onChange: (change: Partial<ScimLogFilterValues>) => void;
  search: { text: string; setText: (text: string) => void; typing: boolean };
  fetching: boolean;
};

export function ScimLogFilters({ values, onChange, search, fetching }: Props) {
  return (
    <div className="mb-2 grid gap-3 sm:grid-cols-3">
      <SearchBox label="Search requests" hint="In the path and the body (masked)." search={search} fetching={fetching} />
      <div role="group" aria-label="Filter the SCIM request log" className="grid gap-3 sm:col-span-2 sm:grid-cols-2">
        <SelectField
          label="Status"
          name="status"
          value={values.status}
          onChange={(e) => onChange({ status: e.target.value })}
          options={[
            { value: "", label: "Any status" },
            { value: "ok", label: "Succeeded (2xx, 3xx)" },
            { value: "failed", label: "Failed (4xx, 5xx)" },
            { value: "client", label: "Refused (4xx)" },
            { value: "server", label: "Server errors (5xx)" },
          ]}
        />
        <TimeRangeFilter values={values} onChange={onChange} />
      </div>
    </div>
  );
}
