import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client";
import { users } from "../../db/schema";
import { generateDistinctId } from "../auth/tokens";
import { AppError, invalidInput } from "../errors";
import { canonicalEmail } from "../schemas/common";
import { recordActivity, SYSTEM_ACTOR } from "./activity";

export type UserRow = typeof users.$inferSelect;

/** Where a new user came from: a sign-in at the identity provider, the admin CLI, SAML, JIT, SCIM, the directory API. */
export type UserSource = "oidc" | "cli" | "saml" | "jit" | "scim" | "directory";

export type NewUser = {
  email: string;
  firstName?: string;
  lastName?: string;
  /** Whether the source vouches for the address (an identity provider's `email_verified`, a trusted SAML/SCIM source). */
  emailVerified: boolean | null;
  source: UserSource;
  /** A picture URL already checked by `pictureFromClaim`. */
  picture?: string | null;
  /** Sign-in state recorded with the first sign-in (last login, second factor). */
  signIn?: { at: Date; secondFactor: boolean };
};

/**
 * The one way a user is made: an email in its canonical form, unique across the instance (taken is 400 `unique`), names cut to
 * their columns, an opaque distinct id, and the audit entry, inside the caller's transaction.
 */
export async function provisionUser(tx: Executor, user: NewUser, now = new Date()): Promise<UserRow> {
  const email = canonicalEmail(user.email);
  if (!email) throw invalidInput("Enter a valid email address.", "email");
  const [created] = await tx
    .insert(users)
    .values({
      email,
      firstName: (user.firstName ?? "").trim().slice(0, 150),
      lastName: (user.lastName ?? "").trim().slice(0, 150),
      distinctId: generateDistinctId(),
      isEmailVerified: user.emailVerified,
      picture: user.picture ?? null,
      dateJoined: now,
      ...(user.signIn && { lastLogin: user.signIn.at, hasSocialAuth: true, is2faEnabled: user.signIn.secondFactor }),
    })
    .onConflictDoNothing()
    .returning();
  if (!created) throw new AppError("unique", { detail: "A user with this email address already exists.", attr: "email" });
  const via = user.source === "cli" ? undefined : ({ kind: user.source === "scim" ? "scim" : "identity_provider" } as const);
  await recordActivity(tx, SYSTEM_ACTOR, { organizationId: null, scope: "User", itemId: created.uuid, activity: "created", name: email, via }, now);
  return created;
}

/** The user with this email, compared in the canonical form (an invalid address finds nobody). */
export async function userByEmail(tx: Executor, email: string): Promise<UserRow | null> {
  const address = canonicalEmail(email);
  if (!address) return null;
  const [user] = await tx.select().from(users).where(sql`lower(${users.email}) = ${address}`);
  return user ?? null;
}
