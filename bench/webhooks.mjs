/**
 * Webhook delivery benchmark (not a test): BENCH_EVENTS=10000 activity events of one organization fanned out to
 * BENCH_RECEIVERS=3 webhooks on 127.0.0.1, delivered by TWO app instances (`next start` of the production build in
 * .next, same DATABASE_URL, each running its job runners) on ONE PostgreSQL; beside it, in the same run, a bare Node
 * loop POSTing the same signed payloads to the same receivers. On a machine shared with others run it in the lock:
 *
 *   flock /tmp/orgdeck-heavy.lock node bench/webhooks.mjs        (npm run bench:webhooks)
 *
 * SETUP. Through the admin CLI the owner, the organization and a personal API key; through REST with that key the
 * webhooks (so their secrets are generated and sealed as in production), each subscribed to the `Organization` scope
 * and pointing at its own receiver (bench/webhook-receivers.mjs, a child process: 204 once the body is read, records
 * webhook-id and arrival time, verifies every signature).
 * EVENTS, in two phases. STREAM: BENCH_HTTP_EVENTS=500 renames of the organization, `PATCH /api/organizations/<id>/`
 * with the key, alternating between the two instances, BENCH_GEN_CONNECTIONS=8 at once; each writes its activity entry
 * and the deliveries in its transaction (recordActivity → fanOutActivity), and wakes its instance's sender on commit. Real mutations came at some 50/s
 * here (about 150 ms each, 8 at once, both instances), too slowly to load the delivery path: this phase gives the
 * delay in a steady stream. BURST: BENCH_EVENTS=10000 events, by default (BENCH_SOURCE=sql) one SQL statement
 * per event mirroring that fan-out (the activity entry, one delivery per subscribed webhook), the payload
 * being one the app made in the warm-up with the entry's id and time, 8 connections: it makes events faster than
 * they are delivered, so the delivery rate is the delivery path's (BENCH_SOURCE=http makes them with PATCHes instead).
 * Each phase reports its generation rate on its own.
 * MEASURED. Delivery rate = deliveries / (last first-arrival − first event's created_at); delay = an id's first arrival
 * − its activity entry's created_at (p50, p99, max); exactly once by webhook-id at the right receiver (duplicates,
 * missing, misdirected, bad signatures); retries from the database (attempts > 1, attempt rows); CPU ms per delivery
 * of both instances, PostgreSQL and the receivers.
 * THE LOOP. Then, with the instances stopped, the same deliveries (same bodies, JSON.stringify of the stored payload,
 * same headers, signed per request) POSTed by node:http from this process with a concurrency equal to the two
 * instances' webhook senders together (2 × ORGDECK_WEBHOOK_CONCURRENCY, 16 by default): over keep-alive connections
 * (the reference of the target), and over a new connection per request (as the outbound helper connects for requests
 * other than webhooks).
 * Target: app ≥ 0.5 × the keep-alive loop's deliveries/s, no duplicate, none missing.
 * With BENCH_PG_STATEMENTS=1 (the default; 0 turns it off) PostgreSQL runs pg_stat_statements and the burst's costliest
 * statements are printed.
 * Knobs: BENCH_EVENTS, BENCH_HTTP_EVENTS, BENCH_RECEIVERS, BENCH_SOURCE, BENCH_GEN_CONNECTIONS, BENCH_WARMUP_EVENTS (20),
 * ORGDECK_WEBHOOK_CONCURRENCY (passed to the instances), BENCH_PG_PORT (55460), BENCH_PORT_BASE (3260: instances
 * 3261-3262, their development identity providers 3263-3264, receivers from 3265), BENCH_CPU_PROF=<dir>.
 * JSON to bench/results/webhooks-<time>.json.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { groupCpuMs, postmasterPid, treeCpuMs } from "./cpu.mjs";
import { baseEnv, cleanUp, cleanups, cli, enableStatementStats, ensureBuilds, fmt, nextStart, round2, say, serverEnv, startPostgres, startServer, topStatements, writeResults } from "./lib.mjs";
import { bareLoop, check, patchEvents, sqlEvents, startReceivers, waitForArrivals } from "./webhooks-parts.mjs";

const env = process.env;
const EVENTS = Number(env.BENCH_EVENTS ?? 10_000);
const RECEIVERS = Number(env.BENCH_RECEIVERS ?? 3);
const SOURCE = env.BENCH_SOURCE ?? "sql";
const HTTP_EVENTS = Number(env.BENCH_HTTP_EVENTS ?? 500);
const STATEMENTS = env.BENCH_PG_STATEMENTS !== "0";
const GEN_CONNECTIONS = Number(env.BENCH_GEN_CONNECTIONS ?? 8);
const WARMUP_EVENTS = Number(env.BENCH_WARMUP_EVENTS ?? 20);
const LANE = Number(env.ORGDECK_WEBHOOK_CONCURRENCY ?? 16);
const INSTANCES = 2;
const PG_PORT = Number(env.BENCH_PG_PORT ?? 55460);
const PORT_BASE = Number(env.BENCH_PORT_BASE ?? 3260);
const APP_PORTS = [PORT_BASE + 1, PORT_BASE + 2];
const RECEIVER_PORTS = Array.from({ length: RECEIVERS }, (_, i) => PORT_BASE + 5 + i);
const CPU_PROF = env.BENCH_CPU_PROF ? path.resolve(env.BENCH_CPU_PROF) : null;
const TARGET = 0.5;
if (!["http", "sql"].includes(SOURCE)) throw new Error(`BENCH_SOURCE must be http or sql, not ${SOURCE}`);

async function api(port, key, method, url, body) {
  const res = await fetch(`http://127.0.0.1:${port}${url}`, { method, headers: { authorization: `Bearer ${key}`, "content-type": "application/json" }, body: body && JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${url}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** The deliveries of the organization's `Organization` entries after `since`: webhook-id → { receiver, createdAt, … }. */
