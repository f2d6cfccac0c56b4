import type { Metadata } from "next";
import { DIRECTORY_GRANTS } from "@/lib/auth/directory-permissions";
import { levelGrants } from "@/lib/auth/permissions";
import { env } from "@/lib/env";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { CreateServiceAccountButton } from "./_components/create-service-account-button";
import { ServiceAccountList } from "./_components/service-account-list";

export const metadata: Metadata = { title: "Service accounts" };

export default async function ServiceAccountsPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const level = organization.membership_level;
  const canManage = levelGrants(level, "service_account:write");
  // Nobody hands a machine more than they hold themselves: the form offers only the creator's own directory permissions.
  const grantable = level ? DIRECTORY_GRANTS[level] : [];
  const overlapSeconds = env().ORGDECK_SERVICE_ACCOUNT_SECRET_OVERLAP;
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Service accounts"
        description={`Machine callers of ${organization.name}'s directory API: each gets a client ID and secret, exchanges them at /oauth/token for a short-lived access token, and may use only the directory permissions it was given.`}
        actions={canManage && <CreateServiceAccountButton organizationId={organization.id} grantable={grantable} />}
      />
      {canManage ? (
        <ServiceAccountList organizationId={organization.id} grantable={grantable} overlapSeconds={overlapSeconds} />
      ) : (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can see and manage service accounts.
        </p>
      )}
    </div>
  );
}
