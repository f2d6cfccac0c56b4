"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys, type ActivityFilters as Filters } from "@/lib/query/keys";
import type { ActivityEntry, ListPage, UserBasic } from "@/lib/query/types";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Skeleton } from "@/components/ui/skeleton";
import { ActivityEntryRow } from "./activity-entry";
import { ActivityFilters, rangeStart, type Range } from "./activity-filters";

const PAGE_SIZE = 20;
const NO_FILTERS: Filters = { scope: "", user: "", after: "", offset: 0 };

/** The people in these entries, plus the one filtered on (who stays pickable when the page holds only them). */
function actorsOf(entries: ActivityEntry[], selected: UserBasic | null) {
  const byId = new Map<string, UserBasic>();
  if (selected) byId.set(selected.uuid, selected);
  for (const e of entries) if (e.user) byId.set(e.user.uuid, e.user);
  return [...byId.values()];
}

/** The organization's audit trail from the REST API, filtered and paginated (20 at a time). */
export function ActivityLog({ organizationId }: { organizationId: string }) {
  const [filters, setFilters] = useState(NO_FILTERS);
  const [range, setRange] = useState<Range>("any");
  const [actor, setActor] = useState<UserBasic | null>(null);
  const log = useQuery({
    queryKey: queryKeys.activityLog(organizationId, filters),
    queryFn: () =>
      apiGet<ListPage<ActivityEntry>>(`/api/organizations/${organizationId}/activity_log/`, { ...filters, limit: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  const filter = (change: Partial<Filters>) => setFilters((f) => ({ ...f, ...change, offset: 0 }));
  const entries = log.data?.results ?? [];
  const actors = actorsOf(entries, actor);
  const filtered = filters.scope !== "" || filters.user !== "" || filters.after !== "";

  return (
    <>
      <ActivityFilters
        scope={filters.scope}
        actor={filters.user}
        range={range}
        actors={actors}
        onScope={(scope) => filter({ scope })}
        onActor={(user) => {
          setActor(actors.find((a) => a.uuid === user) ?? null);
          filter({ user });
        }}
        onRange={(next) => {
          setRange(next);
          filter({ after: rangeStart(next) });
        }}
      />
      {log.isPending ? (
        <div role="status" aria-label="Loading activity" className="space-y-2">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} className="h-12" />
          ))}
        </div>
      ) : log.isError ? (
        <EmptyState title="The activity log could not be loaded">{log.error.message} Reload the page to try again.</EmptyState>
      ) : entries.length === 0 ? (
        <EmptyState title={filtered ? "No activity matches these filters" : "No activity yet"}>
          {filtered ? "Widen the time range or clear a filter." : "Changes to this organization and its members will appear here."}
        </EmptyState>
      ) : (
        <>
          <ol aria-label="Activity" aria-busy={log.isFetching} className="divide-y divide-line rounded-lg border border-line bg-surface">
            {entries.map((entry) => (
              <ActivityEntryRow key={entry.id} entry={entry} />
            ))}
          </ol>
          <nav aria-label="Activity log pages" className="mt-3 flex items-center justify-between gap-4">
            <p className="text-muted">
              {filters.offset + 1}–{filters.offset + entries.length} of {log.data.count}
            </p>
            <div className="flex gap-2">
              <Button size="sm" disabled={filters.offset === 0} onClick={() => setFilters((f) => ({ ...f, offset: Math.max(0, f.offset - PAGE_SIZE) }))}>
                Previous
              </Button>
              <Button size="sm" disabled={log.data.next === null} onClick={() => setFilters((f) => ({ ...f, offset: f.offset + PAGE_SIZE }))}>
                Next
              </Button>
            </div>
          </nav>
        </>
      )}
    </>
  );
}
