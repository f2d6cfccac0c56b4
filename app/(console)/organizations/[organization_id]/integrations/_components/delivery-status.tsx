import type { WebhookDelivery } from "@/lib/query/types";
import { Badge } from "@/components/ui/badge";

type Shown = { label: string; tone: "accent" | "warn" | "ok" | "danger"; help: string };

/** A delivery's state in words: a pending one that has been tried already is being retried. */
export function deliveryState(d: Pick<WebhookDelivery, "status" | "attempts">): Shown {
  if (d.status === "delivered") return { label: "Delivered", tone: "ok", help: "The receiver answered with a 2xx status." };
  if (d.status === "failed") return { label: "Failed", tone: "danger", help: "No attempt succeeded within a day of retries." };
  if (d.attempts > 0) return { label: "Retrying", tone: "warn", help: "The last attempt failed; it is tried again with growing waits, for a day." };
  return { label: "Pending", tone: "accent", help: "Waiting for its first attempt." };
}

export const STATUS_OPTIONS = [
  { value: "", label: "Any status" },
  { value: "pending", label: "Pending or retrying" },
  { value: "delivered", label: "Delivered" },
  { value: "failed", label: "Failed" },
];

export function DeliveryStatusBadge({ delivery }: { delivery: Pick<WebhookDelivery, "status" | "attempts"> }) {
  const s = deliveryState(delivery);
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

/** How long the latest attempt took, or a dash before the first. */
export function lastDuration(delivery: WebhookDelivery) {
  const last = delivery.attempt_log.at(-1);
  return last ? `${last.duration_ms} ms` : "—";
}
