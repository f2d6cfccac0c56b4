/**
 * What each membership level may do, in plain sentences for the console, generated from the permission tables and the
 * rule functions: a permission added to a level, or a rule changed, changes the explanation with it. Client-safe.
 */
import { LEVEL_NAMES, LEVELS, MEMBER, OWNER, ROLES, roleOf, type Level, type OrganizationPermission } from "./permissions";
import { editOthersDenial, inviteDenial, leaveDenial, levelChangeDenial } from "./rules";

/**
 * Each organization permission as something a person sees or does. Null: told by a rule instead (inviting, level
 * changes and removals), or part of another permission's sentence (an invitation's link goes with inviting).
 */
const PHRASES: Record<OrganizationPermission, { sees: string[] } | { does: string } | null> = {
  "organization:read": { sees: ["the organization's settings"] },
  "organization_member:read": { sees: ["its members", "pending invitations"] },
  "organization_member:api_keys": { sees: ["the personal API keys that reach it"] },
  "activity_log:read": { sees: ["the activity log"] },
  "outbox:read": { sees: ["the outbox"] },
  "organization:write": { does: "changes the organization's settings" },
  "organization_domain:read": { sees: ["its domains and identity providers"] },
  "organization_domain:write": { does: "manages domains, single sign-on and SCIM" },
  "organization_domain:admin": null,
  "oauth_application:read": { sees: ["its OAuth applications"] },
  "oauth_application:write": { does: "registers OAuth applications" },
  "organization_integration:read": { sees: ["its integrations"] },
  "organization_integration:write": { does: "manages webhooks" },
  "organization_integration:deliveries": null,
  "organization_integration:admin": null,
  "batch_export:read": { sees: ["its batch exports"] },
  "batch_export:logs": null,
  "batch_export:test_steps": null,
  "batch_export:write": { does: "manages batch exports" },
  "batch_export:test": null,
  "organization_invite:delete": { does: "cancels invitations" },
  "legal_document:read": { sees: ["its legal documents"] },
  "legal_document:write": { does: "generates legal documents for signature" },
  "legal_document:download": null,
  "organization:delete": { does: "deletes the organization" },
  // Reading them goes with managing them: both are administrators'.
  "service_account:read": null,
  "service_account:write": { does: "manages service accounts" },
  "directory_role:read": null,
  "directory:permissions": null,
  "directory_role:write": { does: "manages custom directory roles" },
  // The directory API's own permission strings, granted by roles, say who may use it.
  "directory:read": null,
  "directory:write": null,
  "organization_invite:create": null,
  "organization_invite:link": null,
  "organization_member:write": null,
  // What a member reaches in projects depends on each project's access control, not on the level alone.
  "project:read": null,
  "project:write": null,
};

const grants = (level: Level) => ROLES[roleOf(level)].grants;

/** "a member", "an administrator", "an owner". */
export const withArticle = (word: string) => `${/^[aeiou]/i.test(word) ? "an" : "a"} ${word}`;

/** "a", "a and b", "a, b and c". */
function list(items: string[]) {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const plural = (level: Level) => `${LEVEL_NAMES[level].toLowerCase()}s`;

function seen(level: Level) {
  return grants(level).flatMap((p) => {
    const phrase = PHRASES[p];
    return phrase && "sees" in phrase ? phrase.sees : [];
  });
}

function done(level: Level) {
  const phrases: string[] = [];
  if (grants(level).includes("organization_invite:create")) {
    phrases.push(inviteDenial(level, false) === null ? "invites people" : "invites people when the organization allows it");
  }
  for (const p of grants(level)) {
    const phrase = PHRASES[p];
    if (phrase && "does" in phrase) phrases.push(phrase.does);
  }
  return phrases;
}

/** Whose level this level changes, how high it raises them, and whether it removes them: from the rule functions. */
function manages(level: Level): string | null {
  if (!grants(level).includes("organization_member:write")) return null;
  const others = LEVELS.filter((target) => editOthersDenial({ requester: level, target, self: false }) === null);
  if (others.length === 0) return null;
  const highest = [...LEVELS].reverse().find((to) => levelChangeDenial({ requester: level, target: MEMBER, self: false }, to) === null) ?? MEMBER;
  if (others.length === LEVELS.length) return `Changes anyone's level, ${plural(highest)} included, and removes anyone.`;
  return `Changes the level of ${list(others.map(plural))}, up to ${LEVEL_NAMES[highest].toLowerCase()}, and removes them.`;
}

/**
 * Two to four plain sentences on what a level may do: what the level below may do is summed up in one sentence, then
 * what this level adds.
 */
export function levelExplanation(level: Level): string[] {
  const below = LEVELS[LEVELS.indexOf(level) - 1] as Level | undefined;
  const before = (items: string[], lower: string[]) => items.filter((item) => !lower.includes(item));
  const sees = before(seen(level), below ? seen(below) : []);
  const does = before(done(level), below ? done(below) : []);
  const managed = manages(level);
  const sentences: string[] = [];
  if (below) sentences.push(`Everything ${withArticle(LEVEL_NAMES[below].toLowerCase())} may do.`);
  if (sees.length > 0) sentences.push(`${below ? "Also sees" : "Sees"} ${list(sees)}.`);
  if (does.length > 0) sentences.push(`${below && sees.length === 0 ? "Also " : ""}${list(does)}.`.replace(/^./, (c) => c.toUpperCase()));
  if (managed && managed !== (below && manages(below))) sentences.push(managed);
  // Owners are the level that may not leave; someone has to take their place first.
  if (leaveDenial(level)) sentences.push("Can't leave until another owner lowers their level.");
  return sentences;
}

/**
 * Whether a level change makes someone an owner (`promote`) or makes an owner something else (`demote`): the console
 * asks for confirmation of these; every other change applies at once.
 */
export function ownerChange(from: Level, to: Level): "promote" | "demote" | null {
  if (from === to) return null;
  if (to === OWNER) return "promote";
  return from === OWNER ? "demote" : null;
}
