/**
 * Pieces shared by the benchmarks (bench/api.mjs, bench/members.mjs): child processes and their clean-up, the
 * builds, a throwaway PostgreSQL (scripts/pg-temp.sh), the admin CLI, servers in their own process groups, the
 * statements PostgreSQL logs with `log_statement=all`, autocannon and the CPU meter of bench/cpu.mjs.
 * Importing it installs SIGINT/SIGTERM/SIGHUP handlers that run the registered clean-up steps.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { groupCpuMs, machineBusyMs, treeCpuMs } from "./cpu.mjs";

export const BENCH = path.dirname(fileURLToPath(import.meta.url));
export const ROOT = path.resolve(BENCH, "..");
export const CEILING = path.join(BENCH, "ceiling");
export const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

export const say = (line) => process.stdout.write(`${line}\n`);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** The environment without anything of ours that a caller's shell might carry. */
export function baseEnv(extra) {
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  for (const name of ["DATABASE_URL", "ORGDECK_DATA_DIR", "PORT", "SITE_URL", "LOG_LEVEL", "BENCH_PREPARE", "AUTH_SECRET"]) delete env[name];
  return { ...env, ...extra };
}

/** Runs a command to completion; rejects with its output on a non-zero exit. */
export function run(cmd, args, { env = baseEnv(), cwd = ROOT, quiet = true } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
      if (!quiet) process.stdout.write(d);
    });
    child.stderr.on("data", (d) => {
      err += d;
      if (!quiet) process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("close", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`${cmd} ${args.join(" ")} exited with ${code}${quiet ? `\n${err.slice(-3000)}${out.slice(-2000)}` : ""}`)),
    );
  });
}

// ---------------------------------------------------------------------------------------------- clean-up

export const cleanups = [];
let cleaning = false;

export async function cleanUp() {
  if (cleaning) return;
  cleaning = true;
  while (cleanups.length) {
    const step = cleanups.pop();
    try {
      await step();
    } catch (err) {
      process.stderr.write(`clean-up: ${err.message}\n`);
    }
  }
  cleaning = false;
}

for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(signal, () => {
    process.stderr.write(`\n${signal}: stopping everything\n`);
    cleanUp().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------- builds

export function newestMtime(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === ".next" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** What our server's build is made of (tests aside): what `npm run build` reads. */
const OUR_SOURCES = ["app", "lib", "db", "components", "public", "instrumentation.ts", "next.config.ts", "proxy.ts", "middleware.ts", "postcss.config.mjs", "package.json"];

/** Our server's source files (relative paths) changed after its build in .next was made; [] when there is no build. */
export function staleSources() {
  const build = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(build)) return [];
  const built = fs.statSync(build).mtimeMs;
  const newer = [];
  const visit = (full) => {
    const stat = fs.statSync(full, { throwIfNoEntry: false });
    if (!stat) return;
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(full)) if (name !== "node_modules" && name !== ".next") visit(path.join(full, name));
    } else if (stat.mtimeMs > built && !/\.test\.tsx?$/.test(full)) newer.push(path.relative(ROOT, full));
  };
  for (const entry of OUR_SOURCES) visit(path.join(ROOT, entry));
  return newer;
}

/**
 * Builds .next (`npm run build`) when missing, and with `rebuildStale` also when a source is newer than it; builds
 * bench/ceiling/.next when missing or older than its sources, bench/queries.mjs or bench/scim-queries.mjs (unless
 * `ceiling` is false: a benchmark without the ceiling app).
 */
export async function ensureBuilds({ rebuildStale = false, ceiling = true } = {}) {
  const stale = rebuildStale ? staleSources() : [];
  if (!fs.existsSync(path.join(ROOT, ".next", "BUILD_ID")) || stale.length) {
    const why = stale.length ? `: ${stale.length} source file(s) newer than .next, e.g. ${stale.slice(0, 3).join(", ")}` : "";
    say(`== building our server (npm run build)${why}`);
    await run("npm", ["run", "build"], { quiet: false });
  }
  if (!ceiling) return;
  const ceilingBuild = path.join(CEILING, ".next", "BUILD_ID");
  const sources = Math.max(newestMtime(CEILING), ...["queries.mjs", "scim-queries.mjs"].map((f) => fs.statSync(path.join(BENCH, f)).mtimeMs));
  if (!fs.existsSync(ceilingBuild) || fs.statSync(ceilingBuild).mtimeMs < sources) {
    say("== building the ceiling app (npx next build bench/ceiling)");
    await run("npx", ["next", "build", "bench/ceiling"], { quiet: false });
  }
}

// ---------------------------------------------------------------------------------------------- PostgreSQL

