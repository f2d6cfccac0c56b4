"use client";

import type { LegalDocument } from "@/lib/query/types";
import { Badge } from "@/components/ui/badge";
import { useSignedPdfReady } from "./use-signed-pdf";

/** "Sent for signature", then "Signed · preparing PDF" until the signed copy is stored, then "Signed". */
export function DocumentStatus({ organizationId, document }: { organizationId: string; document: LegalDocument }) {
  const ready = useSignedPdfReady(organizationId, document);
  if (document.status !== "signed") return <Badge tone="warn">Sent for signature</Badge>;
  return <Badge tone="ok">{ready ? "Signed" : "Signed · preparing PDF"}</Badge>;
}
