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

const filter = process.argv[2];
const files = ["lib", "db", "scripts", "components", "app"].flatMap(find).filter((f) => !filter || f.includes(filter)).sort();

for (const file of files) await import(pathToFileURL(path.resolve(file)).href);

// Registered last, so it runs after every file's tests: an `after` hook here would run before later imports' tests.
test("close the database", async () => {
  const { closeDb } = await import("../db/client");
  await closeDb();
});
