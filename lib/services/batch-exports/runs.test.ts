import assert from "node:assert/strict";
import { after, afterEach, describe, test } from "node:test";
import { and, eq, gte, inArray, lt } from "drizzle-orm";
import { closeDb, getDb, type Db } from "../../../db/client";
import { activityLog, batchExportBackfills, batchExportRuns, batchExports } from "../../../db/schema";
import { ADMIN, MEMBER } from "../../auth/permissions";
import { DestinationError, type DestinationClients, type ExportRow } from "../../adapters/destinations";
import { twoInstances } from "../../jobs/testing";
import { call, callAt, makeOrganization, sessionOf } from "../../testing/fixtures";
import { backfillBatchExport, createBatchExport, listBatchExportBackfills, listBatchExportLogs, listBatchExportRuns, pauseBatchExport, retryBatchExportRun, unpauseBatchExport } from "./index";
import { runDueRuns } from "./runs";
import { scheduleDueRuns } from "./scheduler";

after(closeDb);

const HOUR = 3_600_000;
const HTTP = { type: "HTTP", config: { url: "https://hooks.example.com/in" } };

/**
 * A destination that keeps what each interval delivered, the way S3 overwrites an object: what an attempt wrote
 * replaces what an earlier one wrote. It can fail an interval's first attempt midway, and tracks overlapping runs.
 */
function recordingDestination() {
  const delivered = new Map<string, string[]>();
  const calls: string[] = [];
  const failOnce = new Set<string>();
  let active = 0;
  let maxActive = 0;
  const clients: DestinationClients = {
    for: () => ({
      testSteps: () => [{ name: "Probe", description: "Nothing." }],
      runTestStep: async () => ({ name: "Probe", result: { status: "Passed", message: null } }),
      async exportRun({ intervalStart, rows }) {
        const key = intervalStart.toISOString();
        calls.push(key);
        active += 1;
        maxActive = Math.max(maxActive, active);
        try {
          const got: string[] = [];
          for await (const row of rows as AsyncIterable<ExportRow>) {
            got.push(row.id);
            await new Promise((resolve) => setImmediate(resolve));
            if (failOnce.delete(key)) {
              delivered.set(key, got);
              throw new DestinationError("The receiver went away.");
            }
          }
          delivered.set(key, got);
          return { rows: got.length, bytes: got.length * 10 };
        } finally {
          active -= 1;
        }
      },
    }),
  };
  return { clients, delivered, calls, failOnce, maxActive: () => maxActive };
}

const made: string[] = [];
afterEach(async () => {
  // Each test's exports go, so the next test's scheduler and runners see only their own.
  if (made.length) await (await getDb()).delete(batchExports).where(inArray(batchExports.id, made.splice(0)));
});

async function setup(t0: Date, body: Record<string, unknown> = {}) {
  const org = await makeOrganization([MEMBER, ADMIN]);
  const owner = sessionOf(org.owner);
  const created = await callAt(createBatchExport, owner, { name: "Stream", interval: "hour", destination: HTTP, ...body }, org.org.id, t0);
  made.push(created.id);
  return { ...org, owner, created };
}

async function addEntries(organizationId: string, entries: { at: string; scope?: string; activity?: string }[]) {
  const rows = await (await getDb())
    .insert(activityLog)
    .values(entries.map((e) => ({ organizationId, scope: e.scope ?? "Organization", itemId: "x", activity: e.activity ?? "updated", detail: {}, createdAt: new Date(e.at) })))
    .returning({ id: activityLog.id });
  return rows.map((r) => r.id);
}

/** The organization's activity-log entries in [start, end), read independently of the export's own query. */
async function entriesIn(organizationId: string, start: string, end: string) {
  const rows = await (await getDb())
    .select({ id: activityLog.id })
    .from(activityLog)
    .where(and(eq(activityLog.organizationId, organizationId), gte(activityLog.createdAt, new Date(start)), lt(activityLog.createdAt, new Date(end))));
  return new Set(rows.map((r) => r.id));
}

