/**
 * Members benchmark (not a test): the member list, the member search and bulk invitations of an organization with
 * 10,000 members, against PostgreSQL. On a machine shared with others run it in the lock:
 *
 *   cd /work/main && flock /tmp/orgdeck-heavy.lock node bench/members.mjs
 *
 * Reads, each with autocannon (8 connections; warm-up: BENCH_WARMUP_REQUESTS=150 requests, then BENCH_WARMUP=3 s;
 * then BENCH_SECONDS=10 s measured), with a personal API key of the organization's owner:
 *   list    GET /api/organizations/<uuid>/members/?limit=100
 *   search  GET /api/organizations/<uuid>/members/?search=Kowalczik      (BENCH_SEARCH; a typo of "Kowalczyk")
 * each on (a) our server (`npm run start`, the production build in .next) and (b) the framework ceiling: the route
 * handler bench/ceiling/app/api/organizations/[organization_id]/members/route.ts of the minimal Next.js app of
 * bench/api.mjs (`next start bench/ceiling`), which runs our endpoint's SQL through postgres.js and nothing else.
 * Writes: BENCH_BULKS=30 sequential `POST /api/organizations/<uuid>/invites/bulk/` of 20 fresh addresses each to
 * our server (after 2 untimed ones), each timed from the request to the end of the response body.
 * Targets: each read (a) >= 70% of (b)'s req/s; the search's plan uses the trigram indexes (users_*_trgm_idx);
 * a bulk of 20 under 300 ms (p99, which over 30 bulks is the slowest one).
 * Printed: the table (req/s, p50, p99, CPU ms per request of the server and of PostgreSQL, other load on the
 * machine), the ratios a/b, the bulk timings, and EXPLAIN ANALYZE of the list and search queries and of their counts
 * (with the parameters of the measured requests; the search's in a transaction with the same `set local`), plus how
 * a pooled connection plans them once the statement is prepared and has run 6 times, and the search's plan for
 * 8 more typos. JSON to bench/results/members-<timestamp>.json.
 * PREPARED STATEMENTS AND PLANS. Our server and the ceiling send named prepared statements; PostgreSQL plans each
 * of a connection's first 5 runs of one with its parameters (a custom plan, what EXPLAIN ANALYZE with the parameters
 * shows), then may keep a generic plan, which for the search can be another plan. The warm-up's first requests go
 * through that phase on every pooled connection (their rate is printed as "first ... requests"); the measured
 * seconds are the steady state.
 * Knobs: BENCH_SECONDS, BENCH_WARMUP, BENCH_WARMUP_REQUESTS, BENCH_CONNECTIONS (8), BENCH_BULKS (30), BENCH_SEARCH,
 * BENCH_PG_PORT (55434), BENCH_PORT_BASE (3210: our server 3211, the ceiling 3212; their development identity providers on port + 1000),
 * BENCH_ONLY=list,search,bulk (a partial run).
 *
 * Everything it needs it starts and stops itself, also on failure (bench/lib.mjs): a throwaway PostgreSQL
 * (scripts/pg-temp.sh), both servers, each in its own process group. Builds .next when missing or older than the
 * app's sources (`npm run build`), and bench/ceiling/.next when missing or older than its sources.
 *
 * DATA. Through the admin CLI the owner (bench@bench.example), the organization and a `*` API key; then in bulk with
 * postgres.js 11,999 users from bench/names.mjs (288 first names and 330 surnames from many cultures, drawn with a
 * seeded long-tailed distribution; emails derived from the names, with a number when taken; ~1% deactivated),
 * 9,999 of whom join the organization (10,000 members), the rest and 1,500 of the members in 12 other
 * organizations; then ANALYZE, and VACUUM. Why VACUUM: rows inserted into a GIN index wait in its "pending list"
 * (fastupdate) until a VACUUM, an autovacuum's analyze or gin_pending_list_limit (4 MB) moves them into the index;
 * a manual ANALYZE does not. Until then every trigram index scan reads the whole pending list (here ~20 ms for the
 * search's 8 index scans instead of under 1 ms), and the planner counts that in. The run prints the search's plan at
 * that point too ("before VACUUM"), then measures the state autovacuum keeps a live database in.
 *
 * THE SQL (bench/queries.mjs holds the text), captured with `log_statement=all` from one request of each kind to our
 * server; every run captures it again from both servers and compares statements and parameters with
 * bench/queries.mjs (order aside: the list and its count run at the same time):
 *   1. AUTH_SQL (lib/auth/principal.ts): the key by its hash, with its user
 *   2. ORG_BY_ID_SQL (lib/services/organization-access.ts): the organization of the URL with the caller's membership
 *   3. list:   MEMBER_LIST_SQL and MEMBER_LIST_COUNT_SQL at the same time on two connections of the pool
 *      search: `begin`, SEARCH_THRESHOLD_SQL (set local pg_trgm.word_similarity_threshold = 0.3), MEMBER_SEARCH_SQL
 *              and MEMBER_SEARCH_COUNT_SQL pipelined on the transaction's connection, `commit`
 * All prepared (named) statements, as db/client.ts sends them; the ceiling uses postgres.js's default (prepared).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { postmasterPid } from "./cpu.mjs";
import {
  CEILING,
  asLogged,
  baseEnv,
  cleanUp,
  cleanups,
  cli,
  ensureBuilds,
  fmt,
  logged,
  measure,
  nextStart,
  round2,
  say,
  serverEnv,
  startPostgres,
  startServer,
  writeResults,
} from "./lib.mjs";
import { people } from "./names.mjs";
import {
  AUTH_SQL,
  BEGIN_SQL,
  COMMIT_SQL,
  MEMBER_LIST_COUNT_SQL,
  MEMBER_LIST_SQL,
  MEMBER_SEARCH_COUNT_SQL,
  MEMBER_SEARCH_SQL,
  ORG_BY_ID_SQL,
  SEARCH_THRESHOLD_SQL,
  memberPageStatements,
  membersPage,
} from "./queries.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
/** Warm-up requests before the timed warm-up: enough for every pooled connection to run each statement 6 times. */
const WARMUP_REQUESTS = Number(process.env.BENCH_WARMUP_REQUESTS ?? 150);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 8);
const BULKS = Number(process.env.BENCH_BULKS ?? 30);
const BULK_WARMUP = 2;
const BULK_SIZE = 20;
const SEARCH = process.env.BENCH_SEARCH ?? "Kowalczik";
/** More one-letter typos of surnames in bench/names.mjs whose search plans are shown too (the planner's choice varies). */
const PROBES = ["Okonkwi", "Nakamyra", "Chatterjie", "Fitzgerrald", "Shevchanko", "Papadopoulis", "Hovhanisyan", "Kazlauskos"];
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 55434);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3210);
const PORTS = { ours: PORT_BASE + 1, ceiling: PORT_BASE + 2 };
const IDP_OFFSET = 1000;
const ONLY = new Set((process.env.BENCH_ONLY ?? "list,search,bulk").split(",").map((s) => s.trim()));
const TARGET = { rpsRatio: 0.7, bulkMs: 300 };

