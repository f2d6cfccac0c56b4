/** Organization integrations (outgoing webhooks today), their deliveries, and registered OAuth applications. */
import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, uniqueIndex, uuid, varchar } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { users } from "./users";
import { organizations } from "./organizations";

/**
 * An integration of the whole organization. `config` is readable by every member, so secrets never go there: a
 * webhook's signing secret is kept encrypted (AES-256-GCM) in `secret_ciphertext`.
 */
export const organizationIntegrations = pgTable(
  "organization_integrations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    kind: varchar("kind", { length: 32 }).notNull(),
    integrationId: varchar("integration_id", { length: 255 }),
    config: jsonb("config").$type<Record<string, unknown>>().notNull().default({}),
    secretCiphertext: text("secret_ciphertext"),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [index("organization_integrations_org_created_idx").on(t.organizationId, t.createdAt)],
);

/**
 * One event to deliver to one webhook integration. Its id is the stable `webhook-id` every attempt repeats, so a
 * receiver can drop duplicates; an activity entry is delivered at most once per integration (unique index). The table
 * is the senders' queue: `status` pending (due at `next_attempt_at`) → sending (claimed; `next_attempt_at` is then the
 * claim's deadline, after which another sender may claim it) → delivered, pending again for a retry, or failed once
 * a day of retries is spent (a redelivery starts a new round).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    integrationId: uuid("integration_id")
      .notNull()
      .references(() => organizationIntegrations.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id").notNull(),
    /** The activity entry delivered; null for a test event. */
    activityId: uuid("activity_id"),
    eventType: varchar("event_type", { length: 128 }).notNull(),
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: varchar("status", { length: 16 }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastStatusCode: integer("last_status_code"),
    lastDurationMs: integer("last_duration_ms"),
    lastResponseExcerpt: text("last_response_excerpt"),
    lastError: text("last_error"),
    nextAttemptAt: ts("next_attempt_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    deliveredAt: ts("delivered_at"),
  },
  (t) => [
    index("webhook_deliveries_integration_created_idx").on(t.integrationId, t.createdAt),
    // Senders claim due deliveries oldest first: pending ones whose time has come, and sending ones whose lease ran out.
    index("webhook_deliveries_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    // The delivery log filtered by status ("failed ones"), newest first.
    index("webhook_deliveries_integration_status_created_idx").on(t.integrationId, t.status, t.createdAt),
    uniqueIndex("webhook_deliveries_integration_activity_key")
      .on(t.integrationId, t.activityId)
      .where(sql`${t.activityId} is not null`),
  ],
);

/** Each attempt of a delivery: what the receiver answered and how long it took. */
export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    responseExcerpt: text("response_excerpt"),
    error: text("error"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("webhook_delivery_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);

/** OAuth clients an organization registered. The client secret is stored as its SHA-256 (hex), shown once. */
export const oauthApplications = pgTable(
  "oauth_applications",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 255 }).notNull(),
    clientId: varchar("client_id", { length: 100 }).notNull().unique(),
    clientSecretHash: varchar("client_secret_hash", { length: 64 }).notNull(),
    /** Redirect URIs separated by single spaces, as the wire's `redirect_uris_list` is split from. */
    redirectUris: text("redirect_uris").notNull(),
    /** OpenID Connect's sector identifier URI: when set, the host of this URI (not of the redirect URIs) is the app's sector. */
    sectorIdentifierUri: text("sector_identifier_uri"),
    /** Set by an instance operator (admin CLI), never by the organization. */
    isVerified: boolean("is_verified").notNull().default(false),
    createdById: integer("created_by_id").references(() => users.id, { onDelete: "set null" }),
    created: ts("created").notNull().defaultNow(),
    updated: ts("updated").notNull().defaultNow(),
  },
  (t) => [index("oauth_applications_org_created_idx").on(t.organizationId, t.created)],
);
