/**
 * The app's side of bench/batch-exports.mjs, in a child process of its own so the parent can sample its resident memory
 * (`node --import tsx --expose-gc bench/batch-export-app.mjs`, with DATABASE_URL, ORGDECK_DATA_DIR and
 * ORGDECK_ALLOW_PRIVATE_URLS=1). It holds the app's database client (db/client.ts: postgres.js, statements prepared),
 * creates the exports through the operation an admin's request runs, and runs an interval the way production does: the
 * backfill operation schedules it, then the run job's handler (lib/jobs/kinds/batch-exports.ts → runDueRuns: claim with
 * FOR UPDATE SKIP LOCKED, stream the rows into the destination client, settle) runs it. Driven over IPC:
 *   { type: "create", email, organizationId, name, destination }  -> { type: "created", id }
 *   { type: "settle" }                                  -> { type: "settled", rss }     (after a full GC: the baseline)
 *   { type: "run", id, organizationId, email, start, end }  -> { type: "ran", ms, run, heap }   (the job handler's time; heap: V8's peaks over the start, per space too)
 */
import v8 from "node:v8";
import { closeDb, getDb } from "../db/client.ts";
import { defaultAdapters } from "../lib/adapters/index.ts";
import { runBatchExports } from "../lib/jobs/kinds/batch-exports.ts";
import { log } from "../lib/log.ts";
import { requireUserByEmail } from "../lib/services/admin.ts";
import { backfillBatchExport, createBatchExport, listBatchExportRuns } from "../lib/services/batch-exports/index.ts";
import { run } from "../lib/services/run.ts";

const principalOf = async (email) => ({ kind: "cli", user: await requireUserByEmail(await getDb(), email) });

async function settle() {
  // Two passes: the first may leave finalizers whose objects only the second frees.
  for (let i = 0; i < 2; i++) {
    globalThis.gc?.();
    await new Promise((r) => setImmediate(r));
  }
  const m = process.memoryUsage();
  return { type: "settled", rss: m.rss, heapUsed: m.heapUsed, heapTotal: m.heapTotal };
}

async function runInterval({ id, organizationId, email, start, end }) {
  const principal = await principalOf(email);
  await run(backfillBatchExport, { principal, organizationId, input: { id, start_at: start, end_at: end } });
  const db = await getDb();
  const peak = { heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const spaces = () => Object.fromEntries(v8.getHeapSpaceStatistics().map((x) => [x.space_name, x.space_size]));
  const spacesBefore = spaces();
  const spacesPeak = { ...spacesBefore };
  const sample = () => {
    const m = process.memoryUsage();
    for (const key of Object.keys(peak)) peak[key] = Math.max(peak[key], m[key]);
    for (const [name, size] of Object.entries(spaces())) spacesPeak[name] = Math.max(spacesPeak[name] ?? 0, size);
  };
  const before = process.memoryUsage();
  const sampler = setInterval(sample, 20);
  const began = performance.now();
  // What the job runner does with a claimed `run batch exports` job (its own job row is not needed to run the runs).
  await runBatchExports({ db, adapters: defaultAdapters(), now: new Date(), log, job: { id: `bench-${process.pid}` } });
  const ms = performance.now() - began;
  clearInterval(sampler);
  sample();
  const page = await run(listBatchExportRuns, { principal, organizationId, input: { id, limit: 1 } });
  const growth = Object.fromEntries(Object.keys(peak).map((key) => [key, peak[key] - before[key]]));
  const spaceGrowth = Object.fromEntries(Object.entries(spacesPeak).map(([name, size]) => [name, size - (spacesBefore[name] ?? 0)]));
  return { type: "ran", ms, run: page.results[0] ?? null, heap: { before, growth, spaces: spaceGrowth } };
}

async function handle(msg) {
  if (msg.type === "create") {
    const principal = await principalOf(msg.email);
    const made = await run(createBatchExport, { principal, organizationId: msg.organizationId, input: { name: msg.name, model: "events", interval: "day", destination: msg.destination } });
    return { type: "created", id: made.id };
  }
  if (msg.type === "settle") return settle();
  if (msg.type === "run") return runInterval(msg);
  throw new Error(`the app does not know ${msg.type}`);
}

process.on("message", async (msg) => {
  try {
    process.send(await handle(msg));
  } catch (err) {
    process.send({ type: "error", message: String(err?.stack ?? err) });
  }
});
process.on("disconnect", () => {
  closeDb().finally(() => process.exit(0));
});
process.send({ type: "ready", rss: process.memoryUsage().rss });
