import { randomBytes, timingSafeEqual } from "node:crypto";
import type postgres from "postgres";
import * as Q from "../../scim-queries.mjs";
import { prepare } from "./db";

/**
 * The ceiling of our SCIM Users endpoint (bench/scim.mjs): our server's statements, in its order, with its parameters,
 * rows read as arrays as drizzle reads them, and only the checks that decide the answer.
 */

type Row = unknown[];
type Answer = { status: number; body: unknown };
type Tenant = { id: string; organizationId: string; label: string };

const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
const LIST_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
const ERROR_SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SERVER_OWNED = new Set(["id", "meta", "schemas", "password"]);

const run = (client: postgres.Sql | postgres.TransactionSql, text: string, params: unknown[]) =>
  client.unsafe(text, params as postgres.ParameterOrJSON<never>[], { prepare }).values() as unknown as Promise<Row[]>;

const fail = (status: number, detail: string, scimType?: string): Answer => ({
  status,
  body: { schemas: [ERROR_SCHEMA], status: String(status), ...(scimType && { scimType }), detail },
});

/** scimTenantOf and scimPrincipal: a verified domain with SCIM on whose stored hash is the token's. */
async function authenticate(sql: postgres.Sql, tenantId: string, token: string | undefined): Promise<Tenant | null> {
  if (!token || !UUID.test(tenantId)) return null;
  const [domain] = await run(sql, Q.TENANT_SQL, [tenantId.toLowerCase()]);
  if (!domain || !domain[4] || !domain[14] || typeof domain[15] !== "string") return null;
  const hash = Q.sha256(token);
  if (hash.length !== domain[15].length || !timingSafeEqual(Buffer.from(hash), Buffer.from(domain[15]))) return null;
  const [org] = await run(sql, Q.ORG_SQL, [domain[1], 1]);
  if (!org) return null;
  return { id: String(domain[0]), organizationId: String(domain[1]), label: `SCIM (${domain[2]})` };
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== null && v !== undefined).map(withoutNulls);
  if (value && typeof value === "object" && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => [k, withoutNulls(v)]));
  }
  return value;
}

/** serializeScimUser from a scim_users row read as an array. */
function serialize(row: Row, siteUrl: string) {
  const resource = row[13] as Record<string, unknown>;
  return withoutNulls({
    schemas: [USER_SCHEMA, ...Object.keys(resource).filter((k) => k.startsWith("urn:"))],
    id: row[0],
    ...resource,
    userName: row[6],
    active: row[12],
    meta: {
      resourceType: "User",
      created: (row[14] as Date).toISOString(),
      lastModified: (row[15] as Date).toISOString(),
      location: `${siteUrl}/scim/v2/${row[2]}/Users/${row[0]}`,
    },
  });
}

const text = (v: unknown) => (typeof v === "string" && v.trim() ? v.trim() : null);

