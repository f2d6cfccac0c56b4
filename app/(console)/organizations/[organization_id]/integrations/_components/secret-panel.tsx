"use client";

import { useId, useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Panel } from "@/components/ui/panel";
import { useToast } from "@/components/ui/toast";
import { rotateWebhookSecretAction } from "../actions";
import { SecretDialog } from "./secret-dialog";
import { ADMINS_ONLY } from "./webhook-words";
import { useIntegrationsRefresh } from "./use-integrations-refresh";

/** The signing secret: never shown again after creation, but it can be replaced by a new one, shown once. */
export function SecretPanel({ organizationId, id, canEdit }: { organizationId: string; id: string; canEdit: boolean }) {
  const refresh = useIntegrationsRefresh(organizationId);
  const toast = useToast();
  const reasonId = useId();
  const [confirming, setConfirming] = useState(false);
  const [secret, setSecret] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function rotate() {
    startTransition(async () => {
      const result = await rotateWebhookSecretAction(organizationId, { id });
      setConfirming(false);
      if (!result.ok) {
        toast(result.error.detail, "error");
        return;
      }
      toast("New signing secret made.");
      setSecret(result.data.secret);
      refresh();
    });
  }
  return (
    <>
      <Panel
        title="Signing secret"
        description="Deliveries are signed with a secret shown only when it was made. If it leaked or was lost, make a new one: deliveries signed from then on use it."
        footer={
          <>
            {!canEdit && (
              <p id={reasonId} className="mr-auto text-muted">
                {ADMINS_ONLY}
              </p>
            )}
            <Button onClick={() => setConfirming(true)} disabled={!canEdit} aria-describedby={canEdit ? undefined : reasonId}>
              Rotate signing secret
            </Button>
          </>
        }
      />
      <ConfirmDialog
        open={confirming}
        onClose={() => setConfirming(false)}
        onConfirm={rotate}
        pending={pending}
        title="Rotate the signing secret?"
        description="The current secret stops being used at once: the receiver rejects new deliveries until it has the new one."
        confirmLabel="Rotate secret"
      />
      <SecretDialog secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
