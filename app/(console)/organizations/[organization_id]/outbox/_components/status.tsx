import type { OutboxStatus } from "@/lib/query/types";
import { Badge } from "@/components/ui/badge";

export const HELD_EXPLANATION = "Email isn't set up on this server (no SMTP_URL): this is what would have been sent.";

const STATUSES: Record<OutboxStatus, { label: string; tone: "neutral" | "accent" | "warn" | "ok" | "danger"; help: string }> = {
  pending: { label: "Pending", tone: "accent", help: "Waiting for its next delivery attempt." },
  sending: { label: "Sending", tone: "accent", help: "Being handed to the mail server now." },
  sent: { label: "Sent", tone: "ok", help: "The mail server accepted it." },
  failed: { label: "Failed", tone: "danger", help: "Delivery gave up after a day of retries." },
  held: { label: "Held", tone: "warn", help: HELD_EXPLANATION },
  cancelled: { label: "Cancelled", tone: "neutral", help: "Not sent: what it was about was gone by then (see why below)." },
};

export const STATUS_OPTIONS = Object.entries(STATUSES).map(([value, s]) => ({ value, label: s.label }));
export const statusHelp = (status: OutboxStatus) => STATUSES[status].help;

/** An email's delivery state as a coloured label. */
export function StatusBadge({ status }: { status: OutboxStatus }) {
  const s = STATUSES[status];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}
