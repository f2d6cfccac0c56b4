"use client";

import { useState, useTransition } from "react";
import { DIRECTORY_GRANTS, DIRECTORY_PERMISSIONS, type DirectoryPermission } from "@/lib/auth/directory-permissions";
import { LEVELS, LEVEL_NAMES } from "@/lib/auth/permissions";
import type { DirectoryRole } from "@/lib/schemas/directory-roles";
import { ListState } from "@/components/data/list-state";
import { DIRECTORY_PERMISSION_LABELS } from "@/components/directory/permission-words";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteDirectoryRoleAction } from "../actions";
import { HoldersDialog } from "./holders-dialog";
import { RoleDialog } from "./role-dialog";
import { useDirectoryRoles, useRolesRefresh } from "./use-directory-roles";

type Row = { id: string; name: string; permissions: readonly DirectoryPermission[]; custom: DirectoryRole | null };

const BUILT_IN: Row[] = LEVELS.map((level) => ({ id: `built-in-${level}`, name: LEVEL_NAMES[level], permissions: DIRECTORY_GRANTS[level], custom: null }));

function Cell({ granted }: { granted: boolean }) {
  return (
    <td className="px-3 py-2 text-center">
      <span aria-hidden="true" className={granted ? "text-ok-text" : "text-muted"}>
        {granted ? "✓" : "–"}
      </span>
      <span className="sr-only">{granted ? "Granted" : "Not granted"}</span>
    </td>
  );
}

type Dialog = { kind: "create" } | { kind: "edit" | "holders" | "delete"; role: DirectoryRole } | null;

/** Roles × directory permissions: the built-in roles, then the custom ones, which admins create, edit, give and delete. */
export function RoleMatrix({ organizationId, grantable }: { organizationId: string; grantable: readonly DirectoryPermission[] }) {
  const roles = useDirectoryRoles(organizationId);
  const refresh = useRolesRefresh(organizationId);
  const toast = useToast();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [pending, startTransition] = useTransition();
  const rows = [...BUILT_IN, ...(roles.data?.results ?? []).map((r) => ({ id: r.id, name: r.name, permissions: r.permissions, custom: r }))];

  function remove(role: DirectoryRole) {
    startTransition(async () => {
      const result = await deleteDirectoryRoleAction(organizationId, { id: role.id });
      setDialog(null);
      await refresh();
      toast(result.ok ? `The role ${role.name} was deleted.` : result.error.detail, result.ok ? undefined : "error");
    });
  }

  return (
    <section aria-labelledby="role-matrix-title">
      <div className="mb-3 flex flex-wrap items-end justify-between gap-3">
        <div>
          <h2 id="role-matrix-title" className="text-base font-semibold">
            Permission matrix
          </h2>
          <p className="mt-1 text-muted">Which directory permissions each role grants. A member holds their level&apos;s role and every custom role given to them.</p>
        </div>
        <Button variant="primary" onClick={() => setDialog({ kind: "create" })}>
          New role
        </Button>
      </div>
      {roles.isError ? (
        <ListState status={{ state: "error", message: roles.error.message }} noun="roles" />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-line bg-surface">
          <table aria-busy={roles.isFetching || pending} className="w-full text-left">
            <caption className="sr-only">Roles and the directory permissions they grant</caption>
            <thead className="border-b border-line text-xs text-muted">
              <tr>
                <th scope="col" className="px-4 py-2 font-medium">
                  Role
                </th>
                {DIRECTORY_PERMISSIONS.map((p) => (
                  <th key={p} scope="col" title={p} className="min-w-20 px-3 py-2 text-center align-bottom font-medium">
                    {DIRECTORY_PERMISSION_LABELS[p]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="divide-y divide-line">
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row" className="min-w-56 px-4 py-2 text-left align-top font-normal">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">{row.name}</span>
                      {row.custom ? <Badge tone="accent">Custom · {row.custom.assignment_count} holding it</Badge> : <Badge>Built-in</Badge>}
                    </span>
                    {row.custom && <RoleButtons role={row.custom} onOpen={setDialog} />}
                  </th>
                  {DIRECTORY_PERMISSIONS.map((p) => (
                    <Cell key={p} granted={row.permissions.includes(p)} />
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
          {roles.isPending && <p className="px-4 py-3 text-muted">Loading custom roles…</p>}
          {roles.data?.count === 0 && <p className="px-4 py-3 text-muted">No custom roles yet. Create one to give members or service accounts permissions beyond their level.</p>}
        </div>
      )}
      {(dialog?.kind === "create" || dialog?.kind === "edit") && (
        <RoleDialog organizationId={organizationId} role={dialog.kind === "edit" ? dialog.role : null} grantable={grantable} onClose={() => setDialog(null)} onSaved={() => void refresh()} />
      )}
      {dialog?.kind === "holders" && <HoldersDialog organizationId={organizationId} role={dialog.role} onClose={() => setDialog(null)} onChanged={() => void refresh()} />}
      <ConfirmDialog
        open={dialog?.kind === "delete"}
        onClose={() => setDialog(null)}
        onConfirm={() => dialog?.kind === "delete" && remove(dialog.role)}
        pending={pending}
        title={`Delete the role ${dialog?.kind === "delete" ? dialog.role.name : ""}?`}
        description="Whoever holds it loses its permissions at once, service accounts' tokens included. This cannot be undone."
        confirmLabel="Delete role"
      />
    </section>
  );
}

function RoleButtons({ role, onOpen }: { role: DirectoryRole; onOpen: (dialog: Dialog) => void }) {
  return (
    <span className="mt-2 flex flex-wrap gap-1.5">
      <Button size="sm" onClick={() => onOpen({ kind: "edit", role })}>
        Edit<span className="sr-only"> the role {role.name}</span>
      </Button>
      <Button size="sm" onClick={() => onOpen({ kind: "holders", role })}>
        Holders<span className="sr-only"> of the role {role.name}</span>
      </Button>
      <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => onOpen({ kind: "delete", role })}>
        Delete<span className="sr-only"> the role {role.name}</span>
      </Button>
    </span>
  );
}
