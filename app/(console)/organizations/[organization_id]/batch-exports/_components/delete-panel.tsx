"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { deleteBatchExportAction } from "../actions";
import { useBatchExportsRefresh } from "./use-batch-exports-refresh";

const CONSEQUENCE = "Nothing more is exported, runs waiting to start are dropped, and its run history and logs are deleted. What was already delivered stays at the destination.";

/** Deleting an export, after a confirmation; then back to the list. */
export function DeletePanel({ organizationId, id, name }: { organizationId: string; id: string; name: string }) {
  const refresh = useBatchExportsRefresh(organizationId);
  const toast = useToast();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  function confirm() {
    startTransition(async () => {
      const result = await deleteBatchExportAction(organizationId, { id });
      if (!result.ok) return toast(result.error.detail, "error");
      setOpen(false);
      toast(`${name} was deleted.`);
      refresh(`/organizations/${organizationId}/batch-exports`);
    });
  }
  return (
    <>
      <Panel
        title="Delete"
        tone="danger"
        description={CONSEQUENCE}
        footer={
          <Button variant="danger" onClick={() => setOpen(true)}>
            Delete batch export
          </Button>
        }
      />
      <ConfirmDialog open={open} onClose={() => setOpen(false)} onConfirm={confirm} pending={pending} title={`Delete ${name}?`} description={CONSEQUENCE} confirmLabel="Delete" />
    </>
  );
}