/** `POST /Users`: the user, their audit entry, the SCIM row, the membership and its audit entry, in one transaction. */
export async function createUser(sql: postgres.Sql, tenantId: string, token: string | undefined, body: Record<string, unknown>, siteUrl: string): Promise<Answer> {
  const tenant = await authenticate(sql, tenantId, token);
  if (!tenant) return fail(401, "The SCIM token is not valid for this base URL.");
  const userName = text(body.userName);
  const email = userName?.toLowerCase() ?? "";
  if (!userName || !/^[^@\s]+@[^@\s]+$/.test(email)) return fail(400, "userName must be an email address.", "invalidValue");
  const domains = (await run(sql, Q.VERIFIED_DOMAINS_SQL, [tenant.organizationId])).map((r) => r[0]);
  if (!domains.includes(email.slice(email.lastIndexOf("@") + 1))) return fail(400, "userName must be an address at a verified domain.", "invalidValue");
  const resource: Record<string, unknown> = Object.fromEntries(Object.entries(body).filter(([k]) => !SERVER_OWNED.has(k.toLowerCase())));
  resource.userName = userName;
  const name = (resource.name ?? {}) as Record<string, unknown>;
  const emails = Array.isArray(resource.emails) ? (resource.emails as Record<string, unknown>[]) : [];
  const primary = emails.find((e) => e?.primary === true) ?? emails[0];
  const active = resource.active !== false;
  const now = new Date();
  const via = { kind: "scim" };
  try {
    const row = await sql.begin(async (tx) => {
      const [existing] = await run(tx, Q.USER_BY_EMAIL_SQL, [email]);
      let user = existing;
      if (!user) {
        const first = text(name.givenName) ?? "";
        const last = text(name.familyName) ?? "";
        [user] = await run(tx, Q.USER_INSERT_SQL, [email, first, last, randomBytes(24).toString("base64url"), true, null, now]);
        await run(tx, Q.ACTIVITY_INSERT_SQL, [null, null, true, "User", user[1], "created", { via, name: email, changes: [] }, now]);
      }
      const [created] = await run(tx, Q.SCIM_USER_INSERT_SQL, [
        tenant.organizationId, tenant.id, tenant.id, null, user[0], userName, text(resource.externalId), text(resource.displayName),
        text(name.givenName), text(name.familyName), typeof primary?.value === "string" ? primary.value.toLowerCase() : null, active, resource, now, now,
      ]);
      const [membership] = await run(tx, Q.MEMBERSHIP_LOCK_SQL, [tenant.organizationId, user[0]]);
      if (!membership) {
        const [made] = await run(tx, Q.MEMBERSHIP_INSERT_SQL, [tenant.organizationId, user[0], 1, "scim", active ? null : now, now, now]);
        const changes = [{ type: "OrganizationMembership", field: "level", action: "created", before: null, after: 1 }];
        await run(tx, Q.ACTIVITY_INSERT_SQL, [tenant.organizationId, null, true, "OrganizationMembership", made[0], "joined", { via, name: email, actor: tenant.label, changes }, now]);
        await run(tx, Q.INVITES_ACCEPT_SQL, [now, tenant.organizationId, email]);
      }
      return created;
    });
    return { status: 201, body: serialize(row, siteUrl) };
  } catch (err) {
    if ((err as { code?: string }).code === "23505") return fail(409, "A user with this userName already exists.", "uniqueness");
    throw err;
  }
}

/** `GET /Users`: a page in creation order and its total at the same time; the filter `userName eq "…"` only. */
export async function listUsers(sql: postgres.Sql, tenantId: string, token: string | undefined, query: URLSearchParams, siteUrl: string): Promise<Answer> {
  const tenant = await authenticate(sql, tenantId, token);
  if (!tenant) return fail(401, "The SCIM token is not valid for this base URL.");
  const int = (v: string | null, fallback: number) => (v !== null && /^\d+$/.test(v) ? Number(v) : fallback);
  const startIndex = Math.max(1, int(query.get("startIndex"), 1));
  const count = Math.min(Math.max(0, int(query.get("count"), 100)), 200);
  const filter = query.get("filter");
  const userName = filter === null ? null : (/^userName eq "([^"]*)"$/i.exec(filter)?.[1] ?? undefined);
  if (userName === undefined) return fail(400, "Only userName eq is supported here.", "invalidFilter");
  const statements = Q.listStatements(tenant.id, { startIndex, count, userName });
  const [rows, [[total]]] = await Promise.all([
    count === 0 ? [] : run(sql, statements.list.text, statements.list.params),
    run(sql, statements.count.text, statements.count.params),
  ]);
  const resources = rows.map((r) => serialize(r, siteUrl));
  return { status: 200, body: { schemas: [LIST_SCHEMA], totalResults: Number(total), startIndex, itemsPerPage: resources.length, Resources: resources } };
}

/** One request as lib/http/scim-route.ts logs it after answering: the tenant read again, then the request-log row. */
export type Logged = { method: string; path: string; userAgent: string | null; requestBody: string; status: number; responseBody: string; started: number };

/**
 * What our server does after answering: it reads the tenant again and stores the request (our server masks the
 * bodies and headers first; the ceiling stores them as they are).
 */
export function afterAnswer(sql: postgres.Sql, tenantId: string, entry: Logged) {
  setImmediate(async () => {
    try {
      const [domain] = UUID.test(tenantId) ? await run(sql, Q.TENANT_SQL, [tenantId.toLowerCase()]) : [];
      if (!domain || !domain[4]) return;
      const provider = /okta/i.test(entry.userAgent ?? "") ? "okta" : "other";
      await run(sql, Q.REQUEST_LOG_INSERT_SQL, [
        domain[1], domain[0], null, entry.method, entry.path, { "user-agent": entry.userAgent ?? "" }, entry.requestBody, entry.status, entry.responseBody, provider,
        Math.round(performance.now() - entry.started), new Date(),
      ]);
    } catch {
      // a log must not fail the request, as in our server
    }
  });
}
