import { lt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { rateLimitWindows } from "../../db/schema";
import { env } from "../env";
import { throttled } from "../errors";

/** One abuse limit: at most `max` events per bucket in each fixed window of `windowSeconds`. */
export type RateLimit = { name: string; max: number; windowSeconds: number };

export const invitesPerOrganization = (): RateLimit => ({ name: "invites", max: env().RATE_LIMIT_INVITES_PER_HOUR, windowSeconds: 3600 });
export const signInsPerClient = (): RateLimit => ({ name: "sign-ins", max: env().RATE_LIMIT_SIGNINS_PER_MINUTE, windowSeconds: 60 });
export const directoryLookupsPerCaller = (): RateLimit => ({ name: "directory-lookups", max: env().RATE_LIMIT_DIRECTORY_LOOKUPS_PER_MINUTE, windowSeconds: 60 });

/**
 * Counts `amount` events for `subject` (an organization, a client address) in the database, so every instance shares
 * the count, and throws 429 with the seconds left in the window when it goes over. Inside a transaction that then
 * fails, the count is rolled back with it: only what happened is counted.
 */
export async function consumeRateLimit(db: Executor, limit: RateLimit, subject: string, now: Date, amount = 1) {
  const windowMs = limit.windowSeconds * 1000;
  const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
  const bucket = `${limit.name}:${subject}`.slice(0, 200);
  const [row] = await db
    .insert(rateLimitWindows)
    .values({ bucket, windowStart, count: amount })
    .onConflictDoUpdate({
      target: [rateLimitWindows.bucket, rateLimitWindows.windowStart],
      set: { count: sql`${rateLimitWindows.count} + ${amount}` },
    })
    .returning({ count: rateLimitWindows.count });
  if (row.count > limit.max) {
    throw throttled(Math.max(1, Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000)));
  }
}

/** Deletes windows that ended over a day ago (the longest window is an hour). */
export async function pruneRateLimitWindows(db: Executor, now: Date) {
  const deleted = await db
    .delete(rateLimitWindows)
    .where(lt(rateLimitWindows.windowStart, new Date(now.getTime() - 24 * 60 * 60 * 1000)))
    .returning({ bucket: rateLimitWindows.bucket });
  return deleted.length;
}
