"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { queryKeys } from "@/lib/query/keys";
import { backfillInput } from "@/lib/schemas/batch-exports";
import { FormPanel } from "@/components/form/action-form";
import { TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Panel } from "@/components/ui/panel";
import { backfillBatchExportAction } from "../actions";
import { BackfillProgress } from "./backfill-progress";
import { fromLocalInput } from "./export-schemas";

/** Exports every interval of a range again, in order (admins); everyone sees how the latest backfills are doing. */
export function BackfillPanel({ organizationId, id, canEdit }: { organizationId: string; id: string; canEdit: boolean }) {
  const queryClient = useQueryClient();
  const [startAt, setStartAt] = useState("");
  const [endAt, setEndAt] = useState("");
  const form = useFormAction({
    schema: backfillInput,
    action: (input) => backfillBatchExportAction(organizationId, input),
    success: "Backfill started.",
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.batchExports(organizationId) }),
  });
  const progress = <BackfillProgress organizationId={organizationId} id={id} />;
  if (!canEdit) {
    return (
      <Panel title="Backfills" description="Runs of past intervals an admin asked for, oldest first.">
        {progress}
      </Panel>
    );
  }
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
      {progress}
    </FormPanel>
  );
}
