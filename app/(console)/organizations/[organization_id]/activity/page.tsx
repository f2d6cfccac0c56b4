import type { Metadata } from "next";
import { levelGrants } from "@/lib/auth/permissions";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { ActivityLog } from "./_components/activity-log";

export const metadata: Metadata = { title: "Activity log" };

export default async function ActivityPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const canRead = levelGrants(organization.membership_level, "activity_log:read");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader title="Activity log" description={`Who changed what in ${organization.name}, and when. Newest first.`} />
      {canRead ? (
        <ActivityLog organizationId={organization.id} />
      ) : (
        <EmptyState title="Only admins can see the activity log">
          The activity log records every change in this organization, and only its admins and owners can read it. Ask one of them if you
          need to know who changed something.
        </EmptyState>
      )}
    </div>
  );
}
