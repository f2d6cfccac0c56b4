"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createOrganizationInput } from "@/lib/schemas/organizations";
import { FormPanel } from "@/components/form/action-form";
import { TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { createOrganizationAction } from "../actions";

export function CreateOrganizationForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const form = useFormAction({
    schema: createOrganizationInput,
    action: (input) => createOrganizationAction(undefined, input),
    success: "Organization created.",
    onSuccess: (organization) => {
      router.push(`/organizations/${organization.id}/members`);
      router.refresh();
    },
  });
  return (
    <FormPanel title="Organization details" form={form} submitLabel="Create organization" onSubmit={() => form.submit({ name, ...(slug.trim() && { slug: slug.trim() }) })}>
      <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={form.errors.name} maxLength={64} autoComplete="organization" hint="Your company or team, as members will see it." />
      <TextField
        label="Slug (optional)"
        name="slug"
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        error={form.errors.slug}
        maxLength={48}
        hint="Lower-case letters, numbers and hyphens. Left empty, it is made from the name."
      />
    </FormPanel>
  );
}
