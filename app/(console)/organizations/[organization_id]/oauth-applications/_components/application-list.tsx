"use client";

import { useState, useTransition } from "react";
import { queryKeys } from "@/lib/query/keys";
import type { OAuthApplication } from "@/lib/query/types";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import { deleteOAuthApplicationAction, rotateOAuthApplicationSecretAction } from "../actions";
import { applicationColumns } from "./application-columns";
import { ClientSecretDialog, type ClientSecret } from "./client-secret-dialog";
import { EditApplicationDialog } from "./edit-application-dialog";
import { useApplicationsRefresh } from "./use-applications-refresh";

type Pending = { kind: "rotate" | "delete"; application: OAuthApplication } | null;

const CONFIRM_TEXT = {
  rotate: (name: string) => ({
    title: `New client secret for ${name}?`,
    description: "The current secret stops working at once. Give the app the new one, shown next, right away.",
    confirmLabel: "Make a new secret",
  }),
  delete: (name: string) => ({
    title: `Delete ${name}?`,
    description: "The app can no longer sign anyone in. This cannot be undone.",
    confirmLabel: "Delete application",
  }),
};

/** The organization's OAuth applications from the REST API, newest first; admins edit, rotate and delete from each row. */
export function ApplicationList({ organizationId, canEdit }: { organizationId: string; canEdit: boolean }) {
  const refresh = useApplicationsRefresh(organizationId);
  const toast = useToast();
  const list = usePagedList<OAuthApplication, Record<string, string>>({
    queryKey: queryKeys.oauthApplications(organizationId),
    path: `/api/organizations/${organizationId}/oauth_applications/`,
    defaults: {},
  });
  const [editing, setEditing] = useState<OAuthApplication | null>(null);
  const [confirming, setConfirming] = useState<Pending>(null);
  const [secret, setSecret] = useState<ClientSecret | null>(null);
  const [pending, startTransition] = useTransition();

  function confirm() {
    if (!confirming) return;
    const { kind, application } = confirming;
    startTransition(async () => {
      const input = { id: application.id };
      const result = kind === "rotate" ? await rotateOAuthApplicationSecretAction(organizationId, input) : await deleteOAuthApplicationAction(organizationId, input);
      setConfirming(null);
      await refresh();
      if (!result.ok) return toast(result.error.detail, "error");
      if (result.data) setSecret({ title: `New client secret for ${application.name}`, clientId: result.data.client_id, secret: result.data.client_secret });
      toast(kind === "rotate" ? `${application.name} has a new client secret.` : `${application.name} was deleted.`);
    });
  }

  return (
    <>
      <DataTable
        caption="OAuth applications of this organization"
        noun="OAuth applications"
        columns={applicationColumns}
        rows={list.rows}
        rowKey={(a) => a.id}
        busy={list.query.isFetching || pending}
        status={list.status({
          none: {
            title: "No OAuth applications yet",
            body: canEdit
              ? "Register an app to let it sign people in with their accounts here. You will see its client secret once, right after registering it."
              : "An admin can register the organization's OAuth applications here.",
          },
        })}
        actions={
          canEdit
            ? (a) => (
                <>
                  <Button size="sm" onClick={() => setEditing(a)}>
                    Edit<span className="sr-only"> {a.name}</span>
                  </Button>
                  <Button size="sm" onClick={() => setConfirming({ kind: "rotate", application: a })}>
                    New secret<span className="sr-only"> for {a.name}</span>
                  </Button>
                  <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => setConfirming({ kind: "delete", application: a })}>
                    Delete<span className="sr-only"> {a.name}</span>
                  </Button>
                </>
              )
            : undefined
        }
      />
      <Pager label="OAuth application pages" pager={list.pager} />
      {editing && <EditApplicationDialog organizationId={organizationId} application={editing} onClose={() => setEditing(null)} onSaved={() => void refresh()} />}
      <ConfirmDialog
        open={confirming !== null}
        onClose={() => setConfirming(null)}
        onConfirm={confirm}
        pending={pending}
        {...CONFIRM_TEXT[confirming?.kind ?? "delete"](confirming?.application.name ?? "application")}
      />
      <ClientSecretDialog secret={secret} onClose={() => setSecret(null)} />
    </>
  );
}
