/**
 * Batch-export destination clients, measured alone (not a test): BENCH_ROWS=200000 activity-log-shaped rows exported
 * by one run to each destination on 127.0.0.1, each server in a process of its own: s3rver (a child of this script),
 * a throwaway PostgreSQL (scripts/pg-temp.sh) and an HTTP receiver (a child, verifying every signature). Beside them,
 * PostgreSQL's own `COPY (SELECT …) TO STDOUT` piped into `COPY … FROM STDIN` for the same rows, the yardstick of the
 * Postgres destination. Prints rows/s and the peak resident-memory growth of this process during each run.
 *
 *   flock /tmp/orgdeck-heavy.lock node --import tsx bench/destinations.mjs        (npm run bench:destinations)
 */
import { fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";

const SELF = fileURLToPath(import.meta.url);
const SECRET = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;

/** Child roles: each starts its server on a free port, sends the port to the parent and runs until killed. */
const roles = {
  async s3() {
    const { default: S3rver } = await import("s3rver");
    const directory = mkdtempSync(path.join(tmpdir(), "orgdeck-bench-s3-"));
    process.on("SIGTERM", () => {
      rmSync(directory, { recursive: true, force: true });
      process.exit(0);
    });
    const { port } = await new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: "bench", configs: [] }] }).run();
    return port;
  },
  async receiver() {
    const key = Buffer.from(SECRET.slice(6), "base64");
    let rows = 0;
    let badSignatures = 0;
    const server = createServer((req, res) => {
      const chunks = [];
      req.on("data", (c) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString();
        const id = req.headers["webhook-id"];
        const expected = `v1,${createHmac("sha256", key).update(`${id}.${req.headers["webhook-timestamp"]}.${body}`).digest("base64")}`;
        if (req.headers["webhook-signature"] !== expected) badSignatures += 1;
        rows += JSON.parse(body).rows.length;
        res.writeHead(204).end();
      });
    });
    process.on("message", () => process.send({ rows, badSignatures }));
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    return server.address().port;
  },
};

function child(role) {
  const proc = fork(SELF, [role], { stdio: "inherit" });
  return new Promise((resolve, reject) => {
    proc.once("message", (port) => resolve({ proc, port }));
    proc.once("error", reject);
  });
}

async function freePort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function main() {
  process.env.ORGDECK_ALLOW_PRIVATE_URLS = "1";
  const total = Number(process.env.BENCH_ROWS ?? 200_000);
  const { cleanups, cleanUp, startPostgres, say } = await import("./lib.mjs");
  const { destinationFor } = await import("../lib/adapters/destinations/index.ts");
  const { measured, testRows, TEST_COLUMNS } = await import("../lib/adapters/destinations/test-servers.ts");
  const { default: postgres } = await import("postgres");
  try {
    const s3 = await child("s3");
    cleanups.push(() => s3.proc.kill("SIGTERM"));
    const receiver = await child("receiver");
    cleanups.push(() => receiver.proc.kill("SIGTERM"));
    const pg = await startPostgres(await freePort());
    const pgUrl = new URL(pg.url);
    const destinations = {
      S3: { type: "S3", config: { bucket_name: "bench", region: "us-east-1", prefix: "bench", endpoint_url: `http://127.0.0.1:${s3.port}`, aws_access_key_id: "S3RVER", aws_secret_access_key: "S3RVER", compression: "gzip", file_format: "JSONLines" } },
      Postgres: { type: "Postgres", config: { host: "127.0.0.1", port: Number(pgUrl.port), database: "orgdeck", user: "orgdeck", password: "", schema: "bench", table_name: "activity_log", has_self_signed_cert: false } },
      HTTP: { type: "HTTP", config: { url: `http://127.0.0.1:${receiver.port}/`, secret: SECRET } },
    };
    const run = { exportId: "00000000-0000-4000-8000-000000000001", intervalStart: new Date("2026-01-01T00:00:00Z"), intervalEnd: new Date("2026-01-02T00:00:00Z") };
    say(`${total.toLocaleString("en-US")} rows per run`);
    const rates = {};
    for (const [name, destination] of Object.entries(destinations)) {
      const client = destinationFor(destination, { columns: TEST_COLUMNS });
      const { result, seconds, peakGrowthMiB } = await measured(() => client.exportRun({ ...run, rows: testRows(total) }));
      rates[name] = total / seconds;
      say(`${name.padEnd(9)} ${Math.round(rates[name]).toLocaleString("en-US").padStart(8)} rows/s  ${seconds.toFixed(2)} s  ${(result.bytes / 1048576).toFixed(1)} MiB sent  peak RSS growth ${peakGrowthMiB.toFixed(1)} MiB`);
    }
    const received = await new Promise((resolve) => {
      receiver.proc.once("message", resolve);
      receiver.proc.send("count");
    });
    say(`HTTP receiver: ${received.rows} rows, ${received.badSignatures} bad signatures`);

    const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
    const reader = postgres(pg.url, { max: 1 });
    await sql`CREATE TABLE bench.copy_yardstick (LIKE bench.activity_log INCLUDING ALL)`;
    const began = performance.now();
    await pipeline(await reader`COPY (SELECT * FROM bench.activity_log) TO STDOUT`.readable(), await sql`COPY bench.copy_yardstick FROM STDIN`.writable());
    const copyRate = total / ((performance.now() - began) / 1000);
    await Promise.all([sql.end(), reader.end()]);
    say(`COPY TO STDOUT | COPY FROM STDIN ${Math.round(copyRate).toLocaleString("en-US")} rows/s; Postgres destination at ${(rates.Postgres / copyRate).toFixed(2)} of it`);
  } finally {
    await cleanUp();
  }
}

const role = roles[process.argv[2]];
if (role) role().then((port) => process.send(port));
else await main();
