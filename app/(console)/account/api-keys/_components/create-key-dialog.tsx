"use client";

import { useState } from "react";
import { z } from "zod";
import { SCOPE_OBJECTS, type ScopeObject } from "@/lib/auth/scopes";
import type { OrganizationSummary } from "@/lib/query/types";
import { createPersonalApiKeyInput } from "@/lib/schemas/personal-api-keys";
import { DialogForm } from "@/components/form/action-form";
import { CheckboxField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Dialog } from "@/components/ui/dialog";
import { createPersonalApiKeyAction } from "../actions";
import { ScopePicker } from "./scope-picker";
import { scopesFor, type Access, type Preset } from "./scopes";

/** The API's schema, plus what only the form can get wrong: nothing picked where the choice is "only these". */
const createKeyForm = createPersonalApiKeyInput
  .extend({
    scopes: z.array(z.string()).superRefine((scopes, ctx) => {
      if (scopes.length === 0) ctx.addIssue({ code: "custom", message: "Choose at least one scope, or a preset." });
    }),
  })
  .superRefine((input, ctx) => {
    if (input.scoped_organizations?.length === 0) {
      ctx.addIssue({ code: "custom", path: ["scoped_organizations"], message: "Choose at least one organization, or allow them all." });
    }
  });

const NO_ACCESS = Object.fromEntries(SCOPE_OBJECTS.map((o) => [o, "none"])) as Record<ScopeObject, Access>;

type Props = { open: boolean; onClose: () => void; organizations: OrganizationSummary[]; onCreated: (label: string, value: string) => void };

export function CreateKeyDialog({ open, onClose, organizations, onCreated }: Props) {
  const [label, setLabel] = useState("");
  const [preset, setPreset] = useState<Preset>("all");
  const [custom, setCustom] = useState(NO_ACCESS);
  const [restricted, setRestricted] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const form = useFormAction({
    schema: createKeyForm,
    action: (input) => createPersonalApiKeyAction(undefined, input),
    success: "API key created.",
    onSuccess: (key) => {
      close();
      onCreated(key.label, key.value);
    },
  });

  function close() {
    setLabel("");
    setPreset("all");
    setCustom(NO_ACCESS);
    setRestricted(false);
    setChosen([]);
    form.reset();
    onClose();
  }

  return (
    <Dialog open={open} onClose={close} title="New personal API key" description="The key acts as you, limited to the scopes and organizations you choose." size="lg">
      <DialogForm
        form={form}
        submitLabel="Create key"
        onCancel={close}
        onSubmit={() => form.submit({ label, scopes: scopesFor(preset, custom), scoped_organizations: restricted ? chosen : null })}
      >
        <TextField label="Label" name="label" value={label} onChange={(e) => setLabel(e.target.value)} error={form.errors.label} maxLength={40} hint="Where the key is used, e.g. “CI deploys”." autoComplete="off" />
        <ScopePicker preset={preset} onPreset={setPreset} custom={custom} onCustom={(o, a) => setCustom((c) => ({ ...c, [o]: a }))} error={form.errors.scopes} />
        <fieldset>
          <legend className="font-medium">Organizations</legend>
          <div className="mt-2 space-y-2">
            <CheckboxField
              label="Only some of my organizations"
              name="restrict_organizations"
              hint="Off, the key works in every organization you belong to, including ones you join later."
              checked={restricted}
              onChange={(e) => setRestricted(e.target.checked)}
            />
            {restricted && (
              <div className="ml-7 space-y-1.5">
                {organizations.map((o) => (
                  <CheckboxField
                    key={o.id}
                    label={o.name}
                    name="scoped_organizations"
                    checked={chosen.includes(o.id)}
                    onChange={(e) => setChosen((list) => (e.target.checked ? [...list, o.id] : list.filter((id) => id !== o.id)))}
                    error={o.id === organizations[0]?.id ? form.errors.scoped_organizations : undefined}
                  />
                ))}
              </div>
            )}
          </div>
        </fieldset>
      </DialogForm>
    </Dialog>
  );
}
