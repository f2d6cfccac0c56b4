import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { cliAt } from "./cli";

const ROOT = path.resolve(import.meta.dirname, "../..");
const STARTUP_MS = 90_000;

/**
 * Another server from the same build, on its own port and its own embedded data folder, with the settings the suite's
 * server does not have (no SMTP_URL, for one). `cli` runs admin commands against it; `stop` ends it.
 */
export async function startSecondServer({ port, env = {}, without = [] }: { port: number; env?: Record<string, string>; without?: string[] }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "orgdeck-second-"));
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
