import type { Metadata } from "next";
import Link from "next/link";
import { levelGrants } from "@/lib/auth/permissions";
import { scimBaseUrl } from "@/lib/services/domain-rows";
import { listDomains } from "@/lib/services/domains";
import { getIdentityProviderConfig } from "@/lib/services/identity-provider-configs";
import { describeCertificate } from "@/lib/services/saml/certificate";
import { samlServiceProviderUrls } from "@/lib/services/saml/urls";
import { PageHeader } from "@/components/ui/page-header";
import { Panel } from "@/components/ui/panel";
import { openOrganization } from "../../../../_lib/load";
import { runOrNotFound, titleOf } from "../../../../_lib/run-or-not-found";
import { ConfigNameForm } from "../../domains/_components/config-name-form";
import { DeletePanel } from "../../domains/_components/delete-panel";
import { samlKey } from "../../domains/_components/domain-words";
import { SamlForm } from "../../domains/_components/saml-form";
import { ScimPanel } from "../../domains/_components/scim-panel";
import { ScimProvisioning } from "../../domains/_components/scim-provisioning";
import { ServiceProviderPanel } from "../../domains/_components/service-provider-panel";

type Params = { params: Promise<{ organization_id: string; config_id: string }> };

const nameOf = (config: { name: string }) => config.name || "Unnamed identity provider";

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { organization_id, config_id } = await params;
  return { title: await titleOf(getIdentityProviderConfig, organization_id, { id: config_id }, (c) => `${nameOf(c)} · Domains & SSO`, "Domains & SSO") };
}

export default async function IdentityProviderPage({ params }: Params) {
  const { organization_id, config_id } = await params;
  const organization = await openOrganization(organization_id);
  const [config, domains] = await Promise.all([
    runOrNotFound(getIdentityProviderConfig, organization.id, { id: config_id }),
    runOrNotFound(listDomains, organization.id, { limit: 1000, offset: 0 }),
  ]);
  const canEdit = levelGrants(organization.membership_level, "organization_domain:write");
  const canReadScim = levelGrants(organization.membership_level, "organization_domain:admin");
  const target = { kind: "config" as const, organizationId: organization.id, id: config.id };
  const linked = domains.results.filter((d) => d.identity_provider_config === config.id);
  return (
    <div className="mx-auto max-w-5xl">
      <p className="mb-2">
        <Link href={`/organizations/${organization.id}/domains`} className="text-accent-text hover:underline">
          ← Domains & SSO
        </Link>
      </p>
      <PageHeader title={nameOf(config)} description="A shared identity provider: its SAML and SCIM settings serve every domain linked to it." />
      {!canEdit && (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can change this identity provider. You can see its settings as a member.
        </p>
      )}
      <div className="space-y-6">
        <ConfigNameForm key={config.name} organizationId={organization.id} id={config.id} name={config.name} canEdit={canEdit} />
        <Panel title="Linked domains" description="Link a domain from its own page; it then takes this identity provider's SAML settings.">
          {linked.length === 0 ? (
            <p className="text-muted">No domain is linked yet.</p>
          ) : (
            <ul aria-label="Linked domains" className="space-y-1">
              {linked.map((d) => (
                <li key={d.id}>
                  <Link href={`/organizations/${organization.id}/domains/${d.id}`} className="font-medium text-accent-text hover:underline">
                    {d.domain}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Panel>
        <div className="grid gap-6 lg:grid-cols-2">
          <SamlForm key={samlKey(config)} target={target} values={config} canEdit={canEdit} />
          <ServiceProviderPanel urls={samlServiceProviderUrls(config.id)} certificate={config.saml_x509_cert ? describeCertificate(config.saml_x509_cert) : null} certificateSet={Boolean(config.saml_x509_cert)} />
        </div>
        <ScimPanel target={target} enabled={config.scim_enabled} baseUrl={scimBaseUrl(config.id)} canEdit={canEdit} />
        {canReadScim && <ScimProvisioning target={target} canEdit={canEdit} />}
        {canEdit && (
          <DeletePanel
            target={target}
            noun="identity provider"
            name={nameOf(config)}
            consequence="Its SCIM token stops working. Linked domains keep their own copy of its SAML settings and are simply unlinked."
            back={`/organizations/${organization.id}/domains`}
          />
        )}
      </div>
    </div>
  );
}
