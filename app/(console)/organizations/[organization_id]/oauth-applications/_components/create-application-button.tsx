"use client";

import { useState } from "react";
import { createOAuthApplicationInput } from "@/lib/schemas/oauth-applications";
import { DialogForm } from "@/components/form/action-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { createOAuthApplicationAction } from "../actions";
import { ApplicationFields, EMPTY_DRAFT, wireOf } from "./application-fields";
import { ClientSecretDialog, type ClientSecret } from "./client-secret-dialog";
import { useApplicationsRefresh } from "./use-applications-refresh";

/** "New application": registers it, then shows its client ID and the secret, once. */
export function CreateApplicationButton({ organizationId }: { organizationId: string }) {
  const refresh = useApplicationsRefresh(organizationId);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [secret, setSecret] = useState<ClientSecret | null>(null);
  const form = useFormAction({
    schema: createOAuthApplicationInput,
    action: (input) => createOAuthApplicationAction(organizationId, input),
    success: "OAuth application registered.",
    onSuccess: (created) => {
      close();
      void refresh();
      setSecret({ title: `${created.name} is registered`, clientId: created.client_id, secret: created.client_secret });
    },
  });
  function close() {
    setDraft(EMPTY_DRAFT);
    form.reset();
    setOpen(false);
  }
  return (
    <>
      <Button variant="primary" onClick={() => setOpen(true)}>
        New application
      </Button>
      <Dialog open={open} onClose={close} title="New OAuth application" description="The app gets a client ID and a client secret; people it signs in return to one of its redirect URIs.">
        <DialogForm form={form} submitLabel="Register application" onCancel={close} onSubmit={() => form.submit(wireOf(draft))}>
          <ApplicationFields draft={draft} onChange={setDraft} errors={form.errors} />
        </DialogForm>
      </Dialog>
      <ClientSecretDialog secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
