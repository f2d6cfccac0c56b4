import { and, asc, count, desc, eq, gt, isNull, or, sql, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Executor } from "../../db/client";
import { accounts, organizationMemberships, personalApiKeys, projectMemberships, projects, users } from "../../db/schema";
import { type AuthUser, type Principal, USER_CALLERS } from "../auth/principal";
import { ADMIN, isLevel, type Level } from "../auth/permissions";
import { editOthersDenial, levelChangeDenial, removalDenial } from "../auth/rules";
import { AppError, echo, enforce, notFound, permissionDenied } from "../errors";
import { canonicalEmail, isUuid } from "../schemas/common";
import { listMembersInput, memberPathInput, updateMemberInput } from "../schemas/members";
import { excludeFromJit } from "./jit";
import { recordActivity } from "./activity";
import { assertOwnerRemains, lockedMembership, lockOrganization, serializeMember } from "./member-rows";
import { operation, type OrgContext } from "./operation";
import { Page } from "./page";
import { iso } from "./serialize";

const SCOPE = "OrganizationMembership";
/** Word similarity of at least 0.3 counts as a match. */
const WORD_SIMILARITY_THRESHOLD = 0.3;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const fullName = sql`(${users.firstName} || ' ' || ${users.lastName})`;

function searchTerms(query: string) {
  const pattern = `%${escapeLike(query)}%`;
  const fields = [sql`${users.firstName}`, sql`${users.lastName}`, fullName, sql`${users.email}`];
  return {
    exact: sql<boolean>`(${sql.join(fields.map((f) => sql`${f} ilike ${pattern}`), sql` or `)})`,
    similar: sql<boolean>`(${sql.join(fields.map((f) => sql`${query} <% ${f}`), sql` or `)})`,
    similarity: sql<number>`greatest(${sql.join(fields.map((f) => sql`word_similarity(${query}, ${f})`), sql`, `)})`,
  };
}

type ListMembersQuery = z.output<typeof listMembersInput>;

/**
 * The member list's two statements (a page of rows and the count) for one caller, unexecuted: `listMembers` runs them,
 * and a test reads the search's query plan. A search needs `pg_trgm.word_similarity_threshold` set first.
 */
export function memberListStatements(e: Executor, organizationId: string, seesSuspended: boolean, input: ListMembersQuery) {
  const filters: SQL[] = [eq(organizationMemberships.organizationId, organizationId), eq(users.isActive, true)];
  if (!seesSuspended) filters.push(isNull(organizationMemberships.suspendedAt));
  // An address that is not valid matches nobody rather than being refused: it is a filter.
  if (input.email) filters.push(sql`lower(${users.email}) = ${canonicalEmail(input.email) ?? ""}`);
  if (input.updated_after) filters.push(gt(organizationMemberships.updatedAt, new Date(input.updated_after)));
  const joined = input.order === "joined_at" ? asc(organizationMemberships.joinedAt) : desc(organizationMemberships.joinedAt);
  const terms = input.search ? searchTerms(input.search) : null;
  if (terms) filters.push(or(terms.exact, terms.similar)!);
  const where = and(...filters);
  const rows = e
    .select({ membership: organizationMemberships, user: users, ...(terms && { exact: terms.exact }) })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(where)
    .orderBy(...(terms ? [desc(terms.exact), desc(terms.similarity)] : []), joined, asc(organizationMemberships.id))
    .limit(input.limit)
    .offset(input.offset);
  const total = e.select({ n: count() }).from(organizationMemberships).innerJoin(users, eq(users.id, organizationMemberships.userId)).where(where);
  return { rows, total, searched: terms !== null };
}

/** Sets the word-similarity threshold for this transaction only, so the `<%` operator can use the trigram indexes. */
export async function setSearchThreshold(tx: Executor) {
  await tx.execute(sql.raw(`set local pg_trgm.word_similarity_threshold = ${WORD_SIMILARITY_THRESHOLD}`));
}

/**
 * Lists members whose account is active; suspended members are listed for admins and owners only. `search` matches
 * names and email exactly (substring) or by trigram word similarity.
 */
