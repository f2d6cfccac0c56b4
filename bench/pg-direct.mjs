/**
 * Benchmark (c) of bench/api.mjs: our endpoint's SQL (bench/queries.mjs) through postgres.js alone, in plain Node,
 * CONCURRENCY loops running requests back to back, WARMUP seconds then SECONDS measured. Prints one JSON line:
 * { rps, p50, p99, requests, errors, cpu_server, cpu_pg, other_cores } with latencies in milliseconds, the CPU ms per
 * request of this process and (with BENCH_PG_PID, the postmaster's pid) of PostgreSQL, and how many cores the rest
 * of the machine kept busy meanwhile.
 *
 *   DATABASE_URL=... BENCH_KEY=odk_... node bench/pg-direct.mjs
 * Optional: BENCH_SECONDS (10), BENCH_WARMUP (3), BENCH_CONCURRENCY (32), BENCH_PREPARE=0 (unprepared, as drizzle).
 */
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { machineBusyMs, treeCpuMs } from "./cpu.mjs";
import { currentOrganization, POOL_OPTIONS } from "./queries.mjs";

const url = process.env.DATABASE_URL;
const key = process.env.BENCH_KEY;
if (!url || !key) {
  process.stderr.write("DATABASE_URL and BENCH_KEY are required\n");
  process.exit(2);
}
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const warmup = Number(process.env.BENCH_WARMUP ?? 3);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 32);
const prepare = process.env.BENCH_PREPARE !== "0";
const pgPid = Number(process.env.BENCH_PG_PID) || null;

const sql = postgres(url, POOL_OPTIONS);

/** Runs the loops for `ms`; returns each request's latency (ms) and the number of failed ones. */
async function phase(ms) {
  const end = performance.now() + ms;
  const latencies = [];
  let errors = 0;
  const loop = async () => {
    while (performance.now() < end) {
      const started = performance.now();
      try {
        const body = await currentOrganization(sql, key, { prepare });
        if (!body) throw new Error("no organization");
        latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { latencies, errors, elapsed: performance.now() - started };
}

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : null);

try {
  if (warmup > 0) await phase(warmup * 1000);
  const cpu0 = process.cpuUsage();
  const pg0 = pgPid ? treeCpuMs(pgPid) : null;
  const machine0 = machineBusyMs();
  const { latencies, errors, elapsed } = await phase(seconds * 1000);
  const cpu = process.cpuUsage(cpu0);
  const pgMs = pg0 === null ? null : treeCpuMs(pgPid) - pg0;
  const machineMs = machine0 === null ? null : machineBusyMs() - machine0;
  const ownMs = (cpu.user + cpu.system) / 1000;
  const otherCores = machineMs === null ? null : Math.max(0, machineMs - ownMs - (pgMs ?? 0)) / elapsed;
  const perRequest = (ms) => (ms === null || !latencies.length ? null : ms / latencies.length);
  const sorted = Float64Array.from(latencies).sort();
  const round = (x) => (x === null ? null : Math.round(x * 100) / 100);
  process.stdout.write(
    `${JSON.stringify({
      rps: round(latencies.length / (elapsed / 1000)),
      p50: round(percentile(sorted, 50)),
      p99: round(percentile(sorted, 99)),
      requests: latencies.length,
      errors,
      cpu_server: round(perRequest((cpu.user + cpu.system) / 1000)),
      cpu_pg: round(perRequest(pgMs)),
      other_cores: round(otherCores),
    })}\n`,
  );
} finally {
  await sql.end({ timeout: 5 });
}
