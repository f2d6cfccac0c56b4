/**
 * Runs every `*.test.ts` under lib/, db/, scripts/, components/ and app/ in one process, so that the embedded database
 * (in memory unless DATABASE_URL is set) is opened once. `node --import tsx scripts/run-unit-tests.ts [filter]`.
 *
 * On the in-memory database, a full run is two such processes side by side: scripts/ (the admin CLI's tests, which
 * mostly wait on the CLI processes they start) and the rest, each with its own database; their reports are printed
 * one after the other. On PostgreSQL, where both would share one database, the run stays one process.
 */
import { spawn } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { fileURLToPath, pathToFileURL } from "node:url";

process.env.ORGDECK_DATA_DIR ??= "memory://";
process.env.LOG_LEVEL ??= "silent";

function find(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : find(full);
    return name.endsWith(".test.ts") ? [full] : [];
  });
}

const ROOTS = ["lib", "db", "scripts", "components", "app"];
/** The roots one process of a split run takes (comma-separated); unset, this process runs them all. */
const ROOTS_VAR = "UNIT_TEST_ROOTS";
const SPLIT = [["scripts"], ROOTS.filter((root) => root !== "scripts")];

/** Runs this script once per part of SPLIT, at once; prints each report whole as its process ends; fails if either fails. */
async function runSplit(): Promise<number> {
  const runs = SPLIT.map(
    (roots) =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
          env: { ...process.env, [ROOTS_VAR]: roots.join(",") },
          stdio: ["ignore", "pipe", "pipe"],
        });
        const output: Buffer[] = [];
        child.stdout.on("data", (chunk: Buffer) => output.push(chunk));
        child.stderr.on("data", (chunk: Buffer) => output.push(chunk));
        child.on("close", (code) => {
          process.stdout.write(`\n--- ${roots.join(", ")}\n`);
          process.stdout.write(Buffer.concat(output));
          resolve(code ?? 1);
        });
      }),
  );
  const codes = await Promise.all(runs);
  return codes.find((code) => code !== 0) ?? 0;
}

const filter = process.argv[2];
if (!filter && !process.env[ROOTS_VAR] && !process.env.DATABASE_URL) process.exit(await runSplit());

/**
 * A test that never settles would hold the suite, and CI with it, until CI's own limit: past this many minutes (about
 * three times a full run on 2 cores) the runner says so and fails. The spec reporter has printed every finished test.
 */
const STUCK_AFTER_MINUTES = Number(process.env.UNIT_TESTS_STUCK_AFTER_MINUTES ?? 30);
setTimeout(() => {
  console.error(`\nThe unit tests ran for more than ${STUCK_AFTER_MINUTES} minutes: a test is stuck (it follows the last one reported above).`);
  process.exit(1);
}, STUCK_AFTER_MINUTES * 60_000).unref();

const roots = process.env[ROOTS_VAR]?.split(",") ?? ROOTS;
const files = roots.flatMap(find).filter((f) => !filter || f.includes(filter)).sort();

for (const file of files) await import(pathToFileURL(path.resolve(file)).href);

// Registered last, so it runs after every file's tests: an `after` hook here would run before later imports' tests.
test("close the database", async () => {
  const { closeDb } = await import("../db/client");
  await closeDb();
});