async function expectedDeliveries(sql, orgId, since, hooks) {
  const rows = await sql`
    select d.id, d.integration_id, d.payload, a.created_at
    from webhook_deliveries d join activity_log a on a.id = d.activity_id
    where a.organization_id = ${orgId} and a.scope = 'Organization' and a.created_at > ${since}
    order by a.created_at, d.integration_id`;
  const expected = new Map();
  for (const r of rows) {
    const receiver = hooks.findIndex((h) => h.id === r.integration_id);
    const webhookId = `msg_${r.id.replaceAll("-", "")}`;
    expected.set(webhookId, { receiver, createdAt: r.created_at.getTime(), webhookId, url: hooks[receiver].url, secret: hooks[receiver].secret, payload: r.payload });
  }
  return expected;
}

/** What the database says about the retries of the deliveries of entries after `since`. */
async function retries(sql, orgId, since) {
  const [r] = await sql`
    with d as (
      select d.* from webhook_deliveries d join activity_log a on a.id = d.activity_id
      where a.organization_id = ${orgId} and a.created_at > ${since}
    )
    select
      count(*) filter (where d.attempts > 1)::int as deliveries_retried,
      count(*) filter (where d.status in ('pending', 'sending'))::int as pending,
      count(*) filter (where d.status = 'failed')::int as failed,
      (select count(*) from webhook_delivery_attempts t join d x on x.id = t.delivery_id)::int as attempts
    from d`;
  return r;
}

/**
 * One measured phase: `generate()` makes `count` events while the instances deliver them; then the receivers' records
 * are checked against the deliveries the database holds, with the CPU each part used and, with `statements`, the
 * statements PostgreSQL spent its time on.
 */
