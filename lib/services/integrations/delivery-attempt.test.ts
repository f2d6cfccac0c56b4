import assert from "node:assert/strict";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { after, afterEach, before, describe, test } from "node:test";
import { asc, eq, inArray } from "drizzle-orm";
import { closeDb, getDb } from "../../../db/client";
import { webhookDeliveries, webhookDeliveryAttempts } from "../../../db/schema";
import { testClock } from "../../jobs/testing";
import { WebhookSender } from "../../jobs/webhook-sender";
import { call, makeOrganization, sessionOf, withEnv } from "../../testing/fixtures";
import { recordActivity, SYSTEM_ACTOR } from "../activity";
import { createInvite } from "../invites";
import { nextAttemptAt, retryDelayMs, RETRY_WINDOW_MS } from "./delivery-attempt";
import { deliverySignal } from "./delivery-signal";
import { createIntegration, deleteIntegration, redeliverWebhook, sendTestEvent } from "./index";
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
const hooks: string[] = [];

before(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});
// A test's senders only see its own era, but a later test's clock is later: leave nothing of this one due.
afterEach(async () => {
  if (hooks.length) await (await getDb()).delete(webhookDeliveries).where(inArray(webhookDeliveries.integrationId, hooks.splice(0)));
  seen.length = 0;
  answers.length = 0;
});
after(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  await closeDb();
});

const privateUrls = <T>(fn: () => Promise<T>) => withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1", ORGDECK_WEBHOOK_RETRY_BASE_SECONDS: "10" }, fn);

async function setUp(scopes = ["OrganizationInvite"]) {
  const { org, owner } = await makeOrganization();
  const session = sessionOf(owner);
  const hook = await privateUrls(() => call(createIntegration, session, { kind: "webhook", config: { url, scopes } }, org.id));
  hooks.push(hook.id);
  return { org, session, hook, clock: testClock() };
}

/** Moves the webhook's pending deliveries to `at`, in the test's own era, where only its senders look. */
async function dueAt(integrationId: string, at: Date) {
  await (await getDb()).update(webhookDeliveries).set({ nextAttemptAt: at }).where(eq(webhookDeliveries.integrationId, integrationId));
}

