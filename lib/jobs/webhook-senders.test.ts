import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { after, afterEach, before, describe, test } from "node:test";
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { webhookDeliveries, webhookDeliveryAttempts } from "../../db/schema";
import { createIntegration } from "../services/integrations";
import { claimDeliveries, recordAttempts } from "../services/integrations/delivery-queue";
import { webhookMessageId } from "../services/integrations/signing";
import { call, makeOrganization, sessionOf, withEnv } from "../testing/fixtures";
import { testClock, twoInstances } from "./testing";
import { WebhookSender } from "./webhook-sender";

/** Two webhook senders on one database, as two instances of the app hold them (see twoInstances). */
describe("two webhook senders on one database", () => {
  let dbs: [Db, Db];
  let close: () => Promise<void>;
  const arrivals = new Map<string, number>();
  const receiver = createServer((req, res) => {
    const id = String(req.headers["webhook-id"]);
    arrivals.set(id, (arrivals.get(id) ?? 0) + 1);
    req.resume();
    // Yield before answering, so that both senders' requests interleave.
    req.on("end", () => setImmediate(() => res.end("ok")));
  });
  let integrationId = "";

  const privateUrls = <T>(fn: () => Promise<T>) => withEnv({ ORGDECK_ALLOW_PRIVATE_URLS: "1" }, fn);

  before(async () => {
    ({ dbs, close } = await twoInstances());
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const { org, owner } = await makeOrganization();
    const hook = await privateUrls(() => call(createIntegration, sessionOf(owner), { kind: "webhook", config: { url, scopes: ["Project"] } }, org.id));
    integrationId = hook.id;
  });
  afterEach(async () => {
    await dbs[0].delete(webhookDeliveries).where(eq(webhookDeliveries.integrationId, integrationId));
    arrivals.clear();
  });
  after(async () => {
    await new Promise<void>((resolve) => receiver.close(() => resolve()));
    await close();
  });

  /** `n` pending deliveries to the test's webhook, due at `at`. */
  async function queue(n: number, at: Date) {
    const rows = Array.from({ length: n }, (_, i) => ({
      id: randomUUID(),
      integrationId,
      organizationId: randomUUID(),
      eventType: "webhook.test",
      payload: { type: "webhook.test", data: { n: i } },
      nextAttemptAt: at,
      createdAt: at,
    }));
    await dbs[0].insert(webhookDeliveries).values(rows);
    return rows.map((r) => r.id);
  }

  test("250 deliveries: each sent exactly once, every one delivered after one attempt, and both senders took a share", async () => {
    const clock = testClock();
    const ids = await queue(250, clock.now());
    const [a, b] = dbs.map((db, i) => new WebhookSender(db, { id: `sender-${i}`, now: clock.now, concurrency: 8 }));

    const [sentA, sentB] = await privateUrls(() => Promise.all([a.runDue(), b.runDue()]));

    assert.equal(sentA + sentB, 250);
    assert.ok(sentA > 0 && sentB > 0, `both senders sent (${sentA} and ${sentB})`);
    assert.deepEqual(new Set(arrivals.keys()), new Set(ids.map(webhookMessageId)));
    assert.deepEqual([...arrivals].filter(([, n]) => n !== 1), [], "none sent twice");
    const rows = await dbs[0].select().from(webhookDeliveries).where(eq(webhookDeliveries.integrationId, integrationId));
    assert.ok(rows.every((r) => r.status === "delivered" && r.attempts === 1 && r.nextAttemptAt === null && r.deliveredAt), "all delivered after one attempt");
  });

  test("a sender that dies holding a claim: the delivery is claimed again once the lease ends, and the late sender cannot overwrite that", async () => {
    const clock = testClock();
    const [id] = await queue(1, clock.now());
    const lease = new Date(clock.start + 60_000);
    const [held] = await claimDeliveries(dbs[0], clock.now(), lease, 10);
    assert.deepEqual([held.id, held.attempts, held.lease], [id, 1, lease.toISOString()]);
    const live = new WebhookSender(dbs[1], { id: "live", now: clock.now, leaseSeconds: 60 });

    clock.set(59_999);
    assert.equal(await privateUrls(() => live.runDue()), 0, "not while the lease holds");
    clock.set(60_000);
    assert.equal(await privateUrls(() => live.runDue()), 1);
    assert.equal(arrivals.get(webhookMessageId(id)), 1);
    const [delivered] = await dbs[0].select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    assert.deepEqual([delivered.status, delivered.attempts], ["delivered", 2]);

    const late = { id, attempts: 1, lease: held.lease, status: "failed" as const, nextAt: null, at: clock.now().toISOString(), statusCode: null, durationMs: 1, excerpt: null, error: "late" };
    assert.equal(await recordAttempts(dbs[0], [late]), 0, "the late outcome is not recorded");
    const [still] = await dbs[0].select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    assert.deepEqual([still.status, still.attempts, still.lastError], ["delivered", 2, null]);
    const logged = await dbs[0].select().from(webhookDeliveryAttempts).where(eq(webhookDeliveryAttempts.deliveryId, id));
    assert.deepEqual(logged.map((r) => r.attempt), [2]);
  });

  test("a claim whose lease is too short to cover a request is given back unsent, its attempt uncounted", async () => {
    const clock = testClock();
    const [id] = await queue(1, clock.now());
    const hasty = new WebhookSender(dbs[0], { now: clock.now, leaseSeconds: 10 });
    assert.equal(await privateUrls(() => hasty.runDue()), 0);
    assert.equal(arrivals.size, 0);
    const [row] = await dbs[0].select().from(webhookDeliveries).where(eq(webhookDeliveries.id, id));
    assert.deepEqual([row.status, row.attempts, row.nextAttemptAt?.getTime()], ["pending", 0, clock.start]);
  });
});
