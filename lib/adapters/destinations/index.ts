/**
 * Batch-export destinations: a client per destination type behind one interface (stream a run's rows, test the
 * connection step by step), and the save-time check of a destination's URL or host.
 */
import type { HostResolver } from "../../outbound/resolve-host";
import type { BatchExportDestination } from "../../schemas/batch-export-destinations";
import { httpDestination } from "./http";
import { postgresDestination } from "./postgres";
import { s3Destination } from "./s3";
import type { Destination, ExportColumn } from "./types";

export { destinationProblem } from "./check";
export { httpBatchId } from "./http";
export { s3ObjectKey } from "./s3";
export * from "./types";

export type DestinationOptions = {
  /** The exported model's columns: the Postgres destination creates its table with them. */
  columns: readonly ExportColumn[];
  /** Tests point DNS at a local server; unset, the system resolver answers. */
  resolver?: HostResolver;
};

/** The client for a parsed destination; it connects only when a run or test step starts. */
export function destinationFor(destination: BatchExportDestination, options: DestinationOptions): Destination {
  switch (destination.type) {
    case "S3":
      return s3Destination(destination.config, { resolver: options.resolver });
    case "Postgres":
      return postgresDestination(destination.config, { columns: options.columns, resolver: options.resolver });
    case "HTTP":
      return httpDestination(destination.config, { resolver: options.resolver });
  }
}
