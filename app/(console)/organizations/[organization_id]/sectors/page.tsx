import type { Metadata } from "next";
import { levelGrantsDirectory } from "@/lib/auth/directory-permissions";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { SectorsView } from "./_components/sectors-view";

export const metadata: Metadata = { title: "Sectors" };

export default async function SectorsPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  // A pairwise subject ties a person to what an application knows of them: those who may change the directory only.
  const canSee = levelGrantsDirectory(organization.membership_level, "org.directory.update");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Sectors"
        description={`The OpenID Connect sectors of ${organization.name}'s OAuth applications, and the pairwise subject (the "sub") each application of a sector sees for each member. Export them to move your applications to another provider without their users' identifiers changing.`}
      />
      {canSee ? (
        <SectorsView organizationId={organization.id} />
      ) : (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can see the organization&apos;s sectors and pairwise subjects.
        </p>
      )}
    </div>
  );
}
