import type { Metadata } from "next";
import { DIRECTORY_GRANTS } from "@/lib/auth/directory-permissions";
import { levelGrants } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { RoleMatrix } from "./_components/role-matrix";
import { WhyPanel } from "./_components/why-panel";

export const metadata: Metadata = { title: "Roles" };

export default async function RolesPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const level = organization.membership_level;
  const canManage = levelGrants(level, "directory_role:write");
  return (
    <div className="mx-auto max-w-6xl">
      <PageHeader
        title="Roles"
        description={`What members and service accounts of ${organization.name} may do in the directory API. The built-in roles follow each member's level; custom roles add permissions to whoever holds them, and never change the level.`}
      />
      {canManage ? (
        <div className="space-y-8">
          <RoleMatrix organizationId={organization.id} grantable={level ? DIRECTORY_GRANTS[level] : []} />
          <WhyPanel organizationId={organization.id} />
        </div>
      ) : (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can see and manage the organization&apos;s roles.
        </p>
      )}
    </div>
  );
}
