import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { Executor } from "../../db/client";
import { scimRequestLogs } from "../../db/schema";
import { USER_CALLERS } from "../auth/principal";
import { scimLogsInput, type ScimRequestLog } from "../schemas/domains";
import { domainOf } from "./domain-rows";
import { configOf } from "./identity-provider-configs";
import { operation } from "./operation";
import { Page } from "./page";
import { iso } from "./serialize";

/**
 * How personal data is masked in SCIM logs: an email keeps its first and last local characters (`a***b@domain`), any
 * other string of 3 or more characters its first and last (`x***y`), shorter ones become `*`.
 */
export function maskValue(value: string): string {
  const email = /^([^@\s]+)@([^@\s]+)$/.exec(value);
  if (email) return `${maskValue(email[1]).replace(/^\*$/, "*")}@${email[2]}`;
  return value.length >= 3 ? `${value[0]}***${value[value.length - 1]}` : "*";
}

const escapeLike = (term: string) => term.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A search term matches the path or body as typed, or in its masked form (the body is stored masked). */
function searchCondition(term: string): SQL | undefined {
  const patterns = [...new Set([term, maskValue(term)])].map((t) => `%${escapeLike(t)}%`);
  return or(...patterns.flatMap((p) => [ilike(scimRequestLogs.requestPath, p), ilike(scimRequestLogs.requestBody, p)]));
}

/** One page of a tenant's SCIM requests (a domain's or a config's, by `column`), filtered and newest first. */
async function scimLogsPage(db: Executor, column: PgColumn, id: string, input: z.infer<typeof scimLogsInput>) {
  const where = and(
    eq(column, id),
    input.status_min !== undefined ? gte(scimRequestLogs.responseStatus, input.status_min) : undefined,
    input.status_max !== undefined ? lte(scimRequestLogs.responseStatus, input.status_max) : undefined,
    input.after ? gte(scimRequestLogs.createdAt, new Date(input.after)) : undefined,
    input.before ? lte(scimRequestLogs.createdAt, new Date(input.before)) : undefined,
    input.search ? searchCondition(input.search) : undefined,
  );
  const limit = input.page_size;
  const offset = (input.page - 1) * limit;
  const [rows, [total]] = await Promise.all([
    db.select().from(scimRequestLogs).where(where).orderBy(desc(scimRequestLogs.createdAt), desc(scimRequestLogs.id)).limit(limit).offset(offset),
    db.select({ n: count() }).from(scimRequestLogs).where(where),
  ]);
  const results = rows.map(
    (r): ScimRequestLog => ({
      id: r.id,
      request_method: r.requestMethod,
      request_path: r.requestPath,
      request_headers: r.requestHeaders,
      request_body: r.requestBody,
      response_status: r.responseStatus,
      response_body: r.responseBody,
      identity_provider: r.identityProvider as ScimRequestLog["identity_provider"],
      duration_ms: r.durationMs,
      created_at: iso(r.createdAt),
    }),
  );
  return new Page(results, total.n, { limit, offset }, true);
}

/** What the SCIM client of a domain asked and was answered, newest first (admins only, never with a key). */
export const listDomainScimLogs = operation({
  permission: "organization_domain:admin",
  levelDenial: "Only organization admins can view SCIM logs.",
  callers: USER_CALLERS,
  input: scimLogsInput,
  run: async ({ db, organization }, input) => {
    const domain = await domainOf(db, organization.id, input.id);
    return scimLogsPage(db, scimRequestLogs.domainId, domain.id, input);
  },
});

/** What the SCIM client of an identity-provider config asked and was answered, newest first (admins only, never with a key). */
export const listIdentityProviderConfigScimLogs = operation({
  permission: "organization_domain:admin",
  levelDenial: "Only organization admins can view SCIM logs.",
  callers: USER_CALLERS,
  input: scimLogsInput,
  run: async ({ db, organization }, input) => {
    const config = await configOf(db, organization.id, input.id);
    return scimLogsPage(db, scimRequestLogs.identityProviderConfigId, config.id, input);
  },
});
