"use client";

import type { DirectoryPermission } from "@/lib/auth/directory-permissions";
import { PermissionChecklist } from "@/components/directory/permission-checklist";
import { TextField } from "@/components/form/field";
import type { FieldErrors } from "@/components/form/use-form-action";

/** What the form holds: the account's name and its directory permissions. */
export type ServiceAccountDraft = { name: string; permissions: DirectoryPermission[] };

export const EMPTY_DRAFT: ServiceAccountDraft = { name: "", permissions: [] };

type Props = { draft: ServiceAccountDraft; onChange: (draft: ServiceAccountDraft) => void; errors: FieldErrors; grantable: readonly DirectoryPermission[] };

/** The name and permissions of a service account, for creating it and for changing it. */
export function ServiceAccountFields({ draft, onChange, errors, grantable }: Props) {
  return (
    <>
      <TextField
        label="Name"
        name="name"
        value={draft.name}
        onChange={(e) => onChange({ ...draft, name: e.target.value })}
        error={errors.name}
        hint="Who or what uses it, e.g. the system that calls the directory API."
        autoComplete="off"
        maxLength={255}
      />
      <PermissionChecklist
        legend="Permissions"
        name="permissions"
        hint="What its access tokens may do in the directory API; a token request may ask for fewer."
        lockedHint="You can give only permissions your own role holds."
        value={draft.permissions}
        onChange={(permissions) => onChange({ ...draft, permissions })}
        grantable={grantable}
        error={errors.permissions}
      />
    </>
  );
}
