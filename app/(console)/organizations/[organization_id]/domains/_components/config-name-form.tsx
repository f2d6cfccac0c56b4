"use client";

import { useState } from "react";
import { z } from "zod";
import { createIdentityProviderConfigInput } from "@/lib/schemas/domains";
import { FormPanel } from "@/components/form/action-form";
import { TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { updateIdentityProviderConfigAction } from "../actions";
import { useDomainsRefresh } from "./use-domains-refresh";

const nameInput = createIdentityProviderConfigInput.pick({ name: true }).extend({ id: z.string() });

/** A shared identity provider's name, as the domain pages and the list show it. */
export function ConfigNameForm({ organizationId, id, name, canEdit }: { organizationId: string; id: string; name: string; canEdit: boolean }) {
  const refresh = useDomainsRefresh(organizationId);
  const [value, setValue] = useState(name);
  const form = useFormAction({
    schema: nameInput,
    action: (input) => updateIdentityProviderConfigAction(organizationId, input),
    success: "Name saved.",
    onSuccess: () => refresh(),
  });
  return (
    <FormPanel title="Name" form={form} readOnly={!canEdit} submitLabel="Save name" canSubmit={value.trim() !== name} onSubmit={() => form.submit({ id, name: value.trim() })}>
      <TextField label="Name" name="name" value={value} onChange={(e) => setValue(e.target.value)} error={form.errors.name} maxLength={255} disabled={!canEdit} autoComplete="off" />
    </FormPanel>
  );
}
