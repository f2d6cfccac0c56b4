import type { Metadata } from "next";
import { emailConfigured } from "@/lib/adapters";
import { levelGrants } from "@/lib/auth/permissions";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { EmailSetup } from "./_components/email-setup";
import { OutboxList } from "./_components/outbox-list";

export const metadata: Metadata = { title: "Outbox" };

export default async function OutboxPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const canRead = levelGrants(organization.membership_level, "outbox:read");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title="Outbox" description={`The emails ${organization.name}'s actions sent, or would have sent, with every delivery attempt. Newest first.`} />
      {canRead ? (
        <>
          <EmailSetup configured={emailConfigured()} />
          <OutboxList organizationId={organization.id} emailConfigured={emailConfigured()} />
        </>
      ) : (
        <EmptyState title="Only admins can see the outbox">
          The outbox holds the emails sent on the organization&apos;s behalf, invitation links included, so only its admins and owners can
          read it. Ask one of them if an invitation did not arrive.
        </EmptyState>
      )}
    </div>
  );
}
