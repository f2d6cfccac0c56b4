"use client";

import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query/keys";

/** After any invitation change: the list, and the outbox that holds its emails. */
export function useInvitesRefresh(organizationId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.invites(organizationId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.outbox(organizationId) }),
    ]);
}

/** What the toast says once an invitation exists: sent, or kept without an email. */
export const invitedMessage = (email: string, emailed: boolean) =>
  emailed ? `Invitation sent to ${email}.` : `Invitation created for ${email}, without an email: copy its link from the list to share it.`;
