"use client";

import { useQuery } from "@tanstack/react-query";
import { queryKeys } from "@/lib/query/keys";
import type { LegalDocument } from "@/lib/query/types";
import { downloadPath } from "./document-words";

/** The first re-check after 2 s, each later one waiting longer, up to 30 s: storing takes seconds, unless its job is failing. */
const checkAfterMs = (checks: number) => Math.min(2000 * 1.5 ** checks, 30_000);

/**
 * Whether a signed document's PDF is stored yet. The API has no field for it: its download answers 404 until then,
 * and a redirect once stored, which this check sees without following (so the short-lived link is not fetched).
 */
export function useSignedPdfReady(organizationId: string, document: LegalDocument) {
  const signed = document.status === "signed";
  const query = useQuery({
    queryKey: [...queryKeys.legalDocuments(organizationId), document.id, "pdf"],
    enabled: signed,
    queryFn: async () => {
      const res = await fetch(downloadPath(organizationId, document.id), { redirect: "manual", credentials: "same-origin", cache: "no-store" });
      if (res.type === "opaqueredirect" || res.status === 302) return true;
      if (res.status === 404) return false;
      throw new Error(`The PDF check answered ${res.status}.`);
    },
    refetchInterval: (q) => (q.state.data === true ? false : checkAfterMs(q.state.dataUpdateCount)),
  });
  return signed && query.data === true;
}
