"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useSearchParams } from "next/navigation";
import { useState, useTransition } from "react";
import { queryKeys } from "@/lib/query/keys";
import type { BatchExportRun } from "@/lib/query/types";
import type { Column } from "@/components/data/data-table";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { Badge } from "@/components/ui/badge";
import { Button, buttonClass } from "@/components/ui/button";
import { useToast } from "@/components/ui/toast";
import { retryBatchExportRunAction } from "../actions";
import { durationWords, inFlight, intervalWords, retryable, runState } from "./export-words";

const FOLLOW_MS = 2000;

const columns: Column<BatchExportRun>[] = [
  {
    id: "interval",
    header: "Interval",
    nowrap: true,
    cell: (r) => (
      <span title={`${r.interval_start} to ${r.interval_end}`}>
        {intervalWords(r)}
        {r.backfill_id && <span className="ml-1.5 text-xs text-muted">backfill</span>}
      </span>
    ),
  },
  {
    id: "status",
    header: "Status",
    nowrap: true,
    cell: (r) => (
      <span className="flex items-center gap-1.5">
        <Badge tone={runState(r).tone}>{runState(r).label}</Badge>
        {r.attempts > 1 && <span className="text-xs text-muted">{r.attempts} attempts</span>}
      </span>
    ),
  },
  { id: "rows", header: "Rows", cell: (r) => r.records_completed ?? <span className="text-muted">—</span> },
  { id: "duration", header: "Duration", from: "sm", nowrap: true, cell: durationWords },
  { id: "error", header: "Error", from: "md", cell: (r) => (r.latest_error ? <span className="line-clamp-3 break-words text-danger-text">{r.latest_error}</span> : <span className="text-muted">—</span>) },
];

/** The export's runs, newest interval first, following those still to finish; a failed or cancelled one can run again. */
export function RunHistory({ organizationId, id, canEdit }: { organizationId: string; id: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const toast = useToast();
  const key = queryKeys.batchExportRuns(organizationId, id);
  const list = usePagedList<BatchExportRun, Record<string, string>>({
    queryKey: key,
    path: `/api/organizations/${organizationId}/batch_exports/${id}/runs/`,
    defaults: {},
    follow: { while: inFlight, everyMs: FOLLOW_MS },
    urlPrefix: "runs_",
  });
  const [pendingId, setPendingId] = useState<string | null>(null);
  const [, startTransition] = useTransition();

  function retry(run: BatchExportRun) {
    setPendingId(run.id);
    startTransition(async () => {
      const result = await retryBatchExportRunAction(organizationId, { id, run_id: run.id });
      setPendingId(null);
      if (!result.ok) return toast(result.error.detail, "error");
      toast(`The run of ${intervalWords(run)} is scheduled again.`);
      await queryClient.invalidateQueries({ queryKey: queryKeys.batchExports(organizationId) });
    });
  }
  const pathname = usePathname();
  const params = useSearchParams();
  /** The page with the log narrowed to one run's entries, scrolled to the log. */
  function logsOf(run: BatchExportRun) {
    const next = new URLSearchParams(params.toString());
    next.set("logs_instance_id", run.id);
    next.delete("logs_page");
    return `${pathname}?${next.toString()}#logs-heading`;
  }
  const rowActions = (r: BatchExportRun) => (
    <>
      <Link href={logsOf(r)} scroll={false} className={buttonClass("ghost", "sm")}>
        Logs<span className="sr-only"> of the run of {intervalWords(r)}</span>
      </Link>
      {canEdit && retryable(r) && (
        <Button size="sm" onClick={() => retry(r)} pending={pendingId === r.id}>
          Retry<span className="sr-only"> the run of {intervalWords(r)}</span>
        </Button>
      )}
    </>
  );

  return (
    <section aria-labelledby="runs-heading" className="space-y-3">
      <div>
        <h2 id="runs-heading" className="text-sm font-semibold">
          Runs
        </h2>
        <p className="mt-1 text-muted">One run per interval, newest first. A failed attempt is retried with growing waits before the run fails.</p>
      </div>
      <DataTable
        caption="Runs of this batch export"
        noun="runs"
        columns={columns}
        rows={list.rows}
        rowKey={(r) => r.id}
        busy={list.query.isFetching}
        actions={rowActions}
        status={list.status({ none: { title: "No runs yet", body: "The first run starts when the current interval ends. A backfill runs past intervals now." } })}
      />
      <Pager label="Run pages" pager={list.pager} />
    </section>
  );
}
