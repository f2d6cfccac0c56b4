"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Me } from "@/lib/query/types";
import { ROLES_AT_ORGANIZATION, updateMeInput } from "@/lib/schemas/users";
import { FormError, SelectField, TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Panel } from "@/components/ui/panel";
import { updateMeAction } from "../actions";

type Role = (typeof ROLES_AT_ORGANIZATION)[number];

const ROLE_OPTIONS = ROLES_AT_ORGANIZATION.map((role) => ({
  value: role,
  label: role === "" ? "Not set" : role[0].toUpperCase() + role.slice(1),
}));

export function ProfileForm({ me }: { me: Me }) {
  const router = useRouter();
  const [firstName, setFirstName] = useState(me.first_name);
  const [lastName, setLastName] = useState(me.last_name);
  const [role, setRole] = useState<Role>((me.role_at_organization ?? "") as Role);
  const { formRef, errors, pending, submit } = useFormAction({
    schema: updateMeInput,
    action: (input) => updateMeAction(undefined, input),
    success: "Profile saved.",
    onSuccess: () => router.refresh(),
  });
  return (
    <form
      ref={formRef}
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        submit({ user_id: "@me", first_name: firstName, last_name: lastName, role_at_organization: role });
      }}
    >
      <Panel
        title="Your details"
        description={
          <>
            Signed in as <strong className="font-medium text-fg">{me.email}</strong>. Your email address comes from your identity
            provider.
          </>
        }
        footer={
          <Button type="submit" variant="primary" pending={pending}>
            Save profile
          </Button>
        }
      >
        <div className="space-y-4">
          <FormError message={errors.form} />
          <div className="grid gap-4 sm:grid-cols-2">
            <TextField label="First name" name="first_name" value={firstName} onChange={(e) => setFirstName(e.target.value)} error={errors.first_name} maxLength={150} autoComplete="given-name" />
            <TextField label="Last name" name="last_name" value={lastName} onChange={(e) => setLastName(e.target.value)} error={errors.last_name} maxLength={150} autoComplete="family-name" />
          </div>
          <SelectField
            label="Role at your organization"
            name="role_at_organization"
            options={ROLE_OPTIONS}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            error={errors.role_at_organization}
            hint="What you do, so others know whom to ask."
            className="sm:max-w-xs"
          />
        </div>
      </Panel>
    </form>
  );
}
