"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { createOrganizationInput } from "@/lib/schemas/organizations";
import { FormError, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { createOrganizationAction } from "../actions";

export function CreateOrganizationForm() {
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const { formRef, errors, pending, submit } = useFormAction({
    schema: createOrganizationInput,
    action: (input) => createOrganizationAction(undefined, input),
    success: "Organization created.",
    onSuccess: (organization) => {
      router.push(`/organizations/${organization.id}/settings`);
      router.refresh();
    },
  });
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit({ name, ...(slug.trim() && { slug: slug.trim() }) });
      }}
    >
      <Panel
        title="Organization details"
        footer={
          <Button type="submit" variant="primary" pending={pending}>
            Create organization
          </Button>
        }
      >
        <div className="space-y-4">
          <FormError message={errors.form} />
          <TextField label="Name" name="name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} maxLength={64} autoComplete="organization" hint="Your company or team, as members will see it." />
          <TextField
            label="Slug (optional)"
            name="slug"
            value={slug}
            onChange={(e) => setSlug(e.target.value)}
            error={errors.slug}
            maxLength={48}
            hint="Lower-case letters, numbers and hyphens. Left empty, it is made from the name."
          />
        </div>
      </Panel>
    </form>
  );
}
