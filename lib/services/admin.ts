import { and, eq, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { organizationMemberships, organizations, users } from "../../db/schema";
import { invalidInput, organizationNotFound } from "../errors";
import { emailInput, isUuid, membershipLevel } from "../schemas/common";
import { parseInput } from "../schemas/parse";
import { recordActivity, SYSTEM_ACTOR, wholeObjectChanges } from "./activity";
import { provisionUser, userByEmail } from "./provision-user";
import { deleteUserSessions } from "./sessions";

/** Operator actions of the admin CLI: no HTTP route reaches them; they obey the API's rules and are audited. */
const OPERATOR = SYSTEM_ACTOR;

export const createUserInput = z.object({
  email: emailInput,
  first_name: z.string().trim().max(150).default(""),
  last_name: z.string().trim().max(150).default(""),
});

export function adminUserView(user: typeof users.$inferSelect) {
  return { id: user.id, uuid: user.uuid, email: user.email, first_name: user.firstName, last_name: user.lastName };
}

export async function findUserByEmail(db: Db, email: string) {
  return userByEmail(db, email);
}

export async function requireUserByEmail(db: Db, email: string) {
  const user = await findUserByEmail(db, email);
  if (!user) throw invalidInput(`No user with the email address ${email}.`, "email");
  return user;
}

/** Creates a user at the admin CLI: the operator vouches for the address, so it counts as verified. */
export async function createUser(db: Db, raw: z.input<typeof createUserInput>) {
  const input = parseInput(createUserInput, raw);
  return db.transaction((tx) =>
    provisionUser(tx, { email: input.email, firstName: input.first_name, lastName: input.last_name, emailVerified: true, source: "cli" }),
  );
}

/** A deactivated user's sessions end at once, their keys stop working, and they cannot sign in. */
export async function deactivateUser(db: Db, email: string) {
  const user = await requireUserByEmail(db, email);
  return db.transaction(async (tx) => {
    const [updated] = await tx.update(users).set({ isActive: false }).where(eq(users.id, user.id)).returning();
    await deleteUserSessions(tx, user.id);
    await recordActivity(tx, OPERATOR, {
      organizationId: null,
      scope: "User",
      itemId: user.uuid,
      activity: "deactivated",
      name: user.email,
      changes: [{ type: "User", field: "is_active", action: "changed", before: user.isActive, after: false }],
    });
    return updated;
  });
}

/** Adds an existing user to an organization at a level (operators only; people otherwise join by invitation). */
export async function addMember(db: Db, raw: { organization_id: string; email: string; level: unknown }) {
  const level = parseInput(z.object({ level: membershipLevel }), { level: raw.level }).level;
  if (!isUuid(raw.organization_id)) throw organizationNotFound();
  const user = await requireUserByEmail(db, raw.email);
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(and(eq(organizations.id, raw.organization_id.toLowerCase()), isNull(organizations.deletedAt)));
    if (!org) throw organizationNotFound();
    const [membership] = await tx
      .insert(organizationMemberships)
      .values({ organizationId: org.id, userId: user.id, level, source: "cli" })
      .onConflictDoNothing()
      .returning();
    if (!membership) throw invalidInput("A user with this email address already belongs to the organization.");
    await recordActivity(tx, OPERATOR, {
      organizationId: org.id,
      scope: "OrganizationMembership",
      itemId: membership.id,
      activity: "created",
      name: user.email,
      changes: wholeObjectChanges("OrganizationMembership", "created", { user: user.uuid, level }),
    });
    return { id: membership.id, level: membership.level, user: { uuid: user.uuid, email: user.email } };
  });
}
