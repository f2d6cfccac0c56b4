"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { queryKeys } from "@/lib/query/keys";

/**
 * After any change to a domain or a shared identity provider: both lists (a domain's row shows its SAML and its link;
 * a config's row its SCIM), then the server-rendered page the change was made on, or the page `goTo` names.
 */
export function useDomainsRefresh(organizationId: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return (goTo?: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.domains(organizationId) });
    void queryClient.invalidateQueries({ queryKey: queryKeys.identityProviderConfigs(organizationId) });
    if (goTo) router.push(goTo);
    else router.refresh();
  };
}
