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
  '"organizations"."id", "organizations"."name", "organizations"."slug", "organizations"."logo_media_id", "organizations"."enforce_2fa", "organizations"."members_can_invite", "organizations"."members_can_use_personal_api_keys", "organizations"."is_member_join_email_enabled", "organizations"."is_ai_data_processing_approved", "organizations"."created_at", "organizations"."updated_at", "organization_memberships"."id", "organization_memberships"."level", "organization_memberships"."suspended_at"';
const ORG_FROM =
  'from "organization_memberships" inner join "organizations" on "organizations"."id" = "organization_memberships"."organization_id" where ("organization_memberships"."user_id" = $1 and "organization_memberships"."suspended_at" is null)';

/**
 * lib/services/organization-access.ts resolveOrganization("@current") for a user WITH a current organization
 * (the benchmark's user has one): $1 user id, $2 current organization id, $3 = 1.
 */
export const ORG_CURRENT_SQL = `select ${ORG_COLUMNS} ${ORG_FROM} order by "organizations"."id" = $2 desc, "organization_memberships"."joined_at" asc limit $3`;

/** The same for a user without one (not used by the benchmark's data; kept so the check can name it): $1 user id, $2 = 1. */
export const ORG_FIRST_SQL = `select ${ORG_COLUMNS} ${ORG_FROM} order by "organization_memberships"."joined_at" asc, "organization_memberships"."joined_at" asc limit $2`;

/** lib/services/organizations.ts memberCountOf: $1 organization id, $2 = true. */
export const MEMBER_COUNT_SQL =
  'select count(*) from "organization_memberships" inner join "users" on "users"."id" = "organization_memberships"."user_id" where ("organization_memberships"."organization_id" = $1 and "users"."is_active" = $2 and "organization_memberships"."suspended_at" is null)';

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

// ------------------------------------------------------------------------------------------------------------------
// `GET /api/organizations/<uuid>/members/` (bench/members.mjs): lib/services/members.ts listMembers, captured the same
// way and checked again on every run of bench/members.mjs.

/** lib/services/organization-access.ts resolveOrganization(<uuid>): $1 user id, $2 organization id, $3 = 1. */
export const ORG_BY_ID_SQL = `select ${ORG_COLUMNS} from "organizations" left join "organization_memberships" on ("organization_memberships"."organization_id" = "organizations"."id" and "organization_memberships"."user_id" = $1) where "organizations"."id" = $2 limit $3`;

const MEMBER_COLUMNS =
  '"organization_memberships"."id", "organization_memberships"."organization_id", "organization_memberships"."user_id", "organization_memberships"."level", "organization_memberships"."source", "organization_memberships"."suspended_at", "organization_memberships"."joined_at", "organization_memberships"."updated_at", "users"."id", "users"."uuid", "users"."email", "users"."first_name", "users"."last_name", "users"."distinct_id", "users"."is_email_verified", "users"."is_active", "users"."role_at_organization", "users"."current_organization_id", "users"."has_social_auth", "users"."is_2fa_enabled", "users"."date_joined", "users"."last_login"';
const MEMBER_FROM = 'from "organization_memberships" inner join "users" on "users"."id" = "organization_memberships"."user_id"';
const ORDER_JOINED = '"organization_memberships"."joined_at" desc, "organization_memberships"."id" asc';

/** The list without search: $1 organization id, $2 = true, $3 limit (drizzle adds ` offset $4` only for an offset > 0). */
export const MEMBER_LIST_SQL = `select ${MEMBER_COLUMNS} ${MEMBER_FROM} where ("organization_memberships"."organization_id" = $1 and "users"."is_active" = $2) order by ${ORDER_JOINED} limit $3`;
/** Its count: $1 organization id, $2 = true. Runs at the same time as the list, on another connection of the pool. */
export const MEMBER_LIST_COUNT_SQL = MEMBER_COUNT_SQL;

/** Word similarity of at least 0.3 counts as a match; set for the search's transaction only, so that `<%` can use the trigram indexes. */
export const SEARCH_THRESHOLD_SQL = "set local pg_trgm.word_similarity_threshold = 0.3";

const FIELDS = ['"users"."first_name"', '"users"."last_name"', `("users"."first_name" || ' ' || "users"."last_name")`, '"users"."email"'];
const exactAt = (n) => `(${FIELDS.map((f, i) => `${f} ilike $${n + i}`).join(" or ")})`;
const similarAt = (n) => `(${FIELDS.map((f, i) => `$${n + i} <% ${f}`).join(" or ")})`;
const similarityAt = (n) => `greatest(${FIELDS.map((f, i) => `word_similarity($${n + i}, ${f})`).join(", ")})`;

/**
 * The list with `search`: $1-$4 the LIKE pattern (`%query%`, wildcards escaped), $5 organization id, $6 = true,
 * $7-$10 pattern, $11-$14 query, $15-$18 pattern, $19-$22 query, $23 limit.
 */
export const MEMBER_SEARCH_SQL = `select ${MEMBER_COLUMNS}, ${exactAt(1)} ${MEMBER_FROM} where ("organization_memberships"."organization_id" = $5 and "users"."is_active" = $6 and (${exactAt(7)} or ${similarAt(11)})) order by ${exactAt(15)} desc, ${similarityAt(19)} desc, ${ORDER_JOINED} limit $23`;
/** Its count: $1 organization id, $2 = true, $3-$6 pattern, $7-$10 query. */
export const MEMBER_SEARCH_COUNT_SQL = `select count(*) ${MEMBER_FROM} where ("organization_memberships"."organization_id" = $1 and "users"."is_active" = $2 and (${exactAt(3)} or ${similarAt(7)}))`;

