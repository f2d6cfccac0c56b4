"use client";

import { useState, useTransition } from "react";
import type { Invite } from "@/lib/query/types";
import { useToast } from "@/components/ui/toast";
import { createInviteAction, deleteInviteAction, getInviteLinkAction, resendInviteAction } from "../actions";
import { invitedMessage, useInvitesRefresh } from "./use-invites-refresh";

/** The actions on a listed invitation, each followed by a toast and a fresh list. */
export function useInviteActions(organizationId: string) {
  const toast = useToast();
  const refresh = useInvitesRefresh(organizationId);
  const [pending, startTransition] = useTransition();
  /** A link the clipboard refused, shown for copying by hand. */
  const [manualLink, setManualLink] = useState<{ email: string; url: string } | null>(null);

  const act = (work: () => Promise<void>) => startTransition(work);

  return {
    pending,
    manualLink,
    closeManualLink: () => setManualLink(null),
    copyLink: (invite: Invite) =>
      act(async () => {
        const result = await getInviteLinkAction(organizationId, { id: invite.id });
        if (!result.ok) return toast(result.error.detail, "error");
        try {
          await navigator.clipboard.writeText(result.data.url);
          toast(`Invitation link for ${invite.target_email} copied.`);
        } catch {
          setManualLink({ email: invite.target_email, url: result.data.url });
        }
      }),
    resend: (invite: Invite) =>
      act(async () => {
        const result = await resendInviteAction(organizationId, { id: invite.id });
        if (!result.ok) return toast(result.error.detail, "error");
        toast(result.data.emailing_attempt_made ? `Invitation sent to ${invite.target_email} again.` : `No email transport: copy the link of ${invite.target_email}'s invitation instead.`);
        await refresh();
      }),
    inviteAgain: (invite: Invite) =>
      act(async () => {
        const { target_email, level, first_name, message } = invite;
        const result = await createInviteAction(organizationId, { target_email, level, first_name, message });
        if (!result.ok) return toast(result.error.detail, "error");
        toast(invitedMessage(target_email, result.data.emailing_attempt_made));
        await refresh();
      }),
    revoke: (invite: Invite) =>
      act(async () => {
        const result = await deleteInviteAction(organizationId, { id: invite.id });
        await refresh();
        if (!result.ok) return toast(result.error.detail, "error");
        toast(`The invitation for ${invite.target_email} was revoked.`);
      }),
  };
}