const MEMBERS = 10_000; // with the owner
const OUTSIDERS = 2_000;
const OTHER_ORGS = 12;
const MEMBERS_ELSEWHERE = 1_500;
const LIMIT = 100;

const READS = {
  list: { label: "list", page: { limit: LIMIT }, query: `?limit=${LIMIT}` },
  search: { label: "search", page: { limit: LIMIT, search: SEARCH }, query: `?search=${encodeURIComponent(SEARCH)}` },
};
const membersPath = (orgId) => `/api/organizations/${orgId}/members/`;

// ---------------------------------------------------------------------------------------------- data

/** The owner, organization and key through the admin CLI; the volume in bulk through postgres.js; then ANALYZE. */
async function seed(env, sql) {
  const email = "bench@bench.example";
  const user = await cli(["user", "create", "--email", email, "--first-name", "Bench", "--last-name", "User"], env);
  const org = await cli(["org", "create", "--name", "Bench Org", "--owner-email", email], env);
  const key = await cli(["api-key", "create", "--email", email, "--label", "bench", "--scopes", "*"], env);

  const now = Date.now();
  const rows = people(MEMBERS - 1 + OUTSIDERS, { now });
  const ids = [];
  for (let i = 0; i < rows.length; i += 1000) {
    const inserted = await sql`insert into users ${sql(rows.slice(i, i + 1000))} returning id`;
    ids.push(...inserted.map((r) => r.id));
  }
  const others = [];
  for (let k = 1; k <= OTHER_ORGS; k++) {
    const created = new Date(now - (900 - k * 30) * 86_400_000);
    others.push({ name: `Other Org ${String(k).padStart(2, "0")}`, slug: `other-org-${k}`, created_at: created, updated_at: created });
  }
  const otherIds = (await sql`insert into organizations ${sql(others)} returning id`).map((r) => r.id);

  // Joined between signing up and now; 5% admins, a few owners beside the bench user.
  const joined = (i) => {
    const since = rows[i].date_joined.getTime();
    return new Date(since + ((i * 7919) % 1000) / 1000 * (now - since));
  };
  const memberships = [];
  for (let i = 0; i < MEMBERS - 1; i++) {
    const at = joined(i);
    memberships.push({ organization_id: org.id, user_id: ids[i], level: i % 997 === 0 ? 15 : i % 20 === 0 ? 8 : 1, joined_at: at, updated_at: at });
  }
  for (let i = MEMBERS - 1; i < ids.length; i++) {
    const at = joined(i);
    memberships.push({ organization_id: otherIds[i % OTHER_ORGS], user_id: ids[i], level: i % 50 === 0 ? 15 : 1, joined_at: at, updated_at: at });
  }
  for (let i = 0; i < MEMBERS_ELSEWHERE; i++) {
    const u = (i * 6151) % (MEMBERS - 1);
    const at = joined(u);
    memberships.push({ organization_id: otherIds[(u + 5) % OTHER_ORGS], user_id: ids[u], level: 1, joined_at: at, updated_at: at });
  }
  for (let i = 0; i < memberships.length; i += 1000) {
    await sql`insert into organization_memberships ${sql(memberships.slice(i, i + 1000))} on conflict do nothing`;
  }
  await sql`analyze`;
  const [[active]] = await sql`select count(*) from organization_memberships m join users u on u.id = m.user_id where m.organization_id = ${org.id} and u.is_active`.values();
  const [[members]] = await sql`select count(*) from organization_memberships where organization_id = ${org.id}`.values();
  const [[users]] = await sql`select count(*) from users`.values();
  return { userId: user.id, orgId: org.id, key: key.key, members: Number(members), active: Number(active), users: Number(users) };
}

