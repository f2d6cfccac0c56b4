"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { apiGet } from "@/lib/query/fetch";
import { queryKeys } from "@/lib/query/keys";
import type { Invite, ListPage } from "@/lib/query/types";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { Dialog, DialogActions } from "@/components/ui/dialog";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { SecretValue } from "@/components/ui/secret-value";
import { Skeleton } from "@/components/ui/skeleton";
import { InviteTable, type InvitePermissions } from "./invite-table";
import { useInviteActions } from "./use-invite-actions";

const LIMIT = 100;

/** The organization's invitations not yet accepted (React Query over the REST API), with their actions. */
export function InviteList({ organizationId, viewer }: { organizationId: string; viewer: InvitePermissions }) {
  const invites = useQuery({
    queryKey: queryKeys.invites(organizationId),
    queryFn: () => apiGet<ListPage<Invite>>(`/api/organizations/${organizationId}/invites/`, { limit: LIMIT }),
    placeholderData: keepPreviousData,
  });
  const actions = useInviteActions(organizationId);
  const [revoking, setRevoking] = useState<Invite | null>(null);

  if (invites.isPending) {
    return (
      <div role="status" aria-label="Loading invitations" className="space-y-2">
        <Skeleton className="h-12" />
        <Skeleton className="h-12" />
      </div>
    );
  }
  if (invites.isError) return <EmptyState title="The invitations could not be loaded">{invites.error.message} Reload the page to try again.</EmptyState>;
  const rows = invites.data.results;
  return (
    <>
      {rows.length === 0 ? (
        <EmptyState title="No pending invitations">
          {viewer.canInvite ? "Invite someone above: their invitation waits here until they accept it, and then they are on the Members page." : "Invitations that admins send wait here until they are accepted."}
        </EmptyState>
      ) : (
        <InviteTable
          invites={rows}
          viewer={viewer}
          busy={invites.isFetching || actions.pending}
          onCopy={actions.copyLink}
          onResend={actions.resend}
          onInviteAgain={actions.inviteAgain}
          onRevoke={setRevoking}
        />
      )}
      {invites.data.count > rows.length && <p className="mt-2 text-muted">Showing the newest {rows.length} of {invites.data.count} invitations.</p>}
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
