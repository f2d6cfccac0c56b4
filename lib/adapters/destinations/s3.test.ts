import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { GetObjectCommand, ListObjectsV2Command, S3Client } from "@aws-sdk/client-s3";
import { s3DestinationConfig, type S3DestinationConfig } from "../../schemas/batch-export-destinations";
import { destinationProblem } from "./check";
import { s3Destination, s3ObjectKey } from "./s3";
import { allowPrivateUrls, closableTestRows, closedPort, measured, startS3, testRow, testRows, type TestS3 } from "./test-servers";

const EXPORT_ID = "0b6f6c1e-4c53-4f43-9d1f-3f0f3c8a1a01";
const START = new Date("2026-01-01T10:00:00Z");
const END = new Date("2026-01-01T11:00:00Z");

let s3: TestS3;
let restoreEnv: () => void;
let reader: S3Client;

const configOf = (extra: Partial<Record<keyof S3DestinationConfig, unknown>> = {}) =>
  s3DestinationConfig.parse({
    bucket_name: s3.bucket,
    region: "us-east-1",
    prefix: "/orgdeck/exports/",
    endpoint_url: s3.endpoint,
    aws_access_key_id: "S3RVER",
    aws_secret_access_key: "S3RVER",
    ...extra,
  });

async function keysUnder(prefix: string): Promise<string[]> {
  const listed = await reader.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: prefix }));
  return (listed.Contents ?? []).map((o) => o.Key ?? "");
}

async function linesOf(key: string): Promise<string[]> {
  const object = await reader.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
  const text = gunzipSync(await object.Body!.transformToByteArray()).toString("utf8");
  return text.split("\n").filter(Boolean);
}

