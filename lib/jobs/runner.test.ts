import assert from "node:assert/strict";
import { afterEach, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import { getDb } from "../../db/client";
import { jobs, jobSchedules } from "../../db/schema";
import type { Adapters } from "../adapters";
import { enqueueJob } from "./enqueue";
import { JobRunner } from "./runner";
import { createDueOccurrences, nextOccurrence, occurrenceKey, syncSchedules } from "./schedules";
import { jobsOf, testClock, testTag } from "./testing";
import type { JobContext, JobHandler } from "./types";
import { memoryStorage } from "../adapters/storage";
import { unreachableDns } from "../testing/fixtures";

const SECOND = 1000;
const tag = testTag();

/** One runner on the shared database with the test's clock and handlers. */
async function runnerFor(clock: ReturnType<typeof testClock>, kinds: Record<string, JobHandler>, options: { adapters?: Adapters } = {}) {
  return new JobRunner(await getDb(), { kinds, now: clock.now, ...options });
}

describe("job retries", () => {
  afterEach(() => tag.cleanUp());

  test("a failing job is retried on the shared backoff (5 s, then 30 s) and failed once attempts reach max_attempts", async () => {
    const clock = testClock();
    const kind = tag.kind("flaky");
    const runner = await runnerFor(clock, { [kind]: async ({ job }) => Promise.reject(new Error(`boom ${job.attempts}`)) });
    await enqueueJob(await getDb(), kind, {}, { runAt: clock.now(), maxAttempts: 3 });

    assert.equal(await runner.runDue(), 1);
    let [row] = await jobsOf(kind);
    assert.deepEqual([row.status, row.attempts, row.lastError, row.lockedUntil, row.lockedBy], ["pending", 1, "boom 1", null, null]);
    assert.equal(row.runAt.getTime(), clock.start + 5 * SECOND);

    clock.set(5 * SECOND - 1);
    assert.equal(await runner.runDue(), 0, "not before it is due");
    clock.set(5 * SECOND);
    assert.equal(await runner.runDue(), 1);
    [row] = await jobsOf(kind);
    assert.deepEqual([row.status, row.attempts, row.lastError], ["pending", 2, "boom 2"]);
    assert.equal(row.runAt.getTime(), clock.start + 35 * SECOND);

    clock.set(35 * SECOND);
    assert.equal(await runner.runDue(), 1);
    [row] = await jobsOf(kind);
    assert.deepEqual([row.status, row.attempts, row.lastError], ["failed", 3, "boom 3"]);
    assert.equal(row.finishedAt?.getTime(), clock.start + 35 * SECOND);

    clock.set(86_400 * SECOND);
    assert.equal(await runner.runDue(), 0, "a failed job is never claimed again");
  });

  test("a job that fails once and then succeeds ends done, its error cleared", async () => {
    const clock = testClock();
    const kind = tag.kind("recovers");
    const runner = await runnerFor(clock, {
      [kind]: async ({ job }) => {
        if (job.attempts === 1) throw new Error("once");
      },
    });
    await enqueueJob(await getDb(), kind, {}, { runAt: clock.now() });
    await runner.runDue();
    clock.set(5 * SECOND);
    await runner.runDue();
    const [row] = await jobsOf(kind);
    assert.deepEqual([row.status, row.attempts, row.lastError, row.finishedAt?.getTime()], ["done", 2, null, clock.start + 5 * SECOND]);
  });

  test("an unknown kind fails at once with an error that names it", async () => {
    const clock = testClock();
    const kind = tag.kind("nobody");
    await enqueueJob(await getDb(), kind, {}, { runAt: clock.now() });
    assert.equal(await (await runnerFor(clock, {})).runDue(), 1);
    const [row] = await jobsOf(kind);
    assert.deepEqual([row.status, row.attempts], ["failed", 1]);
    assert.equal(row.lastError, `unknown job kind "${kind}": no handler is registered for it`);
    assert.equal(row.finishedAt?.getTime(), clock.start);
  });

  test("a job whose runners keep dying is failed once its attempts are used up, without running again", async () => {
    const clock = testClock();
    const kind = tag.kind("killer");
    let calls = 0;
    const runner = await runnerFor(clock, { [kind]: async () => void calls++ });
    await enqueueJob(await getDb(), kind, {}, { runAt: clock.now(), maxAttempts: 1 });
    const dead = new JobRunner(await getDb(), { kinds: { [kind]: () => new Promise<void>(() => {}) }, now: clock.now, leaseSeconds: 10 });
    await dead.poll();
    clock.set(11 * SECOND);
    assert.equal(await runner.runDue(), 1);
    const [row] = await jobsOf(kind);
    assert.deepEqual([row.status, row.attempts, calls], ["failed", 2, 0]);
    assert.match(row.lastError ?? "", /gave up after 1 attempts: the last runner stopped before finishing/);
  });
});

describe("enqueueJob", () => {
  afterEach(() => tag.cleanUp());

  test("a uniqueKey that exists already makes a second enqueue a no-op", async () => {
    const db = await getDb();
    const kind = tag.kind("once");
    const first = await enqueueJob(db, kind, { n: 1 }, { uniqueKey: kind });
    assert.ok(first);
    assert.equal(await enqueueJob(db, kind, { n: 2 }, { uniqueKey: kind }), null);
    const rows = await jobsOf(kind);
    assert.deepEqual(rows.map((r) => [r.id, r.payload]), [[first, { n: 1 }]]);
    assert.ok(await enqueueJob(db, kind, { n: 3 }), "jobs without a key are never deduplicated");
    assert.ok(await enqueueJob(db, kind, { n: 4 }));
    assert.equal((await jobsOf(kind)).length, 3);
  });

  test("inside a transaction the job exists only if the transaction commits", async () => {
    const db = await getDb();
    const kind = tag.kind("tx");
    await assert.rejects(
      db.transaction(async (tx) => {
        await enqueueJob(tx, kind, { outcome: "rolled back" });
        throw new Error("the caller's work failed");
      }),
      /the caller's work failed/,
    );
    await db.transaction((tx) => enqueueJob(tx, kind, { outcome: "committed" }, { maxAttempts: 2 }));
    const rows = await jobsOf(kind);
    assert.deepEqual(rows.map((r) => [r.payload, r.status, r.maxAttempts]), [[{ outcome: "committed" }, "pending", 2]]);
  });

  test("a handler gets the runner's database, adapters and clock, its logger and the claimed job", async () => {
    const clock = testClock();
    const kind = tag.kind("context");
    const adapters: Adapters = { mail: null, storage: memoryStorage(), dns: unreachableDns, esign: { kind: "local" } };
    let seen: JobContext | undefined;
    const runner = await runnerFor(clock, { [kind]: async (ctx) => void (seen = ctx) }, { adapters });
    const id = await enqueueJob(await getDb(), kind, { greeting: "hello" }, { runAt: clock.now() });
    await runner.runDue();
    assert.ok(seen);
    assert.equal(seen.db, runner.db);
    assert.equal(seen.adapters, adapters);
    assert.equal(seen.now.getTime(), clock.start);
    assert.equal(typeof seen.log.info, "function");
    assert.deepEqual([seen.job.id, seen.job.payload, seen.job.status, seen.job.attempts, seen.job.lockedBy], [id, { greeting: "hello" }, "running", 1, runner.id]);
  });
});

describe("schedules", () => {
  afterEach(() => tag.cleanUp());

  test("nextOccurrence keeps the grid and skips occurrences already past", () => {
    const t0 = new Date(Date.UTC(2020, 0, 1));
    const at = (ms: number) => new Date(t0.getTime() + ms);
    assert.deepEqual([0, 4_999, 5_000, 61_000].map((ms) => nextOccurrence(t0, 5, at(ms)).getTime() - t0.getTime()), [5_000, 5_000, 10_000, 65_000]);
  });

  test("start-up writes a schedule once: a later write updates its interval and payload but keeps next_run_at", async () => {
    const clock = testClock();
    const name = tag.kind("daily");
    const db = await getDb();
    await syncSchedules(db, [{ name, kind: name, intervalSeconds: 60 }], clock.now());
    clock.set(SECOND);
    assert.equal((await createDueOccurrences(db, [name], clock.now()))?.getTime(), clock.start + 60 * SECOND);
    clock.set(2 * SECOND);
    await syncSchedules(db, [{ name, kind: name, intervalSeconds: 10, payload: { v: 2 } }], clock.now());
    const [row] = await db.select().from(jobSchedules).where(eq(jobSchedules.name, name));
    assert.deepEqual([row.intervalSeconds, row.payload, row.nextRunAt.getTime()], [10, { v: 2 }, clock.start + 60 * SECOND]);
    const occurrences = await db.select().from(jobs).where(eq(jobs.kind, name));
    assert.deepEqual(occurrences.map((j) => [j.uniqueKey, j.runAt.getTime()]), [[occurrenceKey(name, new Date(clock.start)), clock.start]]);
  });
});
