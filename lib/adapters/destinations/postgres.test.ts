import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { pipeline } from "node:stream/promises";
import { after, before, describe, test } from "node:test";
import postgres from "postgres";
import { postgresDestinationConfig, type PostgresDestinationConfig } from "../../schemas/batch-export-destinations";
import { startTestDns } from "../../outbound/test-servers";
import { destinationProblem } from "./check";
import { postgresDestination } from "./postgres";
import { allowPrivateUrls, closedPort, measured, startPostgres, TEST_COLUMNS, testRow, testRows, type TestPostgres } from "./test-servers";

const RUN = { exportId: "5b0e7c0a-7c1d-4d0b-a6c1-1d4e7a3c9b10", intervalStart: new Date("2026-01-01T00:00:00Z"), intervalEnd: new Date("2026-01-02T00:00:00Z") };

let pg: TestPostgres;
let sql: postgres.Sql;
let restoreEnv: () => void;
/** Each test writes into a schema of its own, so that a shared DATABASE_URL is left as it was (but for these schemas). */
const schemas: string[] = [];

function configOf(extra: Partial<Record<keyof PostgresDestinationConfig, unknown>> = {}) {
  const url = new URL(pg.url);
  const schema = `orgdeck_export_test_${randomBytes(4).toString("hex")}`;
  schemas.push(schema);
  return postgresDestinationConfig.parse({
    host: url.hostname,
    port: Number(url.port || 5432),
    database: url.pathname.slice(1),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    schema,
    table_name: "activity_log",
    ...extra,
  });
}

