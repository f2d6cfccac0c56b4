import type { Metadata } from "next";
import { levelGrants } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { AddWebhookButton } from "./_components/add-webhook-dialog";
import { IntegrationList } from "./_components/integration-list";

export const metadata: Metadata = { title: "Integrations" };

export default async function IntegrationsPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const canEdit = levelGrants(organization.membership_level, "organization_integration:write");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Integrations"
        description={`Where ${organization.name} sends its changes: outgoing webhooks, signed so the receiver can trust them.`}
        actions={canEdit && <AddWebhookButton organizationId={organization.id} />}
      />
      {!canEdit && (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can add or change integrations. You can see them as a member.
        </p>
      )}
      <IntegrationList organizationId={organization.id} canEdit={canEdit} />
    </div>
  );
}
