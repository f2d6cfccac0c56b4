import assert from "node:assert/strict";
import { after, test } from "node:test";
import { getDb } from "../../db/client";
import { enqueueJob } from "./enqueue";
import { JobRunner } from "./runner";
import { jobsOf, testClock, testTag } from "./testing";

const tag = testTag();
after(() => tag.cleanUp());

test("a lane claims only its kinds, and the other runner claims every kind but those", async () => {
  const clock = testClock();
  const [laneKind, otherKind] = [tag.kind("lane"), tag.kind("other")];
  const ran: string[] = [];
  const kinds = { [laneKind]: async () => void ran.push("lane"), [otherKind]: async () => void ran.push("other") };
  const db = await getDb();
  await enqueueJob(db, laneKind, {}, { runAt: clock.now() });
  await enqueueJob(db, otherKind, {}, { runAt: clock.now() });
  const main = new JobRunner(db, { kinds, now: clock.now, claimKinds: { except: [laneKind] } });
  const lane = new JobRunner(db, { kinds, now: clock.now, claimKinds: { only: [laneKind] } });

  assert.equal(await main.runDue(), 1);
  assert.deepEqual(ran, ["other"]);
  assert.equal((await jobsOf(laneKind))[0].status, "pending");
  assert.equal(await lane.runDue(), 1);
  assert.deepEqual(ran, ["other", "lane"]);
  assert.equal((await jobsOf(laneKind))[0].status, "done");
});