const target = (c: PostgresDestinationConfig) => sql`${sql(c.schema)}.${sql(c.table_name)}`;
const rowCount = async (c: PostgresDestinationConfig) => {
  const [{ exists }] = await sql<{ exists: boolean }[]>`SELECT to_regclass(${`"${c.schema}"."${c.table_name.replaceAll('"', '""')}"`}) IS NOT NULL AS exists`;
  if (!exists) return 0;
  const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM ${target(c)}`;
  return n;
};

describe("Postgres destination against a real PostgreSQL", () => {
  before(async () => {
    restoreEnv = allowPrivateUrls();
    pg = await startPostgres();
    sql = postgres(pg.url, { max: 2, onnotice: () => {} });
  });
  after(async () => {
    for (const schema of schemas) await sql`DROP SCHEMA IF EXISTS ${sql(schema)} CASCADE`;
    await sql.end();
    await pg.close();
    restoreEnv();
  });

  test("a run creates the schema and table, and writes every value as it was (escapes, JSON, arrays)", async () => {
    const c = configOf({ table_name: 'we"ird table' });
    const result = await postgresDestination(c, { columns: TEST_COLUMNS }).exportRun({ ...RUN, rows: testRows(1000) });
    assert.equal(result.rows, 1000);
    assert.ok(result.bytes > 0);
    assert.equal(await rowCount(c), 1000);
    // to_jsonb: postgres.js reads a NULL element of a text[] as the string "NULL".
    const [row] = await sql`SELECT id, created_at, activity, detail, to_jsonb(tags) AS tags, noise FROM ${target(c)} WHERE id = ${testRow(7).id}`;
    const expected = testRow(7);
    assert.deepEqual({ ...row }, { ...expected, detail: JSON.parse(JSON.stringify(expected.detail)) });
    const [key] = await sql`SELECT a.attname FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
      WHERE i.indrelid = ${`"${c.schema}"."${c.table_name.replaceAll('"', '""')}"`}::regclass AND i.indisprimary`;
    assert.equal(key.attname, "id");
  });

  test("a run that fails half-way writes nothing; its retry upserts each row once, and a repeat updates them", async () => {
    const c = configOf();
    const destination = postgresDestination(c, { columns: TEST_COLUMNS });
    const total = 200_000;
    await assert.rejects(destination.exportRun({ ...RUN, rows: testRows(total, { failAt: 80_000 }) }), /Reading the rows failed: source failed at row 80000/);
    assert.equal(await rowCount(c), 0, "the run's one transaction was rolled back");

    const { result, seconds, peakGrowthMiB } = await measured(() => destination.exportRun({ ...RUN, rows: testRows(total) }));
    const rate = total / seconds;
    assert.equal(result.rows, total);
    assert.equal(await rowCount(c), total);

    await destination.exportRun({ ...RUN, rows: testRows(total, { version: 2 }) });
    assert.equal(await rowCount(c), total, "upserted, not inserted again");
    const [{ versions }] = await sql<{ versions: number[] }[]>`SELECT array_agg(DISTINCT (detail->>'version')::int) AS versions FROM ${target(c)}`;
    assert.deepEqual(versions, [2]);

    // PostgreSQL's own copy of the same rows between two tables, as the yardstick for the destination's speed.
    const copyTable = sql`${sql(c.schema)}.${sql("copy_yardstick")}`;
    await sql`CREATE TABLE ${copyTable} (LIKE ${target(c)} INCLUDING ALL)`;
    const reader = postgres(pg.url, { max: 1 });
    const copied = await measured(async () => {
      const out = await reader`COPY (SELECT * FROM ${target(c)}) TO STDOUT`.readable();
      await pipeline(out, await sql`COPY ${copyTable} FROM STDIN`.writable());
    });
    await reader.end();
    const copyRate = total / copied.seconds;
    console.log(
      `# Postgres: ${total} rows in ${seconds.toFixed(2)} s = ${Math.round(rate)} rows/s, peak RSS growth ${peakGrowthMiB.toFixed(1)} MiB;` +
        ` COPY TO STDOUT | COPY FROM STDIN ${Math.round(copyRate)} rows/s; ratio ${(rate / copyRate).toFixed(2)}`,
    );
  });

  test("a row repeated within a run keeps its last copy", async () => {
    const c = configOf();
    async function* rows() {
      yield testRow(1, 1);
      yield testRow(2, 1);
      yield testRow(1, 3);
    }
    await postgresDestination(c, { columns: TEST_COLUMNS }).exportRun({ ...RUN, rows: rows() });
    const found = await sql<{ id: string; version: string }[]>`SELECT id, detail->>'version' AS version FROM ${target(c)} ORDER BY id`;
    assert.deepEqual(found.map((r) => [r.id, r.version]), [[testRow(1).id, "3"], [testRow(2).id, "1"]]);
  });

  test("a run cancelled half-way rolls back and lets go of its connection", async () => {
    const c = configOf();
    const controller = new AbortController();
    let closed = false;
    async function* rows() {
      try {
        for await (const row of testRows(120_000)) {
          if (row.id === testRow(60_000).id) controller.abort();
          yield row;
        }
      } finally {
        closed = true;
      }
    }
    await assert.rejects(postgresDestination(c, { columns: TEST_COLUMNS }).exportRun({ ...RUN, rows: rows(), signal: controller.signal }), /cancelled/);
    assert.equal(await rowCount(c), 0);
    assert.ok(closed, "the rows were closed");
    const [{ n }] = await sql<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'orgdeck batch export'`;
    assert.equal(n, 0);
  });

  test("an existing table without a key on id is named in the error", async () => {
    const c = configOf();
    await sql`CREATE SCHEMA ${sql(c.schema)}`;
    await sql`CREATE TABLE ${target(c)} (id text, created_at timestamptz, activity text, detail jsonb, tags text[], noise text)`;
    await assert.rejects(
      postgresDestination(c, { columns: TEST_COLUMNS }).exportRun({ ...RUN, rows: testRows(3) }),
      new RegExp(`The table ${c.schema}\\.activity_log has no primary key or unique index on id`),
    );
  });

  test("a column type that is not a type name is refused before anything is sent", async () => {
    const c = configOf();
    const columns = [{ name: "id", pgType: "text" }, { name: "x", pgType: "text); DROP TABLE users; --" }];
    await assert.rejects(postgresDestination(c, { columns }).exportRun({ ...RUN, rows: testRows(1) }), /unusable type/);
  });

  test("the test steps pass against the server and remove their probe table", async () => {
    const c = configOf();
    const destination = postgresDestination(c, { columns: TEST_COLUMNS });
    assert.deepEqual(destination.testSteps().map((s) => s.name), ["Reach the server", "Authenticate", "Write a probe", "Remove the probe"]);
    const probe = `"${c.schema}".orgdeck_connection_test`;
    for (let i = 0; i < 4; i += 1) {
      const step = await destination.runTestStep(i);
      assert.deepEqual(step.result, { status: "Passed", message: null }, step.name);
      const [{ exists }] = await sql<{ exists: boolean }[]>`SELECT to_regclass(${probe}) IS NOT NULL AS exists`;
      if (i === 2) assert.ok(exists, "the probe table was written");
      if (i === 3) assert.ok(!exists, "the probe table was removed");
    }
  });

  test("the test steps fail with a reason on a closed port and an unknown user", async () => {
    const port = await closedPort();
    const closed = await postgresDestination(configOf({ port }), { columns: TEST_COLUMNS }).runTestStep(0);
    assert.equal(closed.result.status, "Failed");
    assert.match(closed.result.message ?? "", new RegExp(`Could not connect to 127\\.0\\.0\\.1:${port} \\(ECONNREFUSED\\)`));

    const stranger = await postgresDestination(configOf({ user: "no_such_user", password: "wrong" }), { columns: TEST_COLUMNS }).runTestStep(1);
    assert.equal(stranger.result.status, "Failed");
    assert.match(stranger.result.message ?? "", /PostgreSQL at 127\.0\.0\.1:\d+: .*no_such_user/);
    await assert.rejects(postgresDestination(configOf(), { columns: TEST_COLUMNS }).runTestStep(4), RangeError);
  });

  test("at connection time a host resolving to a private address is refused unless private URLs are allowed", async () => {
    const dns = await startTestDns((name) => (name === "db.example.test" ? ["127.0.0.1"] : undefined));
    const c = configOf({ host: "db.example.test" });
    try {
      restoreEnv();
      const refused = await postgresDestination(c, { columns: TEST_COLUMNS, resolver: dns.resolver }).runTestStep(1);
      assert.equal(refused.result.status, "Failed");
      assert.match(refused.result.message ?? "", /db\.example\.test resolves to 127\.0\.0\.1, a loopback address/);
    } finally {
      restoreEnv = allowPrivateUrls();
    }
    const allowed = await postgresDestination(c, { columns: TEST_COLUMNS, resolver: dns.resolver }).runTestStep(1);
    assert.deepEqual(allowed.result, { status: "Passed", message: null });
    await dns.close();
  });

  test("the save-time check applies the outbound host rules to the host", () => {
    const config = configOf();
    const problem = (host: string, allowPrivate = false) => destinationProblem({ type: "Postgres", config: { ...config, host } }, { allowPrivate });
    assert.equal(problem("db.example.com"), null);
    assert.equal(problem("127.0.0.1", true), null);
    assert.match(problem("127.0.0.1") ?? "", /^host: Use a host name, not an IP address/);
    assert.match(problem("db.internal") ?? "", /^host: db\.internal is a local or internal name/);
    assert.match(problem("postgres://db.example.com") ?? "", /^host: Enter a host name, without a scheme/);
    assert.match(problem("db.example.com:5432") ?? "", /^host: /);
  });
});
