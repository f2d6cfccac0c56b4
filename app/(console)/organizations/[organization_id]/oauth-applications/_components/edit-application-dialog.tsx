"use client";

import { useState } from "react";
import type { OAuthApplication } from "@/lib/query/types";
import { createOAuthApplicationInput } from "@/lib/schemas/oauth-applications";
import { DialogForm } from "@/components/form/action-form";
import { useFormAction } from "@/components/form/use-form-action";
import { Dialog } from "@/components/ui/dialog";
import { updateOAuthApplicationAction } from "../actions";
import { ApplicationFields, wireOf } from "./application-fields";

type Props = { organizationId: string; application: OAuthApplication; onClose: () => void; onSaved: () => void };

/** Renaming an application or replacing its redirect URIs; both are sent, as the form shows both. */
export function EditApplicationDialog({ organizationId, application, onClose, onSaved }: Props) {
  const [draft, setDraft] = useState({ name: application.name, uris: application.redirect_uris_list.join("\n") });
  const form = useFormAction({
    schema: createOAuthApplicationInput,
    action: (input) => updateOAuthApplicationAction(organizationId, { id: application.id, ...input }),
    success: "OAuth application saved.",
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  return (
    <Dialog open onClose={onClose} title={`Edit ${application.name}`} description="Changes apply at once; the client ID and secret stay the same.">
      <DialogForm form={form} submitLabel="Save changes" onCancel={onClose} onSubmit={() => form.submit(wireOf(draft))}>
        <ApplicationFields draft={draft} onChange={setDraft} errors={form.errors} />
      </DialogForm>
    </Dialog>
  );
}
