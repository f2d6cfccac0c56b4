import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { z } from "zod";
import type { Executor } from "../../db/client";
import { organizationMemberships, organizations, users } from "../../db/schema";
import { type AuthUser, organizationLimit, type Principal, USER_CALLERS } from "../auth/principal";
import { invalidInput, notFound, permissionDenied } from "../errors";
import { isUuid } from "../schemas/common";
import { parseInput } from "../schemas/parse";
import type { OrganizationBasic } from "../schemas/organizations";
import { updateMeInput, type User } from "../schemas/users";
import { diffChanges, recordActivity } from "./activity";
import { operation } from "./operation";
import { iso, userBasic } from "./serialize";

/** `/api/users/:user_id/` answers only for the caller: `@me` or their own uuid; anyone else is not found. */
export function assertSelf(user: AuthUser, userId: string) {
  if (userId !== "@me" && !(isUuid(userId) && userId.toLowerCase() === user.uuid)) throw notFound();
}

/** The caller's profile; an organization-scoped key sees only its organizations. */
async function serializeMe(db: Executor, user: AuthUser, principal: Principal): Promise<User> {
  const reach = organizationLimit(principal);
  const memberships = await db
    .select({ id: organizations.id, name: organizations.name, slug: organizations.slug, membership_level: organizationMemberships.level })
    .from(organizationMemberships)
    .innerJoin(organizations, eq(organizations.id, organizationMemberships.organizationId))
    .where(
      and(
        eq(organizationMemberships.userId, user.id),
        isNull(organizationMemberships.suspendedAt),
        reach ? inArray(organizationMemberships.organizationId, [...reach]) : undefined,
        isNull(organizations.deletedAt),
      ),
    )
    .orderBy(asc(organizationMemberships.joinedAt));
  const current = memberships.find((m) => m.id === user.currentOrganizationId) ?? memberships[0] ?? null;
  const { hedgehog_config: _, ...basic } = userBasic(user);
  return {
    ...basic,
    date_joined: iso(user.dateJoined),
    organization: current as OrganizationBasic | null,
    organizations: memberships as OrganizationBasic[],
  };
}

/** The caller's own profile, with their current organization and all of theirs. */
export const getMe = operation({
  permission: "user:read",
  callers: USER_CALLERS,
  input: z.object({ user_id: z.string() }),
  run: async ({ db, user, principal }, input) => {
    assertSelf(user, input.user_id);
    return serializeMe(db, user, principal);
  },
});

function profileOf(user: AuthUser) {
  return {
    first_name: user.firstName,
    last_name: user.lastName,
    role_at_organization: user.roleAtOrganization,
    current_organization_id: user.currentOrganizationId,
  };
}

/** Updates the caller's names and role, and switches their current organization to one they belong to. */
export const updateMe = operation({
  permission: "user:write",
  callers: USER_CALLERS,
  // Whose profile comes before what the body says: another user's is 404 whatever the body.
  input: z.looseObject({ user_id: z.string() }),
  run: async ({ db, user, principal, now }, raw) => {
    assertSelf(user, raw.user_id);
    const input = parseInput(updateMeInput, raw);
    return db.transaction(async (tx) => {
      const target = input.set_current_organization;
      if (target !== undefined) {
        const [membership] = isUuid(target)
          ? await tx
              .select({ id: organizationMemberships.id })
              .from(organizationMemberships)
              .where(and(eq(organizationMemberships.userId, user.id), eq(organizationMemberships.organizationId, target.toLowerCase()), isNull(organizationMemberships.suspendedAt)))
          : [];
        if (!membership) throw invalidInput("You are not a member of this organization.", "set_current_organization");
        // A key scoped to some organizations cannot point the user's current organization elsewhere.
        const reach = organizationLimit(principal);
        if (reach && !reach.includes(target.toLowerCase())) {
          throw permissionDenied(`API key does not have access to the requested organization: ID ${target.toLowerCase()}.`);
        }
      }
      const columns = {
        ...(input.first_name !== undefined && { firstName: input.first_name }),
        ...(input.last_name !== undefined && { lastName: input.last_name }),
        ...(input.role_at_organization !== undefined && { roleAtOrganization: input.role_at_organization }),
        ...(target !== undefined && { currentOrganizationId: target.toLowerCase() }),
      };
      // Nothing to change (an empty body, or unknown fields only) answers the profile as it is.
      const [updated] = Object.keys(columns).length > 0 ? await tx.update(users).set(columns).where(eq(users.id, user.id)).returning() : [user];
      const changes = diffChanges("User", profileOf(user), profileOf(updated));
      if (changes.length > 0) {
        await recordActivity(tx, principal, { organizationId: null, scope: "User", itemId: user.uuid, activity: "updated", name: user.email, changes }, now);
      }
      return serializeMe(tx, updated, principal);
    });
  },
});
