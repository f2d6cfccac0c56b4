import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, beforeEach, describe, test } from "node:test";
import { generateWebhookSecret } from "../../crypto/standard-webhooks";
import { destinationProblem } from "./check";
import { httpBatchId, httpDestination } from "./http";
import { allowPrivateUrls, closedPort, measured, testRows } from "./test-servers";

const RUN = { exportId: "9a3c7d2e-1f4b-4c5d-8e6f-7a8b9c0d1e2f", intervalStart: new Date("2026-01-01T10:00:00Z"), intervalEnd: new Date("2026-01-01T11:00:00Z") };
const SECRET = generateWebhookSecret();
const FAST_RETRIES = { retryDelaysMs: [10, 20, 40] };

type Batch = { batch_id: string; export_id: string; interval_start: string; interval_end: string; rows: { id: string }[] };

/**
 * A receiver that checks the Standard Webhooks signature (401 when it does not match) and, as the standard asks of
 * receivers, keeps one copy per `webhook-id`. `failing(batch)` may answer a status instead of accepting.
 */
class Receiver {
  server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const id = String(req.headers["webhook-id"]);
      const timestamp = String(req.headers["webhook-timestamp"]);
      const key = Buffer.from(SECRET.slice("whsec_".length), "base64");
      const expected = `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
      this.attempts += 1;
      if (this.secretRequired && req.headers["webhook-signature"] !== expected) return void res.writeHead(401).end();
      if (!this.secretRequired) this.unsigned += req.headers["webhook-signature"] === undefined ? 1 : 0;
      if (Math.abs(Date.now() / 1000 - Number(timestamp)) > 300 && this.secretRequired) return void res.writeHead(401).end();
      const batch = JSON.parse(body) as Batch;
      assert.equal(batch.batch_id, id);
      const status = this.failing(batch);
      if (status) return void res.writeHead(status).end();
      this.rowsReceived += batch.rows.length;
      this.batches.set(id, this.retainRows ? batch : { ...batch, rows: [] });
      this.order.push(id);
      res.writeHead(204).end();
    });
  });
  batches = new Map<string, Batch>();
  order: string[] = [];
  attempts = 0;
  unsigned = 0;
  rowsReceived = 0;
  /** Off for the memory test: the receiver runs in the test's process, so rows it kept would count as the sender's. */
  retainRows = true;
  secretRequired = true;
  failing: (batch: Batch) => number | null = () => null;

  get url() {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/exports`;
  }
  reset() {
    this.batches.clear();
    this.order = [];
    this.attempts = 0;
    this.unsigned = 0;
    this.rowsReceived = 0;
    this.retainRows = true;
    this.secretRequired = true;
    this.failing = () => null;
  }
  rowIds() {
    return [...this.batches.values()].flatMap((b) => b.rows.map((r) => r.id));
  }
}

let receiver: Receiver;
let restoreEnv: () => void;