/** Starts scripts/pg-temp.sh's PostgreSQL on 127.0.0.1:`port` and registers its removal; { dir, url }. */
export async function startPostgres(port) {
  const out = await run("bash", ["scripts/pg-temp.sh", "start", String(port)]);
  const dir = out.match(/PG_TEMP_DIR=(\S+)/)?.[1];
  const url = out.match(/DATABASE_URL=(\S+)/)?.[1];
  if (!dir || !url) throw new Error(`scripts/pg-temp.sh printed no DATABASE_URL: ${out}`);
  cleanups.push(() => run("bash", ["scripts/pg-temp.sh", "stop", dir]));
  return { dir, url };
}

/**
 * Turns on pg_stat_statements in startPostgres's server (`pg`): a restart, since the library loads at start-up. `admin`
 * is a postgres.js client, which reconnects by itself.
 */
export async function enableStatementStats(pg, admin) {
  await admin.unsafe("alter system set shared_preload_libraries = 'pg_stat_statements'");
  await run("bash", ["scripts/pg-temp.sh", "restart", pg.dir]);
  await admin.unsafe("create extension if not exists pg_stat_statements");
}

/** The `limit` statements that took the most execution time since the last `select pg_stat_statements_reset()`. */
export function topStatements(admin, limit = 12) {
  return admin`
    select calls::int, round(total_exec_time::numeric, 1)::float as total_ms, round(mean_exec_time::numeric, 3)::float as mean_ms,
      rows::int, shared_blks_hit::int as blocks_hit, regexp_replace(query, '\\s+', ' ', 'g') as query
    from pg_stat_statements where query not ilike '%pg_stat_statements%'
    order by total_exec_time desc limit ${limit}`;
}

// ---------------------------------------------------------------------------------------------- data

export async function cli(args, env) {
  const out = await run("node", ["--import", "tsx", "scripts/cli.ts", ...args], { env });
  return JSON.parse(out.trim().split("\n").pop());
}

export const lit = (value, pattern) => {
  if (!pattern.test(String(value))) throw new Error(`unexpected value from the CLI: ${value}`);
  return String(value);
};

// ---------------------------------------------------------------------------------------------- servers

/** Starts a server in its own process group, output to a file; resolves once /readyz answers 200. */
export async function startServer(name, args, env, port, logDir) {
  const logFile = path.join(logDir, `${name}.log`);
  const fd = fs.openSync(logFile, "a");
  const child = spawn(args[0], args.slice(1), { cwd: ROOT, env, stdio: ["ignore", fd, fd], detached: true });
  fs.closeSync(fd);
  let exited = null;
  const exit = new Promise((resolve) => child.on("exit", (code, signal) => resolve((exited = { code, signal }))));
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    if (await Promise.race([exit.then(() => true), sleep(10_000).then(() => false)])) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch {
      // already gone
    }
    await exit;
  };
  cleanups.push(stop);
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    if (exited) break;
    try {
      const res = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (res.status === 200) return { stop, logFile, pgid: child.pid };
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  const tail = fs.readFileSync(logFile, "utf8").slice(-3000);
  throw new Error(`${name} did not become ready on port ${port}${exited ? ` (exited: ${JSON.stringify(exited)})` : ""}\n${tail}`);
}

/** `node <next> start [dir]`, under the CPU profiler when `cpuProf` (a folder) is given (the profile is named after the run). */
export function nextStart(name, port, dir = null, cpuProf = null) {
  const args = [NEXT_BIN, "start", ...(dir ? [dir] : []), "--port", String(port)];
  if (!cpuProf) return ["node", ...args];
  fs.mkdirSync(cpuProf, { recursive: true });
  return ["node", "--cpu-prof", `--cpu-prof-dir=${cpuProf}`, `--cpu-prof-name=${name}-${Date.now()}.cpuprofile`, ...args];
}

export function serverEnv(port, extra) {
  return baseEnv({ PORT: String(port), SITE_URL: `http://localhost:${port}`, LOG_LEVEL: "warn", ...extra });
}

// ---------------------------------------------------------------------------------------------- SQL check

/** Statements `log_statement=all` wrote after `offset`: [{ text, params }], PostgreSQL's own quoting undone. */
export function loggedStatements(logFile, offset) {
  const lines = fs.readFileSync(logFile, "utf8").slice(offset).split("\n");
  const statements = [];
  for (let i = 0; i < lines.length; i++) {
    const log = lines[i].match(/ LOG:\s+(?:execute [^:]+|statement): (.*)$/);
    if (log) {
      let text = log[1];
      // a statement over several lines continues on lines that start with a tab
      while (i + 1 < lines.length && lines[i + 1].startsWith("\t")) text += `\n${lines[++i].slice(1)}`;
      statements.push({ text, params: [] });
      continue;
    }
    const detail = lines[i].match(/ DETAIL:\s+parameters: (.*)$/);
    if (detail && statements.length) {
      statements.at(-1).params = [...detail[1].matchAll(/\$\d+ = (NULL|'((?:[^']|'')*)')/g)].map((m) =>
        m[1] === "NULL" ? null : m[2].replaceAll("''", "'"),
      );
    }
  }
  // the toggling of the setting, postgres.js's one-off type query on a new connection and the job runner's polling
  // (background work, on its own timer) are not the request's
  return statements.filter(
    (s) => !/^\s*(alter system|select pg_reload_conf|select b\.oid, b\.typarray)/i.test(s.text) && !/"(jobs|job_schedules)"/.test(s.text),
  );
}