export const listMembers = operation({
  permission: "organization_member:read",
  callers: USER_CALLERS,
  input: listMembersInput,
  run: async ({ db, organization, membership }, input) => {
    const page = async (e: Executor) => {
      const statements = memberListStatements(e, organization.id, membership.level >= ADMIN, input);
      const [rows, [total]] = await Promise.all([statements.rows, statements.total]);
      const results = rows.map((r) =>
        serializeMember(r.membership, r.user, statements.searched ? ((r as { exact?: boolean }).exact ? "exact" : "similar") : undefined),
      );
      return new Page(results, total.n, { limit: input.limit, offset: input.offset });
    };
    if (!input.search) return page(db);
    return db.transaction(async (tx) => {
      await setSearchThreshold(tx);
      return page(tx);
    });
  },
});

/** The member a path names: `@me` is the caller; a malformed or unknown uuid, or a non-member, is not found. */
async function targetUser(db: Executor, ctx: OrgContext & { user: AuthUser }, userUuid: string) {
  if (userUuid === "@me") return ctx.user;
  if (!isUuid(userUuid)) throw notFound();
  const [user] = await db.select().from(users).where(eq(users.uuid, userUuid.toLowerCase()));
  if (!user) throw notFound();
  return user;
}

/**
 * Locks the organization, then the requester's and the subject's memberships (one lock order, so no deadlock), and
 * re-reads both under the lock: concurrent changes of owners see each other's result.
 */
async function lockRequesterAndSubject(tx: Executor, organizationId: string, requesterId: number, subjectId: number) {
  await lockOrganization(tx, organizationId);
  const requester = await lockedMembership(tx, organizationId, requesterId);
  if (!requester) throw permissionDenied();
  const subject = subjectId === requesterId ? requester : await lockedMembership(tx, organizationId, subjectId);
  if (!subject) throw notFound();
  return { requester, subject, self: subject === requester };
}

/** Changes a member's level; its refusals are checked in a fixed order, the first winning; an organization always keeps an owner. */
export const updateMember = operation({
  permission: "organization_member:write",
  callers: USER_CALLERS,
  sensitive: true,
  input: updateMemberInput,
  run: async (ctx, input) => {
    const { db, organization, principal, now } = ctx;
    const target = await targetUser(db, ctx, input.user__uuid);
    return db.transaction(async (tx) => {
      const { requester, subject, self } = await lockRequesterAndSubject(tx, organization.id, ctx.user.id, target.id);
      const pair = { requester: requester.membership.level as Level, target: subject.membership.level as Level, self };
      enforce(editOthersDenial(pair));
      if (input.level === undefined) return serializeMember(subject.membership, subject.user);
      if (!isLevel(input.level)) {
        throw new AppError("invalid_choice", { detail: `"${echo(input.level)}" is not a valid choice.`, attr: "level" });
      }
      const level = input.level;
      enforce(levelChangeDenial(pair, level));
      const [updated] = await tx
        .update(organizationMemberships)
        .set({ level, updatedAt: now })
        .where(eq(organizationMemberships.id, subject.membership.id))
        .returning();
      await assertOwnerRemains(tx, organization.id);
      if (updated.level !== subject.membership.level) {
        await recordActivity(tx, principal, {
          organizationId: organization.id,
          scope: SCOPE,
          itemId: updated.id,
          activity: "updated",
          name: subject.user.email,
          changes: [{ type: SCOPE, field: "level", action: "changed", before: subject.membership.level, after: level }],
        }, now);
      }
      return serializeMember(updated, subject.user);
    });
  },
});

/**
 * Who removes: a member (by user id; their own membership is locked and re-read), or a machine caller acting with the
 * authority of a level (a service account holding the directory's removal permission acts as an administrator).
 */
export type Remover = { userId: number } | { machineLevel: Level };

/**
 * Removes the target's membership under the removal rules (leaving is open to all but owners; removing someone else
 * needs an administrator at or above their level), on locked rows; an organization always keeps an owner. Their
 * project access goes, JIT does not add them back, and the entry says whether they left or were removed.
 */
