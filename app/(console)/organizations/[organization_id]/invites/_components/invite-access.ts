import { ADMIN, levelGrants, type Level } from "@/lib/auth/permissions";
import { inviteDenial, inviteLevelDenial } from "@/lib/auth/rules";

/** What the viewer may do with invitations here, and why not when they may not invite at all. */
export type InviteAccess = { canInvite: boolean; canDelegate: boolean; managesAll: boolean; denial: string | null };

/** The organization as the invitation pages read it. */
export type InvitingOrganization = { id: string; name: string; membership_level: Level | null; members_can_invite: boolean };

/** The same rules the invite operations enforce, for showing and enabling the console's controls. */
export function inviteAccess({ membership_level: level, members_can_invite }: InvitingOrganization): InviteAccess {
  if (level === null) return { canInvite: false, canDelegate: false, managesAll: false, denial: "Only members can invite people here." };
  const denial = inviteDenial(level, members_can_invite);
  return {
    canInvite: denial === null,
    // A setup delegation is an administrator invitation, so the level ceiling decides it too.
    canDelegate: denial === null && inviteLevelDenial(level, ADMIN) === null,
    managesAll: levelGrants(level, "organization_invite:delete"),
    denial: denial?.hint ?? null,
  };
}
