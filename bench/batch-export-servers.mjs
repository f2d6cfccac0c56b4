/**
 * The destinations' servers of bench/batch-exports.mjs, each in a child process of its own (so the app's process and
 * the servers never share an event loop or a heap): `node bench/batch-export-servers.mjs s3 <port> <dir>` runs s3rver
 * with one bucket `exports` (keys S3RVER/S3RVER) storing into <dir>; `… http <port> <secret>` runs a receiver that
 * answers 200 to each POSTed batch once it has checked its Standard Webhooks signature, parsed it and counted its rows.
 * Driven over IPC by the parent:
 *   (on start)                           -> { type: "listening" }
 *   { type: "reset" }                    -> { type: "reset" }                      (http: forget what arrived)
 *   { type: "stats" }                    -> { type: "stats", … }                   (http: batches, rows, duplicates, bad signatures)
 *   { type: "object", key }              -> { type: "object", bytes, rows, unique_ids, bad_lines }   (s3: read one object back)
 */
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import readline from "node:readline";
import { createGunzip } from "node:zlib";
import { keyOf, verify } from "./standard-webhooks.mjs";

const S3_BUCKET = "exports";

const [kind, portArg, arg] = process.argv.slice(2);
const port = Number(portArg);

function newStats() {
  return { batches: 0, rows: 0, ids: new Set(), batchIds: new Set(), duplicateBatches: 0, duplicateRows: 0, bad: 0, unparsable: 0, bytes: 0 };
}

/** The receiver: checks the signature, parses the batch and counts its rows (and repeats of a batch id or a row id). */
async function receiver(secret) {
  const key = keyOf(secret);
  let stats = newStats();
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      stats.bytes += Buffer.byteLength(body);
      if (!verify(key, req.headers, body)) {
        stats.bad += 1;
        res.writeHead(401).end();
        return;
      }
      let batch;
      try {
        batch = JSON.parse(body);
      } catch {
        stats.unparsable += 1;
        res.writeHead(400).end();
        return;
      }
      // The connection test's probe is an empty batch marked `test`; it is no part of a run.
      if (!batch.test) {
        if (stats.batchIds.has(batch.batch_id)) stats.duplicateBatches += 1;
        stats.batchIds.add(batch.batch_id);
        stats.batches += 1;
        for (const row of batch.rows) {
          if (stats.ids.has(row.id)) stats.duplicateRows += 1;
          stats.ids.add(row.id);
          stats.rows += 1;
        }
      }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  return (msg) => {
    if (msg.type === "reset") {
      stats = newStats();
      return { type: "reset" };
    }
    if (msg.type === "stats") {
      const { ids, batchIds: _batchIds, ...counts } = stats;
      return { type: "stats", ...counts, unique_rows: ids.size };
    }
    throw new Error(`the receiver does not know ${msg.type}`);
  };
}

/** Reads an object s3rver stored back: gunzips it and counts its JSON lines and their distinct ids. */
async function readObject(directory, key) {
  const file = path.join(directory, S3_BUCKET, `${key}._S3rver_object`);
  const bytes = fs.statSync(file).size;
  const ids = new Set();
  let rows = 0;
  let badLines = 0;
  const lines = readline.createInterface({ input: fs.createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    if (!line) continue;
    rows += 1;
    try {
      ids.add(JSON.parse(line).id);
    } catch {
      badLines += 1;
    }
  }
  return { type: "object", bytes, rows, unique_ids: ids.size, bad_lines: badLines };
}

async function s3(directory) {
  const { default: S3rver } = await import("s3rver");
  const server = new S3rver({ address: "127.0.0.1", port, silent: true, directory, configureBuckets: [{ name: S3_BUCKET, configs: [] }] });
  await server.run();
  return async (msg) => {
    if (msg.type === "object") return readObject(directory, msg.key);
    if (msg.type === "reset") return { type: "reset" };
    throw new Error(`the S3 server does not know ${msg.type}`);
  };
}

async function main() {
  const handle = kind === "s3" ? await s3(arg) : kind === "http" ? await receiver(arg) : null;
  if (!handle) throw new Error(`usage: batch-export-servers.mjs s3 <port> <dir> | http <port> <secret>`);
  process.on("message", async (msg) => {
    try {
      process.send(await handle(msg));
    } catch (err) {
      process.send({ type: "error", message: String(err?.stack ?? err) });
    }
  });
  process.send({ type: "listening" });
}

process.on("disconnect", () => process.exit(0));
main().catch((err) => {
  process.stderr.write(`${kind} server failed: ${err.stack ?? err}\n`);
  process.exit(1);
});
