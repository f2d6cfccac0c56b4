"use client";

import { useState } from "react";
import { queryKeys } from "@/lib/query/keys";
import type { ActivityEntry } from "@/lib/query/types";
import { ListState } from "@/components/data/list-state";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { Button } from "@/components/ui/button";
import { ActivityEntryRow } from "./activity-entry";
import { ActivityFilters, NO_FILTERS, timeBounds, type ActivityFilterValues } from "./activity-filters";
import { ExportButtons } from "./export-buttons";
import { useChosenPerson } from "./use-chosen-person";

/** The organization's audit trail from the REST API, 20 entries a page; filters and page live in the URL. */
export function ActivityLog({ organizationId }: { organizationId: string }) {
  // "Last 24 hours" counts back from when the page opened or the range was picked, so the list's query stays the same while shown.
  const [now, setNow] = useState(() => Date.now());
  const toQuery = (f: ActivityFilterValues) => ({ scope: f.scope, user: f.user, ...timeBounds(f, now) });
  const list = usePagedList<ActivityEntry, ActivityFilterValues>({
    queryKey: queryKeys.activityLog(organizationId),
    path: `/api/organizations/${organizationId}/activity_log/`,
    defaults: NO_FILTERS,
    toQuery,
  });
  const { filters } = list;
  const { person, setPicked } = useChosenPerson(organizationId, filters.user, list.rows, !list.query.isPending);
  const status = list.status({
    none: { title: "No activity yet", body: "Changes to this organization and its members will appear here." },
    noMatch: {
      title: "No activity matches these filters",
      body: "Widen the time range or clear a filter.",
      action: <Button onClick={list.clearFilters}>Clear the filters</Button>,
    },
  });

  return (
    <>
      <ActivityFilters
        organizationId={organizationId}
        values={filters}
        person={person}
        onChange={(change) => {
          if (change.range) setNow(Date.now());
          list.setFilters(change);
        }}
        onPerson={(chosen) => {
          setPicked(chosen);
          list.setFilters({ user: chosen?.uuid ?? "" });
        }}
      />
      <ExportButtons organizationId={organizationId} query={toQuery(filters)} disabled={status.state !== "ready"} />
      {status.state === "ready" ? (
        <ol aria-label="Activity" aria-busy={list.query.isFetching} className="divide-y divide-line rounded-lg border border-line bg-surface">
          {list.rows.map((entry) => (
            <ActivityEntryRow key={entry.id} entry={entry} />
          ))}
        </ol>
      ) : (
        <ListState status={status} noun="activity" />
      )}
      <Pager label="Activity log pages" pager={list.pager} />
    </>
  );
}
