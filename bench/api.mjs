/**
 * API benchmark (`npm run bench`; not a test): how close `GET /api/organizations/@current/` with a personal API key
 * comes to what Next.js and postgres.js allow for the same SQL. On a machine shared with others run it in the lock:
 *
 *   cd /work/main && flock /tmp/orgdeck-heavy.lock npm run bench
 *
 * One run, each measurement with autocannon (32 connections, BENCH_WARMUP=3 s of warm-up, then BENCH_SECONDS=10 s):
 *   (a)  our server (`npm run start`, the production build in .next) on PostgreSQL;
 *   (b)  the framework ceiling: the minimal Next.js app of bench/ceiling whose one route handler runs our endpoint's
 *        SQL through postgres.js (`next start bench/ceiling`);
 *   (c)  the same SQL through postgres.js alone in plain Node, 32 loops back to back (bench/pg-direct.mjs);
 *   (a') our server again on PGlite (no DATABASE_URL, a temporary ORGDECK_DATA_DIR).
 * Target: (a) >= 80% of (b)'s req/s with a p99 <= 1.5x (b)'s. Two diagnostic rows follow unless BENCH_DIAGNOSTICS=0:
 * (b) and (c) with postgres.js's `prepare: false`, i.e. unnamed statements as drizzle sends them (see below).
 * The table is printed at the end and written as JSON to bench/results/api-<timestamp>.json. Besides req/s, p50 and
 * p99 it gives the CPU ms per request of the server and of PostgreSQL (bench/cpu.mjs, from /proc) and how many cores
 * other processes kept busy during each measurement: on a small shared machine those rows read low.
 * Knobs: BENCH_SECONDS, BENCH_WARMUP, BENCH_PG_PORT, BENCH_PORT_BASE, BENCH_DIAGNOSTICS=0, BENCH_ONLY=a,b,c,diag,pglite
 * (a partial run), BENCH_CPU_PROF=<dir> (every Next.js server under `node --cpu-prof`).
 *
 * Everything it needs it starts and stops itself, also on failure: a throwaway PostgreSQL on 127.0.0.1:55433
 * (scripts/pg-temp.sh; BENCH_PG_PORT), servers on ports 3201-3203 (BENCH_PORT_BASE=3200), each in its own process
 * group. Builds .next (`npm run build`) and bench/ceiling/.next (`npx next build bench/ceiling`) when missing (the
 * ceiling also when its sources are newer than its build). Data: through the admin CLI a user, their organization
 * and a `*` API key, and `member add` of one more member; then in bulk SQL (generate_series, so that the same text
 * seeds PostgreSQL through postgres.js and PGlite in-process) 499 more users (every 17th inactive), 49 more
 * organizations, 1,033 memberships in all (the user also belongs to 3 older organizations), 249 more API keys, the
 * user's current organization (as the console sets it), then ANALYZE. Expected answer: the user's own organization,
 * membership_level 15, member_count 41.
 *
 * THE SQL (bench/queries.mjs holds the text; three statements, one after another, per request):
 *   1. lib/auth/principal.ts authenticateApiKey
 *        select <10 personal_api_keys columns>, <14 users columns> from "personal_api_keys"
 *        inner join "users" on "users"."id" = "personal_api_keys"."user_id"
 *        where "personal_api_keys"."secure_value" = $1 limit $2          -- $1 = sha256(key) in hex, $2 = 1
 *   2. lib/services/organization-access.ts resolveOrganization("@current"), for a user with a current organization
 *        select <11 organizations columns>, "organization_memberships"."id", "organization_memberships"."level",
 *        "organization_memberships"."suspended_at" from "organization_memberships" inner join "organizations" on
 *        "organizations"."id" = "organization_memberships"."organization_id"
 *        where ("organization_memberships"."user_id" = $1 and "organization_memberships"."suspended_at" is null)
 *        order by "organizations"."id" = $2 desc, "organization_memberships"."joined_at" asc limit $3
 *                                                   -- $1 = user id, $2 = users.current_organization_id, $3 = 1
 *   3. lib/services/organizations.ts getOrganization -> memberCountOf
 *        select count(*) from "organization_memberships" inner join "users" on "users"."id" =
 *        "organization_memberships"."user_id" where ("organization_memberships"."organization_id" = $1
 *        and "users"."is_active" = $2 and "organization_memberships"."suspended_at" is null)
 *                                                                            -- $1 = organization id, $2 = true
 * (Our server also runs `update "personal_api_keys" set "last_used_at" ...` at most once an hour per key: on the
 * first request, before the measurements, so it is left out.)
 * How it was captured: PostgreSQL with `log_statement=all` (ALTER SYSTEM + pg_reload_conf) for one request to our
 * server, read back from the server log with the parameters of each statement. Every run does this again for (a)
 * and for (b) and compares the statements and parameters with bench/queries.mjs; a difference is printed as a
 * warning and recorded in the JSON (`sql_check`).
 * Drizzle (postgres-js driver, db/client.ts) sends every query as an unnamed, unprepared statement
 * (`client.unsafe(text, params, { prepare: false })`, the log says `execute <unnamed>`); with parameters,
 * postgres.js then does Parse/Describe, waits for the parameter types, and only then Bind/Execute: two round trips
 * and a fresh parse and plan per statement. The ceiling and (c) use postgres.js's default (`prepare: true`: one
 * round trip once a connection has the statement); the diagnostic rows run them unprepared. All three use a pool
 * of 10 connections as our server does, and read rows as arrays (`.values()`) as drizzle does.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { postmasterPid } from "./cpu.mjs";
import {
  BENCH,
  CEILING,
  asLogged,
  baseEnv,
  cleanUp,
  cleanups,
  cli,
  ensureBuilds,
  fmt,
  lit,
  loggedStatements,
  measure,
  nextStart as libNextStart,
  round2,
  run,
  say,
  serverEnv,
  sleep,
  startPostgres as libStartPostgres,
  startServer,
  writeResults,
} from "./lib.mjs";
import { AUTH_SQL, MEMBER_COUNT_SQL, ORG_CURRENT_SQL, ORG_FIRST_SQL, currentOrganization } from "./queries.mjs";

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3);
const CONNECTIONS = 32;
const PG_PORT = Number(process.env.BENCH_PG_PORT ?? 55433);
const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 3200);
const PORTS = { ours: PORT_BASE + 1, ceiling: PORT_BASE + 2, pglite: PORT_BASE + 3 };
const DIAGNOSTICS = process.env.BENCH_DIAGNOSTICS !== "0";
/** For a partial run while investigating: BENCH_ONLY=a,b,c,diag,pglite (default: all). */
const ONLY = new Set((process.env.BENCH_ONLY ?? "a,b,c,diag,pglite").split(",").map((s) => s.trim()));
/** BENCH_CPU_PROF=<dir>: every Next.js server runs under `node --cpu-prof` and leaves a .cpuprofile there. */
const CPU_PROF = process.env.BENCH_CPU_PROF ? path.resolve(process.env.BENCH_CPU_PROF) : null;
const TARGET = { rpsRatio: 0.8, p99Ratio: 1.5 };
const EXPECTED_MEMBER_COUNT = 41;
const PATH = "/api/organizations/@current/";

