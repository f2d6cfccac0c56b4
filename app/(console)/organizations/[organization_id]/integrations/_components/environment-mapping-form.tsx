"use client";

import { useState } from "react";
import { z } from "zod";
import { environmentMappingInput } from "@/lib/schemas/integrations";
import { FormPanel } from "@/components/form/action-form";
import { SelectField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { updateEnvironmentMappingAction } from "../actions";
import { useIntegrationsRefresh } from "./use-integrations-refresh";
import { useProjects, type ProjectChoice } from "./use-projects";
import { ADMINS_ONLY, type EnvironmentMapping } from "./webhook-words";

const ENVIRONMENTS = [
  { name: "production", label: "Production", hint: "Required." },
  { name: "preview", label: "Preview", hint: "Same as production unless you choose another." },
  { name: "development", label: "Development", hint: "Same as production unless you choose another." },
] as const;
type Environment = (typeof ENVIRONMENTS)[number]["name"];

const mappingInput = environmentMappingInput.extend({ id: z.string() });

function optionsFor(environment: Environment, projects: ProjectChoice[], current: string) {
  const known = projects.some((p) => String(p.id) === current);
  return [
    { value: "", label: environment === "production" ? "Choose a project" : "Same as production" },
    ...projects.map((p) => ({ value: String(p.id), label: `${p.name} (${p.id})` })),
    ...(current && !known ? [{ value: current, label: `Project ${current}` }] : []),
  ];
}

type Props = { organizationId: string; id: string; saved: EnvironmentMapping | null; canEdit: boolean };

/** Which project each environment belongs to; production is required, the others default to it. */
export function EnvironmentMappingForm({ organizationId, id, saved, canEdit }: Props) {
  const refresh = useIntegrationsRefresh(organizationId);
  const projects = useProjects(organizationId);
  const initial = (env: Environment) => (saved ? String(saved[env]) : "");
  const [values, setValues] = useState<Record<Environment, string>>({ production: initial("production"), preview: initial("preview"), development: initial("development") });
  const form = useFormAction({
    schema: mappingInput,
    action: (input) => updateEnvironmentMappingAction(organizationId, input),
    success: "Environment mapping saved.",
    onSuccess: () => refresh(),
  });
  const number = (value: string) => (value.trim() === "" ? undefined : Number(value));
  const changed = ENVIRONMENTS.some(({ name }) => values[name] !== initial(name));
  return (
    <FormPanel
      title="Environments"
      description={canEdit ? "The project each environment sends to and reads from." : ADMINS_ONLY}
      form={form}
      readOnly={!canEdit}
      submitLabel="Save environments"
      canSubmit={changed && projects !== undefined}
      onSubmit={() => form.submit({ id, production: number(values.production) as number, preview: number(values.preview), development: number(values.development) })}
    >
      <div className="grid gap-4 sm:grid-cols-3">
        {ENVIRONMENTS.map(({ name, label, hint }) => {
          const common = {
            label,
            name,
            value: values[name],
            error: form.errors[name],
            disabled: !canEdit || projects === undefined,
            onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setValues((v) => ({ ...v, [name]: e.target.value })),
          };
          return projects === null ? (
            <TextField key={name} {...common} type="number" inputMode="numeric" min={1} step={1} hint={`Project id. ${hint}`} required={name === "production"} />
          ) : (
            <SelectField key={name} {...common} hint={hint} required={name === "production"} options={optionsFor(name, projects ?? [], values[name])} />
          );
        })}
      </div>
    </FormPanel>
  );
}
