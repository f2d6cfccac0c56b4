"use client";

import { useQueryClient } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query/keys";

/** After any change to a legal document: the list, the types already taken, and each signed PDF's check. */
export function useLegalDocumentsRefresh(organizationId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: queryKeys.legalDocuments(organizationId) });
}
