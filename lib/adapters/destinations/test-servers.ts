/** Test-only: real local servers for the destination tests (s3rver, PostgreSQL), rows to export, and the env switch. */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net, { type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import S3rver from "s3rver";
import { resetEnvCache } from "../../env";
import type { ExportColumn, ExportRow } from "./types";

const run = promisify(execFile);

/** Sets ORGDECK_ALLOW_PRIVATE_URLS=1 (the servers are on 127.0.0.1); the returned function restores it. */
export function allowPrivateUrls(): () => void {
  const saved = process.env.ORGDECK_ALLOW_PRIVATE_URLS;
  process.env.ORGDECK_ALLOW_PRIVATE_URLS = "1";
  resetEnvCache();
  return () => {
    if (saved === undefined) delete process.env.ORGDECK_ALLOW_PRIVATE_URLS;
    else process.env.ORGDECK_ALLOW_PRIVATE_URLS = saved;
    resetEnvCache();
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export type TestS3 = { endpoint: string; bucket: string; close(): Promise<void> };

/** s3rver on 127.0.0.1 with one bucket, in a temp folder removed on close; its only key pair is S3RVER/S3RVER. */
export async function startS3(bucket = "exports"): Promise<TestS3> {
  const directory = await mkdtemp(path.join(tmpdir(), "orgdeck-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    close: async () => {
      await server.close();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

export type TestPostgres = { url: string; close(): Promise<void> };

/** DATABASE_URL when it names a PostgreSQL server; otherwise a throwaway one from scripts/pg-temp.sh, stopped on close. */
export async function startPostgres(): Promise<TestPostgres> {
  const given = process.env.DATABASE_URL;
  if (given && /^postgres(ql)?:\/\//.test(given)) return { url: given, close: async () => {} };
  const port = await closedPort();
  const { stdout } = await run("bash", [path.resolve("scripts/pg-temp.sh"), "start", String(port)]);
  const dir = /PG_TEMP_DIR=(\S+)/.exec(stdout)?.[1];
  const url = /DATABASE_URL=(\S+)/.exec(stdout)?.[1];
  if (!dir || !url) throw new Error(`scripts/pg-temp.sh printed no DATABASE_URL: ${stdout}`);
  return { url, close: async () => void (await run("bash", [path.resolve("scripts/pg-temp.sh"), "stop", dir])) };
}

/** The columns of the test rows, shaped like an activity-log entry. */
export const TEST_COLUMNS: ExportColumn[] = [
  { name: "id", pgType: "text" },
  { name: "created_at", pgType: "timestamptz" },
  { name: "activity", pgType: "text" },
  { name: "detail", pgType: "jsonb" },
  { name: "tags", pgType: "text[]" },
  { name: "noise", pgType: "text" },
];

/** 48 bytes of noise per row, so that compressed output grows like real data's (and S3 uploads span several parts). */
const noise = (i: number, version: number) => createHash("sha384").update(`${i}:${version}`).digest("hex");

/** Row `i` of a test export: the same for the same `i` and version, with text that needs escaping in every format. */
export function testRow(i: number, version = 1): ExportRow {
  return {
    id: `row-${String(i).padStart(8, "0")}`,
    created_at: new Date(Date.UTC(2026, 0, 1) + i * 1000),
    activity: i % 7 === 0 ? `tab\there "quote" back\\slash\nline ${i}` : `updated ${i}`,
    detail: { version, n: i, name: `member ${i}`, note: i % 11 === 0 ? null : "ünïcode ✓" },
    tags: i % 3 === 0 ? [] : ["a", `b,${i}`, null],
    noise: noise(i, version),
  };
}

/** `count` test rows that say whether whoever read them closed them (as a run must close a database cursor). */
export function closableTestRows(count: number): { rows: AsyncGenerator<ExportRow>; closed: () => boolean } {
  let closed = false;
  async function* rows() {
    try {
      yield* testRows(count);
    } finally {
      closed = true;
    }
  }
  return { rows: rows(), closed: () => closed };
}

/** `count` test rows as a stream; `failAt` throws when that row is reached, as a source query failing half-way would. */
export async function* testRows(count: number, options: { failAt?: number; version?: number } = {}): AsyncGenerator<ExportRow> {
  for (let i = 0; i < count; i += 1) {
    if (i === options.failAt) throw new Error(`source failed at row ${i}`);
    yield testRow(i, options.version);
  }
}

/**
 * Runs `fn`, sampling resident memory every 20 ms: the peak's growth over the start (MiB), and the time taken. The
 * tests print them; memory is judged by bench/batch-exports.mjs in a process of its own, since in a shared test
 * process the figure is too noisy to assert on.
 */
export async function measured<T>(fn: () => Promise<T>): Promise<{ result: T; seconds: number; peakGrowthMiB: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const start = process.memoryUsage().rss;
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const began = performance.now();
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, seconds: (performance.now() - began) / 1000, peakGrowthMiB: (peak - start) / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
