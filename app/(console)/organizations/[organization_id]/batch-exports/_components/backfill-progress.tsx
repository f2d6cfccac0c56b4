"use client";

import { useQuery } from "@tanstack/react-query";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { BatchExportBackfill, ListPage } from "@/lib/query/types";
import { intervalWords } from "./export-words";

const SHOWN = 3;
const FOLLOW_MS = 2000;
const STATE_WORDS: Record<BatchExportBackfill["status"], string> = { running: "running", completed: "completed", failed: "finished with failed runs" };

/** The export's latest backfills with how many of their runs are done, followed while one is running. */
export function BackfillProgress({ organizationId, id }: { organizationId: string; id: string }) {
  const backfills = useQuery({
    queryKey: [...queryKeys.batchExportBackfills(organizationId, id), { limit: SHOWN }],
    queryFn: () => apiGet<ListPage<BatchExportBackfill>>(`/api/organizations/${organizationId}/batch_exports/${id}/backfills/`, { limit: SHOWN, offset: 0 }),
    refetchInterval: (q) => (q.state.data?.results.some((b) => b.status === "running") ? FOLLOW_MS : false),
  });
  const shown = backfills.data?.results ?? [];
  return (
    <div role="status" aria-label="Backfill progress">
      {shown.length > 0 && (
        <ul className="space-y-1">
          {shown.map((b) => (
            <li key={b.id} className="flex flex-wrap items-center gap-x-2">
              <progress value={b.finished_runs} max={Math.max(b.total_runs, 1)} className="h-1.5 w-16 accent-accent" aria-hidden="true" />
              <span>
                Backfill of {intervalWords({ interval_start: b.start_at, interval_end: b.end_at })}: {b.finished_runs} of {b.total_runs} runs done, {STATE_WORDS[b.status]}.
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
