"use client";

import { useState } from "react";
import { createIdentityProviderConfigInput } from "@/lib/schemas/domains";
import { DialogForm } from "@/components/form/action-form";
import { TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { createIdentityProviderConfigAction } from "../actions";
import { useDomainsRefresh } from "./use-domains-refresh";

/** "Add identity provider": a named config, set up on its own page. */
export function AddConfigButton({ organizationId }: { organizationId: string }) {
  const refresh = useDomainsRefresh(organizationId);
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const form = useFormAction({
    schema: createIdentityProviderConfigInput,
    action: (input) => createIdentityProviderConfigAction(organizationId, input),
    success: "Identity provider added.",
    onSuccess: (created) => {
      close();
      refresh(`/organizations/${organizationId}/identity-providers/${created.id}`);
    },
  });
  function close() {
    setName("");
    form.reset();
    setOpen(false);
  }
  return (
    <>
      <Button onClick={() => setOpen(true)}>Add identity provider</Button>
      <Dialog open={open} onClose={close} title="Add identity provider" description="Its SAML and SCIM settings are then set on its page and shared by every domain linked to it.">
        <DialogForm form={form} submitLabel="Add identity provider" onCancel={close} onSubmit={() => form.submit({ name: name.trim() })}>
          <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} hint="For example “Okta” or “Entra ID, Europe”." autoComplete="off" maxLength={255} />
        </DialogForm>
      </Dialog>
    </>
  );
}
