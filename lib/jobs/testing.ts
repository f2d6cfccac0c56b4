import { randomBytes } from "node:crypto";
import { eq, like } from "drizzle-orm";
import { getDb, type Db } from "../../db/client";
import * as schema from "../../db/schema";
import { env } from "../env";

const DAY_MS = 24 * 60 * 60 * 1000;
let era = Date.UTC(1990, 0, 1) + Math.floor(Math.random() * 100) * 30 * DAY_MS;

/**
 * A test's own clock, set in a month of the 1990s that no other test of this run uses: its runners find due only the
 * jobs the test made due then, never real work of the shared database (always later).
 */
export function testClock() {
  era += 30 * DAY_MS;
  const start = era;
  let at = start;
  return {
    start,
    now: () => new Date(at),
    /** Moves the clock to `ms` after the start. */
    set: (ms: number) => {
      at = start + ms;
    },
  };
}

/** A prefix for a test's job kinds and schedule names; `cleanUp` deletes what carries it. */
export function testTag() {
  const prefix = `t.${randomBytes(4).toString("hex")}.`;
  return {
    kind: (name: string) => prefix + name,
    cleanUp: async () => {
      const db = await getDb();
      await db.delete(schema.jobs).where(like(schema.jobs.kind, `${prefix}%`));
      await db.delete(schema.jobSchedules).where(like(schema.jobSchedules.name, `${prefix}%`));
    },
  };
}

/** The rows of one kind. */
export async function jobsOf(kind: string) {
  return (await getDb()).select().from(schema.jobs).where(eq(schema.jobs.kind, kind));
}

/**
 * Two database handles as two instances hold them: with DATABASE_URL, two postgres.js clients with their own
 * connection pools; on PGlite, the one in-process database twice (its runners still interleave).
 */
export async function twoInstances(): Promise<{ dbs: [Db, Db]; close: () => Promise<void> }> {
  const db = await getDb(); // opened and migrated
  const url = env().DATABASE_URL;
  if (!url) return { dbs: [db, db], close: async () => {} };
  const { default: postgres } = await import("postgres");
  const { drizzle } = await import("drizzle-orm/postgres-js");
  const clients = [postgres(url, { max: 4, onnotice: () => {} }), postgres(url, { max: 4, onnotice: () => {} })];
  const [a, b] = clients.map((client) => drizzle({ client, schema }) as unknown as Db);
  return { dbs: [a, b], close: async () => void (await Promise.all(clients.map((c) => c.end()))) };
}
