import type { Metadata } from "next";
import { ADMIN, levelGrants } from "@/lib/auth/permissions";
import { inviteDenial, inviteLevelDenial } from "@/lib/auth/rules";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { loadMe, openOrganization } from "../../../_lib/load";
import { BulkInvite } from "./_components/bulk-invite";
import { DelegateForm } from "./_components/delegate-form";
import { InviteForm } from "./_components/invite-form";
import { InviteList } from "./_components/invite-list";

export const metadata: Metadata = { title: "Invites" };

export default async function InvitesPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const [organization, me] = await Promise.all([openOrganization((await params).organization_id), loadMe()]);
  const level = organization.membership_level;
  const canInvite = level !== null && inviteDenial(level, organization.members_can_invite) === null;
  // A setup delegation is an administrator invitation, so the level ceiling decides it too.
  const canDelegate = canInvite && inviteLevelDenial(level, ADMIN) === null;
  const managesAll = levelGrants(level, "organization_invite:delete");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title="Invites" description={`Invite people to ${organization.name}. Each invitation link works once and for three days.`} />
      {canInvite ? (
        <div className="space-y-6">
          <InviteForm organizationId={organization.id} viewerLevel={level} />
          <BulkInvite organizationId={organization.id} viewerLevel={level} />
        </div>
      ) : (
        <EmptyState title="Only admins can invite people here">
          {organization.name} lets only its admins and owners send invitations. Ask one of them to invite the person; an admin can
          also turn on “Members can invite people” in Settings.
        </EmptyState>
      )}
      <div className="mt-6">
        <DelegateForm organization={{ id: organization.id, name: organization.name }} canDelegate={canDelegate} />
      </div>
      <section aria-labelledby="invites-list" className="mt-10">
        <h2 id="invites-list" className="mb-3 text-base font-semibold">
          Pending and expired invitations
        </h2>
        <InviteList organizationId={organization.id} viewer={{ uuid: me.uuid, managesAll, canInvite }} />
      </section>
    </div>
  );
}