// The shared pieces (clean-up on failure and signals, builds, servers, the log parser, autocannon, the CPU meter)
// live in bench/lib.mjs; these three keep this benchmark's settings.
const startPostgres = () => libStartPostgres(PG_PORT);
const nextStart = (name, port, dir = null) => libNextStart(name, port, dir, CPU_PROF);
/** Our server: `npm run start` (the production build in .next); run by node directly when profiled. */
const ourServer = (name, port) => (CPU_PROF ? nextStart(name, port) : ["npm", "run", "start"]);

// ---------------------------------------------------------------------------------------------- data

/** Bulk rows around the CLI's user and organization (plain SQL without parameters: runs on PostgreSQL and PGlite). */
function bulkSql(orgId, userId) {
  const org = `'${lit(orgId, /^[0-9a-f-]{36}$/)}'`;
  const uid = lit(userId, /^\d+$/);
  const email = "format('user%s@bench.example', lpad(g::text, 4, '0'))";
  return `
insert into users (email, first_name, last_name, distinct_id, is_active, date_joined)
  select ${email}, 'First' || g, 'Last' || g, md5('distinct-' || g), g % 17 <> 0, now() - make_interval(days => g % 365)
  from generate_series(1, 499) g;
insert into organizations (name, slug, created_at, updated_at)
  select format('Org %s', lpad(g::text, 2, '0')), format('org-%s', lpad(g::text, 2, '0')),
         now() - make_interval(days => 400 - g), now() - make_interval(days => 400 - g)
  from generate_series(1, 49) g;
insert into organization_memberships (organization_id, user_id, level, joined_at, updated_at)
  select o.id, u.id, case when g <= 49 and m.k = (g - 1) % 49 + 1 then 15 when g % 5 = 0 then 8 else 1 end,
         now() - make_interval(days => g % 300), now()
  from generate_series(1, 499) g
  cross join lateral (values ((g - 1) % 49 + 1), ((g * 7) % 49 + 1)) as m(k)
  join users u on u.email = ${email}
  join organizations o on o.slug = format('org-%s', lpad(m.k::text, 2, '0'))
  on conflict do nothing;
insert into organization_memberships (organization_id, user_id, level, joined_at, updated_at)
  select ${org}, u.id, case when g % 5 = 0 then 8 else 1 end, now(), now()
  from generate_series(12, 499, 12) g join users u on u.email = ${email};
insert into organization_memberships (organization_id, user_id, level, joined_at, updated_at)
  select o.id, ${uid}, 1, now() - make_interval(days => 30 + k), now()
  from generate_series(1, 3) k join organizations o on o.slug = format('org-%s', lpad(k::text, 2, '0'));
insert into personal_api_keys (user_id, label, secure_value, mask_value, scopes, created_at)
  select u.id, 'key ' || g, encode(sha256(convert_to('bench-key-' || g, 'UTF8')), 'hex'), 'odk_...' || lpad(g::text, 4, '0'),
         array['*'], now() - make_interval(days => g % 90)
  from generate_series(2, 499, 2) g join users u on u.email = ${email};
update users set current_organization_id = ${org} where id = ${uid};
analyze;
`;
}

