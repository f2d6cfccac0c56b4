import type { Metadata } from "next";
import { levelGrants } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { ApplicationList } from "./_components/application-list";
import { CreateApplicationButton } from "./_components/create-application-button";

export const metadata: Metadata = { title: "OAuth applications" };

export default async function OAuthApplicationsPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const canEdit = levelGrants(organization.membership_level, "oauth_application:write");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="OAuth applications"
        description={`Apps that sign people in with ${organization.name}'s accounts through OAuth: each has a client ID, a client secret and the redirect URIs it may return to.`}
        actions={canEdit && <CreateApplicationButton organizationId={organization.id} />}
      />
      {!canEdit && (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can register, change or delete OAuth applications. You can see them as a member.
        </p>
      )}
      <ApplicationList organizationId={organization.id} canEdit={canEdit} />
    </div>
  );
}
