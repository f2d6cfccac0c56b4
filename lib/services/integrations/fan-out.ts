import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { type activityLog, organizationIntegrations, type users, webhookDeliveries } from "../../../db/schema";
import { serializeActivityEntry } from "../activity-log";
import { notifyDeliveries } from "./delivery-signal";

type ActivityRow = typeof activityLog.$inferSelect;
type UserRow = typeof users.$inferSelect;

/** The environment a project entry concerns, by the integration's mapping (production first when several name it). */
function environmentOf(entry: ActivityRow) {
  if (entry.scope !== "Project") return sql`'{}'::jsonb`;
  const mapping = sql`${organizationIntegrations.config} -> 'environment_mapping'`;
  const env = sql`case
    when ${mapping} ->> 'production' = ${entry.itemId} then 'production'
    when ${mapping} ->> 'preview' = ${entry.itemId} then 'preview'
    when ${mapping} ->> 'development' = ${entry.itemId} then 'development' end`;
  return sql`case when (${env}) is null then '{}'::jsonb else jsonb_build_object('environment', ${env}) end`;
}

/**
 * Queues the delivery of an organization's activity entry to each of its webhooks subscribed to the entry's scope,
 * in the caller's transaction: the deliveries exist exactly when the entry does, so none is lost to a crash, and
 * senders claim them from their table once it commits. For an organization without webhooks this is one indexed query
 * that inserts nothing.
 */
export async function fanOutActivity(tx: Executor, entry: ActivityRow, user: UserRow | null) {
  if (!entry.organizationId) return;
  const at = entry.createdAt.toISOString();
  const event = { type: `${entry.scope}.${entry.activity}`, timestamp: at, data: serializeActivityEntry(entry, user) };
  const subscribed = and(
    eq(organizationIntegrations.organizationId, entry.organizationId),
    eq(organizationIntegrations.kind, "webhook"),
    sql`${organizationIntegrations.config} -> 'scopes' @> ${JSON.stringify([entry.scope])}::jsonb`,
  );
  // Columns in the table's order, as insert … select requires.
  const rows = tx
    .select({
      id: sql`gen_random_uuid()`.as("id"),
      integrationId: organizationIntegrations.id,
      organizationId: organizationIntegrations.organizationId,
      activityId: sql`${entry.id}::uuid`.as("activity_id"),
      eventType: sql`${event.type}`.as("event_type"),
      payload: sql`${JSON.stringify(event)}::jsonb || ${environmentOf(entry)}`.as("payload"),
      status: sql`'pending'`.as("status"),
      attempts: sql`0`.as("attempts"),
      lastStatusCode: sql`null::integer`.as("last_status_code"),
      lastDurationMs: sql`null::integer`.as("last_duration_ms"),
      lastResponseExcerpt: sql`null::text`.as("last_response_excerpt"),
      lastError: sql`null::text`.as("last_error"),
      nextAttemptAt: sql`${at}::timestamptz`.as("next_attempt_at"),
      createdAt: sql`${at}::timestamptz`.as("created_at"),
      deliveredAt: sql`null::timestamptz`.as("delivered_at"),
    })
    .from(organizationIntegrations)
    .where(subscribed);
  const created = await tx.insert(webhookDeliveries).select(rows).onConflictDoNothing().returning({ id: webhookDeliveries.id });
  if (created.length) notifyDeliveries(tx);
}
