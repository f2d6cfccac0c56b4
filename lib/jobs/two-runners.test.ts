import assert from "node:assert/strict";
import { after, afterEach, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobSchedules } from "../../db/schema";
import { enqueueJob } from "./enqueue";
import { JobRunner } from "./runner";
import { occurrenceKey } from "./schedules";
import { jobsOf, testClock, testTag, twoInstances } from "./testing";
import type { JobHandler } from "./types";

/**
 * The acceptance criteria: two runners on one database, as two instances of the app. With DATABASE_URL each runner
 * has its own postgres.js pool and they truly run at once; on PGlite they share the one database and interleave.
 */
describe("two job runners on one database", () => {
  let dbs: [Db, Db];
  let close: () => Promise<void>;
  const tag = testTag();
  before(async () => ({ dbs, close } = await twoInstances()));
  afterEach(() => tag.cleanUp());
  after(() => close());

  /** A handler that records which runner ran each job, yielding so the two runners' work interleaves. */
  function recorder() {
    const runs = new Map<string, string[]>();
    const handler: JobHandler = async ({ job }) => {
      runs.set(job.id, [...(runs.get(job.id) ?? []), job.lockedBy ?? "?"]);
      await new Promise((resolve) => setImmediate(resolve));
    };
    return { runs, handler };
  }

  test("200 jobs: each runs exactly once, every one ends done, and both runners took a share", async () => {
    const clock = testClock();
    const kind = tag.kind("count");
    const { runs, handler } = recorder();
    const ids = new Set<string>();
    for (let n = 0; n < 200; n++) ids.add((await enqueueJob(dbs[0], kind, { n }, { runAt: clock.now() }))!);
    const [a, b] = dbs.map((db, i) => new JobRunner(db, { id: `${kind}-${i}`, kinds: { [kind]: handler }, now: clock.now, concurrency: 8 }));

    const [ranA, ranB] = await Promise.all([a.runDue(), b.runDue()]);

    assert.equal(ranA + ranB, 200);
    assert.ok(ranA > 0 && ranB > 0, `both runners ran jobs (${ranA} and ${ranB})`);
    assert.deepEqual(new Set(runs.keys()), ids);
    const twice = [...runs].filter(([, by]) => by.length !== 1);
    assert.deepEqual(twice, [], "no job ran twice");
    const rows = await jobsOf(kind);
    assert.equal(rows.length, 200);
    assert.ok(rows.every((r) => r.status === "done" && r.attempts === 1 && r.lockedUntil === null && r.finishedAt), "all done after one attempt");
  });

  test("a recurring schedule driven by both runners: each occurrence becomes one job, run once; missed ones are skipped", async () => {
    const clock = testClock();
    const kind = tag.kind("tick");
    const schedule = { name: kind, kind, intervalSeconds: 2 };
    const { runs, handler } = recorder();
    const runners = dbs.map((db, i) => new JobRunner(db, { id: `${kind}-${i}`, kinds: { [kind]: handler }, schedules: [schedule], now: clock.now }));
    const both = () => Promise.all(runners.map((r) => r.runDue()));

    for (let second = 0; second < 10; second++) {
      clock.set(second * 1000);
      await both();
    }
    const at = (seconds: number) => occurrenceKey(kind, new Date(clock.start + seconds * 1000));
    const keys = async () => (await jobsOf(kind)).map((r) => r.uniqueKey).sort();
    assert.deepEqual(await keys(), [0, 2, 4, 6, 8].map(at));
    assert.equal(runs.size, 5);
    assert.ok([...runs.values()].every((by) => by.length === 1), "each occurrence ran once");
    assert.ok((await jobsOf(kind)).every((r) => r.status === "done"));

    // Nobody ran for 50 s: the one due occurrence runs, the 24 missed after it are skipped, the grid is kept.
    clock.set(60_500);
    await both();
    assert.deepEqual(await keys(), [0, 2, 4, 6, 8, 10].map(at));
    const [row] = await dbs[0].select().from(jobSchedules).where(eq(jobSchedules.name, kind));
    assert.equal(row.nextRunAt.getTime(), clock.start + 62_000);
    assert.equal(runs.size, 6);
  });

  test("a runner that dies mid-job: the job runs again on the other runner once the lease expires, and the late runner cannot overwrite that", async () => {
    const clock = testClock();
    const kind = tag.kind("crash");
    let wakeTheDead = () => {};
    const hung = new Promise<void>((resolve) => (wakeTheDead = resolve));
    const ranBy: string[] = [];
    const dying: JobHandler = async ({ job }) => {
      ranBy.push(job.lockedBy!);
      await hung;
      throw new Error("finished after its lease");
    };
    const healthy: JobHandler = async ({ job }) => void ranBy.push(job.lockedBy!);
    const id = (await enqueueJob(dbs[0], kind, {}, { runAt: clock.now() }))!;
    const dead = new JobRunner(dbs[0], { id: `${kind}-dead`, kinds: { [kind]: dying }, now: clock.now, leaseSeconds: 30 });
    const live = new JobRunner(dbs[1], { id: `${kind}-live`, kinds: { [kind]: healthy }, now: clock.now, leaseSeconds: 30 });

    assert.equal((await dead.poll()).length, 1, "claimed, and never finishes");
    const [claimed] = await jobsOf(kind);
    assert.deepEqual([claimed.status, claimed.lockedBy, claimed.attempts], ["running", `${kind}-dead`, 1]);
    assert.equal(claimed.lockedUntil?.getTime(), clock.start + 30_000);

    clock.set(29_999);
    assert.equal(await live.runDue(), 0, "not while the lease holds");
    clock.set(30_001);
    assert.equal(await live.runDue(), 1);
    assert.deepEqual(ranBy, [`${kind}-dead`, `${kind}-live`]);
    const [done] = await jobsOf(kind);
    assert.deepEqual([done.id, done.status, done.attempts, done.lastError], [id, "done", 2, null]);

    wakeTheDead();
    await dead.stop();
    const [settled] = await jobsOf(kind);
    assert.deepEqual([settled.status, settled.attempts, settled.lastError], ["done", 2, null], "the late failure is not recorded");
  });
});
