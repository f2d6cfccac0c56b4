"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Me } from "@/lib/query/types";
import { ROLES_AT_ORGANIZATION, updateMeInput } from "@/lib/schemas/users";
import { FormPanel } from "@/components/form/action-form";
import { SelectField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { updateMeAction } from "../actions";

type JobFunction = (typeof ROLES_AT_ORGANIZATION)[number];

const JOB_FUNCTION_OPTIONS = ROLES_AT_ORGANIZATION.map((role) => ({
  value: role,
  label: role === "" ? "Not set" : role[0].toUpperCase() + role.slice(1),
}));

/** Your name and job function (the API's `role_at_organization`: what you do, not your level anywhere). */
export function ProfileForm({ me }: { me: Me }) {
  const router = useRouter();
  const [firstName, setFirstName] = useState(me.first_name);
  const [lastName, setLastName] = useState(me.last_name);
  const [jobFunction, setJobFunction] = useState<JobFunction>((me.role_at_organization ?? "") as JobFunction);
  const form = useFormAction({
    schema: updateMeInput,
    action: (input) => updateMeAction(undefined, input),
    success: "Profile saved.",
    onSuccess: () => router.refresh(),
  });
  return (
    <FormPanel
      title="Your details"
      description={
        <>
          Signed in as <strong className="font-medium text-fg">{me.email}</strong>. Your email address comes from your identity provider.
        </>
      }
      form={form}
      submitLabel="Save profile"
      onSubmit={() => form.submit({ user_id: "@me", first_name: firstName, last_name: lastName, role_at_organization: jobFunction })}
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField label="First name" name="first_name" value={firstName} onChange={(e) => setFirstName(e.target.value)} error={form.errors.first_name} maxLength={150} autoComplete="given-name" />
        <TextField label="Last name" name="last_name" value={lastName} onChange={(e) => setLastName(e.target.value)} error={form.errors.last_name} maxLength={150} autoComplete="family-name" />
      </div>
      <SelectField
        label="Job function"
        name="role_at_organization"
        options={JOB_FUNCTION_OPTIONS}
        value={jobFunction}
        onChange={(e) => setJobFunction(e.target.value as JobFunction)}
        error={form.errors.role_at_organization}
        hint="What you do, so others know whom to ask. It is not your level in any organization: owners and admins set that on the Members page."
        className="sm:max-w-xs"
      />
    </FormPanel>
  );
}
