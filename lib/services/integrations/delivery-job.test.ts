import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, test } from "node:test";
import { and, eq, sql } from "drizzle-orm";
import { closeDb, getDb } from "../../../db/client";
import { jobs, webhookDeliveries, webhookDeliveryAttempts } from "../../../db/schema";
import { call, makeOrganization, sessionOf, withEnv } from "../../testing/fixtures";
import { createInvite } from "../invites";
import { attemptDelivery, nextAttemptAt, retryDelayMs, RETRY_WINDOW_MS, WEBHOOK_DELIVERY_JOB, type DeliveryJobPayload } from "./delivery-job";
import { createIntegration, redeliverWebhook, sendTestEvent } from "./index";
import { signWebhook } from "./signing";

type Seen = { headers: IncomingHttpHeaders; body: string };

/** A receiver on 127.0.0.1 answering the statuses queued in `answers` (200 once they run out). */
const seen: Seen[] = [];
const answers: number[] = [];
const receiver = createServer((req, res) => {
  let body = "";
  req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
  req.on("end", () => {
    seen.push({ headers: req.headers, body });
    res.statusCode = answers.shift() ?? 200;
    res.end(res.statusCode === 200 ? "ok" : "x".repeat(5000));
  });
});
let url = "";

before(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
after(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await closeDb();
});

const privateUrls = <T>(fn: () => Promise<T>) => withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1", ORGDECK_WEBHOOK_RETRY_BASE_SECONDS: "10" }, fn);

/** The pending job of a delivery (one attempt's work). */
async function jobOf(deliveryId: string) {
  const rows = await (await getDb())
    .select()
    .from(jobs)
    .where(and(eq(jobs.kind, WEBHOOK_DELIVERY_JOB), sql`${jobs.payload} ->> 'delivery_id' = ${deliveryId}`));
  return rows;
}

async function setUp(scopes = ["OrganizationInvite"]) {
  const { org, owner } = await makeOrganization();
  const session = sessionOf(owner);
  const hook = await privateUrls(() => call(createIntegration, session, { kind: "webhook", config: { url, scopes } }, org.id));
  return { org, session, hook };
}

const deliveryRows = async (integrationId: string) => (await getDb()).select().from(webhookDeliveries).where(eq(webhookDeliveries.integrationId, integrationId));

describe("webhook delivery", () => {
  test("the schedule: base × 4ⁿ with ±20% jitter, at most 6 hours, and no retry past a day", async () => {
    await withEnv({ ORGDECK_WEBHOOK_RETRY_BASE_SECONDS: "5" }, async () => {
      assert.equal(retryDelayMs(1, () => 0.5), 5_000);
      assert.equal(retryDelayMs(2, () => 0.5), 20_000);
      assert.equal(retryDelayMs(3, () => 0), 64_000);
      assert.equal(retryDelayMs(3, () => 1), 96_000);
      assert.equal(retryDelayMs(20, () => 0.5), 6 * 3600_000);
      const since = new Date("2020-01-01T00:00:00Z");
      assert.deepEqual(nextAttemptAt(1, since, since, () => 0.5), new Date(since.getTime() + 5_000));
      assert.equal(nextAttemptAt(9, new Date(since.getTime() + RETRY_WINDOW_MS - 60_000), since, () => 0.5), null);
    });
  });

  test("500 then 200: signed attempts with one webhook-id, the retry queued with backoff, a stale job does nothing", async () => {
    const { org, session, hook } = await setUp();
    await call(createInvite, session, { target_email: "a@example.test", level: 1 }, org.id);
    const [delivery] = await deliveryRows(hook.id);
    const [first] = await jobOf(delivery.id);
    assert.deepEqual(first.payload, { delivery_id: delivery.id, attempt: 0, since: delivery.createdAt.toISOString() });

    seen.length = 0;
    answers.push(500);
    const t0 = new Date();
    await privateUrls(async () => attemptDelivery(await getDb(), first.payload as DeliveryJobPayload, t0));
    assert.equal(seen.length, 1);
    const { headers, body } = seen[0];
    const id = String(headers["webhook-id"]);
    assert.equal(id, `msg_${delivery.id.replaceAll("-", "")}`);
    assert.equal(headers["webhook-timestamp"], String(Math.floor(t0.getTime() / 1000)));
    assert.equal(headers["webhook-signature"], signWebhook(hook.secret, id, Number(headers["webhook-timestamp"]), body));
    assert.equal(JSON.parse(body).type, "OrganizationInvite.created");

    const [afterFailure] = await deliveryRows(hook.id);
    assert.equal(afterFailure.status, "pending");
    assert.equal(afterFailure.attempts, 1);
    assert.equal(afterFailure.lastStatusCode, 500);
    const retry = (await jobOf(delivery.id)).find((j) => (j.payload as DeliveryJobPayload).attempt === 1);
    assert.ok(retry);
    const wait = retry.runAt.getTime() - t0.getTime();
    assert.ok(wait >= 8_000 && wait <= 12_000, `first retry after ${wait} ms`);

    // The first job run again (its runner died before settling it) finds the delivery moved on.
    await privateUrls(async () => attemptDelivery(await getDb(), first.payload as DeliveryJobPayload, t0));
    assert.equal(seen.length, 1);

    await privateUrls(async () => attemptDelivery(await getDb(), retry.payload as DeliveryJobPayload, retry.runAt));
    assert.equal(seen.length, 2);
    assert.equal(seen[1].headers["webhook-id"], id);
    assert.equal(seen[1].body, body);
    const [delivered] = await deliveryRows(hook.id);
    assert.equal(delivered.status, "delivered");
    assert.equal(delivered.attempts, 2);
    assert.equal((await jobOf(delivery.id)).length, 2, "no job after success");
    const attempts = await (await getDb()).select().from(webhookDeliveryAttempts).where(eq(webhookDeliveryAttempts.deliveryId, delivery.id));
    assert.deepEqual(attempts.map((a) => [a.attempt, a.statusCode]).sort(), [[1, 500], [2, 200]]);
    assert.equal(attempts.find((a) => a.attempt === 1)?.responseExcerpt?.length, 1024);
  });

  test("a day of failures marks the delivery failed; redelivery queues it again with the same id", async () => {
    const { org, session, hook } = await setUp();
    const test = await call(sendTestEvent, session, { id: hook.id }, org.id);
    assert.equal(test.event_type, "webhook.test");
    const [job] = await jobOf(test.id);
    answers.push(503);
    const late = new Date(Date.parse(test.created_at) + RETRY_WINDOW_MS - 1000);
    await privateUrls(async () => attemptDelivery(await getDb(), job.payload as DeliveryJobPayload, late));
    const [failed] = await deliveryRows(hook.id);
    assert.equal(failed.status, "failed");
    assert.equal(failed.nextAttemptAt, null);
    assert.equal((await jobOf(test.id)).length, 1);

    const again = await call(redeliverWebhook, session, { id: hook.id, delivery_id: test.webhook_id }, org.id);
    assert.equal(again.status, "pending");
    const queued = (await jobOf(test.id)).map((j) => j.payload as DeliveryJobPayload).find((p) => p.attempt === 1);
    assert.ok(queued);
    seen.length = 0;
    await privateUrls(async () => attemptDelivery(await getDb(), queued, new Date()));
    assert.equal(seen[0].headers["webhook-id"], test.webhook_id);
    assert.equal((await deliveryRows(hook.id))[0].status, "delivered");
  });
});
