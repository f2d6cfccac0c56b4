import type { BatchExportInterval, BatchExportModel, RunStatus } from "@/lib/schemas/batch-exports";
import type { DestinationType } from "@/lib/schemas/batch-export-destinations";
import type { BatchExport, BatchExportRun } from "@/lib/query/types";

export const ADMINS_ONLY = "Only admins and owners can change batch exports.";

export const MODEL_LABELS: Record<BatchExportModel, string> = { events: "Activity log", persons: "Members", sessions: "Sign-in sessions" };

export const MODEL_HINTS: Record<BatchExportModel, string> = {
  events: "Every entry of the organization's activity log, by the time it was recorded.",
  persons: "The organization's members, by the time they joined.",
  sessions: "Members' sign-in sessions, by the time they started.",
};

export const INTERVAL_LABELS: Record<BatchExportInterval, string> = {
  hour: "Every hour",
  day: "Every day",
  week: "Every week",
  "every 5 minutes": "Every 5 minutes",
  "every 15 minutes": "Every 15 minutes",
};

export const DESTINATION_LABELS: Record<DestinationType, string> = { S3: "S3", Postgres: "PostgreSQL", HTTP: "HTTP" };

type Tone = "neutral" | "accent" | "warn" | "ok" | "danger";

/** A run's state in words; a scheduled run that has been tried already is being retried. */
export function runState(run: Pick<BatchExportRun, "status" | "attempts" | "latest_error">): { label: string; tone: Tone } {
  const labels: Record<RunStatus, { label: string; tone: Tone }> = {
    scheduled: run.attempts > 0 ? { label: "Retrying", tone: "warn" } : { label: "Scheduled", tone: "accent" },
    running: { label: "Running", tone: "accent" },
    completed: { label: "Completed", tone: "ok" },
    failed: { label: "Failed", tone: "danger" },
    cancelled: { label: "Cancelled", tone: "neutral" },
  };
  return labels[run.status];
}

/** Runs that have not reached their end yet: the pages showing them follow them. */
export const inFlight = (runs: unknown[]) => (runs as BatchExportRun[]).some((r) => r.status === "scheduled" || r.status === "running");

/** A run that did not deliver its interval and may be run again. */
export const retryable = (run: BatchExportRun) => run.status === "failed" || run.status === "cancelled";

const SPAN = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", hour12: false });

/** "Mar 4, 10:00 – 11:00" in the viewer's zone: the interval a run exports. */
export function intervalWords(run: Pick<BatchExportRun, "interval_start" | "interval_end">) {
  const start = new Date(run.interval_start);
  const end = new Date(run.interval_end);
  const sameDay = start.toDateString() === end.toDateString();
  const endWords = sameDay ? end.toLocaleTimeString("en-US", { hour: "2-digit", minute: "2-digit", hour12: false }) : SPAN.format(end);
  return `${SPAN.format(start)} – ${endWords}`;
}

/** How long a run took, or a dash before it finished. */
export function durationWords(run: Pick<BatchExportRun, "started_at" | "finished_at">) {
  if (!run.started_at || !run.finished_at) return "—";
  const ms = new Date(run.finished_at).getTime() - new Date(run.started_at).getTime();
  return ms < 1000 ? `${Math.max(ms, 0)} ms` : ms < 60_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 60_000)} min`;
}

/** Where an export delivers, in a few words: the bucket, the table or the URL's host. */
export function destinationWords(exp: Pick<BatchExport, "destination">) {
  const config = exp.destination.config as Record<string, unknown>;
  const where =
    exp.destination.type === "S3"
      ? config.bucket_name
      : exp.destination.type === "Postgres"
        ? `${String(config.schema ?? "public")}.${String(config.table_name ?? "")}`
        : hostOf(String(config.url ?? ""));
  return `${DESTINATION_LABELS[exp.destination.type]}${where ? ` · ${String(where)}` : ""}`;
}

function hostOf(url: string) {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
