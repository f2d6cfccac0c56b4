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
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(lockPath(dataDir), "utf8"), 10);
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && isAlive(pid) ? pid : null;
}

export function acquireDataDirLock(dataDir: string) {
  const file = lockPath(dataDir);
  if (held.has(file)) return;
  fs.mkdirSync(dataDir, { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(file, String(process.pid), { flag: "wx", mode: 0o600 });
      held.add(file);
      process.once("exit", () => releaseDataDirLock(dataDir));
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const holder = lockHolder(dataDir);
      if (holder !== null && holder !== process.pid) throw new DataDirLockedError(holder);
      fs.rmSync(file, { force: true });
    }
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
