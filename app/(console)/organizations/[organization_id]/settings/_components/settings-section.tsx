"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Organization } from "@/lib/query/types";
import { updateOrganizationInput, type UpdateOrganizationInput } from "@/lib/schemas/organizations";
import { FormPanel } from "@/components/form/action-form";
import { CheckboxField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { updateOrganizationAction } from "../actions";

type TextSetting = "name" | "slug";
type SwitchSetting =
  | "members_can_invite"
  | "is_member_join_email_enabled"
  | "enforce_2fa"
  | "members_can_use_personal_api_keys"
  | "members_can_create_projects"
  | "allow_domain_discovery";
export type SettingField =
  | { name: TextSetting; kind: "text"; label: string; hint: string; maxLength: number }
  | { name: SwitchSetting; kind: "checkbox"; label: string; hint: string };

type Values = Partial<Record<TextSetting, string> & Record<SwitchSetting, boolean>>;

function valuesOf(organization: Organization, fields: readonly SettingField[]): Values {
  return Object.fromEntries(fields.map((f) => [f.name, f.kind === "text" ? organization[f.name] : Boolean(organization[f.name])])) as Values;
}

type Props = { title: string; fields: readonly SettingField[]; organization: Organization; canEdit: boolean };

/** One card of settings with its own Save: only the fields that changed are sent. */
export function SettingsSection({ title, fields, organization, canEdit }: Props) {
  const router = useRouter();
  const [saved, setSaved] = useState(() => valuesOf(organization, fields));
  const [values, setValues] = useState(saved);
  const changed = Object.fromEntries(Object.entries(values).filter(([k, v]) => saved[k as keyof Values] !== v)) as UpdateOrganizationInput;
  const form = useFormAction({
    schema: updateOrganizationInput,
    action: (input) => updateOrganizationAction(organization.id, input),
    success: `${title} settings saved.`,
    onSuccess: (updated) => {
      const next = valuesOf(updated, fields);
      setSaved(next);
      setValues(next);
      router.refresh();
    },
  });
  const set = (name: string, value: string | boolean) => setValues((v) => ({ ...v, [name]: value }));

  return (
    <FormPanel
      title={title}
      form={form}
      readOnly={!canEdit}
      submitLabel={`Save ${title.toLowerCase()} settings`}
      canSubmit={Object.keys(changed).length > 0}
      onSubmit={() => form.submit(changed)}
    >
      {fields.map((f) =>
        f.kind === "text" ? (
          <TextField
            key={f.name}
            label={f.label}
            name={f.name}
            hint={f.hint}
            maxLength={f.maxLength}
            value={values[f.name] ?? ""}
            onChange={(e) => set(f.name, e.target.value)}
            error={form.errors[f.name]}
            disabled={!canEdit}
          />
        ) : (
          <CheckboxField
            key={f.name}
            label={f.label}
            name={f.name}
            hint={f.hint}
            checked={values[f.name] ?? false}
            onChange={(e) => set(f.name, e.target.checked)}
            error={form.errors[f.name]}
            disabled={!canEdit}
          />
        ),
      )}
    </FormPanel>
  );
}
