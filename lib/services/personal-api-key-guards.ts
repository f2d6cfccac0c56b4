import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { organizationMemberships, organizations } from "../../db/schema";
import type { Principal } from "../auth/principal";
import { keyGrantDenial, type KeyReach } from "../auth/rules";
import { AppError, enforce } from "../errors";
import { checkRecentSignIn } from "./access-checks";

/** A key-authenticated request cannot give a key more than the calling key holds (checked after the input's syntax). */
export function checkWithinCallingKey(principal: Principal, requested: Partial<KeyReach>) {
  if (principal.kind === "api_key") enforce(keyGrantDenial(principal.key, requested));
}

/** Whether a change gives a key more than it has today: a scope it lacks, or organizations beyond its own. */
export function widensKey(current: KeyReach, requested: Partial<KeyReach>) {
  return keyGrantDenial(current, requested) !== null;
}

/**
 * Minting a key (creating, rolling or widening one) from a cookie session: a session without a second factor cannot
 * make a key that reaches an organization requiring two-factor authentication (a key would outlive the session and
 * bypass the requirement), and the session must have signed in recently. The second factor is checked first.
 */
export async function checkSessionMayMintKey(db: Executor, principal: Principal, userId: number, reach: readonly string[], now: Date) {
  if (principal.kind !== "session") return;
  if (!principal.session.mfa) {
    const reached = and(
      eq(organizationMemberships.userId, userId),
      isNull(organizationMemberships.suspendedAt),
      eq(organizations.enforce2fa, true),
      isNull(organizations.deletedAt),
      reach.length > 0 ? inArray(organizations.id, [...reach]) : undefined,
    );
    const [requiring] = await db
      .select({ id: organizations.id })
      .from(organizationMemberships)
      .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
      .where(reached)
      .limit(1);
    if (requiring) throw new AppError("two_factor_required");
  }
  checkRecentSignIn(principal, now);
}
