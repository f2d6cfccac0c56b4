"use client";

import { useState } from "react";
import type { DirectoryPermission } from "@/lib/auth/directory-permissions";
import { updateServiceAccountInput, type ServiceAccount } from "@/lib/schemas/service-accounts";
import { DialogForm } from "@/components/form/action-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Dialog } from "@/components/ui/dialog";
import { updateServiceAccountAction } from "../actions";
import { ServiceAccountFields } from "./service-account-fields";

type Props = { organizationId: string; account: ServiceAccount; grantable: readonly DirectoryPermission[]; onClose: () => void; onSaved: () => void };

/** Renaming an account or changing its permissions; permissions it already holds stay tickable off, even beyond the editor's own. */
export function EditServiceAccountDialog({ organizationId, account, grantable, onClose, onSaved }: Props) {
  const [draft, setDraft] = useState({ name: account.name, permissions: account.permissions });
  const form = useFormAction({
    schema: updateServiceAccountInput,
    action: (input) => updateServiceAccountAction(organizationId, { id: account.id, ...input }),
    success: "Service account saved.",
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  return (
    <Dialog open onClose={onClose} title={`Edit ${account.name}`} description="A permission taken away stops working at once, even in tokens already issued; one added reaches the tokens it gets from now on. The client ID and secret stay the same.">
      <DialogForm form={form} submitLabel="Save changes" onCancel={onClose} onSubmit={() => form.submit(draft)}>
        <ServiceAccountFields draft={draft} onChange={setDraft} errors={form.errors} grantable={[...new Set([...grantable, ...account.permissions])]} />
      </DialogForm>
    </Dialog>
  );
}
