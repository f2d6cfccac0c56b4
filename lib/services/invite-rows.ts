import { and, eq, gt, inArray, isNull, not, sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { organizationInvites, organizationMemberships, projectMemberships, projects, users, type ProjectAccess } from "../../db/schema";
import { ADMIN, type Level } from "../auth/permissions";
import type { AuthUser } from "../auth/principal";
import { inviteDenial, inviteLevelDenial } from "../auth/rules";
import { signInviteToken } from "../auth/invite-token";
import { env } from "../env";
import { enforce, invalidInput } from "../errors";
import { INVITE_DAYS_VALIDITY, parseProjectAccess, type CreateInviteInput, type OrganizationInvite } from "../schemas/invites";
import { recordActivity } from "./activity";
import { allowJitAgain } from "./jit";
import { renderInviteEmail } from "./emails/invite";
import { signedMediaUrl } from "./media/links";
import type { OrgContext } from "./operation";
import { enqueueEmail } from "./outbox";
import { consumeRateLimit, invitesPerOrganization } from "./rate-limits";
import { iso, userBasic } from "./serialize";

export type InviteRow = typeof organizationInvites.$inferSelect;
type UserRow = typeof users.$inferSelect;
export const SCOPE = "OrganizationInvite";
/** The outbox kinds of invitation emails; their `related_id` is the invitation's id. */
const INVITE_MAIL_KIND = { invite: "invite", delegation: "invite_delegation" } as const;
export const INVITE_MAIL_KINDS: readonly string[] = Object.values(INVITE_MAIL_KIND);
const DAY_MS = 24 * 60 * 60 * 1000;

export const inviteExpiry = (invite: Pick<InviteRow, "createdAt">) => new Date(invite.createdAt.getTime() + INVITE_DAYS_VALIDITY * DAY_MS);
export const isExpired = (invite: Pick<InviteRow, "createdAt">, now: Date) => inviteExpiry(invite) <= now;
/** Invites created after this moment are still valid. */
export const validSince = (now: Date) => new Date(now.getTime() - INVITE_DAYS_VALIDITY * DAY_MS);
/** Invitations for the address (in any case) that are neither accepted nor expired at `now`. */
export const pendingInvitationsFor = (email: string, now: Date) =>
  and(
    sql`lower(${organizationInvites.targetEmail}) = ${email.toLowerCase()}`,
    isNull(organizationInvites.acceptedAt),
    gt(organizationInvites.createdAt, validSince(now)),
  );

export function serializeInvite(invite: InviteRow, createdBy: UserRow | null, now: Date): OrganizationInvite {
  return {
    id: invite.id,
    target_email: invite.targetEmail,
    first_name: invite.firstName,
    emailing_attempt_made: invite.emailingAttemptMade,
    level: invite.level as Level,
    is_expired: isExpired(invite, now),
    created_by: createdBy ? userBasic(createdBy) : null,
    created_at: iso(invite.createdAt),
    updated_at: iso(invite.updatedAt),
    message: invite.message,
    private_project_access: invite.privateProjectAccess ?? [],
  };
}

export type InviteApi = ReturnType<typeof serializeInvite>;

export function acceptUrl(secret: string, invite: InviteRow) {
  return `${env().SITE_URL}/invites/${signInviteToken(secret, invite.id, invite.tokenVersion)}`;
}

const displayName = (u: AuthUser) => `${u.firstName} ${u.lastName}`.trim() || u.email;

/** Queues the invitation email in the caller's transaction; true when a transport will deliver it. */
export async function queueInviteEmail(tx: Executor, ctx: OrgContext & { user: AuthUser }, invite: InviteRow, secret: string) {
  const email = renderInviteEmail({
    organizationName: ctx.organization.name,
    inviterName: displayName(ctx.user),
    inviterEmail: ctx.user.email,
    level: invite.level as Level,
    message: invite.message,
    acceptUrl: acceptUrl(secret, invite),
    expiresAt: inviteExpiry(invite),
    delegation: invite.isSetupDelegation,
    logoUrl: ctx.organization.logoMediaId ? signedMediaUrl(secret, ctx.organization.logoMediaId) : null,
  });
  return enqueueEmail(tx, ctx.adapters, { organizationId: ctx.organization.id, kind: INVITE_MAIL_KIND[invite.isSetupDelegation ? "delegation" : "invite"], relatedId: invite.id, to: invite.targetEmail, replyTo: ctx.user.email, ...email }, ctx.now);
}

const accessRank = (level: ProjectAccess["level"]) => (level === "admin" ? 2 : 1);

/** combine_pending_invites: the new request's entries first, then existing ones fill in or upgrade (admin outranks member). */
export function mergeProjectAccess(requested: ProjectAccess[], existing: ProjectAccess[]) {
  const byId = new Map<number, ProjectAccess>();
  for (const entry of [...requested, ...existing]) {
    const current = byId.get(entry.id);
    if (!current || accessRank(entry.level) > accessRank(current.level)) byId.set(entry.id, { ...entry });
  }
  return [...byId.values()];
}

/** Every project is this organization's and not being deleted, and a private one needs an org admin or a project admin. */
async function checkProjects(tx: Executor, ctx: OrgContext & { user: AuthUser }, access: ProjectAccess[]) {
  if (access.length === 0) return;
  const ids = [...new Set(access.map((a) => a.id))];
  const found = await tx
    .select({ id: projects.id, accessControl: projects.accessControl, myLevel: projectMemberships.level })
    .from(projects)
    .leftJoin(projectMemberships, and(eq(projectMemberships.projectId, projects.id), eq(projectMemberships.userId, ctx.user.id)))
    .where(and(eq(projects.organizationId, ctx.organization.id), inArray(projects.id, ids), not(projects.isPendingDeletion)));
  const reachable = found.filter((p) => !p.accessControl || ctx.membership.level >= ADMIN || (p.myLevel ?? 0) >= ADMIN);
  if (reachable.length !== ids.length) {
    throw invalidInput("Project does not exist on this organization, or it is private and you do not have access to it.", "private_project_access");
  }
}

/** Creates one invitation, checking its rules in order (the first failure wins), inside the caller's transaction. */
export async function createInviteInTx(tx: Executor, ctx: OrgContext & { user: AuthUser }, input: CreateInviteInput, secret: string, extra: { isSetupDelegation?: boolean } = {}) {
  const email = input.target_email; // canonical: the input schema made it so
  // Invites of one address in one organization are serialized, so re-inviting at once still leaves one.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`${ctx.organization.id}:${email}`}, 0))`);
  enforce(inviteLevelDenial(ctx.membership.level, input.level));
  const access = parseProjectAccess(input.private_project_access);
  if (!access.ok) throw invalidInput(access.message, "private_project_access");
  await checkProjects(tx, ctx, access.value);
  const [member] = await tx
    .select({ id: organizationMemberships.id })
    .from(organizationMemberships)
    .innerJoin(users, eq(users.id, organizationMemberships.userId))
    .where(and(eq(organizationMemberships.organizationId, ctx.organization.id), sql`lower(${users.email}) = ${email}`));
  if (member) throw invalidInput("A user with this email address already belongs to the organization.");
  await allowJitAgain(tx, ctx.organization.id, email);

  // Accepted invitations are never replaced: their links keep saying "already used".
  const pending = and(
    eq(organizationInvites.organizationId, ctx.organization.id),
    sql`lower(${organizationInvites.targetEmail}) = ${email}`,
    isNull(organizationInvites.acceptedAt),
  );
  let level = input.level;
  let projectAccess = access.value;
  if (input.combine_pending_invites) {
    // The ceiling applies to the level asked for: combining keeps what an earlier inviter already granted, so a member
    // re-inviting someone an admin invited as an admin keeps that level.
    const valid = await tx.select().from(organizationInvites).where(and(pending, gt(organizationInvites.createdAt, validSince(ctx.now))));
    for (const old of valid) {
      level = Math.max(level, old.level) as Level;
      projectAccess = mergeProjectAccess(projectAccess, old.privateProjectAccess ?? []);
    }
  }
  // Counted in this transaction: an invitation refused later in it does not count against the hourly limit.
  await consumeRateLimit(tx, invitesPerOrganization(), ctx.organization.id, ctx.now);
  await tx.delete(organizationInvites).where(pending);
  let [invite] = await tx
    .insert(organizationInvites)
    .values({
      organizationId: ctx.organization.id,
      targetEmail: email,
      firstName: input.first_name,
      level,
      message: input.message,
      privateProjectAccess: projectAccess,
      createdById: ctx.user.id,
      isSetupDelegation: extra.isSetupDelegation ?? false,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  if (input.send_email && (await queueInviteEmail(tx, ctx, invite, secret))) {
    [invite] = await tx.update(organizationInvites).set({ emailingAttemptMade: true }).where(eq(organizationInvites.id, invite.id)).returning();
  }
  await recordActivity(tx, ctx.principal, {
    organizationId: ctx.organization.id,
    scope: SCOPE,
    itemId: invite.id,
    activity: "created",
    name: email,
    changes: [
      { type: SCOPE, field: "target_email", action: "created", before: null, after: email },
      { type: SCOPE, field: "level", action: "created", before: null, after: level },
    ],
  }, ctx.now);
  return invite;
}

/** Members may invite only where the organization allows it; admins and owners always may. */
export function checkCanInvite(ctx: OrgContext) {
  enforce(inviteDenial(ctx.membership.level, ctx.organization.membersCanInvite));
}