/** postgres.js's own statements of `sql.begin()` as PostgreSQL logs them (its `begin ` ends with a space). */
export const BEGIN_SQL = "begin ";
export const COMMIT_SQL = "commit";

const escapeLike = (s) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** lib/schemas/members.ts: NUL bytes removed, trimmed; empty means no search. */
export const normalizeSearch = (search) => search?.replace(/\0/g, "").trim() || undefined;

/**
 * The statements of one members page as [{ text, params }], in our server's order: with `search` the list and its count
 * run in a transaction (begin, set local, both at once, commit), without it both at once on the pool.
 */
export function memberPageStatements(organizationId, { limit = 100, offset = 0, search } = {}) {
  const query = normalizeSearch(search);
  const tail = (text, params) => (offset > 0 ? { text: `${text} offset $${params.length + 1}`, params: [...params, offset] } : { text, params });
  if (!query) {
    return {
      search: null,
      list: tail(MEMBER_LIST_SQL, [organizationId, true, limit]),
      count: { text: MEMBER_LIST_COUNT_SQL, params: [organizationId, true] },
    };
  }
  const p = `%${escapeLike(query)}%`;
  const q4 = [query, query, query, query];
  const p4 = [p, p, p, p];
  return {
    search: query,
    list: tail(MEMBER_SEARCH_SQL, [...p4, organizationId, true, ...p4, ...q4, ...p4, ...q4, limit]),
    count: { text: MEMBER_SEARCH_COUNT_SQL, params: [organizationId, true, ...p4, ...q4] },
  };
}

/** lib/services/member-rows.ts serializeMember from a MEMBER_*_SQL row read as an array. */
function serializeMemberRow(r, searched) {
  return {
    id: r[0],
    user: {
      id: r[6],
      uuid: r[7],
      distinct_id: r[11],
      first_name: r[9],
      last_name: r[10],
      email: r[8],
      is_email_verified: r[12],
      hedgehog_config: null,
      role_at_organization: r[14],
    },
    level: r[3],
    joined_at: iso(r[4]),
    updated_at: iso(r[5]),
    is_2fa_enabled: r[17],
    has_social_auth: r[16],
    last_login: iso(r[19]),
    ...(searched && { search_match_type: r[20] ? "exact" : "similar" }),
  };
}

const ORGANIZATION_MEMBER_READ = ["*", "organization_member:read", "organization_member:write"];

/**
 * `GET /api/organizations/<uuid>/members/` with a personal API key, through a postgres.js client `sql`, with our
 * server's statements in its order (authentication, the organization of the URL, then memberPageStatements), rows
 * read as arrays. Returns { count, results } (the page before the `next`/`previous` links), or null for a
 * 401/403/404. `trace` collects the statements (for the SQL check of bench/members.mjs).
 */
export async function membersPage(sql, apiKey, organizationId, page, { prepare = true, trace = null } = {}) {
  const run = (client, { text, params }) => {
    trace?.push({ text, params });
    return client.unsafe(text, params, { prepare }).values();
  };
  const [auth] = await run(sql, { text: AUTH_SQL, params: [sha256(apiKey), 1] });
  if (!auth || !auth[17]) return null; // no key, or an inactive user
  const scopes = auth[5];
  const scopedOrganizations = auth[6];
  if (!scopes.some((s) => ORGANIZATION_MEMBER_READ.includes(s))) return null;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(organizationId)) return null;
  const [org] = await run(sql, { text: ORG_BY_ID_SQL, params: [auth[10], organizationId.toLowerCase(), 1] });
  if (!org) return null;
  const level = org[12];
  if (scopedOrganizations.length > 0 && !scopedOrganizations.includes(org[0])) return null;
  if (level !== null && !org[6] && level < 8) return null; // members_can_use_personal_api_keys
  if (level === null || level < 1) return null;
  const statements = memberPageStatements(org[0], page);
  const both = (client) => Promise.all([run(client, statements.list), run(client, statements.count)]);
  let rows;
  let count;
  if (!statements.search) {
    [rows, [[count]]] = await both(sql);
  } else {
    trace?.push({ text: BEGIN_SQL, params: [] });
    [rows, [[count]]] = await sql.begin(async (tx) => {
      trace?.push({ text: SEARCH_THRESHOLD_SQL, params: [] });
      await tx.unsafe(SEARCH_THRESHOLD_SQL);
      return both(tx);
    });
    trace?.push({ text: COMMIT_SQL, params: [] });
  }
  return { count: Number(count), results: rows.map((r) => serializeMemberRow(r, Boolean(statements.search))) };
}

/** lib/http/respond.ts pageBody: the list envelope with absolute `next`/`previous` links built from `siteUrl`. */
export function membersBody(page, url, siteUrl, { limit = 100, offset = 0 } = {}) {
  const link = (o) => {
    const next = new URL(url.pathname + url.search, siteUrl);
    next.searchParams.set("limit", String(limit));
    if (o > 0) next.searchParams.set("offset", String(o));
    else next.searchParams.delete("offset");
    return next.toString();
  };
  return {
    count: page.count,
    next: offset + limit < page.count ? link(offset + limit) : null,
    previous: offset > 0 ? link(Math.max(0, offset - limit)) : null,
    results: page.results,
  };
}
