import { and, asc, desc, eq, exists, inArray, not, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { projectMemberships, projects } from "../../../db/schema";
import { ADMIN, type Level } from "../../auth/permissions";
import { projectLimit, type AuthUser, type Principal } from "../../auth/principal";
import { effectiveProjectLevel, type ProjectLevel } from "../../auth/project-rules";
import { notFound, permissionDenied } from "../../errors";
import type { OrganizationRow } from "../organization-access";

export const PROJECT_SCOPE = "Project";
export const PROJECT_MEMBERSHIP_SCOPE = "ProjectMembership";

export type ProjectRow = typeof projects.$inferSelect;

/** A project the caller reaches, with the caller's effective level in it. */
export type ReachedProject = { row: ProjectRow; effective: Level };

/** What the project operations know of the caller. */
export type ProjectCaller = { principal: Principal; user: AuthUser; organization: OrganizationRow; membership: { level: Level } };

/** A path's project id: an integer, or `@current`; anything else is not found. */
export function parseProjectId(raw: string): number | "@current" {
  if (raw === "@current") return raw;
  if (!/^\d{1,9}$/.test(raw)) throw notFound();
  return Number.parseInt(raw, 10);
}

/** A project-scoped key reaches the projects of its list only. */
export function checkKeyReachesProject(principal: Principal, projectId: number) {
  const limit = projectLimit(principal);
  if (limit !== null && !limit.includes(projectId)) throw permissionDenied(`API key does not have access to the requested project: ID ${projectId}.`);
}

/** The projects of the organization the caller can see: all for its admins, else public ones and private ones they belong to. */
export function visibleProjects({ principal, user, organization, membership }: ProjectCaller): SQL {
  const limit = projectLimit(principal);
  const member = exists(
    sql`(select 1 from ${projectMemberships} where ${projectMemberships.projectId} = ${projects.id} and ${projectMemberships.userId} = ${user.id})`,
  );
  return and(
    eq(projects.organizationId, organization.id),
    not(projects.isPendingDeletion),
    membership.level >= ADMIN ? undefined : or(not(projects.accessControl), member),
    limit === null ? undefined : inArray(projects.id, [...limit]),
  ) as SQL;
}

/** The caller's explicit level in a project, or null. */
export async function projectLevelOf(db: Executor, projectId: number, userId: number): Promise<ProjectLevel | null> {
  const [row] = await db
    .select({ level: projectMemberships.level })
    .from(projectMemberships)
    .where(and(eq(projectMemberships.projectId, projectId), eq(projectMemberships.userId, userId)));
  return (row?.level as ProjectLevel | undefined) ?? null;
}

/** The caller's current project in this organization while they still reach it, else the first one they reach. */
async function currentProjectId(db: Executor, caller: ProjectCaller): Promise<number> {
  const current = caller.user.currentProjectId ?? 0;
  const [row] = await db
    .select({ id: projects.id })
    .from(projects)
    .where(visibleProjects(caller))
    .orderBy(desc(sql`${projects.id} = ${current}`), asc(projects.id))
    .limit(1);
  if (!row) throw notFound();
  return row.id;
}

/**
 * The project of the path as the caller reaches it: another organization's, or a private one without access, is not
 * found; a project outside a project-scoped key's list is refused. A project being deleted is answered (flagged) only
 * when `pending` allows it.
 */
export async function reachProject(
  db: Executor,
  caller: ProjectCaller,
  rawId: string,
  options: { lock?: boolean; pending?: boolean } = {},
): Promise<ReachedProject> {
  const parsed = parseProjectId(rawId);
  const id = parsed === "@current" ? await currentProjectId(db, caller) : parsed;
  checkKeyReachesProject(caller.principal, id);
  const query = db
    .select()
    .from(projects)
    .where(and(eq(projects.id, id), eq(projects.organizationId, caller.organization.id)));
  const [row] = options.lock ? await query.for("update") : await query;
  if (!row || (row.isPendingDeletion && !options.pending)) throw notFound();
  const projectLevel = row.accessControl && caller.membership.level < ADMIN ? await projectLevelOf(db, row.id, caller.user.id) : null;
  const effective = effectiveProjectLevel(caller.membership.level, row.accessControl, projectLevel);
  if (effective === null) throw notFound();
  return { row, effective };
}
