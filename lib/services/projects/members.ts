import { and, asc, count, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { organizationMemberships, projectMemberships, users } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import {
  PROJECT_LEVEL_BY_NAME,
  PROJECT_LEVEL_NAMES,
  projectAccessChangeDenial,
  projectAccessRemovalDenial,
  type ProjectLevel,
} from "../../auth/project-rules";
import { enforce, invalidInput, notFound } from "../../errors";
import { isUuid } from "../../schemas/common";
import { listProjectMembersInput, projectMemberInput, setProjectMemberInput, type ProjectMember } from "../../schemas/project-members";
import { recordActivity } from "../activity";
import { operation } from "../operation";
import { Page } from "../page";
import { iso, userBasic } from "../serialize";
import { PROJECT_MEMBERSHIP_SCOPE, reachProject } from "./access";

type MembershipRow = typeof projectMemberships.$inferSelect;
type UserRow = typeof users.$inferSelect;

function serializeMember(membership: MembershipRow, user: UserRow): ProjectMember {
  return { id: membership.id, user: userBasic(user), level: PROJECT_LEVEL_NAMES[membership.level as ProjectLevel], joined_at: iso(membership.joinedAt) };
}

/** A user of the organization (an active, unsuspended member) by UUID, or null. */
async function organizationUser(db: Executor, organizationId: string, uuid: string) {
  if (!isUuid(uuid)) return null;
  const [row] = await db
    .select({ user: users })
    .from(users)
    .innerJoin(organizationMemberships, eq(organizationMemberships.userId, users.id))
    .where(and(eq(users.uuid, uuid.toLowerCase()), eq(organizationMemberships.organizationId, organizationId), isNull(organizationMemberships.suspendedAt)));
  return row?.user ?? null;
}

/** Who has explicit access to a project (Orgdeck's addition): anyone who reaches the project may look. */
export const listProjectMembers = operation({
  permission: "project:read",
  callers: USER_CALLERS,
  project: true,
  input: listProjectMembersInput,
  run: async (ctx, { id, limit, offset }) => {
    const { row } = await reachProject(ctx.db, ctx, id);
    const where = eq(projectMemberships.projectId, row.id);
    const [rows, [total]] = await Promise.all([
      ctx.db
        .select({ membership: projectMemberships, user: users })
        .from(projectMemberships)
        .innerJoin(users, eq(users.id, projectMemberships.userId))
        .where(where)
        .orderBy(asc(projectMemberships.joinedAt), asc(projectMemberships.id))
        .limit(limit)
        .offset(offset),
      ctx.db.select({ n: count() }).from(projectMemberships).where(where),
    ]);
    return new Page(rows.map((r) => serializeMember(r.membership, r.user)), total.n, { limit, offset });
  },
});

/**
 * Grants a member of the organization access to a private project at a level (`member` or `admin`), or changes it:
 * project admins only, never for themselves. A public project needs no grants (400).
 */
export const setProjectMember = operation({
  permission: "project:write",
  callers: USER_CALLERS,
  project: true,
  input: setProjectMemberInput,
  run: async (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const { row, effective } = await reachProject(tx, ctx, input.id, { lock: true });
      const target = await organizationUser(tx, ctx.organization.id, input.user_uuid);
      if (!target) throw invalidInput("This user is not a member of the organization.", "user_uuid");
      enforce(projectAccessChangeDenial(effective, target.id === ctx.user.id));
      if (!row.accessControl) throw invalidInput("This project is not private: every member of the organization can access it.");
      const level = PROJECT_LEVEL_BY_NAME[input.level];
      const [before] = await tx
        .select()
        .from(projectMemberships)
        .where(and(eq(projectMemberships.projectId, row.id), eq(projectMemberships.userId, target.id)));
      const [membership] = before
        ? await tx.update(projectMemberships).set({ level }).where(eq(projectMemberships.id, before.id)).returning()
        : await tx.insert(projectMemberships).values({ projectId: row.id, userId: target.id, level, joinedAt: ctx.now }).returning();
      if (before?.level !== level) {
        const change = { type: PROJECT_MEMBERSHIP_SCOPE, field: "level", action: before ? "changed" : "created", before: before ? PROJECT_LEVEL_NAMES[before.level as ProjectLevel] : null, after: input.level } as const;
        await recordActivity(
          tx,
          ctx.principal,
          { organizationId: ctx.organization.id, scope: PROJECT_MEMBERSHIP_SCOPE, itemId: membership.id, activity: before ? "updated" : "created", name: `${target.email} in ${row.name}`, changes: [change] },
          ctx.now,
        );
      }
      return serializeMember(membership, target);
    }),
});

/** Takes someone's explicit access to a project away: project admins, or the person themselves. */
export const removeProjectMember = operation({
  permission: "project:write",
  callers: USER_CALLERS,
  project: true,
  input: projectMemberInput,
  run: async (ctx, input) =>
    ctx.db.transaction(async (tx) => {
      const { row, effective } = await reachProject(tx, ctx, input.id, { lock: true });
      const target = isUuid(input.user_uuid) ? (await tx.select().from(users).where(eq(users.uuid, input.user_uuid.toLowerCase())))[0] : undefined;
      const [membership] = target
        ? await tx.select().from(projectMemberships).where(and(eq(projectMemberships.projectId, row.id), eq(projectMemberships.userId, target.id)))
        : [];
      if (!target || !membership) throw notFound();
      enforce(projectAccessRemovalDenial(effective, target.id === ctx.user.id));
      await tx.delete(projectMemberships).where(eq(projectMemberships.id, membership.id));
      const change = { type: PROJECT_MEMBERSHIP_SCOPE, field: "level", action: "deleted", before: PROJECT_LEVEL_NAMES[membership.level as ProjectLevel], after: null } as const;
      await recordActivity(
        tx,
        ctx.principal,
        { organizationId: ctx.organization.id, scope: PROJECT_MEMBERSHIP_SCOPE, itemId: membership.id, activity: "deleted", name: `${target.email} in ${row.name}`, changes: [change] },
        ctx.now,
      );
      return null;
    }),
});
