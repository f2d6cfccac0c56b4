/**
 * Parts of bench/batch-exports.mjs: child processes driven over IPC, the resident-memory sampler of the app's process,
 * the activity-log rows made in PostgreSQL, and PostgreSQL's own COPY of the same rows (psql piped into psql).
 */
import { fork, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { BENCH, baseEnv, cleanups, ROOT } from "./lib.mjs";

// ---------------------------------------------------------------------------------------------- children

/**
 * Forks `script` with `args` (node options in `execArgv`) and waits for its first message; returns { ask(msg) -> reply,
 * pid, first } where `first` is that first message. Every reply of type `error` rejects.
 */
export async function child(name, script, args, { execArgv = [], env = baseEnv() } = {}) {
  const proc = fork(path.join(BENCH, script), args, { cwd: ROOT, env, execArgv, stdio: ["ignore", "inherit", "inherit", "ipc"] });
  cleanups.push(async () => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once("exit", () => resolve(true)));
    const within = (ms) => Promise.race([exited, new Promise((resolve) => setTimeout(() => resolve(false), ms))]);
    // Disconnecting lets a child end by itself (closing its database, writing a CPU profile); a signal is the fallback.
    if (proc.connected) proc.disconnect();
    if (await within(10_000)) return;
    proc.kill("SIGTERM");
    await within(5_000);
  });
  const waiting = [];
  proc.on("message", (msg) => {
    const next = waiting.shift();
    if (msg.type === "error") next?.reject(new Error(`${name}: ${msg.message}`));
    else next?.resolve(msg);
  });
  proc.on("exit", (code, signal) => {
    for (const w of waiting.splice(0)) w.reject(new Error(`${name} exited (${code ?? signal})`));
  });
  const reply = () => new Promise((resolve, reject) => waiting.push({ resolve, reject }));
  const first = await reply();
  const ask = (msg) => {
    const answer = reply();
    proc.send(msg);
    return answer;
  };
  return { ask, pid: proc.pid, first };
}

// ---------------------------------------------------------------------------------------------- memory

const statusKb = (pid, field) => Number(fs.readFileSync(`/proc/${pid}/status`, "utf8").match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"))?.[1] ?? NaN) * 1024;

/**
 * Samples the resident memory of process `pid` every `everyMs` from /proc until stopped; `stop()` returns the peak in
 * bytes: the largest sample, or the kernel's high-water mark when larger (reset at the start, so a spike between two
 * samples still counts).
 */
export function rssSampler(pid, everyMs = 20) {
  let resetHwm = true;
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, "5");
  } catch {
    resetHwm = false;
  }
  let peak = statusKb(pid, "VmRSS");
  let samples = 1;
  const timer = setInterval(() => {
    peak = Math.max(peak, statusKb(pid, "VmRSS"));
    samples += 1;
  }, everyMs);
  return () => {
    clearInterval(timer);
    const last = statusKb(pid, "VmRSS");
    const hwm = resetHwm ? statusKb(pid, "VmHWM") : 0;
    return { peak: Math.max(peak, last, hwm), sampled_peak: Math.max(peak, last), high_water_mark: resetHwm ? hwm : null, samples };
  };
}

// ---------------------------------------------------------------------------------------------- rows

/**
 * `count` activity-log entries of one organization spread evenly over [start, start + spanMs), in statements of
 * `chunk` rows: shaped like the app's (a scope, an activity, an item, a detail with the name and a change list), one
 * in ten a system entry without a user. `generate_series` in the server: no row crosses the network.
 */
export async function insertEntries(sql, { organizationId, userId, start, spanMs, count, chunk = 250_000 }) {
  const step = spanMs / count;
  for (let from = 0; from < count; from += chunk) {
    const to = Math.min(count, from + chunk) - 1;
    await sql`
      insert into activity_log (organization_id, user_id, is_system, scope, item_id, activity, detail, created_at)
      select ${organizationId}::uuid, case when i % 10 = 0 then null else ${userId}::int end, i % 10 = 0,
        (array['Organization', 'OrganizationMembership', 'Invite', 'Domain', 'Project'])[1 + i % 5],
        (100000 + i % 50000)::text,
        (array['created', 'updated', 'deleted', 'member_joined', 'level_changed', 'revoked'])[1 + i % 6],
        jsonb_build_object(
          'name', 'Member ' || (i % 50000),
          'changes', jsonb_build_array(jsonb_build_object('type', 'OrganizationMembership', 'field', 'level', 'action', 'changed', 'before', 1, 'after', 8)),
          'trigger', null),
        ${start.toISOString()}::timestamptz + (i * ${step}::float8) * interval '1 millisecond'
      from generate_series(${from}::int, ${to}::int) i`;
  }
}

/** The events model's columns and the query of one interval's rows, as the export reads them (same join, same order). */
export const EVENT_COLUMNS = "id uuid primary key, created_at timestamptz, scope text, activity text, item_id text, is_system boolean, user_uuid uuid, user_email text, detail jsonb";

export function intervalSelect(organizationId, start, end) {
  return `select a.id, a.created_at, a.scope, a.activity, a.item_id, a.is_system, u.uuid as user_uuid, u.email as user_email, a.detail
    from activity_log a left join users u on u.id = a.user_id
    where a.organization_id = '${organizationId}' and a.created_at >= '${start.toISOString()}' and a.created_at < '${end.toISOString()}'
    order by a.created_at, a.id`;
}

/**
 * PostgreSQL's own copy of the rows: `psql -c "COPY (select …) TO STDOUT"` piped into `psql -c "COPY <table> FROM
 * STDIN"` on the destination database (a table with the export's columns and its primary key, created empty first).
 * Resolves with the milliseconds of the pipe.
 */
export function copyPipe({ sourceUrl, targetUrl, select, table }) {
  const quote = (s) => `'${s.replaceAll("'", "'\\''")}'`;
  const script = `set -o pipefail; psql -X -q -v ON_ERROR_STOP=1 ${quote(sourceUrl)} -c ${quote(`copy (${select}) to stdout`)} | psql -X -q -v ON_ERROR_STOP=1 ${quote(targetUrl)} -c ${quote(`copy ${table} from stdin`)}`;
  return new Promise((resolve, reject) => {
    const began = performance.now();
    const proc = spawn("bash", ["-c", script], { env: baseEnv(), stdio: ["ignore", "pipe", "pipe"] });
    let err = "";
    proc.stderr.on("data", (d) => (err += d));
    proc.stdout.resume();
    proc.on("error", reject);
    proc.on("close", (code) => (code === 0 ? resolve(performance.now() - began) : reject(new Error(`the COPY pipe exited with ${code}: ${err.slice(-2000)}`))));
  });
}
