import { and, eq, isNotNull } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { jitExclusions, organizationDomains, organizationMemberships } from "../../db/schema";
import { MEMBER } from "../auth/permissions";
import { recordActivity, SYSTEM_ACTOR } from "./activity";
import { emailDomain } from "../schemas/common";
import type { UserRow } from "./provision-user";

/**
 * Just-in-time provisioning, at a sign-in whose address its source verified: the person joins, as a member, every
 * organization that verified exactly their address's domain (not a parent of it) and turned JIT on, unless they are
 * already in it or were removed from it (until an invitation asks them back). Returns the organizations joined.
 */
export async function joinByVerifiedDomain(tx: Executor, user: UserRow, now: Date): Promise<string[]> {
  const candidates = await tx
    .select({ organizationId: organizationDomains.organizationId, domain: organizationDomains.domain })
    .from(organizationDomains)
    .where(and(eq(organizationDomains.domain, emailDomain(user.email)), isNotNull(organizationDomains.verifiedAt), eq(organizationDomains.jitProvisioningEnabled, true)));
  const joined: string[] = [];
  for (const { organizationId, domain } of candidates) {
    const [excluded] = await tx
      .select({ email: jitExclusions.email })
      .from(jitExclusions)
      .where(and(eq(jitExclusions.organizationId, organizationId), eq(jitExclusions.email, user.email.toLowerCase())));
    if (excluded) continue;
    const [membership] = await tx
      .insert(organizationMemberships)
      .values({ organizationId, userId: user.id, level: MEMBER, source: "jit", joinedAt: now, updatedAt: now })
      .onConflictDoNothing()
      .returning();
    if (!membership) continue;
    await recordActivity(
      tx,
      SYSTEM_ACTOR,
      {
        organizationId,
        scope: "OrganizationMembership",
        itemId: membership.id,
        activity: "joined",
        name: `${user.email} (verified domain ${domain})`,
        changes: [{ type: "OrganizationMembership", field: "level", action: "created", before: null, after: MEMBER }],
        via: { kind: "identity_provider" },
      },
      now,
    );
    joined.push(organizationId);
  }
  return joined;
}

/** Remembers that this address left or was removed, so JIT does not add it back. */
export async function excludeFromJit(tx: Executor, organizationId: string, email: string, now: Date) {
  await tx.insert(jitExclusions).values({ organizationId, email: email.toLowerCase(), createdAt: now }).onConflictDoNothing();
}

/** An invitation asks the person back: JIT may add them again. */
export async function allowJitAgain(tx: Executor, organizationId: string, email: string) {
  await tx.delete(jitExclusions).where(and(eq(jitExclusions.organizationId, organizationId), eq(jitExclusions.email, email.toLowerCase())));
}