/** Seeds a database: the CLI for the user, organization, key and one member; `bulk(text)` for the volume. */
async function seed(env, bulk) {
  const email = "bench@bench.example";
  const user = await cli(["user", "create", "--email", email, "--first-name", "Bench", "--last-name", "User"], env);
  const org = await cli(["org", "create", "--name", "Bench Org", "--owner-email", email], env);
  const key = await cli(["api-key", "create", "--email", email, "--label", "bench", "--scopes", "*"], env);
  await bulk(bulkSql(org.id, user.id));
  await cli(["member", "add", "--org", org.id, "--email", "user0001@bench.example", "--level", "1"], env);
  return { userId: user.id, orgId: org.id, key: key.key };
}

// ---------------------------------------------------------------------------------------------- servers

async function getCurrent(port, key) {
  const res = await fetch(`http://127.0.0.1:${port}${PATH}`, { headers: { authorization: `Bearer ${key}` } });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`GET ${PATH} on port ${port}: ${res.status} ${text}`);
  return JSON.parse(text);
}

function checkBody(label, body, data) {
  const ok = body.id === data.orgId && body.membership_level === 15 && body.member_count === EXPECTED_MEMBER_COUNT;
  if (!ok) throw new Error(`${label} answered an unexpected body: ${JSON.stringify(body)}`);
}

// ---------------------------------------------------------------------------------------------- SQL check

/** One request with `log_statement=all`: are its statements and parameters those of bench/queries.mjs? */
async function sqlCheck(label, pg, admin, port, data) {
  const expected = [];
  await currentOrganization(admin, data.key, { trace: expected });
  const logFile = path.join(pg.dir, "server.log");
  await admin.unsafe("alter system set log_statement = 'all'");
  await admin.unsafe("select pg_reload_conf()");
  await sleep(300);
  const offset = fs.statSync(logFile).size;
  try {
    await getCurrent(port, data.key);
    await sleep(300);
  } finally {
    await admin.unsafe("alter system reset log_statement");
    await admin.unsafe("select pg_reload_conf()");
  }
  const seen = loggedStatements(logFile, offset);
  const want = expected.map((s) => ({ text: s.text, params: s.params.map(asLogged) }));
  const same = JSON.stringify(seen) === JSON.stringify(want);
  const name = (text) =>
    ({ [AUTH_SQL]: "AUTH_SQL", [ORG_CURRENT_SQL]: "ORG_CURRENT_SQL", [ORG_FIRST_SQL]: "ORG_FIRST_SQL", [MEMBER_COUNT_SQL]: "MEMBER_COUNT_SQL" })[text] ??
    `OTHER: ${text.slice(0, 120)}`;
  const summary = seen.map((s) => `${name(s.text)} [${s.params.join(", ")}]`);
  if (same) say(`   SQL check (${label}): ${seen.length} statements, text and parameters as bench/queries.mjs: ${seen.map((s) => name(s.text)).join(", ")}`);
  else {
    say(`   WARNING: SQL check (${label}): the statements differ from bench/queries.mjs`);
    say(`     logged:   ${JSON.stringify(seen)}`);
    say(`     expected: ${JSON.stringify(want)}`);
  }
  return { label, same, statements: summary };
}

