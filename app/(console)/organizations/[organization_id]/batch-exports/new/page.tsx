import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { levelGrants } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../../_lib/load";
import { ExportForm } from "../_components/export-form";

export const metadata: Metadata = { title: "New batch export · Batch exports" };

export default async function NewBatchExportPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  // Only admins may create one: for anyone else there is no such page.
  if (!levelGrants(organization.membership_level, "batch_export:write")) notFound();
  return (
    <div className="mx-auto max-w-3xl">
      <p className="mb-2">
        <Link href={`/organizations/${organization.id}/batch-exports`} className="text-accent-text hover:underline">
          ← Batch exports
        </Link>
      </p>
      <PageHeader title="New batch export" description="Choose what to export, how often and where to. Test the connection before you create it." />
      <ExportForm organizationId={organization.id} canEdit />
    </div>
  );
}
