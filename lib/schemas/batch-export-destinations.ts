/**
 * Where a batch export delivers its rows: `{type, config}` on the wire, with PostHog's batch-export field names.
 * Client-safe (no node: imports), so the console's destination form validates with the same schemas.
 */
import { z } from "zod";
import { withoutNul } from "./common";

const field = (max = 1000) => withoutNul(z.string().trim().min(1).max(max));

/** S3 bucket names: 3–63 lower-case letters, digits, dots and hyphens, starting and ending with a letter or digit. */
const bucketName = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "Enter a valid bucket name (3–63 lower-case letters, digits, dots and hyphens).");

/** AWS region names (`eu-west-1`); any S3-compatible service accepts a word of this shape. */
const region = z.string().trim().regex(/^[a-z0-9-]{1,50}$/, "Enter a region such as us-east-1.");

/** Object-key prefix: no leading or trailing slash is needed; none of them are kept. */
const prefix = withoutNul(z.string().trim().max(512))
  .transform((value) => value.replace(/^\/+|\/+$/g, ""))
  .default("");

/** PostgreSQL identifiers are at most 63 bytes; longer ones would be silently truncated by the server. */
const identifier = withoutNul(z.string().trim().min(1).max(63));

export const s3DestinationConfig = z.object({
  bucket_name: bucketName,
  region: region.default("us-east-1"),
  prefix,
  endpoint_url: withoutNul(z.string().trim().max(2048)).nullish().transform((value) => value || null),
  aws_access_key_id: field(256),
  aws_secret_access_key: field(256),
  compression: z.literal("gzip").default("gzip"),
  file_format: z.literal("JSONLines").default("JSONLines"),
});

export const postgresDestinationConfig = z.object({
  host: field(253),
  port: z.coerce.number().int().min(1).max(65535).default(5432),
  database: identifier,
  user: identifier,
  password: withoutNul(z.string().max(1000)),
  schema: identifier.default("public"),
  table_name: identifier,
  has_self_signed_cert: z.boolean().default(false),
});

export const httpDestinationConfig = z.object({
  url: field(2048),
  secret: withoutNul(z.string().trim().max(1000)).nullish().transform((value) => value || null),
});

export const s3Destination = z.object({ type: z.literal("S3"), config: s3DestinationConfig });
export const postgresDestination = z.object({ type: z.literal("Postgres"), config: postgresDestinationConfig });
export const httpDestination = z.object({ type: z.literal("HTTP"), config: httpDestinationConfig });

/** A destination as an API request gives it; the type picks the config's schema. */
export const batchExportDestination = z.discriminatedUnion("type", [s3Destination, postgresDestination, httpDestination]);

export type S3DestinationConfig = z.output<typeof s3DestinationConfig>;
export type PostgresDestinationConfig = z.output<typeof postgresDestinationConfig>;
export type HttpDestinationConfig = z.output<typeof httpDestinationConfig>;
export type BatchExportDestination = z.output<typeof batchExportDestination>;
export type DestinationType = BatchExportDestination["type"];

export const DESTINATION_TYPES = ["S3", "Postgres", "HTTP"] as const satisfies readonly DestinationType[];

/**
 * The config keys each destination keeps secret: write-only (never in a response) and encrypted at rest. A request that
 * leaves one out keeps the stored value.
 */
export const DESTINATION_SECRET_KEYS = {
  S3: ["aws_secret_access_key"],
  Postgres: ["password"],
  HTTP: ["secret"],
} as const satisfies { [T in DestinationType]: readonly (keyof Extract<BatchExportDestination, { type: T }>["config"])[] };

/** True when `key` of a `type` destination's config is secret. */
export function isSecretConfigKey(type: string, key: string): boolean {
  const keys: readonly string[] | undefined = DESTINATION_SECRET_KEYS[type as DestinationType];
  return keys?.includes(key) ?? false;
}

/** The destination as responses show it: every secret key left out. */
export function publicDestination(destination: BatchExportDestination): { type: DestinationType; config: Record<string, unknown> } {
  const config = Object.fromEntries(Object.entries(destination.config).filter(([key]) => !isSecretConfigKey(destination.type, key)));
  return { type: destination.type, config };
}

/**
 * A request's raw destination with the stored secrets filled in where the request leaves them out (same type only), to
 * be parsed with `batchExportDestination` afterwards: secrets are never echoed, so clients cannot send them back.
 */
export function withStoredSecrets(incoming: unknown, stored: BatchExportDestination | null): unknown {
  if (!stored || typeof incoming !== "object" || incoming === null) return incoming;
  const { type, config } = incoming as { type?: unknown; config?: unknown };
  if (type !== stored.type || typeof config !== "object" || config === null) return incoming;
  const filled: Record<string, unknown> = { ...(config as Record<string, unknown>) };
  const storedConfig = stored.config as Record<string, unknown>;
  for (const key of DESTINATION_SECRET_KEYS[stored.type]) {
    if (filled[key] === undefined && storedConfig[key] != null) filled[key] = storedConfig[key];
  }
  return { ...(incoming as object), config: filled };
}
