import { attemptDelivery, type DeliveryJobPayload, WEBHOOK_DELIVERY_JOB } from "../../services/integrations/delivery-job";
import type { JobHandler } from "../types";

export { WEBHOOK_DELIVERY_JOB };

/** One attempt at one webhook delivery; the next attempt, if any, is its own job. */
export const runWebhookDelivery: JobHandler = async ({ db, now, job }) => {
  await attemptDelivery(db, job.payload as DeliveryJobPayload, now);
};
