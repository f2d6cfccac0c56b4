import fs from "node:fs";
import path from "node:path";

/**
 * One process at a time may open an embedded (PGlite) data folder: two would corrupt it.
 * The holder keeps `orgdeck.lock` (its pid) for as long as it runs; a lock whose pid is gone is stale and taken over.
 */
export class DataDirLockedError extends Error {
  constructor(readonly holderPid: number) {
    super(`The data folder is in use by process ${holderPid}.`);
  }
}

const held = new Set<string>();

/**
 * Creates a folder only its owner can read or enter (0700), or makes an existing one so: the data folder holds the
 * database files, secrets and the admin hand-off secret.
 */
export function ensurePrivateDir(dir: string) {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
}

export function lockPath(dataDir: string) {
  return path.join(dataDir, "orgdeck.lock");
}

function isAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** The pid holding the folder's lock, or null when it is free or stale. */
export function lockHolder(dataDir: string): number | null {
  const pid = readPid(lockPath(dataDir));
  return pid && isAlive(pid) ? pid : null;
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Creates `file` holding our pid in one atomic step (a hard link of a finished temp file), or returns false. */
function createWithPid(file: string) {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, String(process.pid), { mode: 0o600 });
  try {
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw err;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}

function readPid(file: string): number | null {
  try {
    const pid = Number.parseInt(fs.readFileSync(file, "utf8"), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : 0;
  } catch {
    return null;
  }
}

const TAKEOVER_STALE_MS = 10_000;

/**
 * Takes the folder's lock or throws DataDirLockedError naming the live holder. A stale lock is removed only under a
 * second, short-lived `takeover` lock, so two processes taking over at once never both end up holding it.
 */
export function acquireDataDirLock(dataDir: string) {
  const file = lockPath(dataDir);
  if (held.has(file)) return;
  ensurePrivateDir(dataDir);
  const guard = `${file}.takeover`;
  const deadline = Date.now() + 3 * TAKEOVER_STALE_MS;
  while (Date.now() < deadline) {
    if (createWithPid(file)) {
      held.add(file);
      process.once("exit", () => releaseDataDirLock(dataDir));
      return;
    }
    const holder = readPid(file);
    if (holder === null) continue; // released meanwhile: try again
    if (holder > 0 && holder !== process.pid && isAlive(holder)) throw new DataDirLockedError(holder);
    if (createWithPid(guard)) {
      try {
        if (readPid(file) === holder) fs.rmSync(file, { force: true });
      } finally {
        fs.rmSync(guard, { force: true });
      }
      continue;
    }
    // Another process is taking over; its guard is stale only if it died doing so.
    try {
      if (Date.now() - fs.statSync(guard).mtimeMs > TAKEOVER_STALE_MS) fs.rmSync(guard, { force: true });
    } catch {
      // The guard is gone already.
    }
    sleep(20);
  }
  throw new Error(`Could not lock ${file}`);
}

export function releaseDataDirLock(dataDir: string) {
  const file = lockPath(dataDir);
  if (!held.delete(file)) return;
  try {
    if (fs.readFileSync(file, "utf8") === String(process.pid)) fs.rmSync(file, { force: true });
  } catch {
    // Already gone: nothing to release.
  }
}