/** A runner and a scheduler confined to this file's exports: test files share one database on PostgreSQL. */
const runner = (db: Db, clients: DestinationClients, at: () => Date, id = "runner-a") =>
  runDueRuns(db, { adapters: { destinations: clients } as never, runnerId: id, now: at, leaseSeconds: 60, exportIds: made });
const schedule = (db: Db, at: Date) => scheduleDueRuns(db, at, { exportIds: made });
const fixed = (iso: string) => () => new Date(iso);
/** A clock that moves a millisecond at each reading, so log entries of one pass keep their order. */
function ticking(iso: string) {
  let at = Date.parse(iso);
  return () => new Date(at++);
}

describe("batch-export runs", () => {
  test("the scheduler makes one run per ended interval, once; each run exports exactly its [start, end) rows", async () => {
    const db = await getDb();
    const { org, created } = await setup(new Date("2040-01-01T10:20:00Z"));
    const [a, b, c] = await addEntries(org.id, [{ at: "2040-01-01T10:00:00.000Z" }, { at: "2040-01-01T10:59:59.999Z" }, { at: "2040-01-01T11:00:00.000Z" }, { at: "2040-01-01T12:00:00.000Z" }]);
    assert.equal(await schedule(db, new Date("2040-01-01T12:00:30Z")), 2);
    assert.equal(await schedule(db, new Date("2040-01-01T12:00:40Z")), 0, "a second pass schedules nothing again");
    const dest = recordingDestination();
    assert.equal(await runner(db, dest.clients, fixed("2040-01-01T12:01:00Z")), 2);
    assert.deepEqual(dest.calls, ["2040-01-01T10:00:00.000Z", "2040-01-01T11:00:00.000Z"]);
    const first = await entriesIn(org.id, "2040-01-01T10:00:00Z", "2040-01-01T11:00:00Z");
    assert.ok(first.has(a) && first.has(b) && !first.has(c), "the boundary rows fall on the right side");
    assert.deepEqual(new Set(dest.delivered.get("2040-01-01T10:00:00.000Z")), first);
    assert.deepEqual(dest.delivered.get("2040-01-01T11:00:00.000Z"), [c]);
    const rows = await db.select().from(batchExportRuns).where(eq(batchExportRuns.batchExportId, created.id));
    assert.deepEqual(rows.map((r) => [r.status, r.recordsCompleted]).sort(), [["completed", 1], ["completed", first.size]]);
  });

  test("a run that fails is retried with backoff and then delivers every row once; retry runs a finished one again", async () => {
    const db = await getDb();
    const { org, owner, members, created } = await setup(new Date("2040-02-01T10:00:00Z"));
    await addEntries(org.id, Array.from({ length: 5 }, (_, i) => ({ at: `2040-02-01T10:0${i}:00Z` })));
    const ids = await entriesIn(org.id, "2040-02-01T10:00:00Z", "2040-02-01T11:00:00Z");
    await schedule(db, new Date("2040-02-01T11:00:10Z"));
    const dest = recordingDestination();
    dest.failOnce.add("2040-02-01T10:00:00.000Z");
    assert.equal(await runner(db, dest.clients, ticking("2040-02-01T11:00:20Z")), 1, "the failed run waits for its backoff");
    const [failed] = await db.select().from(batchExportRuns).where(eq(batchExportRuns.batchExportId, created.id));
    assert.equal(failed.status, "scheduled");
    assert.equal(failed.attempts, 1);
    assert.equal(failed.latestError, "The receiver went away.");
    const wait = failed.nextAttemptAt.getTime() - Date.parse("2040-02-01T11:00:20Z");
    assert.ok(wait >= 5000 && wait < 5100, `the first retry waits 5 s (${wait} ms)`);

    assert.equal(await runner(db, dest.clients, ticking("2040-02-01T11:00:30Z")), 1);
    assert.deepEqual(new Set(dest.delivered.get("2040-02-01T10:00:00.000Z")), ids);
    assert.equal(dest.delivered.get("2040-02-01T10:00:00.000Z")?.length, ids.size, "no row twice");
    const [done] = await db.select().from(batchExportRuns).where(eq(batchExportRuns.batchExportId, created.id));
    assert.deepEqual([done.status, done.attempts, done.recordsCompleted, done.latestError], ["completed", 2, ids.size, null]);

    const member = sessionOf(members[0]);
    const logs = await call(listBatchExportLogs, member, { id: created.id }, org.id);
    assert.deepEqual(logs.results.map((l) => l.level), ["INFO", "INFO", "WARNING", "INFO"], "newest first: completed, started, failed, started");
    assert.ok(logs.results.every((l) => l.instance_id === done.id && l.log_source_id === created.id));
    const warnings = await call(listBatchExportLogs, member, { id: created.id, level: "warning", search: "WENT AWAY" }, org.id);
    assert.equal(warnings.count, 1);
    assert.equal((await call(listBatchExportLogs, member, { id: created.id, limit: "1" }, org.id)).results.length, 1);

    const retried = await callAt(retryBatchExportRun, owner, { id: created.id, run_id: done.id }, org.id, new Date("2040-02-01T11:05:00Z"));
    assert.equal(retried.status, "scheduled");
    assert.equal(await runner(db, dest.clients, fixed("2040-02-01T11:05:01Z")), 1);
    assert.equal(dest.calls.length, 3);
    const page = await call(listBatchExportRuns, member, { id: created.id }, org.id);
    assert.deepEqual(page.results.map((r) => [r.status, r.records_completed, r.attempts]), [["completed", ids.size, 1]]);
  });

  test("two runners racing over the same runs export each interval once, one run of an export at a time", async () => {
    const { dbs, close } = await twoInstances();
    try {
      const { org, owner, created } = await setup(new Date("2040-03-01T10:00:00Z"), { interval: "every 5 minutes" });
      await addEntries(org.id, Array.from({ length: 24 }, (_, i) => ({ at: new Date(Date.parse("2040-03-01T10:00:00Z") + i * 150_000).toISOString() })));
      const backfill = await callAt(backfillBatchExport, owner, { id: created.id, start_at: "2040-03-01T10:00:00Z", end_at: "2040-03-01T11:00:00Z" }, org.id, new Date("2040-03-01T12:00:00Z"));
      assert.equal(backfill.total_runs, 12);
      const dest = recordingDestination();
      const at = fixed("2040-03-01T12:00:01Z");
      const [ranA, ranB] = await Promise.all([runner(dbs[0], dest.clients, at, "runner-a"), runner(dbs[1], dest.clients, at, "runner-b")]);
      assert.equal(ranA + ranB, 12);
      assert.equal(dest.calls.length, 12);
      assert.equal(new Set(dest.calls).size, 12, "no interval ran twice");
      assert.deepEqual(dest.calls, [...dest.calls].sort(), "intervals ran in order");
      assert.equal(dest.maxActive(), 1);
      for (const [start, ids] of dest.delivered) {
        const expected = await entriesIn(org.id, start, new Date(Date.parse(start) + 300_000).toISOString());
        assert.deepEqual(new Set(ids), expected);
        assert.equal(ids.length, expected.size);
      }
      const [row] = await (await getDb()).select().from(batchExportBackfills).where(eq(batchExportBackfills.id, backfill.id));
      assert.equal(row.status, "completed");
    } finally {
      await close();
    }
  });

  test("pause cancels waiting runs and stops scheduling; unpause with backfill runs the gap in order, without it skips it", async () => {
    const db = await getDb();
    const { org, owner, created } = await setup(new Date("2040-04-01T10:00:00Z"));
    await addEntries(org.id, Array.from({ length: 8 }, (_, i) => ({ at: new Date(Date.parse("2040-04-01T10:30:00Z") + i * HOUR).toISOString() })));
    assert.equal(await schedule(db, new Date("2040-04-01T13:00:30Z")), 3);
    await callAt(pauseBatchExport, owner, { id: created.id }, org.id, new Date("2040-04-01T13:01:00Z"));
    const statuses = async () => (await db.select().from(batchExportRuns).where(eq(batchExportRuns.batchExportId, created.id))).map((r) => r.status).sort();
    assert.deepEqual(await statuses(), ["cancelled", "cancelled", "cancelled"]);
    assert.equal(await schedule(db, new Date("2040-04-01T16:00:30Z")), 0, "a paused export gets no runs");
    const dest = recordingDestination();
    assert.equal(await runner(db, dest.clients, fixed("2040-04-01T16:00:35Z")), 0);

    await callAt(unpauseBatchExport, owner, { id: created.id, backfill: true }, org.id, new Date("2040-04-01T16:00:40Z"));
    assert.equal(await runner(db, dest.clients, fixed("2040-04-01T16:01:00Z")), 6);
    assert.deepEqual(dest.calls, ["10", "11", "12", "13", "14", "15"].map((h) => `2040-04-01T${h}:00:00.000Z`));
    for (const [start, ids] of dest.delivered) {
      assert.deepEqual(new Set(ids), await entriesIn(org.id, start, new Date(Date.parse(start) + HOUR).toISOString()));
    }
    const [backfill] = (await call(listBatchExportBackfills, owner, { id: created.id }, org.id)).results;
    assert.deepEqual([backfill.status, backfill.total_runs, backfill.finished_runs], ["completed", 6, 6]);
    assert.deepEqual([backfill.start_at, backfill.end_at], ["2040-04-01T10:00:00Z", "2040-04-01T16:00:00Z"]);

    await callAt(pauseBatchExport, owner, { id: created.id }, org.id, new Date("2040-04-01T16:30:00Z"));
    await callAt(unpauseBatchExport, owner, { id: created.id }, org.id, new Date("2040-04-01T19:10:00Z"));
    assert.equal(await schedule(db, new Date("2040-04-01T19:10:10Z")), 0, "the gap is skipped");
    assert.equal(await schedule(db, new Date("2040-04-01T20:00:10Z")), 1, "the current interval runs once it ends");
  });

  test("filters: events by scope and activity, persons by level", async () => {
    const db = await getDb();
    const { org, owner } = await setup(new Date("2040-05-01T10:00:00Z"), { filters: { scope: ["OrganizationInvite"], activity: "created" } });
    const [wanted] = await addEntries(org.id, [
      { at: "2040-05-01T10:10:00Z", scope: "OrganizationInvite", activity: "created" },
      { at: "2040-05-01T10:20:00Z", scope: "OrganizationInvite", activity: "deleted" },
      { at: "2040-05-01T10:30:00Z", scope: "Organization", activity: "created" },
    ]);
    await schedule(db, new Date("2040-05-01T11:00:10Z"));
    const dest = recordingDestination();
    await runner(db, dest.clients, fixed("2040-05-01T11:00:20Z"));
    assert.deepEqual(dest.delivered.get("2040-05-01T10:00:00.000Z"), [wanted]);

    const realNow = new Date();
    const persons = await callAt(createBatchExport, owner, { name: "People", model: "persons", interval: "day", destination: HTTP, filters: { level: [8, 15] } }, org.id, realNow);
    made.push(persons.id);
    await callAt(backfillBatchExport, owner, { id: persons.id, start_at: new Date(realNow.getTime() - 2 * 86_400_000).toISOString(), end_at: realNow.toISOString() }, org.id, realNow);
    const people = recordingDestination();
    await runner(db, people.clients, () => new Date(realNow.getTime() + 2 * 86_400_000));
    const exported = [...people.delivered.values()].flat();
    assert.equal(exported.length, 2, "the owner and the administrator, not the member");
  });
});
