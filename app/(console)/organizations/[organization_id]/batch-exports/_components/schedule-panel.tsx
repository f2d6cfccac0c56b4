"use client";

import { useState, useTransition } from "react";
import { CheckboxField } from "@/components/form/field";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Panel } from "@/components/ui/panel";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { pauseBatchExportAction, unpauseBatchExportAction } from "../actions";
import { ADMINS_ONLY } from "./export-words";
import { useBatchExportsRefresh } from "./use-batch-exports-refresh";

type Props = { organizationId: string; id: string; name: string; paused: boolean; lastPausedAt: string | null; canEdit: boolean };

/**
 * Whether the export runs: pausing stops new runs and cancels those waiting; resuming asks whether the intervals missed
 * while it was paused should be exported too (a backfill, run in order before the schedule goes on).
 */
export function SchedulePanel({ organizationId, id, name, paused, lastPausedAt, canEdit }: Props) {
  const refresh = useBatchExportsRefresh(organizationId);
  const toast = useToast();
  const [resuming, setResuming] = useState(false);
  const [backfill, setBackfill] = useState(true);
  const [pending, startTransition] = useTransition();

  function pause() {
    startTransition(async () => {
      const result = await pauseBatchExportAction(organizationId, { id });
      if (!result.ok) return toast(result.error.detail, "error");
      toast(`${name} is paused.`);
      refresh();
    });
  }
  function resume() {
    startTransition(async () => {
      const result = await unpauseBatchExportAction(organizationId, { id, backfill });
      if (!result.ok) return toast(result.error.detail, "error");
      setResuming(false);
      toast(backfill ? `${name} is running again; the missed intervals are being exported.` : `${name} is running again.`);
      refresh();
    });
  }

  return (
    <>
      <Panel
        title="Schedule"
        footer={
          canEdit &&
          (paused ? (
            <Button variant="primary" onClick={() => setResuming(true)}>
              Resume
            </Button>
          ) : (
            <Button onClick={pause} pending={pending}>
              Pause
            </Button>
          ))
        }
      >
        <p className="flex flex-wrap items-center gap-2">
          {paused ? <Badge tone="warn">Paused</Badge> : <Badge tone="ok">Active</Badge>}
          {paused ? (
            <span className="text-muted">
              Paused <Time iso={lastPausedAt} fallback="" />. Nothing is exported until it is resumed.
            </span>
          ) : (
            <span className="text-muted">Each interval is exported once it has ended.</span>
          )}
        </p>
        {!canEdit && <p className="mt-2 text-muted">{ADMINS_ONLY}</p>}
      </Panel>
      <Dialog open={resuming} onClose={() => setResuming(false)} title={`Resume ${name}?`} description="New intervals are exported again as they end.">
        <form
          onSubmit={(e) => {
            e.preventDefault();
            resume();
          }}
        >
          <CheckboxField
            label="Also export the intervals missed while paused"
            name="backfill"
            checked={backfill}
            onChange={(e) => setBackfill(e.target.checked)}
            hint="They run first, oldest first, as a backfill. Leave unchecked to skip them."
          />
          <DialogActions>
            <Button onClick={() => setResuming(false)}>Cancel</Button>
            <Button type="submit" variant="primary" pending={pending}>
              Resume
            </Button>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
}
