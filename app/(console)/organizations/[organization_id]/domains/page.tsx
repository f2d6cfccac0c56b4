import type { Metadata } from "next";
import { levelGrants } from "@/lib/auth/permissions";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../_lib/load";
import { AddConfigButton } from "./_components/add-config-dialog";
import { AddDomainButton } from "./_components/add-domain-dialog";
import { ConfigList } from "./_components/config-list";
import { DomainList } from "./_components/domain-list";

export const metadata: Metadata = { title: "Domains & SSO" };

export default async function DomainsPage({ params }: { params: Promise<{ organization_id: string }> }) {
  const organization = await openOrganization((await params).organization_id);
  const canEdit = levelGrants(organization.membership_level, "organization_domain:write");
  return (
    <div className="mx-auto max-w-5xl">
      <PageHeader
        title="Domains & SSO"
        description={`The email domains ${organization.name} has claimed, and how people of those domains sign in and are provisioned.`}
        actions={canEdit && <AddDomainButton organizationId={organization.id} />}
      />
      {!canEdit && (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can add domains or change their settings. You can see them as a member.
        </p>
      )}
      <section aria-labelledby="domains-heading" className="space-y-3">
        <h2 id="domains-heading" className="text-sm font-semibold">
          Domains
        </h2>
        <DomainList organizationId={organization.id} canEdit={canEdit} />
      </section>
      <section aria-labelledby="configs-heading" className="mt-10 space-y-3">
        <div className="flex flex-wrap items-end justify-between gap-3">
          <div>
            <h2 id="configs-heading" className="text-sm font-semibold">
              Shared identity providers
            </h2>
            <p className="mt-1 text-muted">SAML and SCIM settings kept once, for several domains that sign in through the same provider.</p>
          </div>
          {canEdit && <AddConfigButton organizationId={organization.id} />}
        </div>
        <ConfigList organizationId={organization.id} />
      </section>
    </div>
  );
}
