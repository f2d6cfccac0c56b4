"use client";

import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query/keys";
import type { BatchExportLogEntry, BatchExportRun, ListPage } from "@/lib/query/types";
import { LOG_LEVELS } from "@/lib/schemas/batch-exports";
import type { Column } from "@/components/data/data-table";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { SearchBox } from "@/components/data/search-box";
import { usePagedList } from "@/components/data/use-paged-list";
import { SelectField } from "@/components/form/field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Time } from "@/components/ui/time";
import { inFlight } from "./export-words";

const FOLLOW_MS = 3000;
const LEVEL_TONES = { DEBUG: "neutral", INFO: "accent", WARNING: "warn", ERROR: "danger" } as const;

const columns: Column<BatchExportLogEntry>[] = [
  { id: "time", header: "Time", nowrap: true, cell: (e) => <Time iso={e.timestamp} /> },
  { id: "level", header: "Level", nowrap: true, cell: (e) => <Badge tone={LEVEL_TONES[e.level]}>{e.level}</Badge> },
  { id: "message", header: "Message", cell: (e) => <span className="break-words">{e.message}</span> },
];

/** The export's log, newest first, filtered by level and text; it follows along while runs are under way. */
export function RunLogs({ organizationId, id }: { organizationId: string; id: string }) {
  const queryClient = useQueryClient();
  const runsUnderWay = () =>
    queryClient.getQueriesData<ListPage<BatchExportRun>>({ queryKey: queryKeys.batchExportRuns(organizationId, id) }).some(([, page]) => inFlight(page?.results ?? []));
  const list = usePagedList<BatchExportLogEntry, { level: string; search: string; instance_id: string }>({
    queryKey: queryKeys.batchExportLogs(organizationId, id),
    path: `/api/organizations/${organizationId}/batch_exports/${id}/logs/`,
    defaults: { level: "", search: "", instance_id: "" },
    searchParam: "search",
    follow: { while: runsUnderWay, everyMs: FOLLOW_MS },
    urlPrefix: "logs_",
  });
  return (
    <section aria-labelledby="logs-heading" className="space-y-3">
      <div>
        <h2 id="logs-heading" className="text-sm font-semibold">
          Logs
        </h2>
        <p className="mt-1 text-muted">What each run did, newest first.</p>
      </div>
      <div className="flex flex-wrap items-start gap-4">
        <div role="search" aria-label="Filter the logs by level" className="w-48">
          <SelectField
            label="Level"
            name="level"
            value={list.filters.level}
            onChange={(e) => list.setFilters({ level: e.target.value })}
            options={[{ value: "", label: "Any level" }, ...LOG_LEVELS.map((l) => ({ value: l, label: l.charAt(0) + l.slice(1).toLowerCase() }))]}
          />
        </div>
        <SearchBox label="Search the logs" search={list.search} fetching={list.query.isFetching} />
      </div>
      {list.filters.instance_id && (
        <p role="note" className="flex flex-wrap items-center gap-2 rounded-md bg-subtle px-3 py-2">
          Showing the entries of one run.
          <Button size="sm" onClick={() => list.setFilters({ instance_id: "" })}>
            Show every run
          </Button>
        </p>
      )}
      <DataTable
        caption="Log entries of this batch export"
        noun="log entries"
        columns={columns}
        rows={list.rows}
        rowKey={(e) => `${e.timestamp}-${e.instance_id}-${e.message}`}
        busy={list.query.isFetching}
        status={list.status({
          none: { title: "Nothing logged yet", body: "Each run writes here when it starts, retries, completes or fails." },
          noMatch: { title: "No entries match", body: "Choose another level or search for other words.", action: <Button onClick={list.clearFilters}>Show every entry</Button> },
        })}
      />
      <Pager label="Log pages" pager={list.pager} />
    </section>
  );
}
