"use client";

import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { deleteIntegrationAction } from "../actions";
import { ADMINS_ONLY } from "./webhook-words";
import { useIntegrationsRefresh } from "./use-integrations-refresh";

const CONSEQUENCE = "Nothing more is sent to it, deliveries still being retried are dropped, and its delivery log is deleted.";

/** Disconnecting an integration, after a confirmation; then back to the list. */
export function DisconnectPanel({ organizationId, id, name, canEdit }: { organizationId: string; id: string; name: string; canEdit: boolean }) {
  const refresh = useIntegrationsRefresh(organizationId);
  const toast = useToast();
  const reasonId = useId();
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  function confirm() {
    startTransition(async () => {
      const result = await deleteIntegrationAction(organizationId, { id });
      if (!result.ok) {
        toast(result.error.detail, "error");
        return;
      }
      setOpen(false);
      toast(`${name} was disconnected.`);
      refresh(`/organizations/${organizationId}/integrations`);
    });
  }
  return (
    <>
      <Panel
        title="Disconnect"
        tone="danger"
        description={CONSEQUENCE}
        footer={
          <>
            {!canEdit && (
              <p id={reasonId} className="mr-auto text-muted">
                {ADMINS_ONLY}
              </p>
            )}
            <Button variant="danger" onClick={() => setOpen(true)} disabled={!canEdit} aria-describedby={canEdit ? undefined : reasonId}>
              Disconnect
            </Button>
          </>
        }
      />
      <ConfirmDialog open={open} onClose={() => setOpen(false)} onConfirm={confirm} pending={pending} title={`Disconnect ${name}?`} description={CONSEQUENCE} confirmLabel="Disconnect" />
    </>
  );
}
