"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { queryKeys } from "@/lib/query/keys";

/**
 * After any change to an integration: the list and every delivery log below it, then the server-rendered page the
 * change was made on, or the page `goTo` names.
 */
export function useIntegrationsRefresh(organizationId: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return (goTo?: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.integrations(organizationId) });
    if (goTo) router.push(goTo);
    else router.refresh();
  };
}