/** Entries waiting in the trigram indexes' GIN pending lists (pgstattuple; null when it is not installed). */
async function ginPending(sql) {
  try {
    await sql`create extension if not exists pgstattuple`;
    const rows = await sql`select c.relname, (pgstatginindex(c.oid)).pending_tuples from pg_class c where c.relname like 'users\_%\_trgm\_idx' order by 1`;
    return Object.fromEntries(rows.map((r) => [r.relname, Number(r.pending_tuples)]));
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------- requests

async function getJson(port, urlPath, key) {
  const res = await fetch(`http://127.0.0.1:${port}${urlPath}`, { headers: { authorization: `Bearer ${key}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${urlPath} on port ${port}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** The page our server answers, checked: the count, a full page, and for the search the misspelt surname's members. */
function checkPage(label, kind, body, data) {
  const problems = [];
  if (kind === "list") {
    if (body.count !== data.active) problems.push(`count ${body.count}, expected ${data.active} active members`);
    if (body.results?.length !== Math.min(LIMIT, data.active)) problems.push(`${body.results?.length} results`);
    const joined = body.results.map((m) => m.joined_at);
    if (joined.some((t, i) => i > 0 && t > joined[i - 1])) problems.push("not ordered by joined_at desc");
  } else {
    if (!(body.count > 0 && body.count < data.active / 20)) problems.push(`count ${body.count}: the search should match a few members`);
    if (body.results?.[0]?.search_match_type === undefined) problems.push("no search_match_type");
  }
  if (problems.length) throw new Error(`${label} ${kind}: ${problems.join("; ")}: ${JSON.stringify(body).slice(0, 500)}`);
}

/** Compares two answers, the servers' own origins (in `next`/`previous`) aside. */
function sameBody(ours, theirs) {
  const strip = (body) => JSON.stringify(body).replace(/http:\/\/localhost:\d+/g, "SITE_URL");
  return strip(ours) === strip(theirs);
}

// ---------------------------------------------------------------------------------------------- SQL check

const SQL_NAMES = {
  [AUTH_SQL]: "AUTH_SQL",
  [ORG_BY_ID_SQL]: "ORG_BY_ID_SQL",
  [MEMBER_LIST_SQL]: "MEMBER_LIST_SQL",
  [MEMBER_LIST_COUNT_SQL]: "MEMBER_LIST_COUNT_SQL",
  [MEMBER_SEARCH_SQL]: "MEMBER_SEARCH_SQL",
  [MEMBER_SEARCH_COUNT_SQL]: "MEMBER_SEARCH_COUNT_SQL",
  [SEARCH_THRESHOLD_SQL]: "SET LOCAL",
  [BEGIN_SQL]: "BEGIN",
  [COMMIT_SQL]: "COMMIT",
};
const sqlName = (text) => SQL_NAMES[text] ?? `OTHER: ${text.slice(0, 160)}`;

/** One request with `log_statement=all`: are its statements and parameters those of bench/queries.mjs? */
async function sqlCheck(label, kind, pg, admin, port, data) {
  const expected = [];
  await membersPage(admin, data.key, data.orgId, READS[kind].page, { trace: expected });
  const seen = await logged(pg, admin, () => getJson(port, membersPath(data.orgId) + READS[kind].query, data.key));
  const want = expected.map((s) => ({ text: s.text, params: s.params.map(asLogged) }));
  // The list and its count run at the same time: compare as sets, and the order of the parts that are sequential.
  const key = (s) => JSON.stringify(s);
  const same = JSON.stringify(seen.map(key).sort()) === JSON.stringify(want.map(key).sort()) && seen[0]?.text === AUTH_SQL;
  const summary = seen.map((s) => `${sqlName(s.text)} [${s.params.map((p) => (p && p.length > 40 ? `${p.slice(0, 12)}...` : p)).join(", ")}]`);
  if (same) say(`   SQL check (${label}, ${kind}): ${seen.length} statements, text and parameters as bench/queries.mjs: ${seen.map((s) => sqlName(s.text)).join(", ")}`);
  else {
    say(`   WARNING: SQL check (${label}, ${kind}): the statements differ from bench/queries.mjs`);
    say(`     logged:   ${seen.map((s) => sqlName(s.text)).join(", ")}`);
    say(`     expected: ${want.map((s) => sqlName(s.text)).join(", ")}`);
    say(`     logged (full):   ${JSON.stringify(seen)}`);
    say(`     expected (full): ${JSON.stringify(want)}`);
  }
  return { label, kind, same, statements: summary };
}

// ---------------------------------------------------------------------------------------------- load

/**
 * Warm-up, then SECONDS measured. The warm-up first sends WARMUP_REQUESTS requests: each of the pool's connections
 * plans a prepared statement afresh on its first 5 runs (custom plans) and may then keep a generic plan, which for
 * the search is a different plan; the rate of those first requests is kept as `cold`. Then WARMUP seconds.
 */
const load = (label, port, urlPath, key, { pgid, pgPid }) =>
  measure(label, {
    url: `http://127.0.0.1:${port}${urlPath}`,
    key,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    warmupRequests: WARMUP_REQUESTS,
    pgid,
    pgPid,
  });

// ---------------------------------------------------------------------------------------------- bulk invites

const inviteBody = (batch) =>
  JSON.stringify(Array.from({ length: BULK_SIZE }, (_, i) => ({ target_email: `invitee-${batch}-${i + 1}@invites.example`, level: i % 5 === 0 ? 8 : 1 })));

/** One bulk of 20 fresh addresses; its wall time in ms, from the request to the end of the body. */
async function bulk(port, orgId, key, batch) {
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/organizations/${orgId}/invites/bulk/`, {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: inviteBody(batch),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  if (res.status !== 201) throw new Error(`bulk ${batch}: ${res.status} ${text.slice(0, 500)}`);
  const created = JSON.parse(text);
  if (!Array.isArray(created) || created.length !== BULK_SIZE) throw new Error(`bulk ${batch}: ${text.slice(0, 500)}`);
  return ms;
}

/** Nearest-rank percentile of sorted numbers. */
const percentile = (sorted, p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)];

async function bulks(pg, admin, port, data) {
  // The first bulk with `log_statement=all`: what one costs in statements (untimed).
  const seen = await logged(pg, admin, () => bulk(port, data.orgId, data.key, "logged"));
  const kinds = {};
  for (const s of seen) {
    const kind = SQL_NAMES[s.text] ?? s.text.match(/^\s*(select pg_advisory_xact_lock|select "organization_memberships"."id" from|delete from "\w+"|insert into "\w+"|update "\w+"|select [^\n]*? from "\w+"|begin|commit|\w+)/i)?.[1] ?? s.text.slice(0, 30);
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  say(`   one bulk of ${BULK_SIZE}: ${seen.length} statements: ${Object.entries(kinds).map(([k, n]) => `${n} x ${k}`).join(", ")}`);
  const warmup = [];
  for (let i = 1; i <= BULK_WARMUP; i++) warmup.push(round2(await bulk(port, data.orgId, data.key, `warm${i}`)));
  const samples = [];
  for (let i = 1; i <= BULKS; i++) samples.push(round2(await bulk(port, data.orgId, data.key, i)));
  const sorted = [...samples].sort((x, y) => x - y);
  const result = {
    bulks: BULKS,
    size: BULK_SIZE,
    p50: percentile(sorted, 0.5),
    p99: percentile(sorted, 0.99),
    max: sorted.at(-1),
    min: sorted[0],
    mean: round2(samples.reduce((s, x) => s + x, 0) / samples.length),
    warmup_ms: warmup,
    samples_ms: samples,
    statements_per_bulk: seen.length,
    statement_kinds: kinds,
  };
  result.ok = result.p99 < TARGET.bulkMs;
  say(`   ${BULKS} bulks of ${BULK_SIZE}: p50 ${result.p50} ms, p99 ${result.p99} ms, max ${result.max} ms (min ${result.min}, mean ${result.mean}; untimed warm-up ${warmup.join(", ")} ms)`);
  return result;
}

// ---------------------------------------------------------------------------------------------- plans

const TRGM = /users_\w+_trgm_idx/g;
const literal = (v) => (typeof v === "number" || typeof v === "boolean" ? String(v) : `'${String(v).replaceAll("'", "''")}'`);

/**
 * EXPLAIN ANALYZE of one statement with the parameters of the measured requests (a custom plan, as the first runs
 * of a prepared statement get), inside a transaction with the search's `set local` when it is the search's; and how
 * a pooled connection runs it once prepared and executed 6 times (PostgreSQL may switch to a generic plan then).
 */
async function explain(sql, statement, withThreshold) {
  return sql.begin(async (tx) => {
    if (withThreshold) await tx.unsafe(SEARCH_THRESHOLD_SQL);
    const rows = await tx.unsafe(`explain (analyze, buffers) ${statement.text}`, statement.params, { prepare: false });
    const plan = rows.map((r) => r["QUERY PLAN"]);
    const args = `(${statement.params.map(literal).join(", ")})`;
    await tx.unsafe(`prepare bench_plan as ${statement.text}`);
    for (let i = 0; i < 6; i++) await tx.unsafe(`execute bench_plan${args}`);
    const preparedPlan = (await tx.unsafe(`explain (analyze) execute bench_plan${args}`)).map((r) => r["QUERY PLAN"]);
    await tx.unsafe("deallocate bench_plan");
    const summary = (lines) => {
      const text = lines.join("\n");
      return {
        trigram_indexes: [...new Set(text.match(TRGM) ?? [])].sort(),
        seq_scans: [...new Set([...text.matchAll(/Seq Scan on (\w+)/g)].map((m) => m[1]))],
        execution_ms: Number(text.match(/Execution Time: ([\d.]+) ms/)?.[1]),
        planning_ms: Number(text.match(/Planning Time: ([\d.]+) ms/)?.[1]),
        generic: /\$\d/.test(text),
      };
    };
    return { plan, ...summary(plan), prepared: { plan: preparedPlan, ...summary(preparedPlan) } };
  });
}

async function plans(sql, orgId) {
  const out = {};
  for (const kind of ["list", "search"]) {
    const statements = memberPageStatements(orgId, READS[kind].page);
    out[kind] = await explain(sql, statements.list, kind === "search");
    out[`${kind}_count`] = await explain(sql, statements.count, kind === "search");
  }
  return out;
}

/** The search's plan (custom, with the parameters) for other typos: does the planner's choice hold beyond one term? */
async function probes(sql, orgId) {
  const out = [];
  for (const term of [SEARCH, ...PROBES.filter((t) => t !== SEARCH)]) {
    const statements = memberPageStatements(orgId, { limit: LIMIT, search: term });
    const matches = await sql.begin(async (tx) => {
      await tx.unsafe(SEARCH_THRESHOLD_SQL);
      const [[n]] = await tx.unsafe(statements.count.text, statements.count.params, { prepare: false }).values();
      return Number(n);
    });
    const p = await explain(sql, statements.list, true);
    out.push({ term, matches, trigram_indexes: p.trigram_indexes.length > 0, execution_ms: p.execution_ms, prepared_trigram_indexes: p.prepared.trigram_indexes.length > 0, prepared_ms: p.prepared.execution_ms });
  }
  return out;
}

function printPlans(result) {
  for (const [name, p] of Object.entries(result)) {
    say("");
    say(`-- ${name}: EXPLAIN (ANALYZE, BUFFERS) with the parameters${name.startsWith("search") ? `, after ${SEARCH_THRESHOLD_SQL}` : ""} (a custom plan, as in a prepared statement's first 5 runs)`);
    for (const line of p.plan) say(`   ${line}`);
    const prepared = p.prepared;
    say(`   -> prepared and run 6 times first, as on a pooled connection: ${prepared.generic ? "generic" : "custom"} plan, ${prepared.execution_ms} ms; ` +
      `trigram indexes: ${prepared.trigram_indexes.length ? prepared.trigram_indexes.join(", ") : "none"}; seq scans: ${prepared.seq_scans.join(", ") || "none"}`);
  }
}

// ---------------------------------------------------------------------------------------------- report

const ROWS = [
  ["list_a", "list   (a) our server"],
  ["list_b", "list   (b) Next.js ceiling"],
  ["search_a", "search (a) our server"],
  ["search_b", "search (b) Next.js ceiling"],
];

function report(results) {
  const { runs } = results;
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  const lines = [
    "",
    `Members benchmark: ${fmt(results.data.members)} members (${fmt(results.data.active)} active), ${fmt(results.data.users)} users; search "${SEARCH}" matches ${results.data.search_count}`,
    `autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s; personal API key; PostgreSQL ${results.machine.postgres ?? ""}`,
    `${pad("", 74)}CPU ms per request   other load`,
    `${pad("run", 36)}${lpad("req/s", 9)}${lpad("p50 ms", 9)}${lpad("p99 ms", 9)}${lpad("requests", 10)}${lpad("failed", 8)}${lpad("server", 9)}${lpad("Postgres", 10)}${lpad("(cores)", 11)}`,
  ];
  for (const [id, label] of ROWS) {
    const r = runs[id];
    if (!r) continue;
    lines.push(`${pad(label, 36)}${lpad(fmt(r.rps), 9)}${lpad(r.p50 ?? "-", 9)}${lpad(r.p99 ?? "-", 9)}${lpad(r.requests, 10)}${lpad(r.non2xx + r.errors, 8)}${lpad(r.cpu_server ?? "-", 9)}${lpad(r.cpu_pg ?? "-", 10)}${lpad(r.other_cores ?? "-", 11)}`);
  }
  const busiest = Math.max(0, ...Object.values(runs).map((r) => r.other_cores ?? 0));
  if (busiest > 0.25) {
    lines.push(`NOTE: other processes kept up to ${busiest} of ${os.cpus().length} cores busy during a measurement: the figures of such rows are low.`);
  }
  lines.push("");
  const verdict = (ok) => (ok === undefined ? "-" : ok ? "MET" : "MISSED");
  for (const kind of ["list", "search"]) {
    const ratio = results.ratios[kind];
    if (!ratio) continue;
    lines.push(`a/b ${pad(kind, 7)} req/s ${ratio.rps.toFixed(2)}  (target >= ${TARGET.rpsRatio.toFixed(2)})  ${verdict(ratio.rpsOk)}     p99 ${ratio.p99.toFixed(2)}`);
  }
  const search = results.plans?.search;
  if (search) {
    const indexes = search.trigram_indexes;
    lines.push(`search plan uses the trigram indexes: ${indexes.length ? `yes (${indexes.join(", ")})` : "NO"}${search.seq_scans.length ? `; seq scan on ${search.seq_scans.join(", ")}` : ""}; ${search.execution_ms} ms  ${verdict(indexes.length > 0)}`);
    lines.push(`   (custom plan, as EXPLAIN ANALYZE with the parameters; the count query: ${results.plans.search_count.trigram_indexes.length ? "trigram indexes" : "NO trigram index"}, ${results.plans.search_count.execution_ms} ms)`);
    lines.push(`   prepared, from the 6th run on a connection: ${search.prepared.trigram_indexes.length ? "trigram indexes" : "NO trigram index"} (${search.prepared.generic ? "generic" : "custom"} plan, ${search.prepared.execution_ms} ms; the count ${results.plans.search_count.prepared.execution_ms} ms)`);
    const probed = results.search_probes ?? [];
    if (probed.length) lines.push(`   other typos: ${probed.filter((p) => p.trigram_indexes).length} of ${probed.length} custom plans use the trigram indexes`);
    const before = results.plans_before_vacuum?.search;
    if (before) {
      lines.push(`   before VACUUM (GIN pending lists full): ${before.trigram_indexes.length ? "trigram indexes" : `NO trigram index (seq scan on ${before.seq_scans.join(", ")})`}, ${before.execution_ms} ms`);
    }
  }
  const list = results.plans?.list;
  if (list) lines.push(`list plan: ${list.execution_ms} ms (count ${results.plans.list_count.execution_ms} ms)${list.seq_scans.length ? `; seq scan on ${list.seq_scans.join(", ")}` : ""}`);
  const b = results.bulk;
  if (b) lines.push(`bulk of ${b.size} invites (${b.bulks} sequential): p50 ${b.p50} ms, p99 ${b.p99} ms, max ${b.max} ms  (target p99 < ${TARGET.bulkMs} ms)  ${verdict(b.ok)}`);
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
  const started = new Date();
  const results = {
    started: started.toISOString(),
    endpoints: {
      list: `GET /api/organizations/<id>/members/${READS.list.query}`,
      search: `GET /api/organizations/<id>/members/${READS.search.query}`,
      bulk: `POST /api/organizations/<id>/invites/bulk/ (${BULK_SIZE} invites)`,
    },
    settings: { connections: CONNECTIONS, warmup_s: WARMUP, duration_s: SECONDS, bulks: BULKS, bulk_size: BULK_SIZE, search: SEARCH, only: [...ONLY], pool_max: 10 },
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadavg_at_start: os.loadavg().map(round2) },
    target: { rps_ratio_min: TARGET.rpsRatio, search_uses_trigram_indexes: true, bulk_p99_ms_max: TARGET.bulkMs },
    data: {},
    runs: {},
    ratios: {},
    sql_check: [],
  };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "orgdeck-bench-members-"));
  let failed = true;
  cleanups.push(() => {
    if (failed) say(`(server logs kept in ${workDir})`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  });
  try {
    await ensureBuilds({ rebuildStale: true });

    say(`== PostgreSQL on 127.0.0.1:${PG_PORT}; seeding through the admin CLI and postgres.js`);
    const pg = await startPostgres(PG_PORT);
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end({ timeout: 5 }));
    const seedStarted = Date.now();
    // The CLI migrates the empty database on its first command.
    const data = await seed(baseEnv({ DATABASE_URL: pg.url }), admin);
    results.machine.postgres = (await admin`show server_version`)[0].server_version;
    say(`   ${fmt(data.members)} members (${fmt(data.active)} active) of organization ${data.orgId}, ${fmt(data.users)} users, in ${round2((Date.now() - seedStarted) / 1000)} s`);

    const pending = await ginPending(admin);
    const searchStatements = memberPageStatements(data.orgId, READS.search.page);
    results.plans_before_vacuum = { search: await explain(admin, searchStatements.list, true), gin_pending_tuples: pending };
    const before = results.plans_before_vacuum.search;
    say(`   after ANALYZE, before VACUUM: the GIN pending lists hold ${pending ? Object.values(pending).join(" / ") : "?"} entries; the search's plan: ${before.trigram_indexes.length ? "trigram indexes" : `seq scan on ${before.seq_scans.join(", ")}`}, ${before.execution_ms} ms`);
    await admin.unsafe("vacuum analyze");
    say("   VACUUM ANALYZE done (as autovacuum would have)");

    const pgPid = postmasterPid(pg.dir);
    const env = (port) => serverEnv(port, { DATABASE_URL: pg.url, DEV_IDP_PORT: String(port + IDP_OFFSET) });
    say(`== (a) our server (npm run start, port ${PORTS.ours}) and (b) the ceiling (next start bench/ceiling, port ${PORTS.ceiling})`);
    const ours = await startServer("ours", ["npm", "run", "start"], env(PORTS.ours), PORTS.ours, workDir);
    const ceiling = await startServer("ceiling", nextStart("ceiling", PORTS.ceiling, CEILING), env(PORTS.ceiling), PORTS.ceiling, workDir);

    const reads = [...ONLY].filter((k) => k in READS);
    // The first request also does the key's once-an-hour last_used_at write, before any capture or measurement.
    await getJson(PORTS.ours, membersPath(data.orgId) + READS.list.query, data.key);
    for (const kind of reads) {
      const urlPath = membersPath(data.orgId) + READS[kind].query;
      const mine = await getJson(PORTS.ours, urlPath, data.key);
      checkPage("our server", kind, mine, data);
      const theirs = await getJson(PORTS.ceiling, urlPath, data.key);
      if (!sameBody(mine, theirs)) {
        say(`   WARNING: the ceiling's ${kind} body differs from ours:\n     ours:    ${JSON.stringify(mine).slice(0, 800)}\n     ceiling: ${JSON.stringify(theirs).slice(0, 800)}`);
      }
      if (kind === "search") {
        data.search_count = mine.count;
        const top = mine.results.slice(0, 3).map((m) => `${m.user.first_name} ${m.user.last_name} (${m.search_match_type})`);
        say(`   search "${SEARCH}": ${mine.count} of ${fmt(data.active)} active members, first ${top.join(", ")}`);
      }
      results.sql_check.push(await sqlCheck("our server", kind, pg, admin, PORTS.ours, data));
      results.sql_check.push(await sqlCheck("ceiling", kind, pg, admin, PORTS.ceiling, data));
    }
    results.data = { members: data.members, active: data.active, users: data.users, organizations: OTHER_ORGS + 1, search_count: data.search_count ?? null };

    for (const kind of reads) {
      say(`== ${kind}: GET ${membersPath("<id>")}${READS[kind].query}`);
      const urlPath = membersPath(data.orgId) + READS[kind].query;
      const a = await load(`${kind} (a)`, PORTS.ours, urlPath, data.key, { pgid: ours.pgid, pgPid });
      const b = await load(`${kind} (b)`, PORTS.ceiling, urlPath, data.key, { pgid: ceiling.pgid, pgPid });
      results.runs[`${kind}_a`] = a;
      results.runs[`${kind}_b`] = b;
      results.ratios[kind] = { rps: round2(a.rps / b.rps), p99: round2(a.p99 / b.p99), rpsOk: a.rps / b.rps >= TARGET.rpsRatio };
    }
    await ceiling.stop();

    if (ONLY.has("bulk")) {
      say(`== bulk invites: ${BULKS} x POST ${`/api/organizations/<id>/invites/bulk/`} of ${BULK_SIZE} fresh addresses, one after another`);
      results.bulk = await bulks(pg, admin, PORTS.ours, data);
    }
    await ours.stop();

    say("== query plans (EXPLAIN ANALYZE with the parameters of the measured requests)");
    results.plans = await plans(admin, data.orgId);
    printPlans(results.plans);
    results.search_probes = await probes(admin, data.orgId);
    say("");
    say("-- the search's plan for other typos (custom plan with the parameters; prepared, 6th run)");
    for (const p of results.search_probes) {
      say(`   ${p.term.padEnd(14)} ${String(p.matches).padStart(4)} matches   custom: ${p.trigram_indexes ? "trigram indexes" : "seq scan       "} ${String(p.execution_ms).padStart(8)} ms   prepared: ${p.prepared_trigram_indexes ? "trigram indexes" : "seq scan       "} ${String(p.prepared_ms).padStart(8)} ms`);
    }

    const met = [
      ...Object.values(results.ratios).map((r) => r.rpsOk),
      ...(reads.includes("search") ? [results.plans.search.trigram_indexes.length > 0] : []),
      ...(results.bulk ? [results.bulk.ok] : []),
    ];
    results.targets_met = met.every(Boolean);
    results.finished = new Date().toISOString();
    results.machine.loadavg_at_end = os.loadavg().map(round2);

    say(report(results));
    writeResults("members", started, results);
    failed = false;
  } finally {
    await cleanUp();
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exitCode = 1;
});
