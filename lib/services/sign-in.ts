import { and, eq, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client";
import { accounts, users } from "../../db/schema";
import { canonicalEmail } from "../schemas/common";
import { recordActivity } from "./activity";
import { findUserByEmail } from "./admin";
import { joinByVerifiedDomain } from "./jit";
import { provisionUser } from "./provision-user";
import { ssoRequirementFor, type SignInKind } from "./saml/sso-policy";

export type SignInClaims = {
  /** How the person signed in: the OpenID Connect provider, or a SAML connection. */
  kind?: SignInKind;
  provider: string;
  /** The identity provider's issuer: an identity is the pair (issuer, subject), never a provider name and a subject. */
  issuer: string;
  providerAccountId: string;
  email: string;
  /** The ID token said `email_verified: true`, or the operator trusts this provider's addresses (OIDC_TRUST_EMAILS). */
  emailVerified: boolean;
  givenName: string;
  familyName: string;
  secondFactor: boolean;
  /** The `picture` claim when it is a URL the console may show (`pictureFromClaim`), else null. */
  picture?: string | null;
};

/**
 * Whether the provider vouches for the address: its ID token says `email_verified: true` (exactly), or the operator
 * trusts this provider's addresses without the claim (OIDC_TRUST_EMAILS, for e.g. Microsoft Entra ID).
 */
export const providerVouchesForEmail = (claim: unknown, trustEmails: boolean) => claim === true || trustEmails;

export type SignInRefusal = "no_email" | "deactivated" | "unverified" | "sso_required";

export type SignInDecision = { ok: true; userId: number } | { ok: false; reason: SignInRefusal; domain?: string };

/** Records that this identity (issuer, subject) signs in as this user; next-auth then finds the user by it. */
async function linkIdentity(tx: Executor, userId: number, claims: SignInClaims) {
  await tx
    .insert(accounts)
    .values({ userId, type: claims.kind ?? "oidc", provider: claims.provider, issuer: claims.issuer, providerAccountId: claims.providerAccountId })
    .onConflictDoNothing();
}

/**
 * Identities linked before they were keyed by issuer belong to the issuer configured now: called at start-up once
 * it is known. Idempotent; a row whose subject the issuer already has stays as it is (it can never match).
 */
export async function assignIssuerToLegacyIdentities(db: Db, issuer: string) {
  await db.execute(sql`
    UPDATE accounts AS a SET issuer = ${issuer}
    WHERE a.issuer IS NULL
      AND NOT EXISTS (SELECT 1 FROM accounts AS b WHERE b.issuer = ${issuer} AND b.provider_account_id = a.provider_account_id)`);
}

/**
 * Decides a sign-in from the identity provider's claims and records it. An address the provider has not verified is
 * refused. The identity (issuer, subject) finds its user; an identity seen for the first time is linked to the user
 * with its email, or to a new user made from the claims. A deactivated user is refused. Every sign-in updates
 * last_login, has_social_auth, the 2FA state and the picture, and joins the organizations whose verified domain is
 * the address's and that provision people just in time. An address under a verified domain that enforces single
 * sign-on is refused when it signs in any other way.
 */
export async function prepareSignIn(db: Db, claims: SignInClaims, now = new Date()): Promise<SignInDecision> {
  // An address the product would refuse anywhere else (to invite, to create) cannot make or find an account either.
  const email = canonicalEmail(claims.email);
  if (!email) return { ok: false, reason: "no_email" };
  // Email is how people are found and invited: an unverified one could claim someone else's account or invitation.
  if (!claims.emailVerified) return { ok: false, reason: "unverified" };
  // An organization that verified the address's domain and enforces a method admits its people only through it.
  const required = await ssoRequirementFor(db, email);
  if (required && required.kind !== (claims.kind ?? "oidc")) return { ok: false, reason: "sso_required", domain: required.domain };
  const [linked] = await db
    .select({ user: users })
    .from(accounts)
    .innerJoin(users, eq(users.id, accounts.userId))
    .where(and(eq(accounts.issuer, claims.issuer), eq(accounts.providerAccountId, claims.providerAccountId)));
  const existing = linked?.user ?? (await findUserByEmail(db, email));
  if (existing && !existing.isActive) return { ok: false, reason: "deactivated" };

  // The picture follows the provider: one it no longer sends is removed.
  const signInState = { lastLogin: now, hasSocialAuth: true, is2faEnabled: claims.secondFactor, picture: claims.picture ?? null };
  const userId = await db.transaction(async (tx) => {
    if (existing) {
      const [user] = await tx
        .update(users)
        .set({
          ...signInState,
          isEmailVerified: true,
          ...(!existing.firstName && claims.givenName && { firstName: claims.givenName.slice(0, 150) }),
          ...(!existing.lastName && claims.familyName && { lastName: claims.familyName.slice(0, 150) }),
        })
        .where(eq(users.id, existing.id))
        .returning();
      if (!linked) await linkIdentity(tx, user.id, claims);
      await joinByVerifiedDomain(tx, user, now);
      await recordActivity(tx, { kind: "session", user, session: { id: "", signedInAt: now, mfa: claims.secondFactor } }, {
        organizationId: null,
        scope: "User",
        itemId: user.uuid,
        activity: "signed_in",
        name: user.email,
        via: { kind: "identity_provider" },
      }, now);
      return user.id;
    }
    const created = await provisionUser(tx, {
      email,
      firstName: claims.givenName,
      lastName: claims.familyName,
      emailVerified: true,
      picture: claims.picture ?? null,
      source: claims.kind ?? "oidc",
      signIn: { at: now, secondFactor: claims.secondFactor },
    }, now);
    await linkIdentity(tx, created.id, claims);
    await joinByVerifiedDomain(tx, created, now);
    return created.id;
  });
  return { ok: true, userId };
}
