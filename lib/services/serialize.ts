import type { users } from "../../db/schema";
import type { RoleAtOrganizationEnum, UserBasic as UserBasicApi } from "../schemas/users";

/** ISO 8601 UTC with `Z`; fractional seconds only when non-zero, as microseconds. */
export function iso(date: Date): string;
export function iso(date: Date | null): string | null;
export function iso(date: Date | null): string | null {
  if (!date) return null;
  const ms = date.getUTCMilliseconds();
  const base = date.toISOString().slice(0, 19);
  return ms ? `${base}.${String(ms).padStart(3, "0")}000Z` : `${base}Z`;
}

type UserRow = typeof users.$inferSelect;

/** UserBasic: a user as invites, members and activity-log entries show one. */
export function userBasic(user: UserRow): UserBasicApi {
  return {
    id: user.id,
    uuid: user.uuid,
    distinct_id: user.distinctId,
    first_name: user.firstName,
    last_name: user.lastName,
    email: user.email,
    is_email_verified: user.isEmailVerified,
    hedgehog_config: null,
    role_at_organization: user.roleAtOrganization as RoleAtOrganizationEnum | null,
  };
}

export type UserBasic = ReturnType<typeof userBasic>;
