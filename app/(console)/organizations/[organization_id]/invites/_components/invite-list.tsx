"use client";

import { useState } from "react";
import { queryKeys } from "@/lib/query/keys";
import type { Invite } from "@/lib/query/types";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyButton } from "@/components/ui/copy-button";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { SecretValue } from "@/components/ui/secret-value";
import { INVITE_COLUMNS } from "./invite-columns";
import { useInviteActions } from "./use-invite-actions";

/** `managesAll`: may copy the link of anyone's invitation and revoke it (others copy their own invitations' links). */
export type InviteViewer = { uuid: string; managesAll: boolean; canInvite: boolean };

type Props = { organizationId: string; viewer: InviteViewer; emailConfigured: boolean };

/** The organization's invitations not yet accepted, a page at a time from the REST API, with what can be done to each. */
export function InviteList({ organizationId, viewer, emailConfigured }: Props) {
  const list = usePagedList<Invite, Record<string, string>>({
    queryKey: queryKeys.invites(organizationId),
    path: `/api/organizations/${organizationId}/invites/`,
    defaults: {},
  });
  const actions = useInviteActions(organizationId, emailConfigured);
  const [revoking, setRevoking] = useState<Invite | null>(null);

  function rowActions(invite: Invite) {
    const what = `for ${invite.target_email}`;
    const who = <span className="sr-only"> {what}</span>;
    const mine = invite.created_by?.uuid === viewer.uuid;
    return (
      <>
        {!invite.is_expired && (viewer.managesAll || mine) && (
          <CopyButton size="sm" label="Copy link" what={what} value={() => actions.fetchLink(invite)} onFailed={() => actions.copyRefused(invite)} />
        )}
        {viewer.canInvite && !invite.is_expired && (
          <Button size="sm" onClick={() => actions.resend(invite)}>
            Resend{who}
          </Button>
        )}
        {viewer.canInvite && invite.is_expired && (
          <Button size="sm" onClick={() => actions.inviteAgain(invite)}>
            Invite again{who}
          </Button>
        )}
        {viewer.managesAll && (
          <Button size="sm" variant="ghost" className="text-danger-text" onClick={() => setRevoking(invite)}>
            Revoke{who}
          </Button>
        )}
      </>
    );
  }

  return (
    <>
      <DataTable
        caption="Pending and expired invitations"
        noun="invitations"
        columns={INVITE_COLUMNS}
        rows={list.rows}
        rowKey={(invite) => invite.id}
        actions={rowActions}
        busy={list.query.isFetching || actions.pending}
        status={list.status({
          none: {
            title: "No pending invitations",
            body: viewer.canInvite
              ? "Use “Invite people”: each invitation waits here until it is accepted, and then the person is on the Members page."
              : "Invitations that admins send wait here until they are accepted.",
          },
        })}
      />
      <Pager label="Invitation pages" pager={list.pager} />
      <ConfirmDialog
        open={revoking !== null}
        onClose={() => setRevoking(null)}
        onConfirm={() => {
          if (revoking) actions.revoke(revoking);
          setRevoking(null);
        }}
        title={`Revoke the invitation for ${revoking?.target_email ?? "this person"}?`}
        description="Its link stops working at once. You can invite them again later."
        confirmLabel="Revoke invitation"
      />
      <Dialog open={actions.manualLink !== null} onClose={actions.closeManualLink} title="Copy the invitation link" description="The clipboard was not available. Select the link and copy it yourself.">
        {actions.manualLink && <SecretValue label={`Invitation link for ${actions.manualLink.email}`} value={actions.manualLink.url} />}
        <DialogActions>
          <Button onClick={actions.closeManualLink}>Done</Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
