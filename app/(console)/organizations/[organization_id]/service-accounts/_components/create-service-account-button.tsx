"use client";

import { useState } from "react";
import type { DirectoryPermission } from "@/lib/auth/directory-permissions";
import { createServiceAccountInput } from "@/lib/schemas/service-accounts";
import { DialogForm } from "@/components/form/action-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { createServiceAccountAction } from "../actions";
import { ServiceAccountFields, EMPTY_DRAFT } from "./service-account-fields";
import { ServiceAccountSecretDialog, type ServiceAccountSecret } from "./service-account-secret-dialog";
import { useServiceAccountsRefresh } from "./use-service-accounts-refresh";

/** "New service account": creates it, then shows its client ID and secret, once. */
export function CreateServiceAccountButton({ organizationId, grantable }: { organizationId: string; grantable: readonly DirectoryPermission[] }) {
  const refresh = useServiceAccountsRefresh(organizationId);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState(EMPTY_DRAFT);
  const [secret, setSecret] = useState<ServiceAccountSecret | null>(null);
  const form = useFormAction({
    schema: createServiceAccountInput,
    action: (input) => createServiceAccountAction(organizationId, input),
    success: "Service account created.",
    onSuccess: (created) => {
      close();
      void refresh();
      setSecret({ title: `${created.name} is ready`, clientId: created.client_id, secret: created.client_secret });
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
        New service account
      </Button>
      <Dialog open={open} onClose={close} title="New service account" description="It gets a client ID and a client secret, shown once, to obtain access tokens for the directory API.">
        <DialogForm form={form} submitLabel="Create service account" onCancel={close} onSubmit={() => form.submit(draft)}>
          <ServiceAccountFields draft={draft} onChange={setDraft} errors={form.errors} grantable={grantable} />
        </DialogForm>
      </Dialog>
      <ServiceAccountSecretDialog secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
