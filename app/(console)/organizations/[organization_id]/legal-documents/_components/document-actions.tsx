"use client";

import type { LegalDocument } from "@/lib/query/types";
import { Button, buttonClass } from "@/components/ui/button";
import { documentLabel, downloadPath } from "./document-words";
import { useSignedPdfReady } from "./use-signed-pdf";

type Props = {
  organizationId: string;
  document: LegalDocument;
  resending: boolean;
  onResend: () => void;
  onDelete: () => void;
};

/**
 * A document's row buttons: resend and delete while it waits for signature; once signed, the PDF's download (a plain
 * link, so the 60-second link behind it is made only when clicked) and a Delete that explains why it cannot.
 */
export function DocumentActions({ organizationId, document, resending, onResend, onDelete }: Props) {
  const ready = useSignedPdfReady(organizationId, document);
  const name = documentLabel(document);
  if (document.status !== "signed") {
    return (
      <>
        <Button size="sm" onClick={onResend} pending={resending}>
          Resend email<span className="sr-only"> for {name}</span>
        </Button>
        <Button size="sm" variant="ghost" className="text-danger-text" onClick={onDelete}>
          Delete<span className="sr-only"> {name}</span>
        </Button>
      </>
    );
  }
  return (
    <>
      {ready ? (
        <a href={downloadPath(organizationId, document.id)} className={buttonClass("secondary", "sm")}>
          Download PDF<span className="sr-only"> of {name}</span>
        </a>
      ) : (
        <Button size="sm" disabled aria-busy>
          Preparing PDF…<span className="sr-only"> of {name}</span>
        </Button>
      )}
      <Button size="sm" variant="ghost" onClick={onDelete}>
        Delete<span className="sr-only"> {name}</span>
      </Button>
    </>
  );
}
