import { and, count, desc, eq, gt, inArray, isNull, lt, or, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../db/client";
import { activityLog, personalApiKeys, users } from "../../db/schema";
import type { AuthUser } from "../auth/principal";
import { USER_CALLERS } from "../auth/principal";
import { listActivityLogInput, type ActivityLogDetail, type ActivityLogEntry } from "../schemas/activity-log";
import { operation } from "./operation";
import { assertSelf } from "./users";
import { Page } from "./page";
import { iso, userBasic } from "./serialize";

type ActivityLogQuery = z.output<typeof listActivityLogInput>;

type ActivityLogFilters = Omit<ActivityLogQuery, "limit" | "offset">;

/** The entries `whose` selects, narrowed by the log's filters: what both the list and the export read. */
export function activityLogWhere(whose: SQL, input: ActivityLogFilters): SQL {
  const filters: SQL[] = [whose];
  if (input.scope) filters.push(eq(activityLog.scope, input.scope));
  if (input.activity) filters.push(eq(activityLog.activity, input.activity));
  if (input.item_id) filters.push(eq(activityLog.itemId, input.item_id));
  if (input.user) filters.push(eq(users.uuid, input.user.toLowerCase()));
  if (input.after) filters.push(gt(activityLog.createdAt, new Date(input.after)));
  if (input.before) filters.push(lt(activityLog.createdAt, new Date(input.before)));
  return and(...filters)!;
}

/** An entry on the wire. */
export function serializeActivityEntry(entry: typeof activityLog.$inferSelect, user: typeof users.$inferSelect | null): ActivityLogEntry {
  return {
    id: entry.id,
    user: user ? userBasic(user) : null,
    is_system: entry.isSystem,
    scope: entry.scope,
    item_id: entry.itemId,
    activity: entry.activity,
    detail: entry.detail as ActivityLogDetail,
    created_at: iso(entry.createdAt),
  };
}

/** One page of the entries `whose` selects, with the log's filters, newest first: every activity log reads through this. */
async function activityLogPage(db: Executor, whose: SQL, input: ActivityLogQuery) {
  const where = activityLogWhere(whose, input);
  const [rows, [total]] = await Promise.all([
    db
      .select({ entry: activityLog, user: users })
      .from(activityLog)
      .leftJoin(users, eq(users.id, activityLog.userId))
      .where(where)
      .orderBy(desc(activityLog.createdAt), desc(activityLog.id))
      .limit(input.limit)
      .offset(input.offset),
    db.select({ n: count() }).from(activityLog).leftJoin(users, eq(users.id, activityLog.userId)).where(where),
  ]);
  const results = rows.map(({ entry, user }) => serializeActivityEntry(entry, user));
  return new Page(results, total.n, { limit: input.limit, offset: input.offset });
}

/** Lists an organization's audit trail, newest first (admins and owners). */
export const listActivityLog = operation({
  permission: "activity_log:read",
  callers: USER_CALLERS,
  input: listActivityLogInput,
  run: async ({ db, organization }, input) => activityLogPage(db, eq(activityLog.organizationId, organization.id), input),
});

/**
 * The entries of no organization that concern this user: what they did themselves (their profile, their keys), and
 * what was done about them or their keys without a user (the admin CLI making their account or a key).
 */
function ownEntries(user: AuthUser): SQL {
  const myKeys = sql`(select ${personalApiKeys.id}::text from ${personalApiKeys} where ${personalApiKeys.userId} = ${user.id})`;
  return and(
    isNull(activityLog.organizationId),
    or(
      eq(activityLog.userId, user.id),
      and(eq(activityLog.scope, "User"), eq(activityLog.itemId, user.uuid)),
      and(eq(activityLog.scope, "PersonalAPIKey"), inArray(activityLog.itemId, myKeys)),
    ),
  )!;
}

/** The caller's own audit trail (profile and personal API keys), newest first, with the organization log's filters. */
export const listMyActivityLog = operation({
  permission: "user:read",
  callers: USER_CALLERS,
  input: listActivityLogInput.extend({ user_id: z.string() }),
  run: async ({ db, user }, { user_id, ...input }) => {
    assertSelf(user, user_id);
    return activityLogPage(db, ownEntries(user), input);
  },
});
