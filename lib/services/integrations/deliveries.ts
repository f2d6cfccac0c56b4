import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import { webhookDeliveries, webhookDeliveryAttempts } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { AppError, notFound } from "../../errors";
import { deliveryIdInput, integrationIdInput, listDeliveriesInput, WEBHOOK_TEST_EVENT, type WebhookDelivery } from "../../schemas/integrations";
import { operation } from "../operation";
import { Page } from "../page";
import { iso } from "../serialize";
import { notifyDeliveries } from "./delivery-signal";
import { webhookOf } from "./rows";
import { deliveryIdOf, webhookMessageId } from "./signing";

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type AttemptRow = typeof webhookDeliveryAttempts.$inferSelect;

/** On the wire a delivery being sent is still pending: on its way, with no next attempt planned yet. */
function serializeDelivery(row: DeliveryRow, attempts: AttemptRow[]): WebhookDelivery {
  const sending = row.status === "sending";
  return {
    id: row.id,
    webhook_id: webhookMessageId(row.id),
    event_type: row.eventType,
    activity_id: row.activityId,
    status: sending ? "pending" : (row.status as WebhookDelivery["status"]),
    attempts: row.attempts,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    next_attempt_at: sending ? null : iso(row.nextAttemptAt),
    delivered_at: iso(row.deliveredAt),
    created_at: iso(row.createdAt),
    payload: row.payload,
    attempt_log: attempts.map((a) => ({
      attempt: a.attempt,
      status_code: a.statusCode,
      duration_ms: a.durationMs,
      response_excerpt: a.responseExcerpt,
      error: a.error,
      created_at: iso(a.createdAt),
    })),
  };
}

/** The deliveries a wire status names: `pending` covers those being sent. */
function statusIs(status: WebhookDelivery["status"]): SQL {
  return status === "pending" ? inArray(webhookDeliveries.status, ["pending", "sending"]) : eq(webhookDeliveries.status, status);
}

/** A webhook's deliveries, newest first, each with its attempts in order; `status` narrows them. Administrators only. */
export const listWebhookDeliveries = operation({
  permission: "organization_integration:deliveries",
  callers: USER_CALLERS,
  input: listDeliveriesInput,
  run: async ({ db, organization }, { id, status, limit, offset }) => {
    const { row: integration } = await webhookOf(db, organization.id, id);
    const where = and(eq(webhookDeliveries.integrationId, integration.id), status ? statusIs(status) : undefined);
    const [rows, [total]] = await Promise.all([
      db.select().from(webhookDeliveries).where(where).orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id)).limit(limit).offset(offset),
      db.select({ n: count() }).from(webhookDeliveries).where(where),
    ]);
    const attempts = rows.length
      ? await db
          .select()
          .from(webhookDeliveryAttempts)
          .where(inArray(webhookDeliveryAttempts.deliveryId, rows.map((r) => r.id)))
          .orderBy(asc(webhookDeliveryAttempts.attempt))
      : [];
    const results = rows.map((row) => serializeDelivery(row, attempts.filter((a) => a.deliveryId === row.id)));
    return new Page(results, total.n, { limit, offset });
  },
});

/**
 * Queues a delivery that failed (or was delivered) once more, with the same `webhook-id` so the receiver can tell it
 * is the same event: a new round of attempts, retried for another day. A delivery still pending (or being sent) is
 * 400.
 */
export const redeliverWebhook = operation({
  permission: "organization_integration:write",
  callers: USER_CALLERS,
  input: deliveryIdInput,
  run: async ({ db, organization, now }, { id, delivery_id }) =>
    db.transaction(async (tx) => {
      const { row: integration } = await webhookOf(tx, organization.id, id);
      const deliveryId = deliveryIdOf(delivery_id);
      if (!deliveryId) throw notFound();
      const [row] = await tx
        .select()
        .from(webhookDeliveries)
        .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.integrationId, integration.id)))
        .for("update");
      if (!row) throw notFound();
      if (row.status === "pending" || row.status === "sending") throw new AppError("invalid_input", { detail: "This delivery is already queued." });
      // Redelivery is operational traffic, not a change to the organization: it is not an activity entry, which the
      // webhooks themselves would then receive.
      const [after] = await tx
        .update(webhookDeliveries)
        .set({ status: "pending", nextAttemptAt: now, deliveredAt: null })
        .where(eq(webhookDeliveries.id, row.id))
        .returning();
      notifyDeliveries(tx);
      return serializeDelivery(after, []);
    }),
});

/**
 * Sends a `webhook.test` event to a webhook, delivered and retried like any other; administrators, from a person only.
 * Like a redelivery, it changes nothing of the organization, so it is not an activity entry.
 */
export const sendTestEvent = operation({
  permission: "organization_integration:admin",
  callers: USER_CALLERS,
  input: integrationIdInput,
  run: async ({ db, organization, now }, { id }) =>
    db.transaction(async (tx) => {
      const { row: integration } = await webhookOf(tx, organization.id, id);
      const payload = {
        type: WEBHOOK_TEST_EVENT,
        timestamp: now.toISOString(),
        data: { integration_id: integration.id, organization_id: organization.id, message: "A test event from Orgdeck." },
      };
      const [row] = await tx
        .insert(webhookDeliveries)
        .values({ integrationId: integration.id, organizationId: organization.id, eventType: WEBHOOK_TEST_EVENT, payload, nextAttemptAt: now, createdAt: now })
        .returning();
      notifyDeliveries(tx);
      return serializeDelivery(row, []);
    }),
});
