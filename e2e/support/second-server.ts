import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { cliAt } from "./cli";

const ROOT = path.resolve(import.meta.dirname, "../..");
const MIGRATIONS = path.join(ROOT, "db", "migrations");
const STARTUP_MS = 90_000;

/**
 * An embedded database with every migration applied, made once per set of migrations (and PGlite version) and copied
 * into each second server's data folder: PGlite's initdb costs a second server ten to twenty seconds of a busy CPU,
 * the copy well under one. The server still opens and migrates its copy as it would any existing folder; the suite's
 * own server keeps starting from an empty folder.
 */
async function migratedPgdata(): Promise<string> {
  const hash = createHash("sha256").update(readFileSync(path.join(ROOT, "node_modules/@electric-sql/pglite/package.json")));
  for (const entry of readdirSync(MIGRATIONS, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name)).sort()) {
    hash.update(entry).update(readFileSync(entry));
  }
  const template = path.join(os.tmpdir(), `orgdeck-e2e-pgdata-${hash.digest("hex").slice(0, 16)}`);
  if (existsSync(template)) return template;
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const building = mkdtempSync(path.join(os.tmpdir(), "orgdeck-e2e-pgdata-building-"));
  const client = await PGlite.create(path.join(building, "pgdata"), { extensions: { pg_trgm } });
  await migrate(drizzle({ client }), { migrationsFolder: MIGRATIONS });
  await client.close();
  // Another worker may have finished its own first: either copy is the same, and the first one in place stays.
  try {
    renameSync(path.join(building, "pgdata"), template);
  } catch (err) {
    if (!existsSync(template)) throw err;
  }
  rmSync(building, { recursive: true, force: true });
  return template;
}

/**
 * Another server from the same build, on its own port and its own embedded data folder, with the settings the suite's
 * server does not have (no SMTP_URL, for one). `cli` runs admin commands against it; `stop` ends it.
 */
export async function startSecondServer({ port, env = {}, without = [] }: { port: number; env?: Record<string, string>; without?: string[] }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "orgdeck-second-"));
  cpSync(await migratedPgdata(), path.join(dataDir, "pgdata"), { recursive: true });
  const baseURL = `http://localhost:${port}`;
  const childEnv: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    DEV_IDP_PORT: String(port + 1),
    SITE_URL: baseURL,
    ORGDECK_DATA_DIR: dataDir,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    ...env,
  };
  for (const name of ["DATABASE_URL", "SMTP_URL", ...without]) if (!(name in env)) delete childEnv[name];
  const child = spawn("npm", ["run", "start"], { cwd: ROOT, env: childEnv, stdio: "ignore", detached: true });
  const deadline = Date.now() + STARTUP_MS;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the second server exited with ${child.exitCode}`);
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.ok, () => false);
    if (ready) break;
    if (Date.now() > deadline) throw new Error("the second server did not become ready");
    await sleep(250);
  }
  return {
    baseURL,
    cli: <T = Record<string, unknown>>(...args: string[]) => cliAt<T>(dataDir, ...args),
    stop: () => {
      // npm starts next in its own process group: end the whole group.
      if (child.pid) process.kill(-child.pid, "SIGTERM");
    },
  };
}