async function deliver({ sql, statements, orgId, hooks, receivers, instances, pgPid, label, count, generate }) {
  const [{ since }] = await sql`select max(created_at) as since from activity_log where organization_id = ${orgId}`;
  await receivers.ask({ type: "reset" });
  if (statements) await sql`select pg_stat_statements_reset()`;
  const cpu = () => ({ instances: instances.map((s) => groupCpuMs(s.pgid)), pg: treeCpuMs(pgPid), receivers: treeCpuMs(receivers.pid) });
  const cpu0 = cpu();
  const gen = await generate();
  const events = { count, seconds: round2(gen.ms / 1000), per_second: round2(count / (gen.ms / 1000)), errors: gen.errors.length, first_errors: gen.errors.slice(0, 5) };
  say(`   ${label}: generated in ${events.seconds} s: ${fmt(events.per_second)} events/s, ${events.errors} errors${events.errors ? `: ${gen.errors[0]}` : ""}`);
  const arrived = await waitForArrivals(receivers, count * hooks.length);
  const cpu1 = cpu();
  const expected = await expectedDeliveries(sql, orgId, since, hooks);
  const { receivers: records } = await receivers.ask({ type: "collect" });
  const per = (ms) => round2(ms / Math.max(1, expected.size));
  const result = {
    events,
    ...check(records, expected),
    retries: await retries(sql, orgId, since),
    cpu: { instances: cpu1.instances.map((c, i) => per(c - cpu0.instances[i])), pg: per(cpu1.pg - cpu0.pg), receivers: per(cpu1.receivers - cpu0.receivers) },
    ...(statements && { statements: await topStatements(sql) }),
  };
  say(`   ${label}: ${arrived} requests arrived; ${fmt(result.per_second)} deliveries/s, delay p50 ${result.delay_p50_ms} ms, p99 ${result.delay_p99_ms} ms`);
  return { result, expected };
}

function report(results) {
  const a = results.app;
  const k = results.loop_keepalive;
  const f = results.loop_fresh;
  const ms = (v) => (v === null || v === undefined ? "-" : fmt(v));
  const row = (label, r) => `${label.padEnd(40)}${fmt(r.per_second).padStart(8)}${ms(r.delay_p50_ms).padStart(9)}${ms(r.delay_p99_ms).padStart(9)}${String(r.delivered).padStart(10)}${String(r.duplicates).padStart(5)}${String(r.missing).padStart(8)}${String(r.bad_signatures).padStart(7)}`;
  const retried = (r) => `${r.retries.deliveries_retried} deliveries retried, ${r.retries.attempts} attempts for ${r.expected} deliveries, ${r.retries.pending} pending, ${r.retries.failed} failed; misdirected ${r.misdirected}, unexpected ${r.unexpected}`;
  const lines = [
    "",
    `Webhook benchmark: ${RECEIVERS} receivers, ${INSTANCES} instances sending ${LANE} webhooks at once each, one PostgreSQL ${results.machine.postgres}; loop concurrency ${INSTANCES * LANE}`,
    `${"run".padEnd(40)}${"deliv/s".padStart(8)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"delivered".padStart(10)}${"dup".padStart(5)}${"missing".padStart(8)}${"badsig".padStart(7)}`,
  ];
  if (results.stream) lines.push(row(`stream: ${fmt(results.stream.events.count)} REST events at ${fmt(results.stream.events.per_second)}/s`, results.stream));
  lines.push(
    row(`burst: ${fmt(a.events.count)} ${SOURCE} events at ${fmt(a.events.per_second)}/s`, a),
    row("bare loop, keep-alive", k),
    row("bare loop, new connection each", f),
    ...(results.stream ? [`stream retries: ${retried(results.stream)}`] : []),
    `burst retries: ${retried(a)}`,
    `burst CPU ms per delivery: instances ${a.cpu.instances.join(" + ")}, PostgreSQL ${a.cpu.pg}, receivers ${a.cpu.receivers}; loop (keep-alive): bench ${k.cpu.bench}, receivers ${k.cpu.receivers}`,
  );
  if (a.statements) {
    lines.push("burst: PostgreSQL's statements by total time (calls, total ms, mean ms, rows):");
    for (const st of a.statements.slice(0, 8)) lines.push(`  ${String(st.calls).padStart(7)} ${fmt(st.total_ms).padStart(8)} ${st.mean_ms.toFixed(3).padStart(8)} ${String(st.rows).padStart(7)}  ${st.query.slice(0, 150)}`);
  }
  lines.push(
    `ratio burst / keep-alive loop: ${results.ratio.toFixed(2)} (target >= ${TARGET}, no duplicate, none missing)  ${results.target_met ? "MET" : "MISSED"}`,
    `ratio burst / new-connection loop: ${results.ratio_fresh.toFixed(2)}`,
  );
  return lines.join("\n");
}

