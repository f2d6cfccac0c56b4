"use client";

import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query/keys";

/** After any change to a service account: every page of the list. */
export function useServiceAccountsRefresh(organizationId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.serviceAccounts(organizationId) });
}
