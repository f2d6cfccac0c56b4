import type { JobHandler } from "../types";

/** The job kind earlier versions queued for each webhook attempt. */
export const WEBHOOK_DELIVERY_JOB = "webhook.delivery";

/**
 * Jobs of this kind left by an earlier version finish at once: the delivery they name is still pending in its table,
 * where the webhook sender claims it.
 */
export const runWebhookDelivery: JobHandler = async () => {};