async function main() {
  const started = new Date();
  const results = {
    started: started.toISOString(),
    settings: { events: EVENTS, receivers: RECEIVERS, source: SOURCE, http_events: HTTP_EVENTS, pg_statements: STATEMENTS, gen_connections: GEN_CONNECTIONS, warmup_events: WARMUP_EVENTS, instances: INSTANCES, lane_concurrency: LANE, loop_concurrency: INSTANCES * LANE },
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version, loadavg_at_start: os.loadavg().map(round2) },
  };
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "orgdeck-bench-webhooks-"));
  let failed = true;
  cleanups.push(() => {
    if (failed) say(`(server logs kept in ${workDir})`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  });
  try {
    await ensureBuilds({ rebuildStale: true, ceiling: false });
    say(`== PostgreSQL on 127.0.0.1:${PG_PORT}; the owner, the organization and a personal API key (admin CLI)`);
    const pg = await startPostgres(PG_PORT);
    const sql = postgres(pg.url, { max: GEN_CONNECTIONS, onnotice: () => {} });
    cleanups.push(() => sql.end({ timeout: 5 }));
    const cliEnv = baseEnv({ DATABASE_URL: pg.url });
    const email = "bench@bench.example";
    const user = await cli(["user", "create", "--email", email, "--first-name", "Bench", "--last-name", "Owner"], cliEnv);
    const org = await cli(["org", "create", "--name", "Bench Org", "--owner-email", email], cliEnv);
    const { key } = await cli(["api-key", "create", "--email", email, "--label", "bench", "--scopes", "*"], cliEnv);
    if (STATEMENTS) await enableStatementStats(pg, sql);
    results.machine.postgres = (await sql`show server_version`)[0].server_version;
    const pgPid = postmasterPid(pg.dir);

    say(`== two instances (next start, ports ${APP_PORTS.join(", ")}), ${LANE} webhooks at once each`);
    const instances = [];
    for (const [i, port] of APP_PORTS.entries()) {
      const dataDir = path.join(workDir, `data-${i}`);
      fs.mkdirSync(dataDir);
      const startEnv = serverEnv(port, { DATABASE_URL: pg.url, DEV_IDP_PORT: String(PORT_BASE + 3 + i), ORGDECK_DATA_DIR: dataDir, ORGDECK_ALLOW_PRIVATE_URLS: "1", ORGDECK_WEBHOOK_CONCURRENCY: String(LANE) });
      instances.push(await startServer(`app-${i}`, nextStart(`app-${i}`, port, null, CPU_PROF), startEnv, port, workDir));
    }

    say(`== ${RECEIVERS} receivers (ports ${RECEIVER_PORTS.join(", ")}) and their webhooks, created over REST`);
    const hooks = [];
    for (const port of RECEIVER_PORTS) {
      const url = `http://127.0.0.1:${port}/hooks/orgdeck`;
      const made = await api(APP_PORTS[0], key, "POST", `/api/organizations/${org.id}/integrations/`, { kind: "webhook", config: { url, scopes: ["Organization"] } });
      hooks.push({ id: made.id, url, secret: made.secret });
    }
    const receivers = await startReceivers(RECEIVER_PORTS, hooks.map((h) => h.secret));

    say(`== warm-up: ${WARMUP_EVENTS} renames over REST, delivered`);
    const warm = await patchEvents({ count: WARMUP_EVENTS, connections: 4, ports: APP_PORTS, orgId: org.id, key, label: "w" });
    if (warm.errors.length) throw new Error(`warm-up: ${warm.errors[0]}`);
    const warmArrived = await waitForArrivals(receivers, WARMUP_EVENTS * RECEIVERS, { settleMs: 500, stallMs: 30_000 });
    say(`   ${warmArrived} of ${WARMUP_EVENTS * RECEIVERS} warm-up deliveries arrived`);
    const [{ template }] = await sql`
      select d.payload as template from activity_log a join webhook_deliveries d on d.activity_id = a.id
      where a.organization_id = ${org.id} order by a.created_at desc limit 1`;

    const phase = (label, count, generate) => deliver({ sql, statements: STATEMENTS, orgId: org.id, hooks, receivers, instances, pgPid, label, count, generate });
    if (HTTP_EVENTS > 0) {
      say(`== stream: ${fmt(HTTP_EVENTS)} events, PATCH /api/organizations/<id>/ over REST (${GEN_CONNECTIONS} at once, both instances), delivered as they come`);
      results.stream = (await phase("stream", HTTP_EVENTS, () => patchEvents({ count: HTTP_EVENTS, connections: GEN_CONNECTIONS, ports: APP_PORTS, orgId: org.id, key, label: "s" }))).result;
    }
    say(`== burst: ${fmt(EVENTS)} events, ${SOURCE === "http" ? `PATCH /api/organizations/<id>/ over REST (${GEN_CONNECTIONS} at once)` : `SQL mirroring the fan-out (${GEN_CONNECTIONS} connections)`}, delivered as they come`);
    const burst = await phase("burst", EVENTS, () =>
      SOURCE === "http"
        ? patchEvents({ count: EVENTS, connections: GEN_CONNECTIONS, ports: APP_PORTS, orgId: org.id, key, label: "e" })
        : sqlEvents(sql, { count: EVENTS, connections: GEN_CONNECTIONS, orgId: org.id, userId: user.id, template }),
    );
    results.app = burst.result;
    const expected = burst.expected;
    const perDelivery = (ms) => round2(ms / Math.max(1, expected.size));
    for (const s of instances) await s.stop();

    const deliveries = [...expected.values()];
    for (const keepAlive of [true, false]) {
      say(`== the bare loop: ${fmt(deliveries.length)} signed POSTs, ${INSTANCES * LANE} at once, ${keepAlive ? "keep-alive" : "a new connection each"}`);
      await receivers.ask({ type: "reset" });
      const r0 = treeCpuMs(receivers.pid);
      const self0 = process.cpuUsage();
      const loop = await bareLoop(deliveries, { concurrency: INSTANCES * LANE, keepAlive });
      await waitForArrivals(receivers, deliveries.length, { settleMs: 500, stallMs: 10_000 });
      const self = process.cpuUsage(self0);
      const { receivers: loopRecords } = await receivers.ask({ type: "collect" });
      const out = { ...check(loopRecords, expected, loop.startedAt), errors: loop.errors.length, first_errors: loop.errors.slice(0, 5) };
      // Delays from events mean nothing for the loop, which starts after they were all delivered.
      for (const field of ["delay_p50_ms", "delay_p99_ms", "delay_max_ms"]) out[field] = null;
      out.cpu = { bench: perDelivery((self.user + self.system) / 1000), receivers: perDelivery(treeCpuMs(receivers.pid) - r0) };
      results[keepAlive ? "loop_keepalive" : "loop_fresh"] = out;
      say(`   ${fmt(out.per_second)} deliveries/s, ${out.errors} errors`);
    }
    results.ratio = round2(results.app.per_second / results.loop_keepalive.per_second);
    results.ratio_fresh = round2(results.app.per_second / results.loop_fresh.per_second);
    const exact = (r) => !r || (r.duplicates === 0 && r.missing === 0 && r.misdirected === 0 && r.bad_signatures === 0);
    results.target_met = results.ratio >= TARGET && exact(results.app) && exact(results.stream);
    results.finished = new Date().toISOString();
    results.machine.loadavg_at_end = os.loadavg().map(round2);
    say(report(results));
    writeResults("webhooks", started, results);
    failed = false;
  } finally {
    await cleanUp();
  }
}

main().catch((err) => {
  process.stderr.write(`bench failed: ${err.stack ?? err}\n`);
  process.exitCode = 1;
});
