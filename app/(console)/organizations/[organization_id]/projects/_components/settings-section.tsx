"use client";

import { useEffect, useRef, useState } from "react";
import type { Level } from "@/lib/auth/permissions";
import { projectChangeDenial } from "@/lib/auth/project-rules";
import type { Project } from "@/lib/query/types";
import { issueToError } from "@/lib/schemas/parse";
import { PatchedProjectBackwardCompat } from "@/lib/schemas/projects";
import { FormPanel } from "@/components/form/action-form";
import type { FieldErrors } from "@/components/form/use-form-action";
import { useToast } from "@/components/ui/toast";
import { SettingControl } from "./setting-control";
import { sameAsStored, toDraft, toWire, type Draft } from "./setting-kinds";
import type { SettingSection } from "./setting-sections";
import { useProjectUpdate } from "./use-project";

type Props = { section: SettingSection; project: Project; organizationId: string; effective: Level | null; locked: string | null };

/** The field an error's `attr` names: `app_urls__0` is the first line of App URLs. */
const fieldOf = (attr: string | null) => attr?.split("__")[0] ?? null;

/**
 * One section of the project's settings with its own Save: a PATCH of the fields changed in it, shown at once and put
 * back if the API refuses it, with the API's message at the field it names.
 */
export function ProjectSettingsSection({ section, project, organizationId, effective, locked }: Props) {
  const toast = useToast();
  const formRef = useRef<HTMLFormElement>(null);
  const [edits, setEdits] = useState<Record<string, Draft>>({});
  const [errors, setErrors] = useState<FieldErrors>({});
  const update = useProjectUpdate(organizationId, project.id);
  const stored = project as unknown as Record<string, unknown>;
  const names = new Set(section.fields.map((f) => f.name));
  const changed = section.fields.filter((f) => f.name in edits && !sameAsStored(f, edits[f.name], stored[f.name]));

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }, [errors]);

  function showError(attr: string | null, detail: string) {
    const field = fieldOf(attr);
    setErrors(field && names.has(field) ? { [field]: detail } : { form: detail });
  }

  function save() {
    const patch: Record<string, unknown> = {};
    for (const field of changed) {
      const wire = toWire(field, edits[field.name]);
      if ("error" in wire) return showError(field.name, wire.error);
      patch[field.name] = wire.value;
    }
    const checked = PatchedProjectBackwardCompat.safeParse(patch);
    if (!checked.success) {
      const { body } = issueToError(checked.error.issues[0] as Parameters<typeof issueToError>[0]);
      return showError(body.attr, body.detail);
    }
    setErrors({});
    update.mutate(patch, {
      onSuccess: () => {
        setEdits({});
        toast(`${section.title} settings saved.`);
      },
      onError: (error) => showError(error.body.attr, error.body.detail),
    });
  }

  return (
    <div id={section.id} className="scroll-mt-6">
      <FormPanel
        title={section.title}
        description={section.description}
        form={{ formRef, errors, pending: update.isPending }}
        readOnly={locked !== null}
        submitLabel={`Save ${section.title.toLowerCase()} settings`}
        canSubmit={changed.length > 0}
        onSubmit={save}
      >
        {section.fields.map((field) => {
          const reason = locked ?? projectChangeDenial(effective, [field.name])?.hint ?? null;
          return (
            <SettingControl
              key={field.name}
              field={field}
              value={edits[field.name] ?? toDraft(field, stored[field.name])}
              onChange={(value) => setEdits((e) => ({ ...e, [field.name]: value }))}
              error={errors[field.name]}
              disabled={reason !== null}
              reason={locked ? null : reason}
            />
          );
        })}
      </FormPanel>
    </div>
  );
}
