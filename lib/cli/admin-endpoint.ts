import { env } from "../env";
import { log } from "../log";
import { ADMIN_SECRET_HEADER, adminSecretMatches } from "./handoff";
import { describeFailure, runCommand } from "./commands";

/** The app side of the CLI handoff: runs the command in this process, which holds the database. */
export async function handleAdminRequest(req: Request): Promise<Response> {
  if (!adminSecretMatches(env().DATA_DIR, req.headers.get(ADMIN_SECRET_HEADER))) {
    return Response.json({ ok: false, message: "Forbidden", exitCode: 2 }, { status: 403 });
  }
  let argv: unknown;
  try {
    argv = ((await req.json()) as { argv?: unknown }).argv;
  } catch {
    argv = undefined;
  }
  if (!Array.isArray(argv) || !argv.every((a) => typeof a === "string")) {
    return Response.json({ ok: false, message: "argv must be a list of strings", exitCode: 2 }, { status: 400 });
  }
  try {
    return Response.json({ ok: true, result: await runCommand(argv) });
  } catch (err) {
    const failure = describeFailure(err);
    if (failure.exitCode !== 2) log.error({ err }, "admin CLI command failed");
    return Response.json({ ok: false, ...failure });
  }
}
