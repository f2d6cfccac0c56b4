import fs from "node:fs";
import path from "node:path";
import type { ExtractTablesWithRelations } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { env } from "../lib/env";
import { acquireDataDirLock, ensurePrivateDir, releaseDataDirLock } from "./lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything queries run on: the database or an open transaction. */
export type Executor = Db | Tx;

export const MIGRATIONS_DIR = path.join(process.cwd(), "db", "migrations");
const MIGRATION_LOCK_ID = 727_070_001;

type Handle = { db: Db; kind: "pglite" | "postgres"; close: () => Promise<void> };

const commitHooks = new WeakMap<object, Array<() => void>>();

/** Makes the database's transactions keep the callbacks `afterCommit` registers on them, and run them once committed. */
function withCommitHooks(db: Db): Db {
  const transaction = db.transaction.bind(db);
  db.transaction = (async (run, config) => {
    const hooks: Array<() => void> = [];
    const result = await transaction((tx) => {
      commitHooks.set(tx, hooks);
      return run(tx);
    }, config);
    for (const hook of hooks) hook();
    return result;
  }) as Db["transaction"];
  return db;
}

/**
 * Runs `callback` once what was written on `executor` is committed: when its transaction commits (never if it rolls
 * back), or at once outside a transaction of this module's handle (each statement commits by itself).
 */
export function afterCommit(executor: Executor, callback: () => void) {
  const hooks = commitHooks.get(executor);
  if (hooks) hooks.push(callback);
  else queueMicrotask(callback);
}

const store = globalThis as typeof globalThis & { __orgdeckDb?: Promise<Handle> };

/** `memory://` keeps an embedded database in memory (tests); anything else is a folder. */
export function isMemoryDataDir() {
  return env().ORGDECK_DATA_DIR === "memory://";
}

async function openPglite(): Promise<Handle> {
  const { PGlite } = await import("@electric-sql/pglite");
  const { pg_trgm } = await import("@electric-sql/pglite/contrib/pg_trgm");
  const { drizzle } = await import("drizzle-orm/pglite");
  const { migrate } = await import("drizzle-orm/pglite/migrator");
  const memory = isMemoryDataDir();
  const dataDir = env().DATA_DIR;
  if (!memory) acquireDataDirLock(dataDir);
  try {
    const pgdata = path.join(dataDir, "pgdata");
    if (!memory) ensurePrivateDir(pgdata);
    const client = await PGlite.create(memory ? undefined : pgdata, { extensions: { pg_trgm } });
    const db = withCommitHooks(drizzle({ client, schema }) as unknown as Db);
    await migrate(db as never, { migrationsFolder: MIGRATIONS_DIR });
    return {
      db,
      kind: "pglite",
      close: async () => {
        await client.close();
        if (!memory) releaseDataDirLock(dataDir);
      },
    };
  } catch (err) {
    if (!memory) releaseDataDirLock(dataDir);
    throw err;
  }
}

type Sql = import("postgres").Sql;

/**
 * drizzle sends every query unprepared unless built with `.prepare(name)`, which costs postgres.js a second round
 * trip per query (to learn parameter types) and PostgreSQL a parse and plan each time. postgres.js caches prepared
 * statements per connection by their text, and our query shapes are few: so every query is sent prepared.
 */
function preparingClient(client: Sql): Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "unsafe") {
        return (query: string, params?: unknown[], options?: object) =>
          target.unsafe(query, params as never, { ...options, prepare: true });
      }
      if (prop === "begin") {
        return (...args: unknown[]) => {
          const callback = args[args.length - 1] as (tx: Sql) => unknown;
          return (target.begin as (...a: unknown[]) => unknown)(...args.slice(0, -1), (tx: Sql) => callback(preparingClient(tx)));
        };
      }
      return Reflect.get(target, prop, receiver);
    },
  });
}

async function openPostgres(url: string): Promise<Handle> {
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const { migrate } = await import("drizzle-orm/postgres-js/migrator");
  // Several instances may start at once: one migrates while the others wait on the advisory lock.
  const migrator = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await migrator`select pg_advisory_lock(${MIGRATION_LOCK_ID})`;
    await migrate(drizzle({ client: migrator }), { migrationsFolder: MIGRATIONS_DIR });
    await migrator`select pg_advisory_unlock(${MIGRATION_LOCK_ID})`;
  } finally {
    await migrator.end();
  }
  const client = postgres(url, { max: 10, onnotice: () => {} });
  return {
    db: withCommitHooks(drizzle({ client: preparingClient(client), schema }) as unknown as Db),
    kind: "postgres",
    close: () => client.end(),
  };
}

/** The process's one database handle, opened and migrated on first use. */
export function getHandle(): Promise<Handle> {
  if (!store.__orgdeckDb) {
    const url = env().DATABASE_URL;
    const opening = url ? openPostgres(url) : openPglite();
    store.__orgdeckDb = opening;
    // A failed open must not stick: the next call tries again.
    opening.catch(() => {
      if (store.__orgdeckDb === opening) store.__orgdeckDb = undefined;
    });
  }
  return store.__orgdeckDb;
}

export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

export async function closeDb() {
  const opening = store.__orgdeckDb;
  store.__orgdeckDb = undefined;
  if (opening) await (await opening).close();
}

/** Names of the migrations in the folder, in order (from drizzle-kit's journal). */
export function migrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(MIGRATIONS_DIR, "meta", "_journal.json"), "utf8"));
  return journal.entries.length;
}
