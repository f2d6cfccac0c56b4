/**
 * Runs every `*.test.ts` under lib/, db/, scripts/, components/ and app/ in this one process, so that the embedded database
 * (in memory unless DATABASE_URL is set) is opened once. `node --import tsx scripts/run-unit-tests.ts [filter]`.
 */
import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";

process.env.ORGDECK_DATA_DIR ??= "memory://";
process.env.LOG_LEVEL ??= "silent";

function find(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === "node_modules" ? [] : find(full);
    return name.endsWith(".test.ts") ? [full] : [];
  });
}

/**
 * A test that never settles would hold the suite, and CI with it, until CI's own limit: past this many minutes (about
 * three times a full run on 2 cores) the runner says so and fails. The spec reporter has printed every finished test.
 */
const STUCK_AFTER_MINUTES = Number(process.env.UNIT_TESTS_STUCK_AFTER_MINUTES ?? 30);
setTimeout(() => {
  console.error(`\nThe unit tests ran for more than ${STUCK_AFTER_MINUTES} minutes: a test is stuck (it follows the last one reported above).`);
  process.exit(1);
}, STUCK_AFTER_MINUTES * 60_000).unref();

const filter = process.argv[2];
const files = ["lib", "db", "scripts", "components", "app"].flatMap(find).filter((f) => !filter || f.includes(filter)).sort();

for (const file of files) await import(pathToFileURL(path.resolve(file)).href);

// Registered last, so it runs after every file's tests: an `after` hook here would run before later imports' tests.
test("close the database", async () => {
  const { closeDb } = await import("../db/client");
  await closeDb();
});