/** Statements PostgreSQL logged while `fn` ran with `log_statement=all` (`pg` from startPostgres, `admin` a postgres.js client). */
export async function logged(pg, admin, fn) {
  const logFile = path.join(pg.dir, "server.log");
  await admin.unsafe("alter system set log_statement = 'all'");
  await admin.unsafe("select pg_reload_conf()");
  await sleep(300);
  const offset = fs.statSync(logFile).size;
  try {
    await fn();
    await sleep(300);
  } finally {
    await admin.unsafe("alter system reset log_statement");
    await admin.unsafe("select pg_reload_conf()");
  }
  return loggedStatements(logFile, offset);
}

export const asLogged = (value) => (value === true ? "t" : value === false ? "f" : value === null ? null : String(value));


// ---------------------------------------------------------------------------------------------- load

export const cannon = (opts) => new Promise((resolve, reject) => autocannon(opts, (err, res) => (err ? reject(err) : resolve(res))));
export const round2 = (x) => Math.round(x * 100) / 100;

/**
 * CPU ms per request of the server's process group and of PostgreSQL over the measured seconds, and how many cores
 * everything else on the machine kept busy meanwhile (`other_cores`: the machine's busy time less the server's,
 * PostgreSQL's and this process's (autocannon's); other people's builds and tests make the figures unreliable).
 */
export function cpuMeter(pgid, pgPid) {
  const server0 = pgid ? groupCpuMs(pgid) : null;
  const pg0 = pgPid ? treeCpuMs(pgPid) : null;
  const machine0 = machineBusyMs();
  const self0 = process.cpuUsage();
  const started = Date.now();
  return (requests) => {
    const server = server0 === null ? null : groupCpuMs(pgid) - server0;
    const pg = pg0 === null ? null : treeCpuMs(pgPid) - pg0;
    const self = process.cpuUsage(self0);
    const machine = machine0 === null ? null : machineBusyMs() - machine0;
    const others = machine === null ? null : machine - (server ?? 0) - (pg ?? 0) - (self.user + self.system) / 1000;
    return {
      cpu_server: server === null ? null : round2(server / requests),
      cpu_pg: pg === null ? null : round2(pg / requests),
      cpu_bench: round2((self.user + self.system) / 1000 / requests),
      other_cores: others === null ? null : round2(Math.max(0, others) / (Date.now() - started)),
    };
  };
}


export const fmt = (n) => (n === null || n === undefined ? "-" : n.toLocaleString("en-US", { maximumFractionDigits: 0 }));

/**
 * One autocannon measurement of GET `url` with a Bearer key: optionally `warmupRequests` first (their rate is kept as
 * `cold`), then `warmupSeconds`, then `seconds` measured with the CPU of the server's process group and PostgreSQL.
 */
export async function measure(label, { url, key, connections, seconds, warmupSeconds = 0, warmupRequests = 0, pgid = null, pgPid = null }) {
  const opts = { url, connections, headers: { authorization: `Bearer ${key}` } };
  let cold = null;
  if (warmupRequests > 0) {
    const w = await cannon({ ...opts, amount: warmupRequests });
    cold = { requests: w.requests.total, rps: round2(w.requests.total / w.duration), p50: w.latency.p50, p99: w.latency.p99 };
  }
  if (warmupSeconds > 0) await cannon({ ...opts, duration: warmupSeconds });
  const meter = cpuMeter(pgid, pgPid);
  const r = await cannon({ ...opts, duration: seconds });
  const cpu = meter(r.requests.total || 1);
  if (r.requests.total === 0 || r["2xx"] < r.requests.total / 2) {
    throw new Error(`${label}: ${r["2xx"]} of ${r.requests.total} requests answered 2xx (${r.errors} errors, ${r.timeouts} timeouts)`);
  }
  const result = {
    rps: round2(r.requests.total / r.duration),
    p50: r.latency.p50,
    p99: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    ...cpu,
    ...(warmupRequests > 0 && { cold }),
  };
  say(`   ${label}: ${fmt(result.rps)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms (${result.requests} requests, ${result.non2xx} non-2xx, ${result.errors} errors; CPU ms/request: server ${result.cpu_server}, PostgreSQL ${result.cpu_pg ?? "-"}; other load ${result.other_cores ?? "-"} cores)`);
  return result;
}

/** Writes a run's results to bench/results/<name>-<timestamp>.json (git-ignored) and says where. */
export function writeResults(name, started, results) {
  const resultsDir = path.join(BENCH, "results");
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `${name}-${started.toISOString().replace(/[:.]/g, "-")}.json`);
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
  say(`\nwritten: ${path.relative(ROOT, file)}`);
}
