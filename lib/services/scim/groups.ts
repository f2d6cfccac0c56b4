import { and, asc, count, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { scimGroupMembers, scimGroups, scimUsers } from "../../../db/schema";
import type { ScimTarget } from "../../auth/principal";
import { AppError, invalidInput, notFound } from "../../errors";
import { env } from "../../env";
import { isUuid } from "../../schemas/common";
import { SCIM_SCHEMAS, scimListInput, scimPatchBody, scimResourceBody, scimResourceIdInput, scimResourceWithId } from "../../schemas/scim";
import { isUniqueViolation } from "../db-errors";
import { operation, type OrgContext } from "../operation";
import { Page } from "../page";
import { syncLevels } from "./memberships";
import { applyPatch, clientAttributes, projectResource, schemasOf, withoutNulls, type ScimObject } from "./resource";
import { filterCondition, tenantColumns, tenantOf } from "./users";

type ScimContext = OrgContext<"scim">;
type GroupRow = typeof scimGroups.$inferSelect;
type Member = { value: string; display: string };
const SCIM = ["scim"] as const;

async function membersOf(db: Executor, groupIds: string[]): Promise<Map<string, Member[]>> {
  const byGroup = new Map<string, Member[]>(groupIds.map((id) => [id, []]));
  if (groupIds.length === 0) return byGroup;
  const rows = await db
    .select({ groupId: scimGroupMembers.groupId, value: scimUsers.id, display: scimUsers.userName })
    .from(scimGroupMembers)
    .innerJoin(scimUsers, eq(scimUsers.id, scimGroupMembers.scimUserId))
    .where(inArray(scimGroupMembers.groupId, groupIds))
    .orderBy(asc(scimGroupMembers.createdAt), asc(scimUsers.id));
  for (const { groupId, ...member } of rows) byGroup.get(groupId)!.push(member);
  return byGroup;
}

/** A group as RFC 7643 writes it; `members` always present (`[]` when empty) unless excluded. */
function serializeGroup(row: GroupRow, members: Member[]): ScimObject {
  const base = `${env().SITE_URL}/scim/v2/${row.tenantId}`;
  return withoutNulls({
    schemas: schemasOf(SCIM_SCHEMAS.group, row.resource),
    id: row.id,
    ...row.resource,
    displayName: row.displayName,
    externalId: row.externalId,
    members: members.map((m) => ({ value: m.value, display: m.display, $ref: `${base}/Users/${m.value}` })),
    meta: { resourceType: "Group", created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${base}/Groups/${row.id}` },
  });
}

async function groupOf(db: Executor, target: ScimTarget, id: string, { lock = false } = {}) {
  if (!isUuid(id)) throw notFound("Group not found.");
  const query = db.select().from(scimGroups).where(and(eq(scimGroups.tenantId, target.id), eq(scimGroups.id, id.toLowerCase())));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) throw notFound("Group not found.");
  return row;
}

/** A group resource's own fields: `displayName` required; `members` read separately (ids of this tenant's users). */
function groupFields(body: ScimObject) {
  const displayName = typeof body.displayName === "string" ? body.displayName.trim() : "";
  if (!displayName || displayName.length > 255) throw invalidInput("displayName is required (at most 255 characters).", "displayName");
  const externalId = typeof body.externalId === "string" && body.externalId ? body.externalId.slice(0, 255) : null;
  const { members: _members, displayName: _name, externalId: _external, ...resource } = clientAttributes(body);
  const members = Array.isArray(body.members) ? body.members : [];
  const ids = [...new Set(members.map((m) => (m && typeof m === "object" ? (m as { value?: unknown }).value : m)).map(String))];
  return { displayName, externalId, resource, memberIds: ids };
}

/** Makes the group's members exactly these users of the tenant (unknown ids refused), then their levels follow. */
async function setMembers(ctx: ScimContext, tx: Executor, group: GroupRow, memberIds: string[]) {
  const wanted = memberIds.filter(isUuid).map((id) => id.toLowerCase());
  if (wanted.length !== memberIds.length) throw invalidInput("members: every value must be the id of a user of this SCIM tenant.", "members");
  const known = wanted.length ? await tx.select({ id: scimUsers.id, userId: scimUsers.userId }).from(scimUsers).where(and(eq(scimUsers.tenantId, group.tenantId), inArray(scimUsers.id, wanted))) : [];
  if (known.length !== wanted.length) throw invalidInput("members: every value must be the id of a user of this SCIM tenant.", "members");
  const current = await tx
    .select({ id: scimGroupMembers.scimUserId, userId: scimUsers.userId })
    .from(scimGroupMembers)
    .innerJoin(scimUsers, eq(scimUsers.id, scimGroupMembers.scimUserId))
    .where(eq(scimGroupMembers.groupId, group.id));
  const removed = current.filter((c) => !wanted.includes(c.id));
  const added = known.filter((k) => !current.some((c) => c.id === k.id));
  if (removed.length) await tx.delete(scimGroupMembers).where(and(eq(scimGroupMembers.groupId, group.id), inArray(scimGroupMembers.scimUserId, removed.map((r) => r.id))));
  if (added.length) await tx.insert(scimGroupMembers).values(added.map((a) => ({ groupId: group.id, scimUserId: a.id, createdAt: ctx.now }))).onConflictDoNothing();
  await syncLevels(tx, ctx.organization.id, ctx.principal, [...removed, ...added].map((m) => m.userId), ctx.now);
}

const uniqueName = (err: unknown): never => {
  if (isUniqueViolation(err)) throw new AppError("conflict", { detail: "A group with this displayName already exists." });
  throw err;
};

export const listScimGroups = operation({
  permission: "organization_member:read",
  callers: SCIM,
  input: scimListInput,
  run: async ({ db, principal }: ScimContext, input) => {
    const target = tenantOf(principal);
    const where = and(eq(scimGroups.tenantId, target.id), filterCondition(input.filter, "Group"));
    const offset = input.startIndex - 1;
    const [rows, [total]] = await Promise.all([
      input.count === 0 ? [] : db.select().from(scimGroups).where(where).orderBy(asc(scimGroups.createdAt), asc(scimGroups.id)).limit(input.count).offset(offset),
      db.select({ n: count() }).from(scimGroups).where(where),
    ]);
    const skipMembers = /(^|,)\s*members\s*(,|$)/i.test(input.excludedAttributes ?? "");
    const members = skipMembers ? new Map<string, Member[]>() : await membersOf(db, rows.map((r) => r.id));
    return new Page(rows.map((row) => projectResource(serializeGroup(row, members.get(row.id) ?? []), input)), total.n, { limit: input.count, offset });
  },
});

export const getScimGroup = operation({
  permission: "organization_member:read",
  callers: SCIM,
  input: scimResourceIdInput,
  run: async ({ db, principal }: ScimContext, input) => {
    const row = await groupOf(db, tenantOf(principal), input.id);
    return projectResource(serializeGroup(row, (await membersOf(db, [row.id])).get(row.id)!), input);
  },
});

/** A group of the tenant, its displayName unique there (409 `uniqueness`); members, when sent, are this tenant's users. */
export const createScimGroup = operation({
  permission: "organization_member:write",
  callers: SCIM,
  input: scimResourceBody,
  run: async (ctx: ScimContext, input) => {
    const target = tenantOf(ctx.principal);
    const fields = groupFields(input);
    const row = await ctx.db
      .transaction(async (tx) => {
        const [created] = await tx
          .insert(scimGroups)
          .values({ organizationId: ctx.organization.id, ...tenantColumns(target), displayName: fields.displayName, externalId: fields.externalId, resource: fields.resource, createdAt: ctx.now, updatedAt: ctx.now })
          .returning();
        await setMembers(ctx, tx, created, fields.memberIds);
        return created;
      })
      .catch(uniqueName);
    return serializeGroup(row, (await membersOf(ctx.db, [row.id])).get(row.id)!);
  },
});

async function writeGroup(ctx: ScimContext, before: GroupRow, body: ScimObject) {
  const fields = groupFields(body);
  return ctx.db
    .transaction(async (tx) => {
      const [after] = await tx
        .update(scimGroups)
        .set({ displayName: fields.displayName, externalId: fields.externalId, resource: fields.resource, updatedAt: ctx.now })
        .where(eq(scimGroups.id, before.id))
        .returning();
      await setMembers(ctx, tx, after, fields.memberIds);
      return after;
    })
    .catch(uniqueName);
}

/** PUT: the whole group, members included, replaces the stored one (Okta's AIW apps). */
export const replaceScimGroup = operation({
  permission: "organization_member:write",
  callers: SCIM,
  input: scimResourceWithId,
  run: async (ctx: ScimContext, { id, ...body }) => {
    const after = await writeGroup(ctx, await groupOf(ctx.db, tenantOf(ctx.principal), id), body);
    return serializeGroup(after, (await membersOf(ctx.db, [after.id])).get(after.id)!);
  },
});

/** PATCH: renames and member changes as Okta and Entra ID send them; answers 204, and replaying it changes nothing more. */
export const patchScimGroup = operation({
  permission: "organization_member:write",
  callers: SCIM,
  input: scimPatchBody,
  run: async (ctx: ScimContext, { id, Operations }) => {
    const before = await groupOf(ctx.db, tenantOf(ctx.principal), id);
    const current = serializeGroup(before, (await membersOf(ctx.db, [before.id])).get(before.id)!);
    await writeGroup(ctx, before, applyPatch(current, Operations));
    return null;
  },
});

export const deleteScimGroup = operation({
  permission: "organization_member:write",
  callers: SCIM,
  input: scimResourceIdInput,
  run: async (ctx: ScimContext, { id }) => {
    await ctx.db.transaction(async (tx) => {
      const group = await groupOf(tx, tenantOf(ctx.principal), id, { lock: true });
      const members = await tx
        .select({ userId: scimUsers.userId })
        .from(scimGroupMembers)
        .innerJoin(scimUsers, eq(scimUsers.id, scimGroupMembers.scimUserId))
        .where(eq(scimGroupMembers.groupId, group.id));
      await tx.delete(scimGroups).where(eq(scimGroups.id, group.id));
      await syncLevels(tx, ctx.organization.id, ctx.principal, members.map((m) => m.userId), ctx.now);
    });
    return null;
  },
});
