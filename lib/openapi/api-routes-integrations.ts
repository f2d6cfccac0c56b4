/** The OpenAPI entries of an organization's integrations (outgoing webhooks) and their deliveries. */
import {
  CreateOrganizationIntegration,
  EnvironmentMapping,
  OrganizationIntegration,
  OrganizationIntegrationWithSecret,
  PaginatedOrganizationIntegrationList,
  PaginatedWebhookDeliveryList,
  PatchedOrganizationIntegration,
  WebhookDelivery,
} from "../schemas/integrations";
import {
  createIntegration,
  deleteIntegration,
  getIntegration,
  listIntegrations,
  listWebhookDeliveries,
  redeliverWebhook,
  rotateWebhookSecret,
  sendTestEvent,
  updateEnvironmentMapping,
  updateWebhook,
} from "../services/integrations";
import { api, type ApiRoute } from "./api-route";

const ORG = "/api/organizations/{organization_id}";
const INTEGRATIONS = "Integrations";
const SIGNING = "Each event is POSTed as JSON signed in the Standard Webhooks format (`webhook-id`, `webhook-timestamp`, `webhook-signature`).";

export const INTEGRATION_ROUTES: ApiRoute[] = [
  api("get", `${ORG}/integrations/`, listIntegrations, PaginatedOrganizationIntegrationList, {
    operationId: "integrations_list", tag: INTEGRATIONS,
    summary: "List the organization's integrations", description: "Any member; newest first. `config` never holds a secret.",
  }),
  api("post", `${ORG}/integrations/`, createIntegration, OrganizationIntegrationWithSecret, {
    operationId: "integrations_create", tag: INTEGRATIONS, status: 201, body: CreateOrganizationIntegration,
    summary: "Add a webhook",
    description: `Administrators. Activity-log entries of the chosen scopes (all when omitted) are delivered to \`config.url\`, retried with backoff for a day. ${SIGNING} The signing secret is in this response only.`,
  }),
  api("get", `${ORG}/integrations/{id}/`, getIntegration, OrganizationIntegration, { operationId: "integrations_retrieve", tag: INTEGRATIONS, summary: "An integration" }),
  api("patch", `${ORG}/integrations/{id}/`, updateWebhook, OrganizationIntegration, {
    operationId: "integrations_partial_update", tag: INTEGRATIONS, body: PatchedOrganizationIntegration,
    summary: "Change a webhook's URL or scopes", description: "Administrators. The signing secret stays.",
  }),
  api("delete", `${ORG}/integrations/{id}/`, deleteIntegration, null, {
    operationId: "organization_integrations_destroy", tag: INTEGRATIONS, status: 204,
    summary: "Remove an integration", description: "Administrators. Its deliveries still queued are dropped.",
  }),
  api("patch", `${ORG}/integrations/{id}/environment-mapping/`, updateEnvironmentMapping, OrganizationIntegration, {
    operationId: "integrations_environment_mapping_partial_update", tag: INTEGRATIONS, body: EnvironmentMapping,
    summary: "Map environments to projects",
    description: "Administrators, signed-in sessions only. `preview` and `development` default to `production`. Events about a mapped project carry its `environment`.",
    detailOnly400: "when the integration is not connectable or a project is not the organization's,",
  }),
  api("post", `${ORG}/integrations/{id}/rotate-secret/`, rotateWebhookSecret, OrganizationIntegrationWithSecret, {
    operationId: "integrations_rotate_secret_create", tag: INTEGRATIONS,
    summary: "Rotate a webhook's signing secret", description: "Administrators. The new secret is in this response only; later attempts are signed with it.",
  }),
  api("post", `${ORG}/integrations/{id}/test/`, sendTestEvent, WebhookDelivery, {
    operationId: "integrations_test_create", tag: INTEGRATIONS, status: 201,
    summary: "Send a test event", description: "Administrators, signed-in sessions only. Queues a `webhook.test` delivery.",
  }),
  api("get", `${ORG}/integrations/{id}/deliveries/`, listWebhookDeliveries, PaginatedWebhookDeliveryList, {
    operationId: "integrations_deliveries_list", tag: INTEGRATIONS,
    summary: "A webhook's delivery log", description: "Administrators; newest first, each with its attempts. `status` filters: `pending`, `delivered` or `failed`.",
  }),
  api("post", `${ORG}/integrations/{id}/deliveries/{delivery_id}/redeliver/`, redeliverWebhook, WebhookDelivery, {
    operationId: "integrations_deliveries_redeliver_create", tag: INTEGRATIONS,
    summary: "Deliver an event again", description: "Administrators. Queues a delivery that is not pending again, with the same `webhook-id`, retried for another day.",
  }),
];
