import { z } from "zod";
import { httpDestination, postgresDestination, postgresDestinationConfig, s3Destination, s3DestinationConfig, batchExportDestination } from "@/lib/schemas/batch-export-destinations";
import { createBatchExportInput, patchBatchExportByIdInput } from "@/lib/schemas/batch-exports";

/** A new export as the API checks it, its destination's config included. */
export const newExportSchema = createBatchExportInput.extend({ destination: batchExportDestination });

/** A destination while editing: a secret left out keeps the stored one, so secrets may be missing. */
const editedDestination = z.discriminatedUnion("type", [
  s3Destination.extend({ config: s3DestinationConfig.partial({ aws_secret_access_key: true }) }),
  postgresDestination.extend({ config: postgresDestinationConfig.partial({ password: true }) }),
  httpDestination,
]);

/** A change to an export as the API checks it. */
export const editExportSchema = patchBatchExportByIdInput.extend({ destination: editedDestination });

/** "2026-03-04T10:00" in the viewer's zone, for a datetime-local input. */
export function localInput(iso: string | null | undefined) {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value as an ISO moment (null when empty). */
export function fromLocalInput(value: string) {
  if (!value) return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}
