import type { Metadata } from "next";
import Link from "next/link";
import { levelGrants } from "@/lib/auth/permissions";
import { getIntegration } from "@/lib/services/integrations";
import { displayName } from "@/components/shell/display-name";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Time } from "@/components/ui/time";
import { openOrganization } from "../../../../_lib/load";
import { runOrNotFound, titleOf } from "../../../../_lib/run-or-not-found";
import { DeliveryLog } from "../_components/delivery-log";
import { DisconnectPanel } from "../_components/disconnect-panel";
import { EnvironmentMappingForm } from "../_components/environment-mapping-form";
import { SecretPanel } from "../_components/secret-panel";
import { TestEventPanel } from "../_components/test-event-panel";
import { WebhookConfigForm } from "../_components/webhook-config-form";
import { integrationName, kindLabel, mappingOf, scopesOf, urlOf } from "../_components/webhook-words";

type Params = { params: Promise<{ organization_id: string; integration_id: string }> };

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const { organization_id, integration_id } = await params;
  return { title: await titleOf(getIntegration, organization_id, { id: integration_id }, (i) => `${integrationName(i)} · Integrations`, "Integrations") };
}

export default async function IntegrationPage({ params }: Params) {
  const { organization_id, integration_id } = await params;
  const organization = await openOrganization(organization_id);
  const integration = await runOrNotFound(getIntegration, organization.id, { id: integration_id });
  const canEdit = levelGrants(organization.membership_level, "organization_integration:write");
  const canReadDeliveries = levelGrants(organization.membership_level, "organization_integration:deliveries");
  const url = urlOf(integration);
  const webhook = integration.kind === "webhook" && url !== null;
  const name = integrationName(integration);
  const ids = { organizationId: organization.id, id: integration.id, canEdit };
  return (
    <div className="mx-auto max-w-5xl">
      <p className="mb-2">
        <Link href={`/organizations/${organization.id}/integrations`} className="text-accent-text hover:underline">
          ← Integrations
        </Link>
      </p>
      <PageHeader
        title={name}
        description={
          <>
            {kindLabel(integration.kind)}, added {integration.created_by ? `by ${displayName(integration.created_by)} ` : ""}
            <Time iso={integration.created_at} />.
          </>
        }
      />
      {!canEdit && (
        <p role="note" className="mb-6 rounded-md border border-line bg-subtle px-3 py-2 text-muted">
          Only admins and owners can change this integration or see its deliveries. You can see its settings as a member.
        </p>
      )}
      <div className="space-y-6">
        {webhook ? (
          <WebhookConfigForm key={integration.updated_at} {...ids} url={url} scopes={scopesOf(integration)} />
        ) : (
          <pre className="overflow-auto rounded-lg border border-line bg-surface p-4 font-mono text-xs">{JSON.stringify(integration.config, null, 2)}</pre>
        )}
        {integration.config.type === "connectable" && <EnvironmentMappingForm key={`env-${integration.updated_at}`} {...ids} saved={mappingOf(integration.config)} />}
        {webhook && (
          <div className="grid gap-6 lg:grid-cols-2">
            <TestEventPanel {...ids} />
            <SecretPanel {...ids} />
          </div>
        )}
        {webhook &&
          (canReadDeliveries ? (
            <DeliveryLog {...ids} />
          ) : (
            <EmptyState title="Only admins can see the delivery log">
              Deliveries carry the organization&apos;s activity, so only its admins and owners can read them.
            </EmptyState>
          ))}
        <DisconnectPanel {...ids} name={name} />
      </div>
    </div>
  );
}