// ---------------------------------------------------------------------------------------------- load

const load = (label, port, key, { pgid = null, pgPid = null } = {}) =>
  measure(label, { url: `http://127.0.0.1:${port}${PATH}`, key, connections: CONNECTIONS, seconds: SECONDS, warmupSeconds: WARMUP, pgid, pgPid });

async function direct(label, pg, key, prepare) {
  const out = await run("node", [path.join(BENCH, "pg-direct.mjs")], {
    env: baseEnv({
      DATABASE_URL: pg.url,
      BENCH_PG_PID: String(postmasterPid(pg.dir) ?? ""),
      BENCH_KEY: key,
      BENCH_SECONDS: String(SECONDS),
      BENCH_WARMUP: String(WARMUP),
      BENCH_CONCURRENCY: String(CONNECTIONS),
      BENCH_PREPARE: prepare ? "1" : "0",
    }),
  });
  const r = JSON.parse(out.trim().split("\n").pop());
  const result = { ...r, non2xx: 0 };
  say(`   ${label}: ${fmt(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms (${result.requests} requests, ${result.errors} errors; CPU ms/request: Node ${result.cpu_server}, PostgreSQL ${result.cpu_pg ?? "-"}; other load ${result.other_cores ?? "-"} cores)`);
  return result;
}

// ---------------------------------------------------------------------------------------------- PGlite

