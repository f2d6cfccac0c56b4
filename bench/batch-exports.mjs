/**
 * Batch-export benchmark (not a test): N activity-log entries of one organization (1,000,000 by default), one interval,
 * exported by ONE run of the real run machinery to each destination on 127.0.0.1; beside it, in the same run,
 * PostgreSQL's own `COPY (select …) TO STDOUT` piped into `COPY … FROM STDIN` for the same rows. On a machine shared
 * with others run it in the lock:
 *
 *   flock /tmp/orgdeck-heavy.lock node bench/batch-exports.mjs [--rows N[,N…]]        (npm run bench:batch-exports)
 *
 * SETUP. A PostgreSQL of scripts/pg-temp.sh holds the app's database and, as a second database `destination`, the
 * Postgres destination's tables. The owner and the organization come from the admin CLI; the entries are made by
 * generate_series in the server, each size in its own day (sizes are exported as separate intervals, the smallest first).
 * THE APP is a child process (bench/batch-export-app.mjs) with the app's database client: it creates one export per
 * destination and size through the create operation (secrets sealed as in production), schedules the interval with the
 * backfill operation and runs it with the run job's handler (claim, stream the rows into the destination, settle). Its
 * resident memory is sampled from /proc every 20 ms (and the kernel's high-water mark, reset before each run); growth is
 * the peak over the resident memory just before the run, after a full GC (the app also reports V8's peak heap and what
 * a full GC after the run leaves alive, telling garbage not yet collected from memory held). Each destination first exports a small
 * warm-up interval (BENCH_WARMUP_ROWS=2000) so its client's code is loaded before anything is measured.
 * DESTINATIONS, each its own process: S3 = s3rver (bench/batch-export-servers.mjs, the object read back, gunzipped and
 * its lines counted); Postgres = the `destination` database (rows counted); HTTP = a receiver that checks each batch's
 * Standard Webhooks signature and counts its rows, repeats of a batch or a row id too.
 * MEASURED. rows/s of each run (the job handler's time: claim, export, settle), of the COPY pipe; the app's and
 * PostgreSQL's CPU ms per 1000 rows; the peak RSS growth of the app.
 * Targets: Postgres destination ≥ 0.3 × the COPY pipe's rows/s; peak RSS growth < 100 MB (10^6 bytes) in every run,
 * whatever the size (run two sizes, `--rows 200000,1000000`, to see it does not follow the rows). S3 and HTTP are
 * reported. The benchmark reports; it exits 0 on a missed target (1 only when it could not run or rows went missing).
 * Knobs: --rows (or BENCH_ROWS), BENCH_WARMUP_ROWS, BENCH_DESTINATIONS (Postgres,S3,HTTP), BENCH_PORT_BASE (3990:
 * PostgreSQL on it, s3rver +1, the receiver +2), BENCH_CPU_PROF=<dir> (the app's CPU profile). JSON to bench/results/batch-exports-<time>.json.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { machineBusyMs, postmasterPid, treeCpuMs } from "./cpu.mjs";
import { baseEnv, cleanUp, cleanups, cli, fmt, round2, say, startPostgres, writeResults } from "./lib.mjs";
import { child, copyPipe, EVENT_COLUMNS, insertEntries, intervalSelect, rssSampler } from "./batch-exports-parts.mjs";

const env = process.env;
const argRows = process.argv.indexOf("--rows");
const SIZES = String(argRows > 0 ? process.argv[argRows + 1] : (env.BENCH_ROWS ?? "1000000"))
  .split(",")
  .map((s) => Number(s.replaceAll("_", "")))
  .sort((a, b) => a - b);
if (!SIZES.length || SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error("--rows takes positive whole numbers, comma-separated");
const WARMUP_ROWS = Number(env.BENCH_WARMUP_ROWS ?? 2000);
const DESTINATIONS = (env.BENCH_DESTINATIONS ?? "Postgres,S3,HTTP").split(",");
const PORT_BASE = Number(env.BENCH_PORT_BASE ?? 3990);
const [PG_PORT, S3_PORT, HTTP_PORT] = [PORT_BASE, PORT_BASE + 1, PORT_BASE + 2];
const CPU_PROF = env.BENCH_CPU_PROF ? path.resolve(env.BENCH_CPU_PROF) : null;
const RATIO_TARGET = 0.3;
const GROWTH_TARGET = 100e6;
const DAY = 86_400_000;
/** The first exported day: a past interval (a backfill runs an interval only once it has ended). */
const FIRST_DAY = new Date(Date.UTC(2026, 0, 5));
const MB = (bytes) => round2(bytes / 1e6);

