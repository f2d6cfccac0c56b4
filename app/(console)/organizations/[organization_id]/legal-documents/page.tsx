import type { Metadata } from "next";
import { levelGrants } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { GenerateDocumentButton } from "./_components/generate-document-dialog";
import { LegalDocumentList } from "./_components/legal-document-list";

export const metadata: Metadata = { title: "Legal documents" };

export default async function LegalDocumentsPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const canManage = levelGrants(organization.membership_level, "legal_document:write");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Legal documents"
        description={`The agreements ${organization.name} signs with this service: a Data Processing Agreement (DPA) and, for health data, a Business Associate Agreement (BAA). Each is emailed to your representative, who reads and signs it online.`}
        actions={canManage && <GenerateDocumentButton organizationId={organization.id} />}
      />
      {canManage ? (
        <LegalDocumentList organizationId={organization.id} />
      ) : (
        <p role="note" className="rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can see, generate and download legal documents. Ask one of them if you need a copy of a signed agreement.
        </p>
      )}
    </div>
  );
}
