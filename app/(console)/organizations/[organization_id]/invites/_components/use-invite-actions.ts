"use client";

import { useRef, useState, useTransition } from "react";
import type { Invite } from "@/lib/query/types";
import { useToast } from "@/components/ui/toast";
import { createInviteAction, deleteInviteAction, getInviteLinkAction, resendInviteAction } from "../actions";
import { invitedMessage, resentMessage } from "./invite-words";
import { useInvitesRefresh } from "./use-invites-refresh";

/** The actions on a listed invitation, each followed by a toast and a fresh list. */
export function useInviteActions(organizationId: string, emailConfigured: boolean) {
  const toast = useToast();
  const refresh = useInvitesRefresh(organizationId);
  const [pending, startTransition] = useTransition();
  /** A link the clipboard refused, shown for copying by hand. */
  const [manualLink, setManualLink] = useState<{ email: string; url: string } | null>(null);
  const links = useRef(new Map<string, string>());

  const act = (work: () => Promise<void>) => startTransition(work);
  const delivery = (invite: Invite) => ({ emailed: invite.emailing_attempt_made, emailConfigured });

  return {
    pending,
    manualLink,
    closeManualLink: () => setManualLink(null),
    /** The link for a Copy button; null (after saying why) when it cannot be had. */
    fetchLink: async (invite: Invite) => {
      const result = await getInviteLinkAction(organizationId, { id: invite.id });
      if (!result.ok) {
        toast(result.error.detail, "error");
        return null;
      }
      links.current.set(invite.id, result.data.url);
      return result.data.url;
    },
    /** The clipboard refused the link: offer it to copy by hand. */
    copyRefused: (invite: Invite) => {
      const url = links.current.get(invite.id);
      if (url) setManualLink({ email: invite.target_email, url });
    },
    resend: (invite: Invite) =>
      act(async () => {
        const result = await resendInviteAction(organizationId, { id: invite.id });
        if (!result.ok) return toast(result.error.detail, "error");
        toast(resentMessage(invite.target_email, delivery(result.data)));
        await refresh();
      }),
    inviteAgain: (invite: Invite) =>
      act(async () => {
        const { target_email, level, first_name, message } = invite;
        const result = await createInviteAction(organizationId, { target_email, level, first_name, message });
        if (!result.ok) return toast(result.error.detail, "error");
        toast(invitedMessage(target_email, delivery(result.data)));
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
