"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { queryKeys } from "@/lib/query/keys";

/** After any change to an export: the list with every export's runs and logs, then the server-rendered page (or `goTo`). */
export function useBatchExportsRefresh(organizationId: string) {
  const queryClient = useQueryClient();
  const router = useRouter();
  return (goTo?: string) => {
    void queryClient.invalidateQueries({ queryKey: queryKeys.batchExports(organizationId) });
    if (goTo) router.push(goTo);
    else router.refresh();
  };
}
