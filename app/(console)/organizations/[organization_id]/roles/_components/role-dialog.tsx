"use client";

import { useState } from "react";
import type { DirectoryPermission } from "@/lib/auth/directory-permissions";
import { createDirectoryRoleInput, type DirectoryRole } from "@/lib/schemas/directory-roles";
import { PermissionChecklist } from "@/components/directory/permission-checklist";
import { DialogForm } from "@/components/form/action-form";
import { TextField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Dialog } from "@/components/ui/dialog";
import { createDirectoryRoleAction, updateDirectoryRoleAction } from "../actions";

type Props = { organizationId: string; role: DirectoryRole | null; grantable: readonly DirectoryPermission[]; onClose: () => void; onSaved: () => void };

/** Creating a custom role (role null) or changing one: its name and the directory permissions it grants. */
export function RoleDialog({ organizationId, role, grantable, onClose, onSaved }: Props) {
  const [draft, setDraft] = useState({ name: role?.name ?? "", permissions: role?.permissions ?? ([] as DirectoryPermission[]) });
  const form = useFormAction({
    schema: createDirectoryRoleInput,
    action: (input) => (role ? updateDirectoryRoleAction(organizationId, { id: role.id, ...input }) : createDirectoryRoleAction(organizationId, input)),
    success: role ? "Role saved." : "Role created.",
    onSuccess: () => {
      onSaved();
      onClose();
    },
  });
  return (
    <Dialog
      open
      onClose={onClose}
      title={role ? `Edit the role ${role.name}` : "New role"}
      description={role ? "Whoever holds it gains or loses these permissions at once." : "A name and the directory permissions it grants; give it to members and service accounts afterwards."}
    >
      <DialogForm form={form} submitLabel={role ? "Save changes" : "Create role"} onCancel={onClose} onSubmit={() => form.submit(draft)}>
        <TextField label="Name" name="name" value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} error={form.errors.name} autoComplete="off" maxLength={100} />
        <PermissionChecklist
          legend="Permissions"
          name="permissions"
          hint="What holding the role allows in the directory API."
          lockedHint="You can grant only permissions your own role holds."
          value={draft.permissions}
          onChange={(permissions) => setDraft({ ...draft, permissions })}
          grantable={[...new Set([...grantable, ...(role?.permissions ?? [])])]}
          error={form.errors.permissions}
        />
      </DialogForm>
    </Dialog>
  );
}
