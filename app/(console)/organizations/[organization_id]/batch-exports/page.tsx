import type { Metadata } from "next";
import Link from "next/link";
import { levelGrants } from "@/lib/auth/permissions";
import { buttonClass } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { ExportList } from "./_components/export-list";

export const metadata: Metadata = { title: "Batch exports" };

export default async function BatchExportsPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const canEdit = levelGrants(organization.membership_level, "batch_export:write");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Batch exports"
        description={`${organization.name}'s activity log, members or sign-in sessions, delivered on a schedule to S3, PostgreSQL or an HTTP endpoint.`}
        actions={
          canEdit && (
            <Link href={`/organizations/${organization.id}/batch-exports/new`} className={buttonClass("primary")}>
              New batch export
            </Link>
          )
        }
      />
      {!canEdit && (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can create or change batch exports. You can see them, their runs and their logs as a member.
        </p>
      )}
      <ExportList organizationId={organization.id} canEdit={canEdit} />
    </div>
  );
}
