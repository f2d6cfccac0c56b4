/**
 * The admin CLI: `npm run --silent cli -- <command>`. The last stdout line is one JSON object; bad input is one
 * line on stderr and exit code 2. With an embedded database held by a running app, the command runs in the app.
 */
import { closeDb, isMemoryDataDir } from "../db/client";
import { DataDirLockedError, lockHolder } from "../db/lock";
import { describeFailure, runCommand, USAGE } from "../lib/cli/commands";
import { ADMIN_PATH, ADMIN_SECRET_HEADER, readAdminFile } from "../lib/cli/handoff";
import { env, EnvError } from "../lib/env";

type Outcome = { ok: true; result: unknown } | { ok: false; message: string; exitCode: number };

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function handToApp(argv: string[], holderPid: number): Promise<Outcome> {
  const dataDir = env().DATA_DIR;
  // The app writes its admin file after migrating, just before it answers: wait for it a little.
  for (let waited = 0; waited < 60_000; waited += 250) {
    const admin = readAdminFile(dataDir);
    if (admin && admin.pid === holderPid) {
      const res = await fetch(`http://127.0.0.1:${admin.port}${ADMIN_PATH}`, {
        method: "POST",
        headers: { "content-type": "application/json", [ADMIN_SECRET_HEADER]: admin.secret },
        body: JSON.stringify({ argv }),
      });
      return (await res.json()) as Outcome;
    }
    if (lockHolder(dataDir) !== holderPid) return runHere(argv);
    await sleep(250);
  }
  return { ok: false, message: `The app (pid ${holderPid}) holds the data folder but does not answer.`, exitCode: 1 };
}

async function runHere(argv: string[]): Promise<Outcome> {
  try {
    return { ok: true, result: await runCommand(argv) };
  } catch (err) {
    if (err instanceof DataDirLockedError) return handToApp(argv, err.holderPid);
    return { ok: false, ...describeFailure(err) };
  } finally {
    await closeDb().catch(() => {});
  }
}

async function main(argv: string[]): Promise<Outcome> {
  try {
    env();
  } catch (err) {
    if (err instanceof EnvError) return { ok: false, message: err.message, exitCode: 2 };
    throw err;
  }
  if (argv.length === 0) return { ok: false, message: USAGE, exitCode: 2 };
  const holder = env().DATABASE_URL || isMemoryDataDir() ? null : lockHolder(env().DATA_DIR);
  return holder !== null && holder !== process.pid ? handToApp(argv, holder) : runHere(argv);
}

main(process.argv.slice(2)).then(
  (outcome) => {
    if (outcome.ok) {
      process.stdout.write(`${JSON.stringify(outcome.result)}\n`);
      process.exit(0);
    }
    process.stderr.write(`${outcome.message}\n`);
    process.exit(outcome.exitCode);
  },
  (err: unknown) => {
    process.stderr.write(`Unexpected error: ${(err as Error)?.message ?? String(err)}\n`);
    process.exit(1);
  },
);
