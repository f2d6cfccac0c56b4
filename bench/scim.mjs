/**
 * SCIM benchmark (not a test): provisioning 5,000 users through `POST /scim/v2/<domain id>/Users` as Okta does, then
 * reading them back (pages and `userName eq` filters), against PostgreSQL. On a machine shared with others run it in
 * the lock:
 *
 *   cd /work/main && flock /tmp/orgdeck-heavy.lock node bench/scim.mjs        (npm run bench:scim)
 *
 * Each phase is a simple concurrent loop of BENCH_CONNECTIONS=8 workers (every POST has its own body; every request is
 * timed from its start to the end of its body, and checked) on (a) our server (`npm run start`, the production build in
 * .next) and (b) the framework ceiling: bench/ceiling/app/scim/v2/[connection_id]/Users/route.ts in the minimal
 * Next.js app of bench/api.mjs (`next start bench/ceiling`), which runs our endpoint's SQL (bench/scim-queries.mjs)
 * through postgres.js and nothing else. (a) provisions into one organization's verified domain, (b) the same people
 * into another organization's, so both write into the same tables. After answering, each reads the tenant again and
 * writes the request's row into the SCIM request log (our server masks bodies and headers first; the ceiling does not),
 * and the run checks that every request has its row.
 *   provision  BENCH_USERS=5000 `POST /Users`, each a realistic Okta user (schemas, a unique userName at the verified
 *              domain, name, one primary work email, displayName, locale, externalId, groups, active), in
 *              BENCH_ROUNDS=2 alternating rounds (a, b, a, b: both see the same table sizes and the same other load),
 *              after BENCH_WARMUP_USERS=100 untimed ones on each
 *   list       BENCH_LIST_REQUESTS=1000 `GET /Users?startIndex=<1, 101, …>&count=100`, cycling over every page
 *   filter     BENCH_FILTER_REQUESTS=2000 `GET /Users?filter=userName eq "<a provisioned user>"`, a different one each
 * Targets: provisioning (a) >= 60% of (b)'s users/s with no error; the filter's plan uses scim_users_tenant_user_name_idx
 * and the page's plan scim_users_tenant_created_idx, at 10,000 memberships.
 * Printed: users/s (requests/s for reads), p50, p99, errors, CPU ms per request of the server and of PostgreSQL and the
 * other load on the machine; the ratios a/b; what one POST sends to PostgreSQL; then, after topping organization (a)
 * up to 10,000 memberships (all provisioned by its domain) in bulk, EXPLAIN (ANALYZE, BUFFERS) of the filter's query
 * and of the first and last pages (with the parameters our server sends), and how a pooled connection plans them once
 * the statement is prepared and has run 6 times (a generic plan may take over). JSON to bench/results/scim-<time>.json.
 * Knobs: BENCH_USERS, BENCH_WARMUP_USERS, BENCH_ROUNDS, BENCH_CONNECTIONS, BENCH_LIST_REQUESTS, BENCH_FILTER_REQUESTS,
 * BENCH_MEMBERS (10000), BENCH_PG_PORT (55436), BENCH_PORT_BASE (3230: our server 3231, the ceiling 3232; their
 * development identity providers on port + 1000), BENCH_CPU_PROF=<dir> (both servers under `node --cpu-prof`; the
 * profiles cover the whole run, so shorten the reads, e.g. BENCH_LIST_REQUESTS=1 BENCH_FILTER_REQUESTS=1, to see a POST's).
 *
 * Everything it needs it starts and stops itself, also on failure (bench/lib.mjs): a throwaway PostgreSQL
 * (scripts/pg-temp.sh), both servers, each in its own process group; builds .next and bench/ceiling/.next when stale.
 *
 * DATA. Through the admin CLI the owner (bench@bench.example) and two organizations; with postgres.js each one's
 * domain (northwind.example, contoso.example) inserted as verified with SCIM on and a token made here (stored as its
 * SHA-256 hex). People from bench/names.mjs (names from many cultures), their local parts made unique.
 *
 * THE SQL. Every run captures what one POST, one page and one filter send with `log_statement=all`, on both servers,
 * and compares the statements with bench/scim-queries.mjs (texts in order for the POST, whose parameters hold fresh
 * ids and times; texts and parameters for the reads, whose page and total run at the same time).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { postmasterPid } from "./cpu.mjs";
import { CEILING, asLogged, baseEnv, cleanUp, cleanups, cli, cpuMeter, ensureBuilds, fmt, logged, nextStart, round2, say, serverEnv, sleep, startPostgres, startServer, writeResults } from "./lib.mjs";
import { people } from "./names.mjs";
import * as Q from "./scim-queries.mjs";
import { bodies, drive, explainAll, topUp } from "./scim-parts.mjs";

const env = process.env;
const USERS = Number(env.BENCH_USERS ?? 5000);
const WARMUP_USERS = Number(env.BENCH_WARMUP_USERS ?? 100);
const ROUNDS = Number(env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(env.BENCH_CONNECTIONS ?? 8);
const LIST_REQUESTS = Number(env.BENCH_LIST_REQUESTS ?? 1000);
const FILTER_REQUESTS = Number(env.BENCH_FILTER_REQUESTS ?? 2000);
const MEMBERS = Number(env.BENCH_MEMBERS ?? 10_000);
const PG_PORT = Number(env.BENCH_PG_PORT ?? 55436);
const PORT_BASE = Number(env.BENCH_PORT_BASE ?? 3230);
const PORTS = { ours: PORT_BASE + 1, ceiling: PORT_BASE + 2 };
const IDP_OFFSET = 1000;
const PAGE = 100;
const TARGET = { ratio: 0.6 };
const SIDES = { ours: "(a) our server", ceiling: "(b) Next.js ceiling" };
const DOMAINS = { ours: "northwind.example", ceiling: "contoso.example" };
/** BENCH_CPU_PROF=<dir>: both servers run under `node --cpu-prof` and leave a .cpuprofile there when stopped. */
const CPU_PROF = env.BENCH_CPU_PROF ? path.resolve(env.BENCH_CPU_PROF) : null;

