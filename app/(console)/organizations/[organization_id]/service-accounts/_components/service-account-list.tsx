"use client";

import { useState, useTransition } from "react";
import type { DirectoryPermission } from "@/lib/auth/directory-permissions";
import { queryKeys } from "@/lib/query/keys";
import type { ServiceAccount } from "@/lib/schemas/service-accounts";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteServiceAccountAction, rotateServiceAccountSecretAction, updateServiceAccountAction } from "../actions";
import { EditServiceAccountDialog } from "./edit-service-account-dialog";
import { serviceAccountColumns } from "./service-account-columns";
import { durationWords, ServiceAccountSecretDialog, type ServiceAccountSecret } from "./service-account-secret-dialog";
import { useServiceAccountsRefresh } from "./use-service-accounts-refresh";

type Kind = "disable" | "rotate" | "delete";
type Pending = { kind: Kind; account: ServiceAccount } | null;

function confirmText(kind: Kind, name: string, overlapSeconds: number) {
  if (kind === "disable")
    return { title: `Disable ${name}?`, description: "Its access tokens are refused at once and it gets no new ones until you enable it again.", confirmLabel: "Disable" };
  if (kind === "rotate")
    return {
      title: `New client secret for ${name}?`,
      description:
        overlapSeconds > 0
          ? `The current secret keeps working for ${durationWords(overlapSeconds)} so its clients can move over; a secret older than that stops at once.`
          : "The current secret stops working at once. Give its clients the new one, shown next, right away.",
      confirmLabel: "Make a new secret",
    };
  return { title: `Delete ${name}?`, description: "Its access tokens are refused at once and its client ID stops working. This cannot be undone.", confirmLabel: "Delete service account" };
}

type Props = { organizationId: string; grantable: readonly DirectoryPermission[]; overlapSeconds: number };

/** The organization's service accounts from the REST API, newest first; admins edit, disable, rotate and delete from each row. */
export function ServiceAccountList({ organizationId, grantable, overlapSeconds }: Props) {
  const refresh = useServiceAccountsRefresh(organizationId);
  const toast = useToast();
  const list = usePagedList<ServiceAccount, Record<string, string>>({
    queryKey: queryKeys.serviceAccounts(organizationId),
    path: `/api/organizations/${organizationId}/service_accounts/`,
    defaults: {},
  });
  const [editing, setEditing] = useState<ServiceAccount | null>(null);
  const [confirming, setConfirming] = useState<Pending>(null);
  const [secret, setSecret] = useState<ServiceAccountSecret | null>(null);
  const [pending, startTransition] = useTransition();

  function enable(account: ServiceAccount) {
    startTransition(async () => {
      const result = await updateServiceAccountAction(organizationId, { id: account.id, is_active: true });
      await refresh();
      toast(result.ok ? `${account.name} is enabled.` : result.error.detail, result.ok ? undefined : "error");
    });
  }

  function confirm() {
    if (!confirming) return;
    const { kind, account } = confirming;
    startTransition(async () => {
      const input = { id: account.id };
      if (kind === "rotate") {
        const rotated = await rotateServiceAccountSecretAction(organizationId, input);
        setConfirming(null);
        await refresh();
        if (!rotated.ok) return toast(rotated.error.detail, "error");
        setSecret({ title: `New client secret for ${account.name}`, clientId: rotated.data.client_id, secret: rotated.data.client_secret, rotatedWithOverlapSeconds: overlapSeconds });
        return toast(`${account.name} has a new client secret.`);
      }
      const result = kind === "disable" ? await updateServiceAccountAction(organizationId, { ...input, is_active: false }) : await deleteServiceAccountAction(organizationId, input);
      setConfirming(null);
      await refresh();
      if (!result.ok) return toast(result.error.detail, "error");
      toast(kind === "disable" ? `${account.name} is disabled.` : `${account.name} was deleted.`);
    });
  }

  return (
    <>
      <DataTable
        caption="Service accounts of this organization"
        noun="service accounts"
        columns={serviceAccountColumns}
        rows={list.rows}
        rowKey={(a) => a.id}
        busy={list.query.isFetching || pending}
        status={list.status({
          none: {
            title: "No service accounts yet",
            body: "Create one for a system that calls the directory API on the organization's behalf. You will see its client secret once, right after creating it.",
          },
        })}
        actions={(a) => (
          <>
            <Button size="sm" onClick={() => setEditing(a)}>
              Edit<span className="sr-only"> {a.name}</span>
            </Button>
            {a.is_active ? (
              <Button size="sm" onClick={() => setConfirming({ kind: "disable", account: a })}>
                Disable<span className="sr-only"> {a.name}</span>
              </Button>
            ) : (
              <Button size="sm" onClick={() => enable(a)}>
                Enable<span className="sr-only"> {a.name}</span>
              </Button>
            )}
            <Button size="sm" onClick={() => setConfirming({ kind: "rotate", account: a })}>
              New secret<span className="sr-only"> for {a.name}</span>
            </Button>
            <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => setConfirming({ kind: "delete", account: a })}>
              Delete<span className="sr-only"> {a.name}</span>
            </Button>
          </>
        )}
      />
      <Pager label="Service account pages" pager={list.pager} />
      {editing && <EditServiceAccountDialog organizationId={organizationId} account={editing} grantable={grantable} onClose={() => setEditing(null)} onSaved={() => void refresh()} />}
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        onConfirm={confirm}
        pending={pending}
        {...confirmText(confirming?.kind ?? "delete", confirming?.account.name ?? "service account", overlapSeconds)}
      />
      <ServiceAccountSecretDialog secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
