/**
 * CPU time of processes from /proc (Linux; null elsewhere), for the "CPU ms per request" columns of bench/api.mjs:
 * on a small shared machine req/s depends on what else runs, CPU time per request much less.
 */
import fs from "node:fs";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux architecture Node runs on

/** [pid, ppid, pgid, cpu ms (user + system)] of every process readable in /proc. */
function processes() {
  let entries;
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return null;
  }
  const list = [];
  for (const name of entries) {
    if (!/^\d+$/.test(name)) continue;
    let stat;
    try {
      stat = fs.readFileSync(`/proc/${name}/stat`, "utf8");
    } catch {
      continue; // gone meanwhile
    }
    // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime ...
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const ms = ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
    list.push([Number(name), Number(fields[1]), Number(fields[2]), ms]);
  }
  return list;
}

/** CPU ms used so far by the processes of a process group (a server started with `detached: true`). */
export function groupCpuMs(pgid) {
  const list = processes();
  return list ? list.filter((p) => p[2] === pgid).reduce((sum, p) => sum + p[3], 0) : null;
}

/** CPU ms used so far by a process and its children (PostgreSQL: the postmaster and its backends). */
export function treeCpuMs(pid) {
  const list = processes();
  return list ? list.filter((p) => p[0] === pid || p[1] === pid).reduce((sum, p) => sum + p[3], 0) : null;
}

/** The postmaster's pid of a scripts/pg-temp.sh folder (first line of data/postmaster.pid), or null. */
export function postmasterPid(dataDir) {
  try {
    return Number(fs.readFileSync(`${dataDir}/data/postmaster.pid`, "utf8").split("\n")[0]) || null;
  } catch {
    return null;
  }
}

/** CPU ms the whole machine has spent busy so far (all cores; /proc/stat), to tell how much else ran meanwhile. */
export function machineBusyMs() {
  try {
    const [, ...ticks] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
    // user nice system idle iowait irq softirq steal guest guest_nice: busy = all but idle and iowait (guest is in user)
    const busy = ticks[0] + ticks[1] + ticks[2] + ticks[5] + ticks[6] + ticks[7];
    return (busy * 1000) / TICKS_PER_SECOND;
  } catch {
    return null;
  }
}
