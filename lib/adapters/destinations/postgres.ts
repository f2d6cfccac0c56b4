/** The Postgres destination: rows upserted by id into a table it creates when missing, in one transaction per run. */
import type { Writable } from "node:stream";
import postgres from "postgres";
import { env } from "../../env";
import type { HostResolver } from "../../outbound/resolve-host";
import type { PostgresDestinationConfig } from "../../schemas/batch-export-destinations";
import { ChunkWriter } from "./chunk-writer";
import { copyLineWriter } from "./copy-text";
import { checkedAddresses, hostUrl, probeTcp } from "./network";
import { literal, quoteIdent, tableSql } from "./postgres-sql";
import { DestinationError, errorMessage, runStep, throwIfAborted, type Destination, type ExportColumn, type ExportRow, type ExportRunInput } from "./types";

/** Rows copied into the stage table before each upsert into the target. */
const BATCH_ROWS = 50_000;
const PROBE_TABLE = "orgdeck_connection_test";
/** "there is no unique or exclusion constraint matching the ON CONFLICT specification" */
const NO_UNIQUE_KEY = "42P10";

export type PostgresOptions = { columns: readonly ExportColumn[]; resolver?: HostResolver; batchRows?: number };

/** A Postgres destination that connects only to the addresses its host resolved to when checked. */
export function postgresDestination(config: PostgresDestinationConfig, options: PostgresOptions): Destination {
  const where = `${config.host}:${config.port}`;

  async function withSql<T>(work: (sql: postgres.Sql) => Promise<T>): Promise<T> {
    const [address] = await checkedAddresses(hostUrl(config.host, config.port), options.resolver);
    // Plain connections only where private addresses are allowed (tests, closed networks), as http:// URLs are.
    const ssl = env().ORGDECK_ALLOW_PRIVATE_URLS ? ("prefer" as const) : { servername: config.host, rejectUnauthorized: !config.has_self_signed_cert };
    const sql = postgres({
      host: address,
      port: config.port,
      database: config.database,
      username: config.user,
      password: config.password,
      ssl,
      max: 1,
      connect_timeout: 10,
      prepare: false,
      onnotice: () => {},
      connection: { application_name: "orgdeck batch export" },
    });
    try {
      return await work(sql);
    } catch (err) {
      if (err instanceof DestinationError) throw err;
      throw new DestinationError(`PostgreSQL at ${where}: ${errorMessage(err)}`, { cause: err });
    } finally {
      await sql.end({ timeout: 5 });
    }
  }

  const probe = `${quoteIdent(config.schema)}.${quoteIdent(PROBE_TABLE)}`;
  const steps = [
    {
      step: { name: "Reach the server", description: `Resolve ${config.host} and open a connection to port ${config.port}.` },
      run: async () => probeTcp(config.host, config.port, await checkedAddresses(hostUrl(config.host, config.port), options.resolver)),
    },
    {
      step: { name: "Authenticate", description: `Sign in to the database ${config.database} as ${config.user}.` },
      run: () => withSql(async (sql) => void (await sql`SELECT 1`)),
    },
    {
      step: { name: "Write a probe", description: `Create the schema ${config.schema} if missing and the table ${PROBE_TABLE} in it, with one row.` },
      run: () =>
        withSql((sql) =>
          sql.begin(async (tx) => {
            await tx.unsafe(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(config.schema)}`);
            await tx.unsafe(`CREATE TABLE IF NOT EXISTS ${probe} (id text PRIMARY KEY, written_at timestamptz NOT NULL DEFAULT now())`);
            await tx.unsafe(`INSERT INTO ${probe} (id) VALUES (${literal("probe")}) ON CONFLICT (id) DO UPDATE SET written_at = now()`);
          }),
        ),
    },
    {
      step: { name: "Remove the probe", description: `Drop the table ${PROBE_TABLE} again.` },
      run: () => withSql(async (sql) => void (await sql.unsafe(`DROP TABLE IF EXISTS ${probe}`))),
    },
  ];

  return {
    testSteps: () => steps.map((s) => s.step),
    runTestStep: (index) => runStep(steps, index),
    async exportRun({ rows, signal }: ExportRunInput) {
      const statements = tableSql(config.schema, config.table_name, options.columns);
      const toLine = copyLineWriter(options.columns);
      const batchRows = options.batchRows ?? BATCH_ROWS;
      const source = rows[Symbol.asyncIterator]();
      const count = { rows: 0, bytes: 0 };
      let sourceError: unknown;
      let finished = false;

      /** Copies up to a batch of rows into the stage table through `copy`, one line each. */
      async function batch(copy: Writable): Promise<void> {
        const writer = new ChunkWriter(copy);
        try {
          for (let n = 0; n < batchRows; n += 1) {
            throwIfAborted(signal);
            let next: IteratorResult<ExportRow>;
            try {
              next = await source.next();
            } catch (err) {
              sourceError = err;
              throw err;
            }
            if (next.done) {
              finished = true;
              break;
            }
            const wait = writer.write(toLine(next.value));
            if (wait) await wait;
            count.rows += 1;
          }
          await writer.end();
        } catch (err) {
          // Fails the COPY, so the transaction rolls back.
          copy.destroy(err as Error);
          throw err;
        } finally {
          count.bytes += writer.bytes;
        }
      }

      try {
        await withSql((sql) =>
          sql.begin(async (tx) => {
            await tx.unsafe(statements.lock);
            await tx.unsafe(statements.createSchema);
            await tx.unsafe(statements.createTable);
            await tx.unsafe(statements.createStage);
            while (!finished) {
              const before = count.rows;
              await batch(await tx.unsafe(statements.copyIntoStage).writable());
              if (count.rows === before) break;
              await tx.unsafe(statements.upsert);
              await tx.unsafe(statements.clearStage);
            }
          }),
        );
      } catch (err) {
        if (sourceError instanceof DestinationError) throw sourceError;
        if (sourceError) throw new DestinationError(`Reading the rows failed: ${errorMessage(sourceError)}`, { cause: sourceError });
        if ((err as { cause?: { code?: string } }).cause?.code === NO_UNIQUE_KEY) {
          throw new DestinationError(`The table ${config.schema}.${config.table_name} has no primary key or unique index on id, which rows are upserted by.`, { cause: err });
        }
        throw err;
      } finally {
        // Closes the rows (a database cursor, say) when the run stopped before reading them all.
        if (!finished && !sourceError) await source.return?.();
      }
      return count;
    },
  };
}
