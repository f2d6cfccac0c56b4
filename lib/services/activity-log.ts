import { and, count, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import { activityLog, users } from "../../db/schema";
import { listActivityLogInput, type ActivityLogDetail, type ActivityLogEntry } from "../schemas/activity-log";
import { USER_CALLERS } from "../auth/principal";
import { operation } from "./operation";
import { Page } from "./page";
import { iso, userBasic } from "./serialize";

/** Lists an organization's audit trail, newest first (admins and owners). */
export const listActivityLog = operation({
  permission: "activity_log:read",
  callers: USER_CALLERS,
  input: listActivityLogInput,
  run: async ({ db, organization }, input) => {
    const filters: SQL[] = [eq(activityLog.organizationId, organization.id)];
    if (input.scope) filters.push(eq(activityLog.scope, input.scope));
    if (input.activity) filters.push(eq(activityLog.activity, input.activity));
    if (input.item_id) filters.push(eq(activityLog.itemId, input.item_id));
    if (input.user) filters.push(eq(users.uuid, input.user.toLowerCase()));
    if (input.after) filters.push(gt(activityLog.createdAt, new Date(input.after)));
    if (input.before) filters.push(lt(activityLog.createdAt, new Date(input.before)));
    const where = and(...filters);
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
    const results = rows.map(({ entry, user }): ActivityLogEntry => ({
      id: entry.id,
      user: user ? userBasic(user) : null,
      is_system: entry.isSystem,
      scope: entry.scope,
      item_id: entry.itemId,
      activity: entry.activity,
      detail: entry.detail as ActivityLogDetail,
      created_at: iso(entry.createdAt),
    }));
    return new Page(results, total.n, { limit: input.limit, offset: input.offset });
  },
});
