import { getHandle, isMemoryDataDir } from "../../db/client";
import { DataDirLockedError } from "../../db/lock";
import { writeAdminFile } from "../cli/handoff";
import { env } from "../env";
import { log } from "../log";
import { getAuthSecret } from "../services/instance";

function fail(message: string, err?: unknown): never {
  log.fatal({ err }, message);
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

/**
 * Runs once before the server answers its first request: configuration, database (locked, migrated),
 * the shared secret, and the CLI handoff file. Any failure stops the process with a message that names it.
 */
export async function startServer() {
  let config;
  try {
    config = env();
  } catch (err) {
    fail((err as Error).message);
  }
  let handle;
  try {
    handle = await getHandle();
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      fail(`ORGDECK_DATA_DIR ${config.DATA_DIR} is in use by another process (pid ${err.holderPid}); stop it or choose another folder.`);
    }
    fail(`Database start-up failed (${config.DATABASE_URL ? "DATABASE_URL" : "ORGDECK_DATA_DIR"}): ${(err as Error).message}`, err);
  }
  await getAuthSecret(handle.db);
  if (handle.kind === "pglite" && !isMemoryDataDir()) writeAdminFile(config.DATA_DIR, config.PORT);
  log.info({ database: handle.kind, site_url: config.SITE_URL, port: config.PORT }, "Orgdeck is ready");
}
