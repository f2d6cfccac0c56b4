import http from "node:http";
import type { AddressInfo } from "node:net";
import { env } from "../env";
import { log } from "../log";
import { describeFailure, runCommand } from "./commands";
import { ADMIN_PATH, ADMIN_SECRET_HEADER, adminSecretMatches, writeAdminFile } from "./handoff";

const MAX_BODY = 64 * 1024;

function reply(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}

function readJson(req: http.IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) req.destroy();
      else chunks.push(chunk);
    });
    req.on("end", () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString("utf8")));
      } catch {
        resolve(undefined);
      }
    });
    req.on("error", () => resolve(undefined));
  });
}

/** Runs one CLI command in this process, which holds the database, for a caller that knows this run's secret. */
async function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  if (req.method !== "POST" || req.url !== ADMIN_PATH) return reply(res, 404, { ok: false, message: "Not found", exitCode: 2 });
  const secret = req.headers[ADMIN_SECRET_HEADER];
  if (!adminSecretMatches(env().DATA_DIR, typeof secret === "string" ? secret : null)) {
    return reply(res, 403, { ok: false, message: "Forbidden", exitCode: 2 });
  }
  const argv = ((await readJson(req)) as { argv?: unknown } | undefined)?.argv;
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === "string")) {
    return reply(res, 400, { ok: false, message: "argv must be a list of strings", exitCode: 2 });
  }
  try {
    reply(res, 200, { ok: true, result: await runCommand(argv) });
  } catch (err) {
    const failure = describeFailure(err);
    if (failure.exitCode !== 2) log.error({ err }, "admin CLI command failed");
    reply(res, 200, { ok: false, ...failure });
  }
}

/**
 * The admin CLI's hand-off: its own listener on 127.0.0.1 at an ephemeral port, off the public port, recorded with a
 * fresh secret in the data folder (readable by its owner only), so a command runs in the process holding the database.
 */
export async function startAdminListener(dataDir: string) {
  const server = http.createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      log.error({ err }, "admin hand-off failed");
      if (!res.headersSent) reply(res, 500, { ok: false, message: "The command failed.", exitCode: 1 });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  server.unref();
  writeAdminFile(dataDir, (server.address() as AddressInfo).port);
}