describe("HTTP destination against a receiver that checks signatures", () => {
  before(async () => {
    restoreEnv = allowPrivateUrls();
    receiver = new Receiver();
    await new Promise<void>((resolve) => receiver.server.listen(0, "127.0.0.1", resolve));
  });
  beforeEach(() => receiver.reset());
  after(async () => {
    receiver.server.closeAllConnections();
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
    restoreEnv();
  });

  test("a run POSTs signed batches of 1,000 rows with stable batch ids and the interval", async () => {
    const destination = httpDestination({ url: receiver.url, secret: SECRET }, FAST_RETRIES);
    const result = await destination.exportRun({ ...RUN, rows: testRows(2500) });
    assert.equal(result.rows, 2500);
    const ids = [0, 1, 2].map((i) => httpBatchId(RUN.exportId, RUN.intervalStart, RUN.intervalEnd, i));
    assert.deepEqual(receiver.order, ids);
    assert.deepEqual([...receiver.batches.values()].map((b) => b.rows.length), [1000, 1000, 500]);
    const first = receiver.batches.get(ids[0])!;
    assert.equal(first.export_id, RUN.exportId);
    assert.equal(first.interval_start, "2026-01-01T10:00:00.000Z");
    assert.equal(first.interval_end, "2026-01-01T11:00:00.000Z");
    assert.equal(receiver.attempts, 3);
    assert.notEqual(httpBatchId(RUN.exportId, RUN.intervalEnd, new Date("2026-01-01T12:00:00Z"), 0), ids[0], "another interval, other ids");
  });

  test("a batch the receiver fails once is sent again and accepted", async () => {
    let failures = 0;
    receiver.failing = (batch) => (batch.rows[0].id === "row-00001000" && failures++ < 2 ? 503 : null);
    await httpDestination({ url: receiver.url, secret: SECRET }, FAST_RETRIES).exportRun({ ...RUN, rows: testRows(2500) });
    assert.equal(receiver.attempts, 5);
    assert.equal(new Set(receiver.rowIds()).size, 2500);
  });

  test("a run that fails half-way fails; its retry resends the same batch ids, so the receiver holds each row once", async () => {
    receiver.failing = (batch) => (batch.rows[0].id === "row-00002000" ? 503 : null);
    const destination = httpDestination({ url: receiver.url, secret: SECRET }, FAST_RETRIES);
    await assert.rejects(destination.exportRun({ ...RUN, rows: testRows(5000) }), /was not accepted: .* answered 503/);
    assert.equal(receiver.batches.size, 2);
    assert.equal(receiver.attempts, 2 + 4, "the failed batch was tried four times");
    const delivered = [...receiver.order];

    receiver.failing = () => null;
    await destination.exportRun({ ...RUN, rows: testRows(5000) });
    assert.deepEqual(receiver.order.slice(0, 2), delivered, "the first batches came again under the same ids");
    assert.equal(receiver.rowIds().length, 5000);
    assert.equal(new Set(receiver.rowIds()).size, 5000);
  });

  test("a refusal no retry would change (400) fails the run at once", async () => {
    receiver.failing = () => 400;
    await assert.rejects(httpDestination({ url: receiver.url, secret: SECRET }, FAST_RETRIES).exportRun({ ...RUN, rows: testRows(10) }), /answered 400/);
    assert.equal(receiver.attempts, 1);
  });

  test("a URL the outbound rules refuse fails the run without retries", async () => {
    restoreEnv();
    try {
      await assert.rejects(
        httpDestination({ url: receiver.url, secret: SECRET }, { retryDelaysMs: [5_000] }).exportRun({ ...RUN, rows: testRows(10) }),
        /must start with https/,
      );
    } finally {
      restoreEnv = allowPrivateUrls();
    }
    assert.equal(receiver.attempts, 0);
  });

  test("without a secret, batches carry their id but no signature", async () => {
    receiver.secretRequired = false;
    await httpDestination({ url: receiver.url, secret: null }).exportRun({ ...RUN, rows: testRows(10) });
    assert.equal(receiver.unsigned, 1);
    assert.equal(receiver.batches.size, 1);
  });

  test("200,000 rows stream through in batches, each received once", async () => {
    const total = 200_000;
    receiver.retainRows = false;
    const { result, seconds, peakGrowthMiB } = await measured(() =>
      httpDestination({ url: receiver.url, secret: SECRET }).exportRun({ ...RUN, rows: testRows(total) }),
    );
    console.log(`# HTTP: ${total} rows in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} rows/s, ${(result.bytes / 1048576).toFixed(1)} MiB sent, peak RSS growth ${peakGrowthMiB.toFixed(1)} MiB`);
    assert.equal(result.rows, total);
    assert.equal(receiver.batches.size, 200);
    assert.equal(receiver.rowsReceived, total);
  });

  test("the test steps pass against the receiver, and fail on a closed port and a wrong secret", async () => {
    const good = httpDestination({ url: receiver.url, secret: SECRET });
    assert.deepEqual(good.testSteps().map((s) => s.name), ["Reach the endpoint", "Deliver a probe"]);
    for (const i of [0, 1]) assert.deepEqual((await good.runTestStep(i)).result, { status: "Passed", message: null });

    const port = await closedPort();
    const closed = await httpDestination({ url: `http://127.0.0.1:${port}/`, secret: SECRET }).runTestStep(0);
    assert.equal(closed.result.status, "Failed");
    assert.match(closed.result.message ?? "", new RegExp(`Could not connect to 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));

    const wrong = await httpDestination({ url: receiver.url, secret: generateWebhookSecret() }).runTestStep(1);
    assert.equal(wrong.result.status, "Failed");
    assert.match(wrong.result.message ?? "", /refused the probe \(401\): check the secret/);
  });

  test("the save-time check applies the outbound URL rules", () => {
    const problem = (url: string, allowPrivate = false) => destinationProblem({ type: "HTTP", config: { url, secret: null } }, { allowPrivate });
    assert.equal(problem("https://hooks.example.com/x"), null);
    assert.equal(problem(receiver.url, true), null);
    assert.match(problem(receiver.url) ?? "", /must start with https/);
    assert.match(problem("https://localhost/x") ?? "", /local or internal name/);
    assert.match(problem("not a url") ?? "", /not a valid URL/);
  });
});
