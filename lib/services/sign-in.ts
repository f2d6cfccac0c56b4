import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { accounts, users } from "../../db/schema";
import { recordActivity } from "./activity";
import { findUserByEmail } from "./admin";
import { provisionUser } from "./provision-user";

export type SignInClaims = {
  provider: string;
  providerAccountId: string;
  email: string;
  emailVerified: boolean;
  givenName: string;
  familyName: string;
  secondFactor: boolean;
};

export type SignInRefusal = "no_email" | "deactivated" | "unverified";

/**
 * Decides a sign-in from the identity provider's claims and records it: a new user is created from the claims;
 * an existing one is linked by lower-cased email only when the provider verified it; a deactivated user is refused.
 * Every sign-in updates last_login, has_social_auth and the 2FA state.
 */
export async function prepareSignIn(db: Db, claims: SignInClaims, now = new Date()): Promise<{ ok: true } | { ok: false; reason: SignInRefusal }> {
  const email = claims.email.trim().toLowerCase();
  if (!email || email.length > 254) return { ok: false, reason: "no_email" };
  const [linked] = await db
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.provider, claims.provider), eq(accounts.providerAccountId, claims.providerAccountId)));
  const existing = linked?.user ?? (await findUserByEmail(db, email));
  if (existing && !existing.isActive) return { ok: false, reason: "deactivated" };
  if (existing && !linked && !claims.emailVerified) return { ok: false, reason: "unverified" };

  const signInState = { lastLogin: now, hasSocialAuth: true, is2faEnabled: claims.secondFactor };
  await db.transaction(async (tx) => {
    if (existing) {
      const [user] = await tx
        .update(users)
        .set({
          ...signInState,
          ...(claims.emailVerified && { isEmailVerified: true }),
          ...(!existing.firstName && claims.givenName && { firstName: claims.givenName.slice(0, 150) }),
          ...(!existing.lastName && claims.familyName && { lastName: claims.familyName.slice(0, 150) }),
        })
        .where(eq(users.id, existing.id))
        .returning();
      await recordActivity(tx, { kind: "session", user, session: { id: "", signedInAt: now, mfa: claims.secondFactor } }, {
        organizationId: null,
        scope: "User",
        itemId: user.uuid,
        activity: "signed_in",
        name: user.email,
      }, now);
      return;
    }
    await provisionUser(tx, {
      email,
      firstName: claims.givenName,
      lastName: claims.familyName,
      emailVerified: claims.emailVerified,
      source: "oidc",
      signIn: { at: now, secondFactor: claims.secondFactor },
    }, now);
  });
  return { ok: true };
}
