import { and, count, desc, eq, gt, inArray, isNull, ne, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { z } from "zod";
import { organizationInvites, users } from "../../db/schema";
import { ADMIN } from "../auth/permissions";
import { USER_CALLERS } from "../auth/principal";
import { inviteLevelDenial } from "../auth/rules";
import { AppError, enforce, LEVEL_INSUFFICIENT, notFound, permissionDenied } from "../errors";
import { isUuid, paginationQuery } from "../schemas/common";
import { createInviteInput, delegateInviteInput, inviteIdInput, MAX_BULK_INVITES, pendingInvitesInput } from "../schemas/invites";
import { parseInput } from "../schemas/parse";
import { recordActivity } from "./activity";
import { getAuthSecret } from "./instance";
import { acceptUrl, checkCanInvite, createInviteInTx, queueInviteEmail, SCOPE, serializeInvite, validSince } from "./invite-rows";
import { operation } from "./operation";
import { notifyOutbox } from "./outbox";
import { Page } from "./page";

/** Invitations with the people who sent them, newest first. */
const invitesWithCreators = (db: Executor, where: SQL | undefined) =>
  db
    .select({ invite: organizationInvites, createdBy: users })
    .from(organizationInvites)
    .leftJoin(users, eq(users.id, organizationInvites.createdById))
    .where(where)
    .orderBy(desc(organizationInvites.createdAt), desc(organizationInvites.id));

/** Lists the organization's pending and expired invitations, newest first. */
export const listInvites = operation({
  permission: "organization_member:read",
  callers: USER_CALLERS,
  input: paginationQuery,
  run: async ({ db, organization, now }, { limit, offset }) => {
    const where = and(eq(organizationInvites.organizationId, organization.id), isNull(organizationInvites.acceptedAt));
    const [rows, [total]] = await Promise.all([
      invitesWithCreators(db, where).limit(limit).offset(offset),
      db.select({ n: count() }).from(organizationInvites).where(where),
    ]);
    return new Page(rows.map((r) => serializeInvite(r.invite, r.createdBy, now)), total.n, { limit, offset });
  },
});

/**
 * The still-valid invitations of these addresses, newest first: inviting one again would replace its link, so the
 * console offers to resend it instead.
 */
export const findPendingInvites = operation({
  permission: "organization_member:read",
  callers: USER_CALLERS,
  input: pendingInvitesInput,
  run: async ({ db, organization, now }, { emails }) => {
    if (emails.length === 0) return [];
    const rows = await invitesWithCreators(
      db,
      and(
        eq(organizationInvites.organizationId, organization.id),
        isNull(organizationInvites.acceptedAt),
        gt(organizationInvites.createdAt, validSince(now)),
        inArray(sql`lower(${organizationInvites.targetEmail})`, [...new Set(emails)]),
      ),
    );
    return rows.map((r) => serializeInvite(r.invite, r.createdBy, now));
  },
});

/** Invites one person; the email is queued in the same transaction. */
export const createInvite = operation({
  permission: "organization_invite:create",
  callers: USER_CALLERS,
  authorize: checkCanInvite,
  input: createInviteInput,
  run: async (ctx, input) => {
    const secret = await getAuthSecret(ctx.db);
    const invite = await ctx.db.transaction((tx) => createInviteInTx(tx, ctx, input, secret));
    notifyOutbox();
    return serializeInvite(invite, ctx.user, ctx.now);
  },
});

/** A bulk item's field error names it `__<index>__<field>`, as PostHog does; only 400s name a field. */
function tagItem(err: unknown, i: number) {
  if (err instanceof AppError && err.status === 400) return err.withAttr(`__${i}${err.attr ? `__${err.attr}` : ""}`);
  return err;
}
function atItem<T>(i: number, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw tagItem(err, i);
  }
}
const atItemAsync = <T>(i: number, fn: () => Promise<T>) => fn().catch((err: unknown) => Promise.reject(tagItem(err, i)));

const bulkArrayError = () => new AppError("invalid_input", { detail: "This endpoint needs an array of data for bulk invite creation." });

/** Up to 20 invitations, all or nothing: any invalid item creates none and sends nothing. */
export const bulkCreateInvites = operation({
  permission: "organization_invite:create",
  callers: USER_CALLERS,
  authorize: checkCanInvite,
  input: z.unknown(),
  run: async (ctx, body) => {
    if (!Array.isArray(body)) throw bulkArrayError();
    if (body.length > MAX_BULK_INVITES) {
      throw new AppError("max_length", { detail: `A maximum of ${MAX_BULK_INVITES} invites can be sent in a single request.` });
    }
    const items = body.map((item, i) => atItem(i, () => parseInput(createInviteInput, item)));
    const secret = await getAuthSecret(ctx.db);
    const invites = await ctx.db.transaction(async (tx) => {
      const created = [];
      for (const [i, item] of items.entries()) created.push(await atItemAsync(i, () => createInviteInTx(tx, ctx, item, secret)));
      return created;
    });
    notifyOutbox();
    return invites.map((invite) => serializeInvite(invite, ctx.user, ctx.now));
  },
});

