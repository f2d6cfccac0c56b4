/**
 * The SQL our server sends for `POST /scim/v2/<domain id>/Users` and for `GET /scim/v2/<domain id>/Users` (a page,
 * or `filter=userName eq "…"`), as drizzle-orm sends it to postgres.js: text captured from PostgreSQL's log with
 * `log_statement=all` (bench/scim.mjs checks it again on every run). Shared by the framework ceiling's SCIM route
 * (bench/ceiling/app/scim/v2/[connection_id]/Users/route.ts), which runs these statements in our server's order with
 * the same parameters and nothing else, and by bench/scim.mjs (the check and the plans).
 *
 * Plain JavaScript with node:crypto only: the ceiling app bundles it, plain Node imports it.
 */
import { createHash, randomBytes } from "node:crypto";

const DOMAIN_COLUMNS =
  '"id", "organization_id", "domain", "verification_challenge", "verified_at", "last_verification_retry", "dns_checked_at", "dns_missing_since", "jit_provisioning_enabled", "sso_enforcement", "saml_entity_id", "saml_acs_url", "saml_x509_cert", "saml_allow_idp_initiated", "scim_enabled", "scim_token_hash", "id_jag_issuer_url", "id_jag_jwks_url", "id_jag_allowed_clients", "identity_provider_config_id", "created_at"';
/** lib/services/scim/tenant.ts scimTenantOf: the domain of the base URL ($1 id); again after the answer, for the request log. */
export const TENANT_SQL = `select ${DOMAIN_COLUMNS} from "organization_domains" where "organization_domains"."id" = $1`;
/** lib/services/operation.ts: the caller's organization ($1 id, $2 = 1). */
export const ORG_SQL =
  'select "id", "name", "slug", "logo_media_id", "enforce_2fa", "members_can_invite", "members_can_use_personal_api_keys", "is_member_join_email_enabled", "is_ai_data_processing_approved", "created_at", "updated_at" from "organizations" where "organizations"."id" = $1 limit $2';
/** lib/services/scim/memberships.ts verifiedDomainsOf ($1 organization id). */
export const VERIFIED_DOMAINS_SQL = 'select "domain" from "organization_domains" where ("organization_domains"."organization_id" = $1 and "organization_domains"."verified_at" is not null)';

const USER_COLUMNS =
  '"id", "uuid", "email", "first_name", "last_name", "distinct_id", "is_email_verified", "is_active", "role_at_organization", "picture", "current_organization_id", "has_social_auth", "is_2fa_enabled", "date_joined", "last_login"';
/** lib/services/provision-user.ts userByEmail ($1 canonical address). */
export const USER_BY_EMAIL_SQL = `select ${USER_COLUMNS} from "users" where lower("users"."email") = $1`;
/** provisionUser: $1 email, $2 first name, $3 last name, $4 distinct id, $5 = true, $6 picture (null), $7 now. */
export const USER_INSERT_SQL = `insert into "users" (${USER_COLUMNS}) values (default, default, $1, $2, $3, $4, $5, default, default, $6, default, default, default, $7, default) on conflict do nothing returning ${USER_COLUMNS}`;
/** lib/services/activity.ts recordActivity: $1 organization id, $2 user id, $3 is_system, $4 scope, $5 item id, $6 activity, $7 detail, $8 now. */
export const ACTIVITY_INSERT_SQL =
  'insert into "activity_log" ("id", "organization_id", "user_id", "is_system", "scope", "item_id", "activity", "detail", "created_at") values (default, $1, $2, $3, $4, $5, $6, $7, $8)';

const SCIM_USER_COLUMNS =
  '"id", "organization_id", "tenant_id", "domain_id", "identity_provider_config_id", "user_id", "user_name", "external_id", "display_name", "given_name", "family_name", "email", "active", "resource", "created_at", "updated_at"';
/** lib/services/scim/users.ts createScimUser: $1 organization, $2 tenant, $3 domain, $4 config, $5 user id, $6-$12 the fields, $13 resource, $14/$15 now. */
export const SCIM_USER_INSERT_SQL = `insert into "scim_users" (${SCIM_USER_COLUMNS}) values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) returning ${SCIM_USER_COLUMNS}`;

