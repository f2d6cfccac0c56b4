import { inArray, lt } from "drizzle-orm";
import type { Db, Executor } from "../../../db/client";
import { scimRequestLogs } from "../../../db/schema";
import { log } from "../../log";
import type { IDENTITY_PROVIDERS } from "../../schemas/domains";
import { maskBody, maskHeaders, maskPath } from "./log-masking";

export type IdentityProvider = (typeof IDENTITY_PROVIDERS)[number];

/** One request a SCIM client made to a domain or an identity-provider config, and how it was answered. */
export type ScimRequestEntry = {
  organizationId: string;
  target: { kind: "domain" | "identity_provider_config"; id: string };
  method: string;
  /** The path with its query string. */
  path: string;
  headers: Headers | Record<string, string>;
  requestBody: string;
  status: number;
  responseBody: string;
  durationMs: number;
  at?: Date;
};

const PROVIDERS: [IdentityProvider, RegExp][] = [
  ["okta", /okta/i],
  // Entra's provisioning service has announced itself under each of its names.
  ["entra_id", /azure ?ad|azure active directory|microsoft|entra|scim-sync/i],
  ["google", /google/i],
  ["onelogin", /onelogin/i],
];

/** The identity provider a SCIM client is, told by its User-Agent; `other` when none is recognized. */
export function detectIdentityProvider(userAgent: string | null | undefined): IdentityProvider {
  if (!userAgent) return "other";
  return PROVIDERS.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? "other";
}

const userAgentOf = (headers: ScimRequestEntry["headers"]) =>
  headers instanceof Headers ? headers.get("user-agent") : Object.entries(headers).find(([name]) => name.toLowerCase() === "user-agent")?.[1];

/**
 * Stores one SCIM request with the token hidden, cookies left out and personal data masked (`password` never stored),
 * so an admin can see what the client sent without the log becoming a copy of the directory.
 */
export async function recordScimRequest(db: Executor, entry: ScimRequestEntry): Promise<void> {
  await db.insert(scimRequestLogs).values({
    organizationId: entry.organizationId,
    domainId: entry.target.kind === "domain" ? entry.target.id : null,
    identityProviderConfigId: entry.target.kind === "identity_provider_config" ? entry.target.id : null,
    requestMethod: entry.method.slice(0, 10),
    requestPath: maskPath(entry.path).slice(0, 2048),
    requestHeaders: maskHeaders(entry.headers),
    requestBody: maskBody(entry.requestBody),
    responseStatus: entry.status,
    responseBody: maskBody(entry.responseBody),
    identityProvider: detectIdentityProvider(userAgentOf(entry.headers)),
    durationMs: Math.max(0, Math.round(entry.durationMs)),
    createdAt: entry.at ?? new Date(),
  });
}

/**
 * Records a SCIM request after the response has gone: the masking and the insert run later, and a failure is logged,
 * never thrown, since a log must not fail or slow provisioning.
 */
export function logScimRequestInBackground(db: Db, entry: ScimRequestEntry): void {
  const stamped = { ...entry, at: entry.at ?? new Date() };
  setImmediate(() => {
    recordScimRequest(db, stamped).catch((err: unknown) => {
      log.error({ err, organization_id: entry.organizationId, target: entry.target, status: entry.status }, "SCIM request log not written");
    });
  });
}

/** SCIM requests are kept this long. */
export const SCIM_LOG_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Deletes the SCIM requests older than 30 days, `batchSize` rows per statement so that no statement holds its locks
 * long on a large table; returns how many went.
 */
export async function pruneScimRequestLogs(db: Db, now: Date, { batchSize = 5000 } = {}): Promise<number> {
  const cutoff = new Date(now.getTime() - SCIM_LOG_RETENTION_DAYS * DAY_MS);
  let total = 0;
  for (;;) {
    const batch = db.select({ id: scimRequestLogs.id }).from(scimRequestLogs).where(lt(scimRequestLogs.createdAt, cutoff)).limit(batchSize);
    const deleted = await db.delete(scimRequestLogs).where(inArray(scimRequestLogs.id, batch)).returning({ id: scimRequestLogs.id });
    total += deleted.length;
    if (deleted.length < batchSize) return total;
  }
}
