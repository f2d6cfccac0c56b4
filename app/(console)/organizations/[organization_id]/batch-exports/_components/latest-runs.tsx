"use client";

import { useQuery } from "@tanstack/react-query";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { BatchExportRun, ListPage } from "@/lib/query/types";
import { inFlight, intervalWords, runState } from "./export-words";

const SHOWN = 5;
const FOLLOW_MS = 3000;
const DOT: Record<string, string> = { ok: "bg-ok-text", danger: "bg-danger", warn: "bg-warn-text", accent: "bg-accent", neutral: "bg-line-strong" };

/**
 * The export's latest runs as dots, oldest to newest, each named with its state and interval (a hover title, and text
 * for screen readers), then the latest run's state in words.
 */
export function LatestRuns({ organizationId, exportId }: { organizationId: string; exportId: string }) {
  const runs = useQuery({
    queryKey: [...queryKeys.batchExportRuns(organizationId, exportId), { limit: SHOWN, offset: 0 }],
    queryFn: () => apiGet<ListPage<BatchExportRun>>(`/api/organizations/${organizationId}/batch_exports/${exportId}/runs/`, { limit: SHOWN, offset: 0 }),
    refetchInterval: (q) => (inFlight(q.state.data?.results ?? []) ? FOLLOW_MS : false),
  });
  if (runs.isPending) return <span className="text-muted">…</span>;
  if (runs.isError) return <span className="text-muted">Unknown</span>;
  const latest = runs.data.results;
  if (latest.length === 0) return <span className="text-muted">No runs yet</span>;
  return (
    <div className="flex items-center gap-2">
      <ul aria-label="Latest runs" className="flex items-center gap-1">
        {[...latest].reverse().map((run) => {
          const state = runState(run);
          const words = `${state.label}: ${intervalWords(run)}`;
          return (
            <li key={run.id} title={words} className={`size-2.5 rounded-full ${DOT[state.tone]}`}>
              <span className="sr-only">{words}</span>
            </li>
          );
        })}
      </ul>
      <span aria-hidden="true" className="text-xs text-muted">
        {runState(latest[0]).label}
      </span>
    </div>
  );
}