function destinationOf(type, { s3Port, httpPort, pgPort, secret, table }) {
  if (type === "S3") {
    return { type, config: { bucket_name: "exports", region: "us-east-1", prefix: "bench", endpoint_url: `http://127.0.0.1:${s3Port}`, aws_access_key_id: "S3RVER", aws_secret_access_key: "S3RVER" } };
  }
  if (type === "Postgres") return { type, config: { host: "127.0.0.1", port: pgPort, database: "destination", user: "orgdeck", password: "unused", schema: "public", table_name: table } };
  return { type, config: { url: `http://127.0.0.1:${httpPort}/batches`, secret } };
}

/** Whether what arrived is exactly the interval's rows: counted at the destination, without repeats. */
async function delivered(type, { dest, s3, receiver, table, key }) {
  if (type === "Postgres") {
    const [r] = await dest.unsafe(`select count(*)::int as rows, count(distinct id)::int as unique_rows from ${table}`);
    return r;
  }
  if (type === "S3") {
    const o = await s3.ask({ type: "object", key });
    return { rows: o.rows, unique_rows: o.unique_ids, object_bytes: o.bytes, bad_lines: o.bad_lines };
  }
  const s = await receiver.ask({ type: "stats" });
  return { rows: s.rows, unique_rows: s.unique_rows, batches: s.batches, duplicate_batches: s.duplicateBatches, bad_signatures: s.bad, body_bytes: s.bytes };
}

/** One run of `exportId` over [start, end) in the app, with its memory sampled and its CPU and PostgreSQL's measured. */
async function measuredRun(app, pgPid, { exportId, organizationId, email, start, end }) {
  const settled = await app.ask({ type: "settle" });
  const before = settled.rss;
  const stop = rssSampler(app.pid);
  const cpu0 = { app: treeCpuMs(app.pid), pg: treeCpuMs(pgPid), machine: machineBusyMs() };
  const ran = await app.ask({ type: "run", id: exportId, organizationId, email, start: start.toISOString(), end: end.toISOString() });
  const memory = stop();
  const afterGc = await app.ask({ type: "settle" });
  const after = afterGc.rss;
  const cpu = { app: treeCpuMs(app.pid) - cpu0.app, pg: treeCpuMs(pgPid) - cpu0.pg, machine: machineBusyMs() - cpu0.machine };
  return { ran, before, after, heapAfterGc: { used: afterGc.heapUsed - settled.heapUsed, total: afterGc.heapTotal - settled.heapTotal }, memory, cpu };
}

