import { z } from "zod";
import { paginationQuery, paginated, timestamp, withoutNul } from "./common";
import { UserBasic } from "./users";

/** The kinds of integration an organization may create itself; marketplace installs bring their own. */
export const INTEGRATION_KINDS = ["webhook"] as const;

/**
 * The activity-log scopes a webhook may subscribe to: every object type whose changes are recorded in an
 * organization's log. A webhook created without `scopes` receives them all.
 */
export const WEBHOOK_EVENT_SCOPES = [
  "Organization",
  "OrganizationMembership",
  "OrganizationInvite",
  "OrganizationDomain",
  "IdentityProviderConfig",
  "ScimGroup",
  "PersonalAPIKey",
  "Project",
  "OAuthApplication",
  "OrganizationIntegration",
  "LegalDocument",
  "BatchExport",
] as const;
export type WebhookEventScope = (typeof WEBHOOK_EVENT_SCOPES)[number];

/** The event type of a test delivery. */
export const WEBHOOK_TEST_EVENT = "webhook.test";

const webhookUrl = withoutNul(z.string().trim().min(1).max(2048));
const eventScopes = z.array(z.enum(WEBHOOK_EVENT_SCOPES)).min(1).max(WEBHOOK_EVENT_SCOPES.length);

export const integrationIdInput = z.object({ id: z.string() });

export const createIntegrationInput = z.object({
  kind: z.enum(INTEGRATION_KINDS),
  config: z.object({
    url: webhookUrl.meta({ description: "Where events are POSTed: https (http and private addresses only where the instance allows them)." }),
    scopes: eventScopes.optional().meta({ description: "The activity-log scopes to deliver; every scope when omitted." }),
  }),
});

/** A webhook's URL and scopes; fields not sent stay as they are. */
export const updateWebhookInput = z.object({
  config: z.object({ url: webhookUrl, scopes: eventScopes }).partial().optional(),
});
export const updateWebhookByIdInput = updateWebhookInput.extend({ id: z.string() });

/** The environments' projects; preview and development default to production. */
export const environmentMappingInput = z.object({
  production: z.int(),
  preview: z.int().optional(),
  development: z.int().optional(),
});

export const DELIVERY_STATUSES = ["pending", "delivered", "failed"] as const;

export const listDeliveriesInput = paginationQuery.extend({
  id: z.string(),
  status: z.enum(DELIVERY_STATUSES).optional(),
});

export const deliveryIdInput = z.object({ id: z.string(), delivery_id: z.string() });

/** An integration of the organization; `config` is visible to every member and never holds a secret. */
export const OrganizationIntegration = z
  .strictObject({
    id: z.uuid(),
    kind: z.string(),
    integration_id: z.string().nullable(),
    config: z.record(z.string(), z.unknown()),
    created_at: timestamp,
    updated_at: timestamp,
    created_by: UserBasic.nullable(),
  })
  .meta({ id: "OrganizationIntegration" });
export type OrganizationIntegration = z.infer<typeof OrganizationIntegration>;

export const PaginatedOrganizationIntegrationList = paginated(OrganizationIntegration, "OrganizationIntegration");

/** A webhook with its signing secret, in the responses of its creation and of a rotation only. */
export const OrganizationIntegrationWithSecret = OrganizationIntegration.extend({
  secret: z.string().meta({ description: "The signing secret (`whsec_…`, Standard Webhooks), shown this once." }),
}).meta({ id: "OrganizationIntegrationWithSecret" });

export const CreateOrganizationIntegration = createIntegrationInput.meta({ id: "CreateOrganizationIntegration" });
export const PatchedOrganizationIntegration = updateWebhookInput.meta({ id: "PatchedOrganizationIntegration" });
export const EnvironmentMapping = environmentMappingInput.meta({ id: "EnvironmentMapping" });

/** One attempt to deliver an event. */
export const WebhookDeliveryAttempt = z
  .strictObject({
    attempt: z.int(),
    status_code: z.int().nullable(),
    duration_ms: z.int(),
    response_excerpt: z.string().nullable().meta({ description: "The start of the receiver's answer, at most 1 KB." }),
    error: z.string().nullable(),
    created_at: timestamp,
  })
  .meta({ id: "WebhookDeliveryAttempt" });

/** One event sent (or to send) to one webhook, with every attempt. */
export const WebhookDelivery = z
  .strictObject({
    id: z.uuid(),
    webhook_id: z.string().meta({ description: "The `webhook-id` header, the same on every attempt." }),
    event_type: z.string(),
    activity_id: z.uuid().nullable(),
    status: z.enum(DELIVERY_STATUSES),
    attempts: z.int(),
    last_status_code: z.int().nullable(),
    last_error: z.string().nullable(),
    next_attempt_at: timestamp.nullable(),
    delivered_at: timestamp.nullable(),
    created_at: timestamp,
    payload: z.record(z.string(), z.unknown()),
    attempt_log: z.array(WebhookDeliveryAttempt),
  })
  .meta({ id: "WebhookDelivery" });
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

export const PaginatedWebhookDeliveryList = paginated(WebhookDelivery, "WebhookDelivery");
