"use client";

import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query/keys";

/** After any invitation change: the list (and the pending-invitation lookups under it), and the outbox that holds its emails. */
export function useInvitesRefresh(organizationId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.invites(organizationId) }),
      queryClient.invalidateQueries({ queryKey: queryKeys.outbox(organizationId) }),
    ]);
}
