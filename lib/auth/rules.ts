/**
 * Rules that depend on more than the caller's permission: who may change whose level, remove whom, invite at which
 * level. Pure and client-safe: the operations enforce them (inside their transactions, on locked rows) and the console
 * calls the same functions to enable its controls. Each denial carries the API's message and the console's short hint.
 */
import { ADMIN, OWNER, type Level } from "./permissions";
import { scopesAllow, type Scope } from "./scopes";

/** Why something is refused: the API's error code and message, and the console's short hint. */
export type Denial = { code: "permission_denied" | "invalid_input"; message: string; hint: string };

/** The requester's and the target's levels; `self` when both are the same membership. */
export type MemberPair = { requester: Level; target: Level; self: boolean };

const deny = (message: string, hint: string, code: Denial["code"] = "permission_denied"): Denial => ({ code, message, hint });

/** Acting on someone else needs an admin, and one at or above the other person's level. */
export function editOthersDenial({ requester, target, self }: MemberPair): Denial | null {
  if (self) return null;
  if (requester < ADMIN) return deny("You can only edit others if you are an admin.", "Only admins and owners change levels.");
  if (target > requester) {
    return deny("You can only edit others with level lower or equal to you.", "Only owners change an owner's level.");
  }
  return null;
}

/**
 * A level change, after `editOthersDenial` and after the new level was validated: nobody changes their own level,
 * only owners make owners, and nobody raises someone above their own level.
 */
export function levelChangeDenial(pair: MemberPair, newLevel: Level): Denial | null {
  const others = editOthersDenial(pair);
  if (others) return others;
  if (pair.self) return deny("You can't change your own access level.", "You can't change your own level.");
  if (newLevel === OWNER && pair.requester !== OWNER) {
    return deny("You can only make another member owner if you're this organization's owner.", "Only owners make owners.");
  }
  if (newLevel !== OWNER && newLevel > pair.requester) {
    return deny("You can only change access level of others to lower or equal to your current one.", "Above your own level.");
  }
  return null;
}

/** Removing someone else follows `editOthersDenial`; leaving is open to everyone but owners. */
export function removalDenial(pair: MemberPair): Denial | null {
  if (pair.self) return leaveDenial(pair.requester);
  return editOthersDenial(pair);
}

/** Owners cannot leave: another owner has to lower their level first (an organization keeps an owner). */
export function leaveDenial(level: Level): Denial | null {
  if (level === OWNER) {
    return deny(
      "Cannot leave the organization as its owner!",
      "Owners can't leave. Ask another owner to make you an administrator or a member first, then leave; or delete the organization in Settings.",
      "invalid_input",
    );
  }
  return null;
}

/** Inviting at all: admins always, members only where the organization allows it. */
export function inviteDenial(requester: Level, membersCanInvite: boolean): Denial | null {
  if (requester < ADMIN && !membersCanInvite) {
    return deny(
      "Your organization does not allow members to invite. Ask an admin to invite this person.",
      "Only admins can invite people here.",
    );
  }
  return null;
}

/** Nobody invites above their own level (a setup delegation invites an administrator). */
export function inviteLevelDenial(requester: Level, level: Level): Denial | null {
  if (level > requester) return deny("You cannot invite a user with a higher permission level than your own.", "Above your own level.");
  return null;
}

/** What a personal API key holds, or what a request asks a key to hold (no organizations: all of the owner's). */
export type KeyReach = { scopes: readonly string[]; scopedOrganizations: readonly string[]; scopedTeams?: readonly number[] };

/**
 * A request made with a personal API key cannot give a key more than the calling key holds: every scope must be one
 * the calling key has (`*` only from `*`), and a calling key scoped to some organizations (or projects) can grant only
 * those.
 * `requested` names only what the request sets; an unscoped calling key may scope freely.
 */
export function keyGrantDenial(caller: KeyReach, requested: Partial<KeyReach>): Denial | null {
  const exceeding = (requested.scopes ?? []).filter((s) => (s === "*" ? !caller.scopes.includes("*") : !scopesAllow(caller.scopes, s as Scope)));
  if (exceeding.length > 0) {
    return deny(
      `This personal API key cannot grant scopes it does not hold: ${[...new Set(exceeding)].join(", ")}.`,
      "Beyond the calling key's scopes.",
    );
  }
  const projects = projectGrantDenial(caller.scopedTeams ?? [], requested.scopedTeams);
  if (projects) return projects;
  const organizations = requested.scopedOrganizations;
  if (organizations === undefined || caller.scopedOrganizations.length === 0) return null;
  if (organizations.length === 0) {
    return deny(
      "This personal API key is scoped to some organizations and cannot grant access to all of them.",
      "Beyond the calling key's organizations.",
    );
  }
  const outside = organizations.filter((id) => !caller.scopedOrganizations.includes(id));
  if (outside.length > 0) {
    return deny(
      `This personal API key cannot grant access to organizations it is not scoped to: ${outside.join(", ")}.`,
      "Beyond the calling key's organizations.",
    );
  }
  return null;
}

/** A calling key scoped to some projects grants only those, and never a key without a project limit. */
function projectGrantDenial(caller: readonly number[], requested: readonly number[] | undefined): Denial | null {
  if (requested === undefined || caller.length === 0) return null;
  if (requested.length === 0) {
    return deny("This personal API key is scoped to some projects and cannot grant access to all of them.", "Beyond the calling key's projects.");
  }
  const outside = requested.filter((id) => !caller.includes(id));
  if (outside.length > 0) {
    return deny(`This personal API key cannot grant access to projects it is not scoped to: ${outside.join(", ")}.`, "Beyond the calling key's projects.");
  }
  return null;
}
