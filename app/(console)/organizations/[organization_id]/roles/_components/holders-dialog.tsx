"use client";

import { useQuery } from "@tanstack/react-query";
import { useState, useTransition } from "react";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import { assignDirectoryRoleInput, type DirectoryRole, type DirectoryRoleAssignment } from "@/lib/schemas/directory-roles";
import { FormError, SelectField } from "@/components/form/field";
import { useFormAction } from "@/components/form/use-form-action";
import { Button } from "@/components/ui/button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { useToast } from "@/components/ui/toast";
import { assignDirectoryRoleAction, unassignDirectoryRoleAction } from "../actions";
import { holderInput, holderValue, useHolders } from "./use-holders";

type Props = { organizationId: string; role: DirectoryRole; onClose: () => void; onChanged: () => void };

const holderName = (a: DirectoryRoleAssignment) => a.user?.email ?? a.service_account_name ?? "Unknown";

/** Who holds a custom role, with a way to take it from each and to give it to another member or service account. */
export function HoldersDialog({ organizationId, role, onClose, onChanged }: Props) {
  const toast = useToast();
  const assignments = useQuery({
    queryKey: queryKeys.directoryRoleAssignments(organizationId, role.id),
    queryFn: () => apiGet<DirectoryRoleAssignment[]>(`/api/organizations/${organizationId}/directory_roles/${role.id}/assignments/`),
  });
  const { holders, loading } = useHolders(organizationId);
  const held = new Set((assignments.data ?? []).map((a) => (a.membership_id ? `membership:${a.membership_id}` : `service_account:${a.service_account_id}`)));
  const choices = holders.filter((h) => !held.has(holderValue(h)));
  const [choice, setChoice] = useState("");
  const [pending, startTransition] = useTransition();
  const { formRef, errors, pending: assigning, submit } = useFormAction({
    schema: assignDirectoryRoleInput,
    action: (input) => assignDirectoryRoleAction(organizationId, input),
    success: `The role ${role.name} was given.`,
    onSuccess: () => {
      setChoice("");
      onChanged();
    },
  });

  function take(a: DirectoryRoleAssignment) {
    startTransition(async () => {
      const result = await unassignDirectoryRoleAction(organizationId, { id: role.id, assignment_id: a.id });
      onChanged();
      toast(result.ok ? `${holderName(a)} no longer holds ${role.name}.` : result.error.detail, result.ok ? undefined : "error");
    });
  }

  return (
    <Dialog open onClose={onClose} title={`Holders of ${role.name}`} description="Members and service accounts holding this role get its permissions at once; taking it away removes them at once." size="lg">
      <div className="space-y-5">
        {assignments.isPending ? (
          <p className="text-muted">Loading…</p>
        ) : assignments.data?.length ? (
          <ul aria-label={`Holders of ${role.name}`} className="divide-y divide-line rounded-md border border-line">
            {assignments.data.map((a) => (
              <li key={a.id} className="flex items-center justify-between gap-3 px-3 py-2">
                <span>
                  {holderName(a)} <span className="text-xs text-muted">{a.membership_id ? "member" : "service account"}</span>
                </span>
                <Button size="sm" variant="ghost" className="text-danger-text" pending={pending} onClick={() => take(a)}>
                  Take away<span className="sr-only"> from {holderName(a)}</span>
                </Button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-muted">Nobody holds this role yet.</p>
        )}
        <form
          ref={formRef}
          noValidate
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (choice) submit({ id: role.id, ...holderInput(choice) });
          }}
        >
          <FormError message={errors.form ?? errors.service_account_id} />
          <SelectField
            className="min-w-64 flex-1"
            label="Give it to"
            name="membership_id"
            value={choice}
            onChange={(e) => setChoice(e.target.value)}
            error={errors.membership_id}
            disabled={loading}
            options={[
              { value: "", label: loading ? "Loading…" : "Choose a member or service account" },
              ...choices.map((h) => ({ value: holderValue(h), label: `${h.label} (${h.kind === "membership" ? "member" : "service account"})` })),
            ]}
          />
          <Button type="submit" variant="primary" pending={assigning} disabled={!choice}>
            Give role
          </Button>
        </form>
      </div>
      <DialogActions>
        <Button onClick={onClose}>Done</Button>
      </DialogActions>
    </Dialog>
  );
}
