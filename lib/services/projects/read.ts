import { and, asc, count, ilike } from "drizzle-orm";
import { projects } from "../../../db/schema";
import { USER_CALLERS } from "../../auth/principal";
import { listProjectsInput, projectIdInput } from "../../schemas/projects";
import { operation } from "../operation";
import { Page } from "../page";
import { reachProject, visibleProjects } from "./access";
import { serializeProject, serializeProjectBasic } from "./serialize";

/** A LIKE pattern that matches the text literally anywhere. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Lists the projects the caller reaches, by id: admins see every one, members the public ones and the private ones
 * they belong to, a project-scoped key only its projects; projects being deleted are left out.
 */
export const listProjects = operation({
  permission: "project:read",
  callers: USER_CALLERS,
  project: true,
  input: listProjectsInput,
  run: async (ctx, { limit, offset, search }) => {
    const where = and(visibleProjects(ctx), search ? ilike(projects.name, containing(search)) : undefined);
    const [rows, [total]] = await Promise.all([
      ctx.db.select().from(projects).where(where).orderBy(asc(projects.id)).limit(limit).offset(offset),
      ctx.db.select({ n: count() }).from(projects).where(where),
    ]);
    return new Page(rows.map(serializeProjectBasic), total.n, { limit, offset });
  },
});

/**
 * One project, by id or `@current` (the caller's current project while they reach it, else the first they reach). A
 * project being deleted is still answered, flagged `is_pending_deletion`, until the deletion job removes it.
 */
export const getProject = operation({
  permission: "project:read",
  callers: USER_CALLERS,
  project: true,
  input: projectIdInput,
  run: async (ctx, { id }) => {
    const { row, effective } = await reachProject(ctx.db, ctx, id, { pending: true });
    return serializeProject(row, effective);
  },
});
