import { and, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { sessions, users } from "../../db/schema";
import { SESSION_MAX_AGE_SECONDS } from "../auth/cookies";
import { generateSessionToken, sha256 } from "../auth/tokens";
import { env } from "../env";
import { hotQuery } from "./prepared";

/** Stores a session by its token's hash; the token itself lives only in the cookie. */
export async function createSessionRow(
  db: Executor,
  values: { userId: number; token?: string; expires?: Date; mfa?: boolean; now?: Date },
) {
  const now = values.now ?? new Date();
  const token = values.token ?? generateSessionToken();
  const expires = values.expires ?? new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000);
  const [row] = await db
    .insert(sessions)
    .values({ tokenHash: sha256(token), userId: values.userId, expires, signedInAt: now, mfa: values.mfa ?? false, createdAt: now })
    .returning();
  return { token, session: row };
}

const sessionByHash = (e: Executor) =>
  e
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder("hash")),
        gt(sessions.expires, sql.placeholder("now")),
        gt(sessions.signedInAt, sql.placeholder("signedInAfter")),
        eq(users.isActive, true),
      ),
    )
    .prepare("session_by_hash");

/**
 * The session of a cookie's token, with its active user (every cookie-authenticated request): unexpired, and signed in
 * less than SESSION_MAX_AGE ago however often it was extended.
 */
export async function findSessionByToken(db: Executor, token: string, now = new Date()) {
  const signedInAfter = new Date(now.getTime() - env().SESSION_MAX_AGE * 1000).toISOString();
  const [row] = await hotQuery(db, "session_by_hash", sessionByHash).execute({ hash: sha256(token), now: now.toISOString(), signedInAfter });
  return row ?? null;
}

export async function updateSessionExpiry(db: Executor, token: string, expires: Date) {
  const [row] = await db.update(sessions).set({ expires }).where(eq(sessions.tokenHash, sha256(token))).returning();
  return row ?? null;
}

export async function deleteSessionByToken(db: Executor, token: string) {
  const [row] = await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token))).returning();
  return row ?? null;
}

export async function deleteUserSessions(db: Executor, userId: number) {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
