import { randomBytes } from "node:crypto";
import { count, eq, sql } from "drizzle-orm";
import { pgSchema, serial, text } from "drizzle-orm/pg-core";
import type { Db } from "../../db/client";
import { migrationCount } from "../../db/client";
import { instanceSettings } from "../../db/schema";
import { env } from "../env";

const store = globalThis as typeof globalThis & { __orgdeckAuthSecret?: Promise<string> };

/**
 * The server secret behind session cookies and signed links: AUTH_SECRET, or one generated once and kept in the
 * database so that every instance on one database shares it. (A signing key must stay usable, so it cannot be hashed.)
 */
export function getAuthSecret(db: Db): Promise<string> {
  const configured = env().AUTH_SECRET;
  if (configured) return Promise.resolve(configured);
  store.__orgdeckAuthSecret ??= (async () => {
    await db
      .insert(instanceSettings)
      .values({ key: "auth_secret", value: randomBytes(32).toString("base64url") })
      .onConflictDoNothing();
    const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, "auth_secret"));
    return row.value;
  })();
  store.__orgdeckAuthSecret.catch(() => (store.__orgdeckAuthSecret = undefined));
  return store.__orgdeckAuthSecret;
}

const drizzleMigrations = pgSchema("drizzle").table("__drizzle_migrations", { id: serial("id"), hash: text("hash") });

/** Whether the database answers and every migration of the folder is applied. */
export async function readiness(db: Db) {
  const expected = migrationCount();
  try {
    await db.execute(sql`select 1`);
    const [row] = await db.select({ n: count() }).from(drizzleMigrations);
    return { ready: row.n >= expected, database: "ok", migrations: { applied: row.n, expected } };
  } catch {
    return { ready: false, database: "unreachable", migrations: { applied: null, expected } };
  }
}