async function main() {
  const started = new Date();
  const results = {
    started: started.toISOString(),
    settings: { sizes: SIZES, warmup_rows: WARMUP_ROWS, destinations: DESTINATIONS },
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadavg_at_start: os.loadavg().map(round2) },
    runs: [],
  };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "orgdeck-bench-batch-exports-"));
  cleanups.push(() => fs.rmSync(workDir, { recursive: true, force: true }));
  try {
    say(`== PostgreSQL on 127.0.0.1:${PG_PORT} (the app's database and the destination database); the owner and the organization (admin CLI)`);
    const pg = await startPostgres(PG_PORT);
    const pgPid = postmasterPid(pg.dir);
    const sql = postgres(pg.url, { max: 2, onnotice: () => {} });
    cleanups.push(() => sql.end({ timeout: 5 }));
    await sql`create database destination`;
    const destUrl = pg.url.replace(/\/[^/]*$/, "/destination");
    const dest = postgres(destUrl, { max: 1, onnotice: () => {} });
    cleanups.push(() => dest.end({ timeout: 5 }));
    results.machine.postgres = (await sql`show server_version`)[0].server_version;
    const cliEnv = baseEnv({ DATABASE_URL: pg.url });
    const email = "bench@bench.example";
    const user = await cli(["user", "create", "--email", email, "--first-name", "Bench", "--last-name", "Owner"], cliEnv);
    const org = await cli(["org", "create", "--name", "Bench Org", "--owner-email", email], cliEnv);

    // Day 0 is the warm-up's; each size has the day after.
    const days = [WARMUP_ROWS, ...SIZES].map((count, i) => ({ count, start: new Date(FIRST_DAY.getTime() + i * DAY), end: new Date(FIRST_DAY.getTime() + (i + 1) * DAY) }));
    const total = days.reduce((s, d) => s + d.count, 0);
    say(`== ${fmt(total)} activity-log entries (generate_series): ${days.map((d) => `${fmt(d.count)} on ${d.start.toISOString().slice(0, 10)}`).join(", ")}`);
    const inserting = performance.now();
    for (const d of days) await insertEntries(sql, { organizationId: org.id, userId: user.id, start: d.start, spanMs: DAY, count: d.count });
    await sql`vacuum analyze activity_log`;
    await sql`checkpoint`;
    results.insert_seconds = round2((performance.now() - inserting) / 1000);
    say(`   made in ${results.insert_seconds} s`);

    const secret = `whsec_${randomBytes(32).toString("base64")}`;
    say(`== servers: s3rver on ${S3_PORT}, the HTTP receiver on ${HTTP_PORT} (own processes); the app (own process)`);
    fs.mkdirSync(path.join(workDir, "s3"));
    const s3 = DESTINATIONS.includes("S3") ? await child("s3rver", "batch-export-servers.mjs", ["s3", String(S3_PORT), path.join(workDir, "s3")]) : null;
    const receiver = DESTINATIONS.includes("HTTP") ? await child("receiver", "batch-export-servers.mjs", ["http", String(HTTP_PORT), secret]) : null;
    const appEnv = baseEnv({ DATABASE_URL: pg.url, ORGDECK_DATA_DIR: path.join(workDir, "data"), ORGDECK_ALLOW_PRIVATE_URLS: "1", LOG_LEVEL: "warn" });
    // One profile per thread (tsx loads modules in a worker of its own), named by pid and thread.
    const profile = CPU_PROF ? ["--cpu-prof", `--cpu-prof-dir=${CPU_PROF}`] : [];
    // The young generation capped as `npm start` caps it (package.json), so the app's memory is measured as it runs.
    const app = await child("app", "batch-export-app.mjs", [], { execArgv: ["--import", "tsx", "--expose-gc", "--max-semi-space-size=8", ...profile], env: appEnv });
    results.app_rss_at_start_mb = MB(app.first.rss);

    const exportFor = async (type, label) => {
      const table = `events_${label}`;
      const made = await app.ask({ type: "create", email, organizationId: org.id, name: `bench ${type} ${label}`, destination: destinationOf(type, { s3Port: S3_PORT, httpPort: HTTP_PORT, pgPort: PG_PORT, secret, table }) });
      return { id: made.id, table };
    };
    const runOne = async (type, label, day) => {
      const { id, table } = await exportFor(type, label);
      await receiver?.ask({ type: "reset" });
      const m = await measuredRun(app, pgPid, { exportId: id, organizationId: org.id, email, start: day.start, end: day.end });
      const key = `bench/${id}/${day.start.toISOString()}.jsonl.gz`;
      const got = await delivered(type, { dest, s3, receiver, table, key });
      const seconds = m.ran.ms / 1000;
      return {
        destination: type,
        rows: day.count,
        status: m.ran.run?.status,
        error: m.ran.run?.latest_error ?? null,
        records_completed: m.ran.run?.records_completed,
        bytes_exported: m.ran.run?.bytes_exported,
        seconds: round2(seconds),
        rows_per_second: round2(day.count / seconds),
        rss_before_mb: MB(m.before),
        rss_peak_mb: MB(m.memory.peak),
        rss_growth_mb: MB(m.memory.peak - m.before),
        rss_samples: m.memory.samples,
        rss_sampled_peak_mb: MB(m.memory.sampled_peak),
        rss_after_gc_growth_mb: MB(m.after - m.before),
        heap_after_gc_growth_mb: { used: MB(m.heapAfterGc.used), total: MB(m.heapAfterGc.total) },
        heap_growth_mb: Object.fromEntries(Object.entries(m.ran.heap.growth).map(([k, v]) => [k, MB(v)])),
        heap_space_growth_mb: Object.fromEntries(Object.entries(m.ran.heap.spaces).map(([k, v]) => [k, MB(v)])),
        cpu_ms_per_1k_rows: { app: round2((m.cpu.app / day.count) * 1000), pg: round2((m.cpu.pg / day.count) * 1000) },
        other_cores: round2(Math.max(0, m.cpu.machine - m.cpu.app - m.cpu.pg) / (seconds * 1000)),
        delivered: got,
        exact: m.ran.run?.status === "completed" && got.rows === day.count && got.unique_rows === day.count,
      };
    };

    say(`== warm-up: ${fmt(WARMUP_ROWS)} rows to each destination`);
    for (const type of DESTINATIONS) {
      const r = await runOne(type, "warmup", days[0]);
      if (!r.exact) throw new Error(`warm-up to ${type}: ${JSON.stringify(r)}`);
      say(`   ${type}: ${fmt(r.rows_per_second)} rows/s`);
    }

    for (const [i, rows] of SIZES.entries()) {
      const day = days[i + 1];
      say(`== ${fmt(rows)} rows (${day.start.toISOString().slice(0, 10)})`);
      const table = `copy_${rows}`;
      await dest.unsafe(`create table ${table} (${EVENT_COLUMNS})`);
      const cpu0 = treeCpuMs(pgPid);
      const ms = await copyPipe({ sourceUrl: pg.url, targetUrl: destUrl, select: intervalSelect(org.id, day.start, day.end), table });
      const pgCpu = treeCpuMs(pgPid) - cpu0;
      const [{ n }] = await dest.unsafe(`select count(*)::int as n from ${table}`);
      const copy = { destination: "COPY pipe", rows, seconds: round2(ms / 1000), rows_per_second: round2(rows / (ms / 1000)), cpu_ms_per_1k_rows: { pg: round2((pgCpu / rows) * 1000) }, delivered: { rows: n }, exact: n === rows };
      results.runs.push(copy);
      say(`   COPY pipe: ${fmt(copy.rows_per_second)} rows/s (${copy.seconds} s)`);
      for (const type of DESTINATIONS) {
        const r = await runOne(type, String(rows), day);
        r.vs_copy = round2(r.rows_per_second / copy.rows_per_second);
        results.runs.push(r);
        say(`   ${type}: ${fmt(r.rows_per_second)} rows/s (${r.seconds} s), ${r.status}${r.error ? `: ${r.error}` : ""}, RSS +${r.rss_growth_mb} MB at peak (V8 peaks over the start, MB: ${Object.entries(r.heap_growth_mb).map(([k, v]) => `${k} ${v}`).join(", ")}; spaces at their largest: new ${r.heap_space_growth_mb.new_space}, old ${r.heap_space_growth_mb.old_space}), +${r.rss_after_gc_growth_mb} MB after a full GC (heap used +${r.heap_after_gc_growth_mb.used}, total +${r.heap_after_gc_growth_mb.total}), delivered ${fmt(r.delivered.rows)} (${fmt(r.delivered.unique_rows)} distinct)`);
      }
    }
    results.finished = new Date().toISOString();
    results.machine.loadavg_at_end = os.loadavg().map(round2);
    results.targets = targets(results.runs);
    say(report(results));
    writeResults("batch-exports", started, results);
    if (results.runs.some((r) => !r.exact)) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

/** PASS/MISS per target: the Postgres destination against the COPY pipe of the same size, and each run's RSS growth. */
function targets(runs) {
  const list = [];
  for (const rows of SIZES) {
    const copy = runs.find((r) => r.rows === rows && r.destination === "COPY pipe");
    const pgRun = runs.find((r) => r.rows === rows && r.destination === "Postgres");
    if (pgRun) list.push({ target: `${fmt(rows)} rows: Postgres >= ${RATIO_TARGET} x COPY pipe rows/s`, value: pgRun.vs_copy, pass: pgRun.exact && pgRun.vs_copy >= RATIO_TARGET });
    for (const r of runs.filter((x) => x.rows === rows && x.rss_growth_mb !== undefined)) {
      list.push({ target: `${fmt(rows)} rows: ${r.destination} peak RSS growth < ${MB(GROWTH_TARGET)} MB`, value: r.rss_growth_mb, pass: r.rss_growth_mb < MB(GROWTH_TARGET) });
    }
    if (copy && !copy.exact) list.push({ target: `${fmt(rows)} rows: the COPY pipe copied every row`, value: copy.delivered.rows, pass: false });
  }
  for (const r of runs.filter((x) => x.rss_growth_mb !== undefined && !x.exact)) {
    list.push({ target: `${fmt(r.rows)} rows: ${r.destination} delivered every row once`, value: `${r.delivered.rows} (${r.delivered.unique_rows} distinct)`, pass: false });
  }
  return list;
}

function report(results) {
  const pad = (v, n) => String(v ?? "-").padStart(n);
  const lines = [
    "",
    `Batch-export benchmark: one run per destination, PostgreSQL ${results.machine.postgres}, ${results.machine.cpus} cores (load ${results.machine.loadavg_at_start.join(" ")} at start)`,
    `${"rows".padStart(10)}  ${"destination".padEnd(11)}${"seconds".padStart(9)}${"rows/s".padStart(10)}${"vs COPY".padStart(9)}${"RSS MB".padStart(8)}${"+peak MB".padStart(10)}${"+heap".padStart(7)}${"kept".padStart(6)}${"app ms/1k".padStart(11)}${"pg ms/1k".padStart(10)}${"other".padStart(7)}  delivered`,
  ];
  for (const r of results.runs) {
    const got = r.delivered;
    const extra = got.batches !== undefined ? `, ${got.batches} batches, ${got.duplicate_batches} repeated, ${got.bad_signatures} bad signatures` : got.object_bytes !== undefined ? `, ${fmt(got.object_bytes)} B gzip` : "";
    lines.push(
      `${pad(fmt(r.rows), 10)}  ${r.destination.padEnd(11)}${pad(r.seconds, 9)}${pad(fmt(r.rows_per_second), 10)}${pad(r.vs_copy, 9)}${pad(r.rss_before_mb, 8)}${pad(r.rss_growth_mb, 10)}${pad(r.heap_growth_mb?.heapUsed, 7)}${pad(r.heap_after_gc_growth_mb?.used, 6)}${pad(r.cpu_ms_per_1k_rows.app, 11)}${pad(r.cpu_ms_per_1k_rows.pg, 10)}${pad(r.other_cores, 7)}  ${fmt(got.rows)}${got.unique_rows !== undefined ? ` (${fmt(got.unique_rows)} distinct)` : ""}${extra}${r.exact ? "" : "  NOT EXACT"}`,
    );
  }
  lines.push(
    "(RSS MB: the app's resident memory before the run, after a full GC; +peak MB: its peak during the run over that; +heap: V8's peak heap used over",
    " the start; kept: heap used after the run and a full GC over the start (what the run left alive); other: cores busy with anything else)",
  );
  for (const t of results.targets) lines.push(`${t.pass ? "PASS" : "MISS"}  ${t.target}: ${t.value}`);
  return lines.join("\n");
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exitCode = 1;
});