const MEMBERSHIP_COLUMNS = '"id", "organization_id", "user_id", "level", "source", "suspended_at", "joined_at", "updated_at"';
/** lib/services/scim/memberships.ts ensureMembership: the membership, locked ($1 organization, $2 user id). */
export const MEMBERSHIP_LOCK_SQL = `select ${MEMBERSHIP_COLUMNS} from "organization_memberships" where ("organization_memberships"."organization_id" = $1 and "organization_memberships"."user_id" = $2) for update`;
/** $1 organization, $2 user id, $3 level (1), $4 'scim', $5 suspended_at, $6/$7 now. */
export const MEMBERSHIP_INSERT_SQL = `insert into "organization_memberships" (${MEMBERSHIP_COLUMNS}) values (default, $1, $2, $3, $4, $5, $6, $7) returning ${MEMBERSHIP_COLUMNS}`;
/** Pending invitations to the address count as accepted: $1 now, $2 organization, $3 address. */
export const INVITES_ACCEPT_SQL =
  'update "organization_invites" set "accepted_at" = $1 where ("organization_invites"."organization_id" = $2 and lower("organization_invites"."target_email") = $3 and "organization_invites"."accepted_at" is null)';
/**
 * lib/services/scim/request-log.ts recordScimRequest, after the answer (and TENANT_SQL again): $1 organization, $2 domain,
 * $3 config, $4 method, $5 path, $6 headers, $7 request body, $8 status, $9 response body, $10 provider, $11 ms, $12 time.
 */
export const REQUEST_LOG_INSERT_SQL =
  'insert into "scim_request_logs" ("id", "organization_id", "domain_id", "identity_provider_config_id", "request_method", "request_path", "request_headers", "request_body", "response_status", "response_body", "identity_provider", "duration_ms", "created_at") values (default, $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)';
/** postgres.js's own statements of `sql.begin()` as PostgreSQL logs them (its `begin ` ends with a space). */
export const BEGIN_SQL = "begin ";
export const COMMIT_SQL = "commit";

const ORDER = 'order by "scim_users"."created_at" asc, "scim_users"."id" asc';
const BY_TENANT = '"scim_users"."tenant_id" = $1';
const BY_USER_NAME = `(${BY_TENANT} and lower("scim_users"."user_name") = lower($2::text))`;
/**
 * listScimUsers, a page: its ids from the creation-order index, then their rows. $1 tenant, $2 count (drizzle adds
 * ` offset $3` inside only for a startIndex above 1; listStatements writes it there).
 */
export const LIST_SQL = `select ${SCIM_USER_COLUMNS} from "scim_users" where "scim_users"."id" in (select "id" from "scim_users" where ${BY_TENANT} ${ORDER} limit $2) ${ORDER}`;
/** Its total, at the same time on another connection of the pool: $1 tenant. */
export const LIST_COUNT_SQL = `select count(*) from "scim_users" where ${BY_TENANT}`;
/** `filter=userName eq "…"` (lib/services/scim/filter.ts): $1 tenant, $2 the value, $3 count. */
export const FILTER_SQL = `select ${SCIM_USER_COLUMNS} from "scim_users" where ${BY_USER_NAME} ${ORDER} limit $3`;
export const FILTER_COUNT_SQL = `select count(*) from "scim_users" where ${BY_USER_NAME}`;

export const sha256 = (value) => createHash("sha256").update(value).digest("hex");
/** A SCIM token as our server makes them: `odscim_` and 32 random bytes in base64url. */
export const newScimToken = () => `odscim_${randomBytes(32).toString("base64url")}`;

/**
 * The statements of one list request: { list, count }, each { text, params } (the filter supports `userName eq` only).
 * @param {string} tenantId
 * @param {{ startIndex?: number, count?: number, userName?: string | null }} [options]
 */
export function listStatements(tenantId, { startIndex = 1, count = 100, userName = null } = {}) {
  const offset = Math.max(1, startIndex) - 1;
  const page = userName === null ? { text: LIST_SQL, params: [tenantId, count] } : { text: FILTER_SQL, params: [tenantId, userName, count] };
  if (offset > 0) {
    const at = `$${page.params.push(offset)}`;
    page.text = userName === null ? page.text.replace(/ limit \$2\)/, ` limit $2 offset ${at})`) : `${page.text} offset ${at}`;
  }
  const total = userName === null ? { text: LIST_COUNT_SQL, params: [tenantId] } : { text: FILTER_COUNT_SQL, params: [tenantId, userName] };
  return { list: page, count: total };
}
