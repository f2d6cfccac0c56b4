import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { loadMe, openOrganization } from "../../../_lib/load";
import { InvitePeople } from "../invites/_components/invite-people";
import { LeaveOrganization } from "./_components/leave-organization";
import { MembersManager } from "./_components/members-manager";

export const metadata: Metadata = { title: "Members" };

export default async function MembersPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const [organization, me] = await Promise.all([openOrganization((await params).organization_id), loadMe()]);
  const level = organization.membership_level;
  // openOrganization admits members only; a caller without a level has nothing to manage here.
  if (level === null) notFound();
  const count = `${organization.member_count} ${organization.member_count === 1 ? "member" : "members"}`;
  const summary = { id: organization.id, name: organization.name };
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Members"
        description={`${organization.name} · ${count}. Admins and owners change levels and remove people.`}
        actions={<InvitePeople organization={organization} />}
      />
      <MembersManager organization={summary} viewer={{ uuid: me.uuid, level }} />
      <div className="mt-10">
        <LeaveOrganization organization={summary} level={level} />
      </div>
    </div>
  );
}