async function pgliteBulk(dataDir, text) {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const db = await PGlite.create(path.join(dataDir, "pgdata"), { extensions: { pg_trgm } });
  try {
    await db.exec(text);
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------------------------------------- main

const ROWS = [
  ["a", "(a)  our server, PostgreSQL"],
  ["b", "(b)  Next.js ceiling, PostgreSQL"],
  ["c", "(c)  postgres.js alone, 32 loops"],
  ["a_pglite", "(a') our server, PGlite"],
  ["b_unprepared", "diag (b) with prepare: false"],
  ["c_unprepared", "diag (c) with prepare: false"],
];

function report(results) {
  const { runs } = results;
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  const lines = [
    "",
    `API benchmark: GET ${PATH} with a personal API key; autocannon ${CONNECTIONS} connections, ${WARMUP} s warm-up + ${SECONDS} s`,
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
  const { ratios } = results;
  if (ratios) {
    lines.push("");
    lines.push(`a/b req/s   ${ratios.rps.toFixed(2)}  (target >= ${TARGET.rpsRatio.toFixed(2)})  ${ratios.rpsOk ? "MET" : "MISSED"}`);
    lines.push(`a/b p99     ${ratios.p99.toFixed(2)}  (target <= ${TARGET.p99Ratio.toFixed(2)})  ${ratios.p99Ok ? "MET" : "MISSED"}`);
    if (runs.c) lines.push(`b/c req/s   ${(runs.b.rps / runs.c.rps).toFixed(2)}  (what Next.js keeps of postgres.js alone)`);
    if (runs.a_pglite) lines.push(`a'/a req/s  ${(runs.a_pglite.rps / runs.a.rps).toFixed(2)}  (PGlite against PostgreSQL)`);
  }
  return lines.join("\n");
}

async function main() {
  const started = new Date();
  const results = {
    started: started.toISOString(),
    endpoint: `GET ${PATH}`,
    settings: { connections: CONNECTIONS, warmup_s: WARMUP, duration_s: SECONDS, pool_max: 10, direct_loops: CONNECTIONS, only: [...ONLY], cpu_profile: Boolean(CPU_PROF) },
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadavg_at_start: os.loadavg().map(round2) },
    target: { rps_ratio_min: TARGET.rpsRatio, p99_ratio_max: TARGET.p99Ratio },
    runs: {},
    sql_check: [],
  };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "orgdeck-bench-"));
  let failed = true;
  cleanups.push(() => {
    if (failed) say(`(server logs kept in ${workDir})`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  });
  try {
    await ensureBuilds();

    say(`== PostgreSQL on 127.0.0.1:${PG_PORT}; seeding through the admin CLI and bulk SQL`);
    const pg = await startPostgres();
    const admin = postgres(pg.url, { max: 1, onnotice: () => {} });
    cleanups.push(() => admin.end({ timeout: 5 }));
    // The CLI migrates the empty database on its first command.
    const data = await seed(baseEnv({ DATABASE_URL: pg.url }), (text) => admin.unsafe(text).simple());
    say(`   user ${data.userId}, organization ${data.orgId}`);
    const pgPid = postmasterPid(pg.dir);

    let server;
    let ourBody = null;
    if (ONLY.has("a")) {
      say(`== (a) our server on PostgreSQL (npm run start, port ${PORTS.ours})`);
      server = await startServer("ours-postgres", ourServer("ours-postgres", PORTS.ours), serverEnv(PORTS.ours, { DATABASE_URL: pg.url }), PORTS.ours, workDir);
      ourBody = await getCurrent(PORTS.ours, data.key); // also the once-an-hour last_used_at write
      checkBody("our server", ourBody, data);
      results.sql_check.push(await sqlCheck("our server", pg, admin, PORTS.ours, data));
      results.runs.a = await load("(a)", PORTS.ours, data.key, { pgid: server.pgid, pgPid });
      await server.stop();
    }

    if (ONLY.has("b")) {
      say(`== (b) Next.js ceiling on PostgreSQL (next start bench/ceiling, port ${PORTS.ceiling})`);
      server = await startServer("ceiling", nextStart("ceiling", PORTS.ceiling, CEILING), serverEnv(PORTS.ceiling, { DATABASE_URL: pg.url }), PORTS.ceiling, workDir);
      const ceilingBody = await getCurrent(PORTS.ceiling, data.key);
      checkBody("the ceiling", ceilingBody, data);
      if (ourBody && JSON.stringify(ceilingBody) !== JSON.stringify(ourBody)) {
        say(`   WARNING: the ceiling's body differs from ours:\n     ours:    ${JSON.stringify(ourBody)}\n     ceiling: ${JSON.stringify(ceilingBody)}`);
      }
      results.sql_check.push(await sqlCheck("ceiling", pg, admin, PORTS.ceiling, data));
      results.runs.b = await load("(b)", PORTS.ceiling, data.key, { pgid: server.pgid, pgPid });
      await server.stop();
    }

    if (ONLY.has("c")) {
      say("== (c) postgres.js alone in plain Node (bench/pg-direct.mjs)");
      results.runs.c = await direct("(c)", pg, data.key, true);
    }

    if (DIAGNOSTICS && ONLY.has("diag")) {
      say("== diagnostics: the ceiling and postgres.js alone with prepare: false (unnamed statements, as drizzle)");
      const env = serverEnv(PORTS.ceiling, { DATABASE_URL: pg.url, BENCH_PREPARE: "0" });
      server = await startServer("ceiling-unprepared", nextStart("ceiling-unprepared", PORTS.ceiling, CEILING), env, PORTS.ceiling, workDir);
      checkBody("the ceiling", await getCurrent(PORTS.ceiling, data.key), data);
      results.runs.b_unprepared = await load("diag (b) unprepared", PORTS.ceiling, data.key, { pgid: server.pgid, pgPid });
      await server.stop();
      results.runs.c_unprepared = await direct("diag (c) unprepared", pg, data.key, false);
    }

    if (ONLY.has("pglite")) {
      say(`== (a') our server on PGlite (no DATABASE_URL, temporary ORGDECK_DATA_DIR, port ${PORTS.pglite})`);
      const dataDir = path.join(workDir, "pglite-data");
      const pgliteData = await seed(baseEnv({ ORGDECK_DATA_DIR: dataDir }), (text) => pgliteBulk(dataDir, text));
      const env = serverEnv(PORTS.pglite, { ORGDECK_DATA_DIR: dataDir });
      server = await startServer("ours-pglite", ourServer("ours-pglite", PORTS.pglite), env, PORTS.pglite, workDir);
      checkBody("our server on PGlite", await getCurrent(PORTS.pglite, pgliteData.key), pgliteData);
      results.runs.a_pglite = await load("(a')", PORTS.pglite, pgliteData.key, { pgid: server.pgid });
      await server.stop();
    }

    const { a, b } = results.runs;
    if (a && b) {
      results.ratios = {
        rps: round2(a.rps / b.rps),
        p99: round2(a.p99 / b.p99),
        rpsOk: a.rps / b.rps >= TARGET.rpsRatio,
        p99Ok: a.p99 / b.p99 <= TARGET.p99Ratio,
      };
      results.targets_met = results.ratios.rpsOk && results.ratios.p99Ok;
    }
    results.finished = new Date().toISOString();
    results.machine.loadavg_at_end = os.loadavg().map(round2);

    const table = report(results);
    say(table);
    writeResults("api", started, results);
    failed = false;
  } finally {
    await cleanUp();
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exitCode = 1;
});
