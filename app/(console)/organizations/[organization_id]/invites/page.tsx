import { emailConfigured } from "@/lib/adapters";
import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { loadMe, openOrganization } from "../../../_lib/load";
import { inviteAccess } from "./_components/invite-access";
import { InviteList } from "./_components/invite-list";
import { InvitePeople } from "./_components/invite-people";

export const metadata: Metadata = { title: "Invites" };

export default async function InvitesPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const [organization, me] = await Promise.all([openOrganization((await params).organization_id), loadMe()]);
  const { canInvite, managesAll } = inviteAccess(organization);
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Invites"
        description={`Invitations to ${organization.name} that are not accepted yet. Each invitation link works once and for three days.`}
        actions={<InvitePeople organization={organization} />}
      />
      <InviteList organizationId={organization.id} viewer={{ uuid: me.uuid, managesAll, canInvite }} emailConfigured={emailConfigured()} />
    </div>
  );
}
