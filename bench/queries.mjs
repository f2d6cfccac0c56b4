/**
 * The SQL that `GET /api/organizations/@current/` runs with a personal API key, as drizzle-orm sends it to
 * postgres.js (text captured from PostgreSQL's log with `log_statement=all`; bench/api.mjs checks it again on
 * every run). Shared by the framework ceiling (bench/ceiling) and the plain-Node loop (bench/pg-direct.mjs),
 * which run these three statements one after another, with the same parameters, as our server does.
 *
 * Plain JavaScript with node:crypto only: the ceiling app bundles it, plain Node imports it.
 */
import { createHash } from "node:crypto";

/** lib/auth/principal.ts authenticateApiKey: the key by the SHA-256 of its value, with its owner. $1 hash, $2 = 1. */
export const AUTH_SQL =
  'select "personal_api_keys"."id", "personal_api_keys"."user_id", "personal_api_keys"."label", "personal_api_keys"."secure_value", "personal_api_keys"."mask_value", "personal_api_keys"."scopes", "personal_api_keys"."scoped_organizations", "personal_api_keys"."created_at", "personal_api_keys"."last_used_at", "personal_api_keys"."last_rolled_at", "users"."id", "users"."uuid", "users"."email", "users"."first_name", "users"."last_name", "users"."distinct_id", "users"."is_email_verified", "users"."is_active", "users"."role_at_organization", "users"."current_organization_id", "users"."has_social_auth", "users"."is_2fa_enabled", "users"."date_joined", "users"."last_login" from "personal_api_keys" inner join "users" on "users"."id" = "personal_api_keys"."user_id" where "personal_api_keys"."secure_value" = $1 limit $2';

const ORG_COLUMNS =
  '"organizations"."id", "organizations"."name", "organizations"."slug", "organizations"."logo_media_id", "organizations"."enforce_2fa", "organizations"."members_can_invite", "organizations"."members_can_use_personal_api_keys", "organizations"."is_member_join_email_enabled", "organizations"."is_ai_data_processing_approved", "organizations"."created_at", "organizations"."updated_at", "organization_memberships"."id", "organization_memberships"."level"';
const ORG_FROM =
  'from "organization_memberships" inner join "organizations" on "organizations"."id" = "organization_memberships"."organization_id" where "organization_memberships"."user_id" = $1';

/**
 * lib/services/organization-access.ts resolveOrganization("@current") for a user WITH a current organization
 * (the benchmark's user has one): $1 user id, $2 current organization id, $3 = 1.
 */
export const ORG_CURRENT_SQL = `select ${ORG_COLUMNS} ${ORG_FROM} order by "organizations"."id" = $2 desc, "organization_memberships"."joined_at" asc limit $3`;

/** The same for a user without one (not used by the benchmark's data; kept so the check can name it): $1 user id, $2 = 1. */
export const ORG_FIRST_SQL = `select ${ORG_COLUMNS} ${ORG_FROM} order by "organization_memberships"."joined_at" asc, "organization_memberships"."joined_at" asc limit $2`;

/** lib/services/organizations.ts memberCountOf: $1 organization id, $2 = true. */
export const MEMBER_COUNT_SQL =
  'select count(*) from "organization_memberships" inner join "users" on "users"."id" = "organization_memberships"."user_id" where ("organization_memberships"."organization_id" = $1 and "users"."is_active" = $2)';

export const sha256 = (value) => createHash("sha256").update(value).digest("hex");

/** lib/services/serialize.ts iso(). */
function iso(date) {
  if (!date) return null;
  const ms = date.getUTCMilliseconds();
  const base = date.toISOString().slice(0, 19);
  return ms ? `${base}.${String(ms).padStart(3, "0")}000Z` : `${base}Z`;
}

/**
 * The statements of one request, in our server's order, through a postgres.js client `sql`, in array mode
 * (`.values()`) as drizzle reads them. `prepare` is postgres.js's own option (its default is true; drizzle runs
 * unnamed, unprepared statements). Returns the response body of our endpoint, or null for a 401/403/404.
 * The statement list is returned too when `trace` is set (for the SQL check of api.mjs).
 */
export async function currentOrganization(sql, apiKey, { prepare = true, trace = null } = {}) {
  const run = (text, params) => {
    trace?.push({ text, params });
    return sql.unsafe(text, params, { prepare }).values();
  };
  const [auth] = await run(AUTH_SQL, [sha256(apiKey), 1]);
  if (!auth || !auth[17]) return null; // no key, or an inactive user
  const scopes = auth[5];
  const scopedOrganizations = auth[6];
  const userId = auth[10];
  const current = auth[19];
  if (!scopes.includes("*") && !scopes.includes("organization:read")) return null;
  const [org] = current ? await run(ORG_CURRENT_SQL, [userId, current, 1]) : await run(ORG_FIRST_SQL, [userId, 1]);
  if (!org) return null;
  const level = org[12];
  if (scopedOrganizations.length > 0 && !scopedOrganizations.includes(org[0])) return null;
  if (!org[6] && level < 8) return null; // members_can_use_personal_api_keys
  if (level < 1) return null;
  const [[count]] = await run(MEMBER_COUNT_SQL, [org[0], true]);
  return {
    id: org[0],
    name: org[1],
    slug: org[2],
    enforce_2fa: org[4],
    members_can_invite: org[5],
    members_can_use_personal_api_keys: org[6],
    is_member_join_email_enabled: org[7],
    is_ai_data_processing_approved: org[8],
    logo_media_id: org[3],
    created_at: iso(org[9]),
    updated_at: iso(org[10]),
    membership_level: level,
    member_count: Number(count),
  };
}

/** Our server's pool: db/client.ts opens postgres.js with `max: 10`; the ceiling and the loop use the same. */
export const POOL_OPTIONS = { max: 10, onnotice: () => {} };
