import postgres from "postgres";
import { POOL_OPTIONS } from "../../queries.mjs";

const store = globalThis as typeof globalThis & { __benchSql?: postgres.Sql };

/** One postgres.js pool per process, sized like our server's (db/client.ts). */
export function db(): postgres.Sql {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is required");
  return (store.__benchSql ??= postgres(url, POOL_OPTIONS));
}

/** BENCH_PREPARE=0 runs unnamed, unprepared statements as drizzle does; postgres.js prepares them by default. */
export const prepare = process.env.BENCH_PREPARE !== "0";