describe("S3 destination against s3rver", () => {
  before(async () => {
    restoreEnv = allowPrivateUrls();
    s3 = await startS3();
    reader = new S3Client({
      region: "us-east-1",
      endpoint: s3.endpoint,
      forcePathStyle: true,
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    });
  });
  after(async () => {
    reader.destroy();
    await s3.close();
    restoreEnv();
  });

  test("a run writes one gzip JSON Lines object at <prefix>/<export id>/<interval start>.jsonl.gz", async () => {
    const exportId = "11111111-1111-4111-8111-111111111111";
    const result = await s3Destination(configOf()).exportRun({ exportId, intervalStart: START, intervalEnd: END, rows: testRows(1000) });
    const key = "orgdeck/exports/11111111-1111-4111-8111-111111111111/2026-01-01T10:00:00.000Z.jsonl.gz";
    assert.equal(s3ObjectKey("orgdeck/exports", exportId, START), key);
    assert.deepEqual(await keysUnder(`orgdeck/exports/${exportId}/`), [key]);
    const lines = await linesOf(key);
    assert.equal(lines.length, 1000);
    assert.deepEqual(JSON.parse(lines[7]), JSON.parse(JSON.stringify(testRow(7))));
    assert.equal(result.rows, 1000);
    assert.ok(result.bytes > 0 && result.bytes < lines.join("\n").length, "bytes count the compressed object");
  });

  test("a run that fails half-way leaves no object; its retry writes each row once, and a repeat overwrites it", async () => {
    const destination = s3Destination(configOf());
    const run = { exportId: EXPORT_ID, intervalStart: START, intervalEnd: END };
    const total = 200_000;
    await assert.rejects(destination.exportRun({ ...run, rows: testRows(total, { failAt: 80_000 }) }), /Reading the rows failed: source failed at row 80000/);
    assert.deepEqual(await keysUnder(`orgdeck/exports/${EXPORT_ID}/`), [], "the aborted multipart upload left no object");

    const { result, seconds, peakGrowthMiB } = await measured(() => destination.exportRun({ ...run, rows: testRows(total) }));
    console.log(`# S3: ${total} rows in ${seconds.toFixed(2)} s = ${Math.round(total / seconds)} rows/s, ${(result.bytes / 1048576).toFixed(1)} MiB gzip, peak RSS growth ${peakGrowthMiB.toFixed(1)} MiB`);
    assert.equal(result.rows, total);
    assert.ok(result.bytes > 5 * 1024 * 1024, "large enough to be uploaded in several parts");

    await destination.exportRun({ ...run, rows: testRows(total, { version: 2 }) });
    const keys = await keysUnder(`orgdeck/exports/${EXPORT_ID}/`);
    assert.deepEqual(keys, [s3ObjectKey("orgdeck/exports", EXPORT_ID, START)]);
    const lines = await linesOf(keys[0]);
    assert.equal(lines.length, total);
    const ids = new Set(lines.map((line) => (JSON.parse(line) as { id: string }).id));
    assert.equal(ids.size, total, "no row twice");
    assert.equal((JSON.parse(lines[123]) as { detail: { version: number } }).detail.version, 2, "the repeat replaced the object");
  });

  test("a cancelled run stops with a clear error", async () => {
    const controller = new AbortController();
    controller.abort();
    await assert.rejects(
      s3Destination(configOf()).exportRun({ exportId: EXPORT_ID, intervalStart: END, intervalEnd: END, rows: testRows(10), signal: controller.signal }),
      /cancelled/,
    );
  });

  test("the test steps pass against a good server and leave no probe behind", async () => {
    const destination = s3Destination(configOf({ prefix: "probe-check" }));
    assert.deepEqual(destination.testSteps().map((s) => s.name), ["Reach the endpoint", "Authenticate", "Write a probe", "Remove the probe"]);
    for (let i = 0; i < 4; i += 1) {
      const step = await destination.runTestStep(i);
      assert.deepEqual(step.result, { status: "Passed", message: null }, step.name);
      if (i === 2) assert.deepEqual(await keysUnder("probe-check/"), ["probe-check/.orgdeck-connection-test"]);
    }
    assert.deepEqual(await keysUnder("probe-check/"), []);
  });

  test("the test steps fail with a reason on a closed port, a wrong access key and a missing bucket", async () => {
    const port = await closedPort();
    const closed = await s3Destination(configOf({ endpoint_url: `http://127.0.0.1:${port}` })).runTestStep(0);
    assert.equal(closed.result.status, "Failed");
    assert.match(closed.result.message ?? "", new RegExp(`Could not connect to 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));

    const badKey = await s3Destination(configOf({ aws_access_key_id: "NOT-A-KEY" })).runTestStep(1);
    assert.equal(badKey.result.status, "Failed");
    assert.match(badKey.result.message ?? "", /credentials were refused \(403/);

    const noBucket = await s3Destination(configOf({ bucket_name: "no-such-bucket" })).runTestStep(1);
    assert.equal(noBucket.result.status, "Failed");
    assert.match(noBucket.result.message ?? "", /bucket no-such-bucket does not exist/);

    const source = closableTestRows(200_000);
    await assert.rejects(
      s3Destination(configOf({ aws_access_key_id: "NOT-A-KEY" })).exportRun({ exportId: EXPORT_ID, intervalStart: END, intervalEnd: END, rows: source.rows }),
      /credentials were refused/,
    );
    assert.ok(source.closed(), "a refused upload closes the rows");
    assert.deepEqual(await keysUnder(`orgdeck/exports/${EXPORT_ID}/${END.toISOString()}`), []);
  });

  test("at connection time an http endpoint is refused unless private URLs are allowed", async () => {
    restoreEnv();
    try {
      const refused = await s3Destination(configOf()).runTestStep(1);
      assert.equal(refused.result.status, "Failed");
      assert.match(refused.result.message ?? "", /must start with https/);
    } finally {
      restoreEnv = allowPrivateUrls();
    }
  });

  test("the save-time check refuses a private or malformed endpoint unless private URLs are allowed", () => {
    const destination = { type: "S3" as const, config: configOf() };
    assert.equal(destinationProblem(destination, { allowPrivate: true }), null);
    assert.match(destinationProblem(destination, { allowPrivate: false }) ?? "", /^endpoint_url: .*must start with https/);
    const https = { type: "S3" as const, config: configOf({ endpoint_url: "https://127.0.0.1:9000" }) };
    assert.match(destinationProblem(https) ?? "", /not an IP address/);
    const withPath = { type: "S3" as const, config: configOf({ endpoint_url: "https://s3.example.com/bucket" }) };
    assert.match(destinationProblem(withPath) ?? "", /only the scheme, host and port/);
    assert.equal(destinationProblem({ type: "S3", config: configOf({ endpoint_url: null }) }), null, "AWS itself");
  });
});
