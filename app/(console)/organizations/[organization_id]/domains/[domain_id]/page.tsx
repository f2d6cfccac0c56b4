import type { Metadata } from "next";
import Link from "next/link";
import { levelGrants } from "@/lib/auth/permissions";
import { challengeName, scimBaseUrl } from "@/lib/services/domain-rows";
import { getDomainDnsStatus } from "@/lib/services/domain-status";
import { getDomain } from "@/lib/services/domains";
import { listIdentityProviderConfigs } from "@/lib/services/identity-provider-configs";
import { describeCertificate } from "@/lib/services/saml/certificate";
import { samlServiceProviderUrls } from "@/lib/services/saml/urls";
import { PageHeader } from "@/components/ui/page-header";
import { openOrganization } from "../../../../_lib/load";
import { runOrNotFound, titleOf } from "../../../../_lib/run-or-not-found";
import { ConfigLinkPanel } from "../_components/config-link-panel";
import { DeletePanel } from "../_components/delete-panel";
import { samlKey, VERIFY_FIRST } from "../_components/domain-words";
import { MetadataImport } from "../_components/metadata-import";
import { SamlForm } from "../_components/saml-form";
import { ScimPanel } from "../_components/scim-panel";
import { ScimProvisioning } from "../_components/scim-provisioning";
import { ServiceProviderPanel } from "../_components/service-provider-panel";
import { SignInPanel } from "../_components/sign-in-panel";
import { VerificationPanel } from "../_components/verification-panel";

type Params = { params: Promise<{ organization_id: string; domain_id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { organization_id, domain_id } = await params;
  return { title: await titleOf(getDomain, organization_id, { id: domain_id }, (d) => `${d.domain} · Domains & SSO`, "Domains & SSO") };
}

export default async function DomainPage({ params }: Params) {
  const { organization_id, domain_id } = await params;
  const organization = await openOrganization(organization_id);
  const [domain, status, configs] = await Promise.all([
    runOrNotFound(getDomain, organization.id, { id: domain_id }),
    runOrNotFound(getDomainDnsStatus, organization.id, { id: domain_id }),
    runOrNotFound(listIdentityProviderConfigs, organization.id, { limit: 1000, offset: 0 }),
  ]);
  const canEdit = levelGrants(organization.membership_level, "organization_domain:write");
  const canReadScim = levelGrants(organization.membership_level, "organization_domain:admin");
  const target = { kind: "domain" as const, organizationId: organization.id, id: domain.id };
  const linked = configs.results.find((c) => c.id === domain.identity_provider_config);
  return (
    <div className="mx-auto max-w-5xl">
      <p className="mb-2">
        <Link href={`/organizations/${organization.id}/domains`} className="text-accent-text hover:underline">
          ← Domains & SSO
        </Link>
      </p>
      <PageHeader title={domain.domain} description={domain.is_verified ? "A verified domain of this organization." : "This domain is not verified yet."} />
      {!canEdit && (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can change this domain. You can see its settings as a member.
        </p>
      )}
      <div className="space-y-6">
        <VerificationPanel organizationId={organization.id} domain={domain} recordName={challengeName(domain.domain)} status={status} canEdit={canEdit} />
        <SignInPanel key={`${domain.jit_provisioning_enabled}:${domain.sso_enforcement}`} organizationId={organization.id} domain={domain} canEdit={canEdit} />
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="space-y-3">
            {canEdit && !linked && (
              <div className="flex justify-end">
                <MetadataImport organizationId={organization.id} domainId={domain.id} />
              </div>
            )}
            <SamlForm key={samlKey(domain)} target={target} values={domain} canEdit={canEdit} note={linked && `These came from the shared identity provider ${linked.name || "linked to this domain"}.`} />
          </div>
          <ServiceProviderPanel urls={samlServiceProviderUrls(domain.id)} certificate={domain.saml_x509_cert ? describeCertificate(domain.saml_x509_cert) : null} certificateSet={Boolean(domain.saml_x509_cert)} />
        </div>
        <ScimPanel target={target} enabled={domain.scim_enabled} baseUrl={domain.scim_base_url ?? scimBaseUrl(domain.id)} canEdit={canEdit} blockedReason={domain.is_verified ? null : VERIFY_FIRST} />
        {canReadScim && <ScimProvisioning target={target} canEdit={canEdit} />}
        <ConfigLinkPanel organizationId={organization.id} domainId={domain.id} linked={domain.identity_provider_config} configs={configs.results} canEdit={canEdit} />
        {canEdit && (
          <DeletePanel
            target={target}
            noun="domain"
            name={domain.domain}
            consequence="Its verification, SAML and SCIM settings are deleted: people of this domain can no longer sign in through its identity provider, and its SCIM token stops working. Members stay in the organization."
            back={`/organizations/${organization.id}/domains`}
          />
        )}
      </div>
    </div>
  );
}
