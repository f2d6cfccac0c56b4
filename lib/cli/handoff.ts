import { randomBytes, timingSafeEqual } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * When the app holds an embedded data folder, the CLI hands its command to the app over its own loopback listener.
 * The app writes its pid, that listener's port and a fresh secret here before it answers its first request.
 */
type AdminFile = { pid: number; port: number; secret: string };

export const ADMIN_SECRET_HEADER = "x-orgdeck-admin-secret";
export const ADMIN_PATH = "/cli";

const adminFilePath = (dataDir: string) => path.join(dataDir, "orgdeck.admin.json");

export function writeAdminFile(dataDir: string, port: number) {
  const file = adminFilePath(dataDir);
  const value: AdminFile = { pid: process.pid, port, secret: randomBytes(32).toString("base64url") };
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(value), { mode: 0o600 });
  fs.renameSync(`${file}.tmp`, file);
  process.once("exit", () => {
    try {
      if (readAdminFile(dataDir)?.pid === process.pid) fs.rmSync(file, { force: true });
    } catch {
      // Leaving it is harmless: its pid no longer matches the lock.
    }
  });
}

export function readAdminFile(dataDir: string): AdminFile | null {
  try {
    return JSON.parse(fs.readFileSync(adminFilePath(dataDir), "utf8")) as AdminFile;
  } catch {
    return null;
  }
}

/** Constant-time comparison of a presented secret with this process's own. */
export function adminSecretMatches(dataDir: string, presented: string | null) {
  const own = readAdminFile(dataDir);
  if (!own || own.pid !== process.pid || !presented) return false;
  const a = Buffer.from(own.secret);
  const b = Buffer.from(presented);
  return a.length === b.length && timingSafeEqual(a, b);
}