// ---------------------------------------------------------------------------------------------- data

/** The owner and both organizations through the admin CLI; each one's domain, verified with SCIM on, with postgres.js. */
async function seed(cliEnv, sql) {
  const email = "bench@bench.example";
  await cli(["user", "create", "--email", email, "--first-name", "Bench", "--last-name", "Owner"], cliEnv);
  const tenants = {};
  for (const [side, domain] of Object.entries(DOMAINS)) {
    const org = await cli(["org", "create", "--name", domain.split(".")[0], "--owner-email", email], cliEnv);
    const token = Q.newScimToken();
    const row = { organization_id: org.id, domain, verification_challenge: Q.sha256(domain).slice(0, 32), verified_at: new Date(), scim_enabled: true, scim_token_hash: Q.sha256(token) };
    const [domainRow] = await sql`insert into organization_domains ${sql(row)} returning id`;
    tenants[side] = { side, orgId: org.id, tenantId: domainRow.id, token, domain };
  }
  return { tenants };
}

// ---------------------------------------------------------------------------------------------- requests

const usersPath = (t) => `/scim/v2/${t.tenantId}/Users`;

/** One request to a side's Users endpoint: [status, parsed body]. */
async function call(port, t, { method = "GET", query = "", body = null }) {
  const res = await fetch(`http://127.0.0.1:${port}${usersPath(t)}${query}`, {
    method,
    headers: { authorization: `Bearer ${t.token}`, "user-agent": "Okta SCIM Client 1.0.0", ...(body && { "content-type": "application/scim+json; charset=utf-8" }) },
    body,
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = text;
  }
  return [res.status, json];
}

const pageQuery = (i, total) => `?startIndex=${1 + (i % Math.ceil(total / PAGE)) * PAGE}&count=${PAGE}`;
const filterQuery = (userName) => `?filter=${encodeURIComponent(`userName eq "${userName}"`)}`;

/** The request kinds, each: its request for index i and the check of its answer (a problem, or null). */
const KINDS = {
  provision: (t, people) => (i) => ({
    method: "POST",
    body: JSON.stringify(people[i].body),
    check: (status, json) => (status === 201 && json?.userName === people[i].body.userName && json?.id ? null : `${status} ${JSON.stringify(json).slice(0, 300)}`),
  }),
  list: (t, people, total) => (i) => ({
    query: pageQuery(i, total),
    check: (status, json) => {
      const start = 1 + (i % Math.ceil(total / PAGE)) * PAGE;
      const want = Math.min(PAGE, total - start + 1);
      return status === 200 && json?.totalResults === total && json?.Resources?.length === want ? null : `${status} ${JSON.stringify(json).slice(0, 300)}`;
    },
  }),
  filter: (t, people) => (i) => {
    const userName = people[(i * 7919) % people.length].body.userName;
    return {
      query: filterQuery(userName),
      check: (status, json) => (status === 200 && json?.totalResults === 1 && json?.Resources?.[0]?.userName === userName ? null : `${status} ${JSON.stringify(json).slice(0, 300)}`),
    };
  },
};

// ---------------------------------------------------------------------------------------------- SQL check

const SQL_NAMES = Object.fromEntries(
  ["TENANT_SQL", "ORG_SQL", "VERIFIED_DOMAINS_SQL", "USER_BY_EMAIL_SQL", "USER_INSERT_SQL", "ACTIVITY_INSERT_SQL", "SCIM_USER_INSERT_SQL", "MEMBERSHIP_LOCK_SQL", "MEMBERSHIP_INSERT_SQL", "INVITES_ACCEPT_SQL", "REQUEST_LOG_INSERT_SQL", "BEGIN_SQL", "COMMIT_SQL", "LIST_SQL", "LIST_COUNT_SQL", "FILTER_SQL", "FILTER_COUNT_SQL"].map((n) => [Q[n], n]),
);
const sqlName = (text) => SQL_NAMES[text] ?? (SQL_NAMES[text.replace(/ offset \$\d+$/, "")] ? `${SQL_NAMES[text.replace(/ offset \$\d+$/, "")]} + offset` : `OTHER: ${text.slice(0, 160)}`);

const POST_SEQUENCE = ["TENANT_SQL", "ORG_SQL", "VERIFIED_DOMAINS_SQL", "BEGIN_SQL", "USER_BY_EMAIL_SQL", "USER_INSERT_SQL", "ACTIVITY_INSERT_SQL", "SCIM_USER_INSERT_SQL", "MEMBERSHIP_LOCK_SQL", "MEMBERSHIP_INSERT_SQL", "ACTIVITY_INSERT_SQL", "INVITES_ACCEPT_SQL", "COMMIT_SQL", "TENANT_SQL", "REQUEST_LOG_INSERT_SQL"];

/**
 * What a request sent, from the statements logged meanwhile: loggedStatements() leaves out the job runner's polling
 * (our server's background work), but not the `begin`/`commit` around it, which are then adjacent.
 */
const withoutEmptyTransactions = (statements) =>
  statements.filter((s, i) => !(s.text === Q.BEGIN_SQL && statements[i + 1]?.text === Q.COMMIT_SQL) && !(s.text === Q.COMMIT_SQL && statements[i - 1]?.text === Q.BEGIN_SQL));

/** One request of each kind with `log_statement=all`: are the statements those of bench/scim-queries.mjs? */
async function sqlCheck(pg, admin, side, port, t, person, total) {
  const out = {};
  const request = (fn) => logged(pg, admin, fn).then(withoutEmptyTransactions);
  const post = await request(async () => {
    const [status, json] = await call(port, t, { method: "POST", body: JSON.stringify(person.body) });
    if (status !== 201) throw new Error(`${SIDES[side]}: logged POST answered ${status} ${JSON.stringify(json).slice(0, 500)}`);
  });
  const names = post.map((s) => sqlName(s.text));
  out.post = { same: JSON.stringify(names) === JSON.stringify(POST_SEQUENCE), statements: names, params: post.map((s) => s.params) };
  const reads = {
    list: { query: pageQuery(1, total), statements: Q.listStatements(t.tenantId, { startIndex: 1 + PAGE, count: PAGE }) },
    filter: { query: filterQuery(person.body.userName), statements: Q.listStatements(t.tenantId, { userName: person.body.userName, count: PAGE }) },
  };
  for (const [kind, { query, statements }] of Object.entries(reads)) {
    const seen = await request(() => call(port, t, { query }));
    const tenant = { text: Q.TENANT_SQL, params: [t.tenantId] };
    const want = [tenant, { text: Q.ORG_SQL, params: [t.orgId, 1] }, statements.list, statements.count, tenant, { text: Q.REQUEST_LOG_INSERT_SQL, params: [] }];
    // the request log's row holds a duration and a time: its text is compared, not its parameters
    const key = (s) => JSON.stringify({ text: s.text, params: s.text === Q.REQUEST_LOG_INSERT_SQL ? [] : s.params.map(asLogged) });
    const same = JSON.stringify(seen.map(key).sort()) === JSON.stringify(want.map(key).sort());
    out[kind] = { same, statements: seen.map((s) => sqlName(s.text)), ...(!same && { logged: seen, expected: want }) };
  }
  for (const [kind, r] of Object.entries(out)) {
    if (r.same) say(`   SQL check ${SIDES[side]}, ${kind}: ${r.statements.length} statements as bench/scim-queries.mjs: ${r.statements.join(", ")}`);
    else say(`   WARNING: SQL check ${SIDES[side]}, ${kind}: ${JSON.stringify(r).slice(0, 3000)}`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------- measuring

/** A phase's rows on one side, from drive()'s samples, with the CPU of the server and of PostgreSQL. */
function summarize(label, parts) {
  const samples = parts.flatMap((p) => p.samples).sort((x, y) => x - y);
  const requests = samples.length;
  const seconds = parts.reduce((s, p) => s + p.ms, 0) / 1000;
  const at = (q) => round2(samples[Math.max(0, Math.ceil(q * requests) - 1)] ?? 0);
  const cpu = (key) => round2(parts.reduce((s, p) => s + (p.cpu[key] ?? 0) * p.samples.length, 0) / requests);
  const r = {
    requests,
    seconds: round2(seconds),
    rps: round2(requests / seconds),
    p50: at(0.5),
    p99: at(0.99),
    max: round2(samples.at(-1) ?? 0),
    errors: parts.reduce((s, p) => s + p.errors.length, 0),
    first_errors: parts.flatMap((p) => p.errors).slice(0, 5),
    cpu_server: cpu("cpu_server"),
    cpu_pg: cpu("cpu_pg"),
    other_cores: round2(Math.max(...parts.map((p) => p.cpu.other_cores ?? 0))),
  };
  say(`   ${label}: ${fmt(r.rps)}/s, p50 ${r.p50} ms, p99 ${r.p99} ms (${r.requests} in ${r.seconds} s, ${r.errors} errors; CPU ms/request: server ${r.cpu_server}, PostgreSQL ${r.cpu_pg}; other load ${r.other_cores} cores)`);
  for (const e of r.first_errors) say(`     error: ${e}`);
  return r;
}

async function phase(servers, pgPid, kind, count, { offset = 0, rounds = 1, people, totals }) {
  const parts = { ours: [], ceiling: [] };
  const per = Math.ceil(count / rounds);
  for (let r = 0; r < rounds; r++) {
    const from = offset + r * per;
    const n = Math.min(per, offset + count - from);
    for (const side of ["ours", "ceiling"]) {
      const s = servers[side];
      const make = KINDS[kind](s.tenant, people[side], totals?.[side]);
      const meter = cpuMeter(s.pgid, pgPid);
      const part = await drive(n, CONNECTIONS, (i) => make(from + i), (req) => call(s.port, s.tenant, req));
      part.cpu = meter(n);
      parts[side].push(part);
    }
  }
  const a = summarize(`${kind} ${SIDES.ours}`, parts.ours);
  const b = summarize(`${kind} ${SIDES.ceiling}`, parts.ceiling);
  return { a, b, ratio: round2(a.rps / b.rps), p99_ratio: round2(a.p99 / b.p99) };
}

// ---------------------------------------------------------------------------------------------- report

function report(results) {
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  const lines = [
    "",
    `SCIM benchmark: ${fmt(USERS)} users provisioned on each side (+${WARMUP_USERS} warm-up), ${CONNECTIONS} concurrent connections; PostgreSQL ${results.machine.postgres}`,
    `${pad("", 68)}CPU ms per request   other load`,
    `${pad("run", 36)}${lpad("per s", 8)}${lpad("p50 ms", 9)}${lpad("p99 ms", 9)}${lpad("requests", 10)}${lpad("errors", 8)}${lpad("server", 9)}${lpad("Postgres", 10)}${lpad("(cores)", 11)}`,
  ];
  for (const [kind, p] of Object.entries(results.phases)) {
    for (const [key, side] of [["a", "ours"], ["b", "ceiling"]]) {
      const r = p[key];
      lines.push(`${pad(`${kind} ${SIDES[side]}`, 36)}${lpad(fmt(r.rps), 8)}${lpad(r.p50, 9)}${lpad(r.p99, 9)}${lpad(r.requests, 10)}${lpad(r.errors, 8)}${lpad(r.cpu_server, 9)}${lpad(r.cpu_pg, 10)}${lpad(r.other_cores, 11)}`);
    }
  }
  lines.push("");
  const verdict = (ok) => (ok ? "MET" : "MISSED");
  for (const [kind, p] of Object.entries(results.phases)) {
    const target = kind === "provision" ? `  (target >= ${TARGET.ratio} with no error)  ${verdict(p.ratio >= TARGET.ratio && p.a.errors === 0)}` : "";
    lines.push(`a/b ${pad(kind, 10)} ${kind === "provision" ? "users/s" : "req/s  "} ${p.ratio.toFixed(2)}   p99 ${p.p99_ratio.toFixed(2)}${target}`);
  }
  const pl = results.plans;
  if (pl) {
    lines.push(`filter plan at ${fmt(results.data.members_at_plans)} memberships: ${pl.filter.indexes.join(", ") || "NO index"}${pl.filter.seq_scans.length ? `; seq scan on ${pl.filter.seq_scans.join(", ")}` : ""}; ${pl.filter.execution_ms} ms (prepared, 6th run: ${pl.filter.prepared.indexes.join(", ") || "no index"}, ${pl.filter.prepared.execution_ms} ms)  ${verdict(results.targets.filter_index)}`);
    for (const name of ["page_first", "page_last"]) {
      const p = pl[name];
      lines.push(`${name.replace("_", " ")} plan: ${p.indexes.join(", ") || "NO index"}${p.seq_scans.length ? `; seq scan on ${p.seq_scans.join(", ")}` : ""}; ${p.execution_ms} ms (prepared, 6th run: ${p.prepared.indexes.join(", ") || "no index"}, ${p.prepared.execution_ms} ms)  ${verdict(p.indexes.includes("scim_users_tenant_created_idx"))}`);
    }
  }
  return lines.join("\n");
}

// ---------------------------------------------------------------------------------------------- main

async function main() {
  const started = new Date();
  const results = {
    started: started.toISOString(),
    settings: { users: USERS, warmup_users: WARMUP_USERS, rounds: ROUNDS, connections: CONNECTIONS, list_requests: LIST_REQUESTS, filter_requests: FILTER_REQUESTS, members_at_plans: MEMBERS },
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadavg_at_start: os.loadavg().map(round2) },
    target: { provision_ratio_min: TARGET.ratio, errors: 0, filter_index: "scim_users_tenant_user_name_idx", page_index: "scim_users_tenant_created_idx" },
    data: {},
    phases: {},
  };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "orgdeck-bench-scim-"));
  let failed = true;
  cleanups.push(() => {
    if (failed) say(`(server logs kept in ${workDir})`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  });
  try {
    await ensureBuilds({ rebuildStale: true });
    say(`== PostgreSQL on 127.0.0.1:${PG_PORT}; the owner, two organizations and their SCIM domains`);
    const pg = await startPostgres(PG_PORT);
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end({ timeout: 5 }));
    const { tenants } = await seed(baseEnv({ DATABASE_URL: pg.url }), admin);
    results.machine.postgres = (await admin`show server_version`)[0].server_version;
    const everyone = people(MEMBERS + WARMUP_USERS + 1, { now: Date.now() });
    const personsOf = Object.fromEntries(Object.entries(tenants).map(([side, t]) => [side, bodies(everyone, t.domain)]));

    const pgPid = postmasterPid(pg.dir);
    const startEnv = (port) => serverEnv(port, { DATABASE_URL: pg.url, DEV_IDP_PORT: String(port + IDP_OFFSET) });
    say(`== (a) our server (npm run start, port ${PORTS.ours}) and (b) the ceiling (next start bench/ceiling, port ${PORTS.ceiling})`);
    const servers = {
      ours: { ...(await startServer("ours", CPU_PROF ? nextStart("ours", PORTS.ours, null, CPU_PROF) : ["npm", "run", "start"], startEnv(PORTS.ours), PORTS.ours, workDir)), port: PORTS.ours, tenant: tenants.ours },
      ceiling: { ...(await startServer("ceiling", nextStart("ceiling", PORTS.ceiling, CEILING, CPU_PROF), startEnv(PORTS.ceiling), PORTS.ceiling, workDir)), port: PORTS.ceiling, tenant: tenants.ceiling },
    };

    // People 0..USERS-1 are measured; the warm-up and the logged POST take the ones after them; the top-up the rest.
    say(`== warm-up: ${WARMUP_USERS} POSTs on each side, then the SQL check`);
    const warm = { ours: personsOf.ours.slice(USERS), ceiling: personsOf.ceiling.slice(USERS) };
    for (const side of ["ours", "ceiling"]) {
      const part = await drive(WARMUP_USERS, CONNECTIONS, KINDS.provision(null, warm[side]), (req) => call(servers[side].port, tenants[side], req));
      say(`   ${SIDES[side]}: ${WARMUP_USERS} in ${round2(part.ms / 1000)} s, ${part.errors.length} errors${part.errors.length ? `: ${part.errors[0]}` : ""}`);
    }
    results.sql_check = {};
    for (const side of ["ours", "ceiling"]) {
      results.sql_check[side] = await sqlCheck(pg, admin, side, servers[side].port, tenants[side], warm[side][WARMUP_USERS], WARMUP_USERS + 1);
    }

    say(`== provision: ${fmt(USERS)} x POST /scim/v2/<domain id>/Users on each side, ${ROUNDS} alternating rounds`);
    const measured = { ours: personsOf.ours.slice(0, USERS), ceiling: personsOf.ceiling.slice(0, USERS) };
    results.phases.provision = await phase(servers, pgPid, "provision", USERS, { rounds: ROUNDS, people: measured });
    const total = USERS + WARMUP_USERS + 1;
    const totals = { ours: total, ceiling: total };
    say(`== list: ${LIST_REQUESTS} pages of ${PAGE} of ${fmt(total)}; filter: ${FILTER_REQUESTS} x userName eq`);
    results.phases.list = await phase(servers, pgPid, "list", LIST_REQUESTS, { people: measured, totals });
    results.phases.filter = await phase(servers, pgPid, "filter", FILTER_REQUESTS, { people: measured, totals });

    await sleep(1000); // the request logs are written after the answers
    const counts = await admin`
      select d.domain, (select count(*) from scim_users s where s.tenant_id = d.id)::int as scim_users,
        (select count(*) from organization_memberships m where m.organization_id = d.organization_id)::int as memberships,
        (select count(*) from activity_log a where a.organization_id = d.organization_id)::int as org_activity,
        (select count(*) from scim_request_logs l where l.domain_id = d.id)::int as request_logs
      from organization_domains d order by d.domain`;
    results.data.after_requests = counts;
    say(`   rows: ${counts.map((c) => `${c.domain}: ${c.scim_users} SCIM users, ${c.memberships} memberships, ${c.org_activity} organization activity entries, ${c.request_logs} request-log entries`).join("; ")}`);
    const requests = total + LIST_REQUESTS + FILTER_REQUESTS + 2;
    for (const c of counts) {
      if (c.scim_users !== total) say(`   WARNING: ${c.domain} holds ${c.scim_users} SCIM users, expected ${total}`);
      if (c.request_logs !== requests) say(`   WARNING: ${c.domain}'s SCIM request log holds ${c.request_logs} entries for ${requests} requests`);
    }
    await servers.ceiling.stop();
    await servers.ours.stop();

    say(`== plans: organization (a) topped up to ${fmt(MEMBERS)} memberships in bulk, then VACUUM ANALYZE`);
    results.data.members_at_plans = await topUp(admin, tenants.ours, personsOf.ours.slice(total), MEMBERS);
    results.plans = await explainAll(admin, tenants.ours, measured.ours[1234 % USERS].body.userName, PAGE);
    results.targets = {
      provision: results.phases.provision.ratio >= TARGET.ratio && results.phases.provision.a.errors === 0,
      filter_index: results.plans.filter.indexes.includes("scim_users_tenant_user_name_idx"),
      page_index: ["page_first", "page_last"].every((n) => results.plans[n].indexes.includes("scim_users_tenant_created_idx")),
    };
    results.targets_met = Object.values(results.targets).every(Boolean);
    results.finished = new Date().toISOString();
    results.machine.loadavg_at_end = os.loadavg().map(round2);
    say(report(results));
    writeResults("scim", started, results);
    failed = false;
  } finally {
    await cleanUp();
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exitCode = 1;
});
