"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { BatchExportBackfill, BatchExportRun, ListPage } from "@/lib/query/types";
import { backfillInput } from "@/lib/schemas/batch-exports";
import { FormPanel } from "@/components/form/action-form";
import { TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { backfillBatchExportAction } from "../actions";
import { fromLocalInput } from "./export-schemas";

const FOLLOW_MS = 2000;
/** The most runs one look at the progress reads (the API's page limit). */
const PROGRESS_LIMIT = 1000;
const DONE = new Set(["completed", "failed", "cancelled"]);

/** How far a backfill started here has come: its runs that have finished, of all of them. */
function useProgress(organizationId: string, id: string, backfill: BatchExportBackfill | null) {
  return useQuery({
    queryKey: [...queryKeys.batchExportRuns(organizationId, id), "backfill", backfill?.id],
    queryFn: async () => {
      const page = await apiGet<ListPage<BatchExportRun>>(`/api/organizations/${organizationId}/batch_exports/${id}/runs/`, { limit: PROGRESS_LIMIT, offset: 0 });
      const runs = page.results.filter((r) => r.backfill_id === backfill?.id);
      return { done: runs.filter((r) => DONE.has(r.status)).length, failed: runs.filter((r) => r.status === "failed").length };
    },
    enabled: backfill !== null && backfill.total_runs > 0,
    refetchInterval: (q) => (q.state.data && backfill && q.state.data.done >= backfill.total_runs ? false : FOLLOW_MS),
  });
}

/** Exports every interval of a range again, in order, and follows the runs' progress. */
export function BackfillPanel({ organizationId, id }: { organizationId: string; id: string }) {
  const queryClient = useQueryClient();
  const [startAt, setStartAt] = useState("");
  const [endAt, setEndAt] = useState("");
  const [backfill, setBackfill] = useState<BatchExportBackfill | null>(null);
  const progress = useProgress(organizationId, id, backfill);
  const form = useFormAction({
    schema: backfillInput,
    action: (input) => backfillBatchExportAction(organizationId, input),
    success: "Backfill started.",
    onSuccess: (started) => {
      setBackfill(started);
      void queryClient.invalidateQueries({ queryKey: queryKeys.batchExportRuns(organizationId, id) });
    },
  });
  const done = Math.min(progress.data?.done ?? backfill?.finished_runs ?? 0, backfill?.total_runs ?? 0);
  return (
    <FormPanel
      title="Backfill"
      description="Exports every interval between two moments again, oldest first: for data from before the export existed, or to replace what was sent."
      form={form}
      submitLabel="Start backfill"
      onSubmit={() => form.submit({ id, start_at: fromLocalInput(startAt) ?? "", end_at: fromLocalInput(endAt) ?? "" })}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="From" name="start_at" type="datetime-local" value={startAt} onChange={(e) => setStartAt(e.target.value)} error={form.errors.start_at} />
        <TextField label="To" name="end_at" type="datetime-local" value={endAt} onChange={(e) => setEndAt(e.target.value)} error={form.errors.end_at} />
      </div>
      <p role="status" className="text-muted">
        {backfill &&
          (backfill.total_runs === 0
            ? "No interval of the export falls in this range."
            : `Backfill: ${done} of ${backfill.total_runs} runs done${progress.data?.failed ? `, ${progress.data.failed} failed` : ""}.`)}
      </p>
    </FormPanel>
  );
}