/**
 * Delegates the organization's setup to someone else: an admin-level invite flagged as a delegation. The caller's
 * older pending delegation to another address is deleted; a still-valid one to the same address is sent again.
 */
export const delegateInvite = operation({
  permission: "organization_invite:create",
  callers: USER_CALLERS,
  authorize: checkCanInvite,
  input: delegateInviteInput,
  run: async (ctx, input) => {
    const email = input.target_email;
    // A delegation is an admin invite, so the level ceiling applies first.
    enforce(inviteLevelDenial(ctx.membership.level, ADMIN));
    const secret = await getAuthSecret(ctx.db);
    const mine = and(
      eq(organizationInvites.organizationId, ctx.organization.id),
      eq(organizationInvites.createdById, ctx.user.id),
      eq(organizationInvites.isSetupDelegation, true),
      isNull(organizationInvites.acceptedAt),
    );
    const invite = await ctx.db.transaction(async (tx) => {
      await tx.delete(organizationInvites).where(and(mine, ne(sql`lower(${organizationInvites.targetEmail})`, email)));
      const [existing] = await tx
        .select()
        .from(organizationInvites)
        .where(and(mine, sql`lower(${organizationInvites.targetEmail}) = ${email}`, gt(organizationInvites.createdAt, validSince(ctx.now))));
      if (existing) {
        const queued = await queueInviteEmail(tx, ctx, existing, secret);
        const [again] = await tx.update(organizationInvites).set({ emailingAttemptMade: existing.emailingAttemptMade || queued, updatedAt: ctx.now }).where(eq(organizationInvites.id, existing.id)).returning();
        await recordActivity(tx, ctx.principal, { organizationId: ctx.organization.id, scope: SCOPE, itemId: again.id, activity: "resent", name: email }, ctx.now);
        return again;
      }
      return createInviteInTx(tx, ctx, { target_email: email, level: ADMIN, first_name: "", message: input.message, private_project_access: undefined, send_email: true, combine_pending_invites: false }, secret, { isSetupDelegation: true });
    });
    notifyOutbox();
    return serializeInvite(invite, ctx.user, ctx.now);
  },
});

/** Revokes an invitation (admins and owners): its link stops working. */
export const deleteInvite = operation({
  permission: "organization_invite:delete",
  callers: USER_CALLERS,
  input: inviteIdInput,
  run: async ({ db, organization, principal, now }, { id }) => {
    if (!isUuid(id)) throw notFound();
    await db.transaction(async (tx) => {
      const [deleted] = await tx
        .delete(organizationInvites)
        .where(and(eq(organizationInvites.id, id.toLowerCase()), eq(organizationInvites.organizationId, organization.id), isNull(organizationInvites.acceptedAt)))
        .returning();
      if (!deleted) throw notFound();
      await recordActivity(tx, principal, { organizationId: organization.id, scope: SCOPE, itemId: deleted.id, activity: "deleted", name: deleted.targetEmail }, now);
    });
    return null;
  },
});

/** Sends an invitation's email again; the link stays the same. */
export const resendInvite = operation({
  permission: "organization_invite:create",
  callers: USER_CALLERS,
  authorize: checkCanInvite,
  input: inviteIdInput,
  run: async (ctx, { id }) => {
    if (!isUuid(id)) throw notFound();
    const secret = await getAuthSecret(ctx.db);
    const invite = await ctx.db.transaction(async (tx) => {
      const [row] = await tx
        .select()
        .from(organizationInvites)
        .where(and(eq(organizationInvites.id, id.toLowerCase()), eq(organizationInvites.organizationId, ctx.organization.id), isNull(organizationInvites.acceptedAt)));
      if (!row) throw notFound();
      const queued = await queueInviteEmail(tx, ctx, row, secret);
      const [updated] = await tx.update(organizationInvites).set({ emailingAttemptMade: row.emailingAttemptMade || queued, updatedAt: ctx.now }).where(eq(organizationInvites.id, row.id)).returning();
      await recordActivity(tx, ctx.principal, { organizationId: ctx.organization.id, scope: SCOPE, itemId: row.id, activity: "resent", name: row.targetEmail }, ctx.now);
      const [creator] = row.createdById ? await tx.select().from(users).where(eq(users.id, row.createdById)) : [];
      return { updated, creator: creator ?? null };
    });
    notifyOutbox();
    return serializeInvite(invite.updated, invite.creator, ctx.now);
  },
});

/** An invitation's link, for the console's "copy link": the organization's admins and the invite's creator only. */
export const getInviteLink = operation({
  permission: "organization_invite:link",
  callers: USER_CALLERS,
  input: inviteIdInput,
  run: async ({ db, organization, membership, user }, { id }) => {
    if (!isUuid(id)) throw notFound();
    const [invite] = await db
      .select()
      .from(organizationInvites)
      .where(and(eq(organizationInvites.id, id.toLowerCase()), eq(organizationInvites.organizationId, organization.id), isNull(organizationInvites.acceptedAt)));
    if (!invite) throw notFound();
    if (membership.level < ADMIN && invite.createdById !== user.id) throw permissionDenied(LEVEL_INSUFFICIENT);
    return { url: acceptUrl(await getAuthSecret(db), invite) };
  },
});