export async function removeMembership(db: Executor, c: { organizationId: string; principal: Principal; now: Date }, remover: Remover, targetUserId: number) {
  const { organizationId, principal, now } = c;
  await db.transaction(async (tx) => {
    let pair: { requester: Level; target: Level; self: boolean };
    let subject: NonNullable<Awaited<ReturnType<typeof lockedMembership>>>;
    if ("userId" in remover) {
      const locked = await lockRequesterAndSubject(tx, organizationId, remover.userId, targetUserId);
      subject = locked.subject;
      pair = { requester: locked.requester.membership.level as Level, target: subject.membership.level as Level, self: locked.self };
    } else {
      await lockOrganization(tx, organizationId);
      const row = await lockedMembership(tx, organizationId, targetUserId);
      if (!row) throw notFound();
      subject = row;
      pair = { requester: remover.machineLevel, target: subject.membership.level as Level, self: false };
    }
    enforce(removalDenial(pair));
    await tx.delete(organizationMemberships).where(eq(organizationMemberships.id, subject.membership.id));
    await assertOwnerRemains(tx, organizationId);
    // Whoever left or was removed is not added back by just-in-time provisioning at their next sign-in.
    await excludeFromJit(tx, organizationId, subject.user.email, now);
    await tx
      .delete(projectMemberships)
      .where(
        and(
          eq(projectMemberships.userId, subject.user.id),
          sql`${projectMemberships.projectId} in (select ${projects.id} from ${projects} where ${projects.organizationId} = ${organizationId})`,
        ),
      );
    await tx
      .update(users)
      .set({ currentOrganizationId: null })
      .where(and(eq(users.id, subject.user.id), eq(users.currentOrganizationId, organizationId)));
    await recordActivity(tx, principal, {
      organizationId,
      scope: SCOPE,
      itemId: subject.membership.id,
      activity: pair.self ? "left" : "removed",
      name: subject.user.email,
      changes: [{ type: SCOPE, field: "level", action: "deleted", before: subject.membership.level, after: null }],
    }, now);
  });
}

/** Leaves the organization (not as an owner) or removes someone at or below the requester's level. */
export const removeMember = operation({
  permission: "organization_member:write",
  callers: USER_CALLERS,
  sensitive: true,
  input: memberPathInput,
  run: async (ctx, input) => {
    const target = await targetUser(ctx.db, ctx, input.user__uuid);
    await removeMembership(ctx.db, { organizationId: ctx.organization.id, principal: ctx.principal, now: ctx.now }, { userId: ctx.user.id }, target.id);
    return null;
  },
});

async function memberOf(ctx: OrgContext & { user: AuthUser }, userUuid: string) {
  const user = await targetUser(ctx.db, ctx, userUuid);
  const [row] = await ctx.db
    .select({ id: organizationMemberships.id })
    .from(organizationMemberships)
    .where(and(eq(organizationMemberships.organizationId, ctx.organization.id), eq(organizationMemberships.userId, user.id)));
  if (!row) throw notFound();
  return user;
}

/** The member's login at a linked GitHub identity, else null. */
export const getMemberGithubLogin = operation({
  permission: "organization_member:read",
  callers: USER_CALLERS,
  input: memberPathInput,
  run: async (ctx, input) => {
    const user = await memberOf(ctx, input.user__uuid);
    const [account] = await ctx.db
      .select({ login: accounts.login })
      .from(accounts)
      .where(and(eq(accounts.userId, user.id), eq(accounts.provider, "github")));
    return { github_login: account?.login ?? null };
  },
});

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/** Which of the member's personal API keys reach this organization (unscoped or scoped to it); sessions only. */
export const getMemberScopedApiKeys = operation({
  permission: "organization_member:api_keys",
  callers: USER_CALLERS,
  input: memberPathInput,
  run: async (ctx, input) => {
    const user = await memberOf(ctx, input.user__uuid);
    const keys = await ctx.db
      .select({ label: personalApiKeys.label, lastUsedAt: personalApiKeys.lastUsedAt })
      .from(personalApiKeys)
      .where(
        and(
          eq(personalApiKeys.userId, user.id),
          sql`(cardinality(${personalApiKeys.scopedOrganizations}) = 0 or ${ctx.organization.id}::uuid = any(${personalApiKeys.scopedOrganizations}))`,
        ),
      )
      .orderBy(desc(personalApiKeys.createdAt));
    const weekAgo = ctx.now.getTime() - WEEK_MS;
    return {
      has_keys: keys.length > 0,
      has_keys_active_last_week: keys.some((k) => k.lastUsedAt !== null && k.lastUsedAt.getTime() >= weekAgo),
      keys: keys.map((k) => ({ name: k.label, last_used_at: iso(k.lastUsedAt) })),
    };
  },
});

