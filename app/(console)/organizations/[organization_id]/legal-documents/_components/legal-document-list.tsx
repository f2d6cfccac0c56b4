"use client";

import { useState, useTransition } from "react";
import { queryKeys } from "@/lib/query/keys";
import type { LegalDocument } from "@/lib/query/types";
import type { Column } from "@/components/data/data-table";
import { DataTable } from "@/components/data/data-table";
import { Pager } from "@/components/data/pager";
import { usePagedList } from "@/components/data/use-paged-list";
import { Time } from "@/components/ui/time";
import { useToast } from "@/components/ui/toast";
import { resendLegalDocumentAction } from "../actions";
import { DeleteDocumentDialog } from "./delete-document-dialog";
import { DocumentActions } from "./document-actions";
import { DocumentStatus } from "./document-status";
import { useLegalDocumentsRefresh } from "./use-legal-documents-refresh";

const columns = (organizationId: string): Column<LegalDocument>[] => [
  { id: "type", header: "Type", cell: (d) => <span className="font-medium">{d.document_type}</span> },
  { id: "company", header: "Company", cell: (d) => <span className="break-words">{d.company_name}</span> },
  { id: "representative", header: "Representative", from: "md", cell: (d) => <span className="break-all">{d.representative_email}</span> },
  { id: "status", header: "Status", nowrap: true, cell: (d) => <DocumentStatus organizationId={organizationId} document={d} /> },
  { id: "created_by", header: "Created by", from: "lg", cell: (d) => (d.created_by ? d.created_by.first_name || d.created_by.email : <span className="text-muted">Unknown</span>) },
  { id: "created", header: "Created", from: "sm", nowrap: true, cell: (d) => <Time iso={d.created_at} /> },
];

/** The organization's legal documents from the REST API, newest first; each row resends, downloads or deletes. */
export function LegalDocumentList({ organizationId }: { organizationId: string }) {
  const refresh = useLegalDocumentsRefresh(organizationId);
  const toast = useToast();
  const list = usePagedList<LegalDocument, Record<string, string>>({
    queryKey: queryKeys.legalDocuments(organizationId),
    path: `/api/organizations/${organizationId}/legal_documents/`,
    defaults: {},
    // The signer may sign while the page is open: it follows until nothing waits for signature.
    follow: { while: (rows) => (rows as LegalDocument[]).some((d) => d.status !== "signed"), everyMs: 5000 },
  });
  const [deleting, setDeleting] = useState<LegalDocument | null>(null);
  const [resending, setResending] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function resend(document: LegalDocument) {
    setResending(document.id);
    startTransition(async () => {
      const result = await resendLegalDocumentAction(organizationId, { id: document.id });
      setResending(null);
      await refresh();
      if (!result.ok) return toast(result.error.detail, "error");
      toast(`Signing email sent again to ${document.representative_email}.`);
    });
  }

  return (
    <>
      <DataTable
        caption="Legal documents of this organization"
        noun="legal documents"
        columns={columns(organizationId)}
        rows={list.rows}
        rowKey={(d) => d.id}
        busy={list.query.isFetching || pending}
        status={list.status({
          none: {
            title: "No legal documents yet",
            body: "Generate a DPA or a BAA: your representative gets an email with a link to read the whole agreement and sign it. The signed PDF is kept here.",
          },
        })}
        actions={(d) => (
          <DocumentActions
            organizationId={organizationId}
            document={d}
            resending={resending === d.id}
            onResend={() => resend(d)}
            onDelete={() => setDeleting(d)}
          />
        )}
      />
      <Pager label="Legal document pages" pager={list.pager} />
      <DeleteDocumentDialog organizationId={organizationId} document={deleting} onClose={() => setDeleting(null)} onDone={() => void refresh()} />
    </>
  );
}
