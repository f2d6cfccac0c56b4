import { and, eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../../db/client";
import { organizationIntegrations, webhookDeliveries, webhookDeliveryAttempts } from "../../../db/schema";
import { env } from "../../env";
import { enqueueJob } from "../../jobs/enqueue";
import { outboundFetch } from "../../outbound/outbound-fetch";
import { openWebhookSecret, webhookHeaders, webhookMessageId } from "./signing";

/** The job kind that makes one attempt at one webhook delivery. */
export const WEBHOOK_DELIVERY_JOB = "webhook.delivery";

/** Retries stop once the next one would come later than this after the delivery was queued (or re-queued). */
export const RETRY_WINDOW_MS = 24 * 60 * 60 * 1000;
/** No wait between two attempts is longer than this, so a receiver that comes back is served within hours. */
const MAX_DELAY_MS = 6 * 60 * 60 * 1000;
/** The most of a receiver's answer kept per attempt. */
const EXCERPT_BYTES = 1024;
const TIMEOUT_MS = 15_000;

/** One attempt's job: which delivery, how many attempts it must have had (so a repeated job does nothing), since when it is retried. */
export type DeliveryJobPayload = { delivery_id: string; attempt: number; since: string };

export function deliveryJob(deliveryId: string, attempt: number, since: Date): DeliveryJobPayload {
  return { delivery_id: deliveryId, attempt, since: since.toISOString() };
}

/**
 * The wait after `failed` failed attempts: the base (ORGDECK_WEBHOOK_RETRY_BASE_SECONDS) times 4 for each earlier
 * failure, at most 6 hours, spread by ±20% so that retries to one receiver do not arrive all at once.
 */
export function retryDelayMs(failed: number, random: () => number = Math.random): number {
  const base = env().ORGDECK_WEBHOOK_RETRY_BASE_SECONDS * 1000;
  const delay = Math.min(base * 4 ** Math.max(0, failed - 1), MAX_DELAY_MS);
  return Math.round(delay * (0.8 + 0.4 * random()));
}

/** When to try again after `failed` failed attempts, or null when that would fall outside the day of retries. */
export function nextAttemptAt(failed: number, attemptedAt: Date, since: Date, random?: () => number): Date | null {
  const next = new Date(attemptedAt.getTime() + retryDelayMs(failed, random));
  return next.getTime() - since.getTime() > RETRY_WINDOW_MS ? null : next;
}

type Outcome = { statusCode: number | null; excerpt: string | null; error: string | null };

async function post(url: string, headers: Record<string, string>, body: string): Promise<Outcome> {
  try {
    const res = await outboundFetch(url, { method: "POST", headers, body, timeoutMs: TIMEOUT_MS });
    const excerpt = res.body.subarray(0, EXCERPT_BYTES).toString("utf8");
    return { statusCode: res.status, excerpt, error: res.ok ? null : `The receiver answered ${res.status}.` };
  } catch (err) {
    return { statusCode: null, excerpt: null, error: (err as Error).message.slice(0, 1000) };
  }
}

/**
 * Makes one attempt at a delivery: POSTs its payload signed in the Standard Webhooks format, logs the attempt, and on
 * anything but a 2xx queues the next attempt with backoff, or marks the delivery failed once the day is spent. A job
 * that is stale (the delivery moved on, or its webhook is gone) does nothing; one run twice records one outcome.
 */
export async function attemptDelivery(db: Db, job: DeliveryJobPayload, now: Date): Promise<void> {
  const [found] = await db
    .select({ delivery: webhookDeliveries, url: organizationIntegrations.config, sealed: organizationIntegrations.secretCiphertext })
    .from(webhookDeliveries)
    .innerJoin(organizationIntegrations, eq(organizationIntegrations.id, webhookDeliveries.integrationId))
    .where(eq(webhookDeliveries.id, job.delivery_id));
  if (!found || found.delivery.status !== "pending" || found.delivery.attempts !== job.attempt) return;
  const { delivery } = found;
  const url = String(found.url.url ?? "");
  const id = webhookMessageId(delivery.id);
  const body = JSON.stringify(delivery.payload);
  const started = performance.now();
  let outcome: Outcome;
  try {
    const secret = await openWebhookSecret(db, delivery.integrationId, found.sealed ?? "");
    outcome = await post(url, webhookHeaders(secret, id, Math.floor(now.getTime() / 1000), body), body);
  } catch (err) {
    outcome = { statusCode: null, excerpt: null, error: `The signing secret could not be read: ${(err as Error).message}` };
  }
  const durationMs = Math.round(performance.now() - started);
  const attempts = job.attempt + 1;
  const delivered = outcome.error === null;
  const retryAt = delivered ? null : nextAttemptAt(attempts, now, new Date(job.since));
  const record = async (executor: Executor) => {
    // One statement: the outcome and its attempt row are written together, and only by the run whose attempt number
    // still matches (another run of the same job finds nothing to update, and writes nothing).
    const recorded = executor.$with("recorded").as(
      executor
        .update(webhookDeliveries)
        .set({
          attempts,
          status: delivered ? "delivered" : retryAt ? "pending" : "failed",
          lastStatusCode: outcome.statusCode,
          lastDurationMs: durationMs,
          lastResponseExcerpt: outcome.excerpt,
          lastError: outcome.error,
          nextAttemptAt: retryAt,
          deliveredAt: delivered ? now : null,
        })
        .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.attempts, job.attempt), eq(webhookDeliveries.status, "pending")))
        .returning({ deliveryId: webhookDeliveries.id }),
    );
    const row = executor
      .select({
        id: sql`gen_random_uuid()`.as("id"),
        deliveryId: recorded.deliveryId,
        attempt: sql`${attempts}::integer`.as("attempt"),
        statusCode: sql`${outcome.statusCode}::integer`.as("status_code"),
        durationMs: sql`${durationMs}::integer`.as("duration_ms"),
        responseExcerpt: sql`${outcome.excerpt}::text`.as("response_excerpt"),
        error: sql`${outcome.error}::text`.as("error"),
        createdAt: sql`${now.toISOString()}::timestamptz`.as("created_at"),
      })
      .from(recorded);
    const written = await executor.with(recorded).insert(webhookDeliveryAttempts).select(row).returning({ id: webhookDeliveryAttempts.id });
    return written.length > 0;
  };
  if (!retryAt) {
    await record(db);
    return;
  }
  await db.transaction(async (tx) => {
    if (!(await record(tx))) return;
    await enqueueJob(tx, WEBHOOK_DELIVERY_JOB, { ...job, attempt: attempts }, { runAt: retryAt, uniqueKey: `${WEBHOOK_DELIVERY_JOB}:${delivery.id}:${attempts}` });
  });
}