const deliveryRows = async (integrationId: string) => (await getDb()).select().from(webhookDeliveries).where(eq(webhookDeliveries.integrationId, integrationId));
const attemptRows = async (deliveryId: string) =>
  (await getDb()).select().from(webhookDeliveryAttempts).where(eq(webhookDeliveryAttempts.deliveryId, deliveryId)).orderBy(asc(webhookDeliveryAttempts.createdAt));

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

  test("500 then 200: signed attempts with one webhook-id, the retry due after the backoff and not before", async () => {
    const { org, session, hook, clock } = await setUp();
    await call(createInvite, session, { target_email: "a@example.test", level: 1 }, org.id);
    const [delivery] = await deliveryRows(hook.id);
    assert.equal(delivery.status, "pending");
    await dueAt(hook.id, clock.now());
    const sender = new WebhookSender(await getDb(), { now: clock.now, concurrency: 4 });

    answers.push(500);
    assert.equal(await privateUrls(() => sender.runDue()), 1);
    assert.equal(seen.length, 1);
    const { headers, body } = seen[0];
    const id = String(headers["webhook-id"]);
    assert.equal(id, `msg_${delivery.id.replaceAll("-", "")}`);
    assert.equal(headers["webhook-timestamp"], String(Math.floor(clock.start / 1000)));
    assert.equal(headers["webhook-signature"], signWebhook(hook.secret, id, Number(headers["webhook-timestamp"]), body));
    assert.equal(JSON.parse(body).type, "OrganizationInvite.created");

    const [afterFailure] = await deliveryRows(hook.id);
    assert.equal(afterFailure.status, "pending");
    assert.equal(afterFailure.attempts, 1);
    assert.equal(afterFailure.lastStatusCode, 500);
    const wait = afterFailure.nextAttemptAt!.getTime() - clock.start;
    assert.ok(wait >= 8_000 && wait <= 12_000, `first retry after ${wait} ms`);

    clock.set(wait - 1);
    assert.equal(await privateUrls(() => sender.runDue()), 0, "not due before its time");
    clock.set(wait);
    assert.equal(await privateUrls(() => sender.runDue()), 1);
    assert.equal(seen.length, 2);
    assert.equal(seen[1].headers["webhook-id"], id);
    assert.equal(seen[1].body, body);
    const [delivered] = await deliveryRows(hook.id);
    assert.equal(delivered.status, "delivered");
    assert.equal(delivered.attempts, 2);
    assert.equal(delivered.nextAttemptAt, null);
    assert.equal(await privateUrls(() => sender.runDue()), 0, "nothing left after success");
    const attempts = await attemptRows(delivery.id);
    assert.deepEqual(attempts.map((a) => [a.attempt, a.statusCode]), [[1, 500], [2, 200]]);
    assert.equal(attempts[0].responseExcerpt?.length, 1024);
  });

  test("a day of failures marks the delivery failed; redelivery starts a new round with the same id", async () => {
    const { org, session, hook, clock } = await setUp();
    const testEvent = await call(sendTestEvent, session, { id: hook.id }, org.id);
    assert.equal(testEvent.event_type, "webhook.test");
    await dueAt(hook.id, clock.now());
    const sender = new WebhookSender(await getDb(), { now: clock.now });
    answers.push(503, 503);
    await privateUrls(() => sender.runDue());
    clock.set(RETRY_WINDOW_MS - 1000);
    assert.equal(await privateUrls(() => sender.runDue()), 1);
    const [failed] = await deliveryRows(hook.id);
    assert.equal(failed.status, "failed");
    assert.equal(failed.attempts, 2);
    assert.equal(failed.nextAttemptAt, null);
    assert.match(failed.lastError ?? "", /answered 503\. No more retries: a day has passed/);
    clock.set(RETRY_WINDOW_MS + 3600_000);
    assert.equal(await privateUrls(() => sender.runDue()), 0, "a failed delivery is not sent again");

    const again = await call(redeliverWebhook, session, { id: hook.id, delivery_id: testEvent.webhook_id }, org.id);
    assert.equal(again.status, "pending");
    await assert.rejects(call(redeliverWebhook, session, { id: hook.id, delivery_id: testEvent.webhook_id }, org.id), /already queued/);
    // The new round has its own day: failures more than a day after the first round are retried.
    await dueAt(hook.id, clock.now());
    seen.length = 0;
    answers.push(503, 503);
    for (let round = 0; round < 3; round++) {
      assert.equal(await privateUrls(() => sender.runDue()), 1);
      const [row] = await deliveryRows(hook.id);
      if (row.status === "pending") clock.set(row.nextAttemptAt!.getTime() - clock.start);
    }
    assert.deepEqual(new Set(seen.map((r) => r.headers["webhook-id"])), new Set([testEvent.webhook_id]));
    const [delivered] = await deliveryRows(hook.id);
    assert.equal(delivered.status, "delivered");
    assert.equal(delivered.attempts, 5);
    assert.deepEqual((await attemptRows(delivered.id)).map((a) => [a.attempt, a.statusCode]), [[1, 503], [2, 503], [3, 503], [4, 503], [5, 200]]);
  });

  test("a fan-out wakes this process's sender once its transaction commits, and not when it rolls back", async () => {
    const { org, session } = await setUp();
    let heard = 0;
    const listener = () => void heard++;
    deliverySignal.on("queued", listener);
    try {
      await call(createInvite, session, { target_email: "b@example.test", level: 1 }, org.id);
      assert.equal(heard, 1);
      const db = await getDb();
      const entry = { organizationId: org.id, scope: "OrganizationInvite", itemId: "x", activity: "created", name: "x" };
      await assert.rejects(
        db.transaction(async (tx) => {
          await recordActivity(tx, SYSTEM_ACTOR, entry);
          await new Promise((resolve) => setImmediate(resolve));
          assert.equal(heard, 1, "not before the commit");
          throw new Error("rolled back");
        }),
        /rolled back/,
      );
      assert.equal(heard, 1);
    } finally {
      deliverySignal.off("queued", listener);
    }
  });

  test("deleting the webhook stops its deliveries", async () => {
    const { org, session, hook, clock } = await setUp();
    await call(sendTestEvent, session, { id: hook.id }, org.id);
    await dueAt(hook.id, clock.now());
    await call(deleteIntegration, session, { id: hook.id }, org.id);
    const sender = new WebhookSender(await getDb(), { now: clock.now });
    assert.equal(await privateUrls(() => sender.runDue()), 0);
    assert.equal(seen.length, 0);
  });
});
